import type { CaseRecord } from '../cases/caseService';
import { LANGUAGES } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import { CHANNELS, type Channel } from './kinds';

/** The case event that records a merchant's "no more SMS" / "no more emails". */
export const OPT_OUT_EVENT = 'notifications_opted_out';

/** Longer messages say more than "stop": they go to the dialogs. */
const MAX_LENGTH = 30;

/** The locale key of the button that stops a channel. */
export const optOutButton = (channel: Channel) => `notify:optOut.buttons.${channel}`;

/**
 * The channel a message asks to stop ("不要再发短信", "stop SMS", or its button), in either language;
 * undefined when it asks nothing of the kind.
 */
export function optOutRequest(text: string | undefined, localizer: Localizer): Channel | undefined {
  const said = compact(text ?? '');
  if (!said || said.length > MAX_LENGTH) return undefined;
  return CHANNELS.find((channel) =>
    LANGUAGES.some(
      (lang) =>
        said === compactPhrase(localizer.t(lang, optOutButton(channel))) ||
        (localizer.tree(lang, `notify:optOut.phrases.${channel}`) as string[]).some((phrase) => said.includes(compactPhrase(phrase))),
    ),
  );
}

/** The channels the merchant of this case can still stop (those with an address, not stopped yet): offered as buttons. */
export function optOutChoices(record: CaseRecord): Channel[] {
  return CHANNELS.filter((channel) => !hasOptedOut(record, channel) && Boolean(channel === 'email' ? record.applicant.email : record.applicant.mobile));
}

export function hasOptedOut(record: CaseRecord, channel: Channel): boolean {
  return record.events.some((event) => event.type === OPT_OUT_EVENT && event.data?.channel === channel);
}

/** The bot's own phrases compacted once (every message is compared with all of them); a few dozen strings from locales/. */
const compactedPhrases = new Map<string, string>();

function compactPhrase(phrase: string): string {
  let compacted = compactedPhrases.get(phrase);
  if (compacted === undefined) compactedPhrases.set(phrase, (compacted = compact(phrase)));
  return compacted;
}

function compact(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, '');
}
