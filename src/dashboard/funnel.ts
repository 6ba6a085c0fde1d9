import type { Language } from '../i18n/language';

/** The application's steps in order: the funnel the dashboard draws (the fields as the form asks them). */
export const FUNNEL_STEPS = ['started', 'receivedOn', 'reason', 'fullName', 'cardNumber', 'posSerial', 'mobile', 'email', 'reviewed', 'signed', 'submitted'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** Where the cancellation dialog reports each step a conversation reaches (never what was entered). */
export interface ApplicationFunnel {
  reached(conversationId: string, language: Language, step: FunnelStep): void;
}
