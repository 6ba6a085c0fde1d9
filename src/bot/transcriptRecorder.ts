import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { RECOGNIZED, type Recognized } from '../../dialogs/shared/recognizer';
import type { TranscriptService } from '../handoff/transcriptService';
import type { NewEntry } from '../handoff/types';
import type { Logger } from '../log/logger';
import { EMBEDDED_SERVICE_URL } from '../channels/directline/adapter';
import { maskCardNumbers } from '../pii/cardNumbers';

/** Set on turns whose messages are already in the transcript (relayed to or from an agent) or are not part of what was said. */
export const NOT_RECORDED = Symbol('notRecorded');

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

/** A transcript line for an activity: text with card numbers masked, card taps as their value, files by name only. */
export function entryOf(activity: Partial<Activity>, from: NewEntry['from']): NewEntry {
  const value = activity.value === undefined ? '' : JSON.stringify(activity.value);
  const text = from === 'bot' ? opening(activity.text ?? '') : activity.text || value;
  const attachments = (activity.attachments ?? [])
    .filter((a) => !a.contentType.startsWith('application/vnd.microsoft.card'))
    .map((a) => ({ ...(a.name === undefined ? {} : { name: maskCardNumbers(a.name) }), contentType: a.contentType }));
  return {
    at: Date.now(),
    from,
    ...(text ? { text: maskCardNumbers(text).slice(0, MAX_TEXT) } : {}),
    ...(attachments.length ? { attachments } : {}),
  };
}

/** The first BOT_TEXT_CHARS characters (code points), without splitting the whole answer into characters. */
function opening(text: string): string {
  if (text.length <= BOT_TEXT_CHARS) return text;
  let count = 0;
  let end = 0;
  for (const char of text) {
    if (count++ === BOT_TEXT_CHARS) return `${text.slice(0, end)}…`;
    end += char.length;
  }
  return text;
}

/**
 * Remembers the last lines of every conversation that has no log of its own (a WeChat chat; the widget's
 * is its Direct Line log), masked, so that a transcript can start from them when a person takes over:
 * an agent, or a contact centre receiving `handoff.initiate`, reads what was said instead of asking again.
 * Written after the turn in one call; a failure costs a turn's lines, never the user a reply.
 */
export class TranscriptRecorder implements Middleware {
  constructor(private readonly transcripts: Pick<TranscriptService, 'remember'>, private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (hasLog(context)) return next();
    const sent: NewEntry[] = [];
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      for (const activity of activities) if (activity.type === ActivityTypes.Message) sent.push(entryOf(activity, 'bot'));
      return nextSend();
    });
    await next();
    if (context.turnState.get(NOT_RECORDED)) return;
    const incoming = context.activity.type === ActivityTypes.Message ? [entryOf(context.activity, 'user')] : [];
    const recognized = context.turnState.get(RECOGNIZED) as Recognized | undefined;
    if (incoming[0] && recognized) incoming[0].intent = recognized.intent;
    const entries = [...incoming, ...sent];
    if (!entries.length) return;
    await this.transcripts.remember(context.activity.conversation.id, entries).catch((err: unknown) => this.logger.warn({ err }, 'recent lines not remembered'));
  }
}
