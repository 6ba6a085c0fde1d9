/** The label set of ../shared/nlu/intents.md: the project's contract with its evaluation files. */
export const CONVERSATIONAL_INTENTS = ['cancel_pos', 'check_status', 'human_agent', 'greeting', 'thanks_bye', 'help', 'abort'] as const;

export const FAQ_INTENTS = [
  'faq_hotline',
  'faq_cancel_steps',
  'faq_materials',
  'faq_review_time',
  'faq_review_rejected',
  'faq_refund_method',
  'faq_refund_verify',
  'faq_deadline',
  'faq_keep_evidence',
  'faq_monitor_account',
  'faq_close_card',
  'faq_cancel_reasons',
  'faq_what_is_pos',
  'faq_fees',
  'faq_services',
  'faq_account_binding',
  'faq_apply_pos',
  'faq_pos_types',
  'faq_alternatives',
  'faq_payment_security',
  'faq_cancel_cost',
  'faq_lost_device',
  'faq_find_serial',
] as const;

export const NONE = 'None';

export type ConversationalIntent = (typeof CONVERSATIONAL_INTENTS)[number];
export type FaqIntent = (typeof FAQ_INTENTS)[number];
export type Intent = ConversationalIntent | FaqIntent;
export type Label = Intent | typeof NONE;

export const INTENTS: readonly Intent[] = [...CONVERSATIONAL_INTENTS, ...FAQ_INTENTS];
export const LABELS: readonly Label[] = [...INTENTS, NONE];

export function isFaqIntent(label: string): label is FaqIntent {
  return (FAQ_INTENTS as readonly string[]).includes(label);
}
