import type { CaseRecord } from '../cases/caseService';
import { normalizeLocale, type Language } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import { maskCardNumbers } from '../pii/cardNumbers';
import { SMS_VARIABLES, type NotificationKind } from './kinds';

/** One notification in the merchant's language, ready for either channel. */
export interface RenderedNotification {
  language: Language;
  subject: string;
  /** The email's plain-text body, footer included. */
  body: string;
  /** The SMS as the `log` provider prints it; real providers send their registered template instead. */
  smsText: string;
  /** The SMS template's variables, in SMS_VARIABLES order. */
  smsParams: Array<[name: string, value: string]>;
}

/**
 * Renders a notification about a case from a fixed set of its facts (reference, dates, amount, method,
 * the rejection reason), so nothing else of the record, and never a card number, can reach a message.
 */
export function renderNotification(localizer: Localizer, kind: NotificationKind, record: CaseRecord): RenderedNotification {
  const language = notificationLanguage(record);
  const facts = factsOf(localizer, record, language);
  const t = (key: string) => localizer.t(language, `notify:${key}`, facts);
  return {
    language,
    subject: t(`email.${kind}.subject`),
    body: t(`email.${kind}.body`) + t('footer'),
    smsText: t(`sms.${kind}`),
    smsParams: SMS_VARIABLES[kind].map((name) => [name, facts[name] ?? '']),
  };
}

/** The language the merchant used for the application. */
export function notificationLanguage(record: CaseRecord): Language {
  return normalizeLocale(record.language) ?? 'zh-CN';
}

function factsOf(localizer: Localizer, record: CaseRecord, language: Language): Record<string, string> {
  const latest = <T>(type: string) => [...record.events].reverse().find((e) => e.type === type)?.data as T | undefined;
  const approval = latest<{ amount?: number; method?: string }>('approved');
  const rejection = latest<{ reason?: string }>('rejected');
  const amount = approval?.amount?.toFixed(2) ?? '';
  const method = approval?.method ?? '';
  return {
    reference: record.reference,
    earliest: formatDate(record.decision.earliest, language),
    latest: formatDate(record.decision.latest, language),
    amount,
    method: method ? localizer.t(language, `case:methods.${method}`) : '',
    howToCheck: method ? localizer.t(language, `notify:howToCheck.${method}`, { amount }) : '',
    // The reviewer's free text: a card number typed into it by mistake must not go out.
    reason: maskCardNumbers(rejection?.reason ?? ''),
  };
}

/** A calendar day (YYYY-MM-DD) as the merchant's language writes it. */
function formatDate(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
