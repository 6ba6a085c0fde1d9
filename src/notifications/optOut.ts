import type { CaseRecord } from '../cases/caseService';
import { LANGUAGES } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import { CHANNELS, type Channel } from './kinds';

/** The case event that records a merchant's "no more SMS" / "no more emails". */
export const OPT_OUT_EVENT = 'notifications_opted_out';
/** The one that records "send me texts again" after it: the later of the two counts. */
export const OPT_IN_EVENT = 'notifications_opted_in';

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
  // "TD", "退订" alone: the usual reply that stops text messages.
  if (languages.some(({ alone }) => alone.includes(said))) return 'sms';
  // "要不要发短信给你", "发到别的手机": words holding a stop word that stop nothing.
  const rest = languages.flatMap(({ notStop }) => notStop).reduce((left, phrase) => left.replaceAll(phrase, ''), said);
  return CHANNELS.find((channel) => languages.some((texts) => said === texts.buttons[channel] || texts.phrases[channel].some((phrase) => rest.includes(phrase)) || stopsChannel(rest, channel, texts)));
}

/** "别老给我发短信了", "邮件也别发": the channel named with a word that stops it. */
function stopsChannel(said: string, channel: Channel, { channels, stop }: OptOutTexts): boolean {
  return channels[channel].some((word) => said.includes(word)) && stop.some((word) => said.includes(word));
}

/** The channels the merchant of this case can still stop (those with an address, not stopped yet): offered as buttons. */
export function optOutChoices(record: CaseRecord): Channel[] {
  return CHANNELS.filter((channel) => !hasOptedOut(record, channel) && Boolean(channel === 'email' ? record.applicant.email : record.applicant.mobile));
}

export function hasOptedOut(record: CaseRecord, channel: Channel): boolean {
  return record.events.findLast((event) => (event.type === OPT_OUT_EVENT || event.type === OPT_IN_EVENT) && event.data?.channel === channel)?.type === OPT_OUT_EVENT;
}

/**
 * The channels a message asks to have back ("恢复短信通知", "turn them back on"): the one it names with a
 * word that restarts one, or, named none, those `stopped` when it is words that restart alone; none
 * when it asks nothing of the kind.
 */
export function optInRequest(text: string | undefined, localizer: Localizer, stopped: readonly Channel[]): Channel[] {
  const said = compact(text ?? '');
  if (!said || said.length > MAX_LENGTH) return [];
  // Read on every message: what restarts is looked for first, the channels named only then.
  const restart = LANGUAGES.map((lang) => compactedOptIn(localizer.tree(lang, 'notify:optIn') as OptInTexts));
  const starts = restart.some(({ start }) => start.some((word) => said.includes(word)));
  const alone = restart.some(({ alone }) => alone.some((words) => said.includes(words)));
  if (!starts && !alone) return [];
  const languages = LANGUAGES.map((lang) => compacted(localizer.tree(lang, 'notify:optOut') as OptOutTexts));
  const named = CHANNELS.filter((channel) => languages.some(({ channels }) => channels[channel].some((word) => said.includes(word))));
  if (named.length) return starts ? named : [];
  return alone ? [...stopped] : [];
}

/** A language's notify:optIn words: those that restart a channel, and those that say so without naming it. */
interface OptInTexts {
  start: string[];
  alone: string[];
}

const compactedOptInTexts = new WeakMap<OptInTexts, OptInTexts>();

function compactedOptIn(texts: OptInTexts): OptInTexts {
  let done = compactedOptInTexts.get(texts);
  if (!done) compactedOptInTexts.set(texts, (done = { start: texts.start.map(compact), alone: texts.alone.map(compact) }));
  return done;
}

/** A language's notify:optOut texts (the buttons' labels, the phrases), as the localizer gives them or compacted. */
interface OptOutTexts {
  buttons: Record<Channel, string>;
  phrases: Record<Channel, string[]>;
  /** Each channel's names, the words that stop one, words holding those that stop nothing, and what stops texts alone. */
  channels: Record<Channel, string[]>;
  stop: string[];
  notStop: string[];
  alone: string[];
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
    done = {
      buttons: each((channel) => compact(texts.buttons[channel])),
      phrases: each((channel) => texts.phrases[channel].map(compact)),
      channels: each((channel) => texts.channels[channel].map(compact)),
      stop: texts.stop.map(compact),
      notStop: texts.notStop.map(compact),
      alone: texts.alone.map(compact),
    };
    compactedTexts.set(texts, done);
  }
  return done;
}

function compact(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, '');
}
