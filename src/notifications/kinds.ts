/** What the merchant hears about outside the chat: the steps of their case, and reminders of what waits for them. */
export const NOTIFICATION_KINDS = ['submitted', 'approved', 'rejected', 'refund_paid', 'closed', 'accept_reminder', 'refund_reminder'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

const BY_EVENT: Record<string, NotificationKind> = {
  submitted: 'submitted',
  approved: 'approved',
  rejected: 'rejected',
  refund_paid: 'refund_paid',
  closed: 'closed',
  // Written to the case's log by the reminder jobs (the refund follow-up writes refund_reminded).
  accept_reminded: 'accept_reminder',
  refund_reminded: 'refund_reminder',
};

/**
 * The notification an event of the case's log sends (a transition's event is named after its new
 * status); none for the steps the merchant took in the chat themselves, notes and the like.
 */
export function kindForEvent(type: string): NotificationKind | undefined {
  return Object.hasOwn(BY_EVENT, type) ? BY_EVENT[type] : undefined;
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
