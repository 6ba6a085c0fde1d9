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
  const languages = LANGUAGES.map((lang) => compacted(localizer.tree(lang, 'notify:optOut') as OptOutTexts));
  return CHANNELS.find((channel) => languages.some(({ buttons, phrases }) => said === buttons[channel] || phrases[channel].some((phrase) => said.includes(phrase))));
}

/** The channels the merchant of this case can still stop (those with an address, not stopped yet): offered as buttons. */
export function optOutChoices(record: CaseRecord): Channel[] {
  return CHANNELS.filter((channel) => !hasOptedOut(record, channel) && Boolean(channel === 'email' ? record.applicant.email : record.applicant.mobile));
}

export function hasOptedOut(record: CaseRecord, channel: Channel): boolean {
  return record.events.some((event) => event.type === OPT_OUT_EVENT && event.data?.channel === channel);
}

/** A language's notify:optOut texts (the buttons' labels, the phrases), as the localizer gives them or compacted. */
interface OptOutTexts {
  buttons: Record<Channel, string>;
  phrases: Record<Channel, string[]>;
}

/**
 * A language's texts compacted once (every message is compared with all of them), by the localizer's
 * frozen tree: a published edit of them makes a new tree, compacted anew.
 */
const compactedTexts = new WeakMap<OptOutTexts, OptOutTexts>();

function compacted(texts: OptOutTexts): OptOutTexts {
  let done = compactedTexts.get(texts);
  if (!done) {
    const each = <T>(map: (channel: Channel) => T) => Object.fromEntries(CHANNELS.map((channel) => [channel, map(channel)])) as Record<Channel, T>;
    done = { buttons: each((channel) => compact(texts.buttons[channel])), phrases: each((channel) => texts.phrases[channel].map(compact)) };
    compactedTexts.set(texts, done);
  }
  return done;
}

function compact(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, '');
}
