import type { CaseStatus } from '../cases/lifecycle';

/** What the merchant hears about outside the chat: the steps of their case, and reminders of what waits for them. */
export const NOTIFICATION_KINDS = ['submitted', 'approved', 'rejected', 'refund_paid', 'closed', 'accept_reminder', 'refund_reminder'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

const BY_STATUS: Partial<Record<CaseStatus, NotificationKind>> = {
  submitted: 'submitted',
  approved: 'approved',
  rejected: 'rejected',
  refund_paid: 'refund_paid',
  closed: 'closed',
};

/** The notification a case reaching `status` sends; none for the steps the merchant took in the chat themselves. */
export function kindForStatus(status: CaseStatus): NotificationKind | undefined {
  return BY_STATUS[status];
}

/**
 * The variables each SMS template carries, in order: Aliyun templates name them (${reference}),
 * Tencent templates number them ({1}, {2}) in this order.
 */
export const SMS_VARIABLES: Record<NotificationKind, readonly string[]> = {
  submitted: ['reference', 'latest'],
  approved: ['reference'],
  rejected: ['reference'],
  refund_paid: ['reference', 'amount'],
  closed: ['reference'],
  accept_reminder: ['reference'],
  refund_reminder: ['reference'],
};
