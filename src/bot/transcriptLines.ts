import type { Activity, TurnContext } from 'botbuilder';
import type { NewEntry } from '../handoff/types';
import { EMBEDDED_SERVICE_URL } from '../channels/directline/adapter';
import { maskPii } from '../pii/mask';

const MAX_TEXT = 4000;
/**
 * The bot's own lines are kept as their opening words: an agent needs the gist (the full answers are
 * in locales/), and whole answers made the transcript most of a conversation's Redis bytes.
 */
const BOT_TEXT_CHARS = 60;

/** Whether the conversation is the embedded Direct Line's (the widget): its log holds what was said. */
export function hasLog(context: TurnContext): boolean {
  return context.activity.serviceUrl === EMBEDDED_SERVICE_URL;
}

/** A transcript line for an activity: text with card numbers and secrets masked, card taps as their value, files by name only. */
export function entryOf(activity: Partial<Activity>, from: NewEntry['from']): NewEntry {
  const value = activity.value === undefined ? '' : JSON.stringify(activity.value);
  const text = from === 'bot' ? opening(activity.text ?? '') : activity.text || value;
  const attachments = (activity.attachments ?? [])
    .filter((a) => !a.contentType.startsWith('application/vnd.microsoft.card'))
    .map((a) => ({ ...(a.name === undefined ? {} : { name: maskPii(a.name) }), contentType: a.contentType }));
  return {
    at: Date.now(),
    from,
    ...(text ? { text: maskPii(text).slice(0, MAX_TEXT) } : {}),
    ...(attachments.length ? { attachments } : {}),
  };
}

/** The first BOT_TEXT_CHARS characters (code points), without splitting the whole answer into characters. */
export function opening(text: string): string {
  if (text.length <= BOT_TEXT_CHARS) return text;
  let count = 0;
  let end = 0;
  for (const char of text) {
    if (count++ === BOT_TEXT_CHARS) return `${text.slice(0, end)}…`;
    end += char.length;
  }
  return text;
}
