import { ActivityTypes, type Activity, type StatePropertyAccessor, type StoreItems, type TurnContext } from 'botbuilder';
import { RECOGNIZED, type Recognized } from '../../dialogs/shared/recognizer';
import { wholeLog, type DirectLineStore } from '../channels/directline/store';
import { recentEntries, withRecentLines, type RecentLine } from '../handoff/recentLines';
import type { NewEntry } from '../handoff/types';
import type { Language } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import { RECENT_LINES_PROPERTY, type LoggedIntents } from '../state/accessors';
import { proactiveTurnOf } from './proactiveTurn';
import { entryOf, hasLog, opening } from './transcriptLines';

/** A widget conversation's recognized intents kept (for its last messages): what a handoff's context shows. */
const INTENTS_KEPT = 8;

/**
 * Lines kept of a conversation with no log of its own (a WeChat chat): enough for a person to see what
 * was asked before they were; the bot's lines are only their openings (see entryOf).
 */
const RECENT_LINES = 20;

/** The user's message of a turn and the bot's lines sent so far (in the turn's state). */
const LINES = Symbol('lines');
interface TurnLines {
  incoming?: NewEntry;
  sent: NewEntry[];
}

/** A message's place in its Direct Line log, from its id ("<conversation>|0000004"). */
function positionOf(activityId: string): string {
  return String(Number(activityId.slice(activityId.lastIndexOf('|') + 1)));
}

/**
 * What a conversation holds of what was said before a handoff, as transcript lines (masked, the bot's
 * as their openings): a widget conversation's Direct Line log, with the intents the bot recognized in
 * its last messages (kept in conversation state: the log has no room for them); any other conversation's
 * last lines, kept in its conversation state (saved with it: no write of their own). Only the bot's
 * turns are kept: what is said to or by a person is in the handoff's transcript.
 */
export class ConversationSoFar {
  constructor(
    private readonly localizer: Pick<Localizer, 't' | 'keyOf'>,
    private readonly directLine: Pick<DirectLineStore, 'list'> | undefined,
    private readonly intents: StatePropertyAccessor<LoggedIntents>,
    private readonly recent: StatePropertyAccessor<RecentLine[]>,
  ) {}

  /** As the bot's turn begins: the user's message and what the bot sends from now on are noted. */
  listen(context: TurnContext): void {
    if (hasLog(context)) return;
    const lines: TurnLines = { incoming: context.activity.type === ActivityTypes.Message ? entryOf(context.activity, 'user') : undefined, sent: [] };
    context.turnState.set(LINES, lines);
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const activity of activities) if (activity.type === ActivityTypes.Message) lines.sent.push(this.botLine(activity));
      return next();
    });
  }

  /** A bot line that is one of its texts word for word is kept as that text's key (see NewEntry.said). */
  private botLine(activity: Partial<Activity>): NewEntry {
    const entry = entryOf(activity, 'bot');
    const said = activity.text ? this.localizer.keyOf(activity.text) : undefined;
    if (!said || entry.attachments) return entry;
    const { text: _text, ...rest } = entry;
    return { ...rest, said: `${said.lang} ${said.key}` };
  }

  /**
   * Before the conversation state is saved: the intent recognized in a widget user's message; in a
   * conversation without a log, the turn's lines (the user's message with that intent, the bot's replies).
   */
  async note(context: TurnContext): Promise<void> {
    const recognized = context.turnState.get(RECOGNIZED) as Recognized | undefined;
    const { type, id } = context.activity;
    if (!hasLog(context)) return this.keepLines(context, recognized);
    if (!recognized || type !== ActivityTypes.Message || !id) return;
    const kept = { ...(await this.intents.get(context)), [positionOf(id)]: recognized.intent };
    await this.intents.set(context, Object.fromEntries(Object.entries(kept).slice(-INTENTS_KEPT)));
  }

  private async keepLines(context: TurnContext, recognized: Recognized | undefined): Promise<void> {
    const { incoming, sent } = (context.turnState.get(LINES) as TurnLines | undefined) ?? { sent: [] };
    const lines = [...(incoming ? [{ ...incoming, ...(recognized && { intent: recognized.intent }) }] : []), ...sent];
    if (lines.length) await this.recent.set(context, withRecentLines(await this.recent.get(context), lines, RECENT_LINES));
  }

  /** Everything said so far, this turn's message included (the intents of those before it), oldest first. */
  async lines(context: TurnContext): Promise<NewEntry[]> {
    const { conversation, type } = context.activity;
    if (this.directLine && hasLog(context)) {
      const intents = (await this.intents.get(context)) ?? {};
      const log = await wholeLog(this.directLine, conversation.id);
      return log.filter((a) => a.type === ActivityTypes.Message).map((activity) => lineOf(activity, intents));
    }
    const message = type === ActivityTypes.Message && !proactiveTurnOf(context) ? [entryOf(context.activity, 'user')] : [];
    return [...recentEntries(await this.recent.get(context)).map((entry) => this.spelledOut(entry)), ...message];
  }

  /** A saved conversation state as a person reads it (a data subject's export): its last lines with the bot's texts whole. */
  readable(conversation: StoreItems): StoreItems {
    const kept = conversation[RECENT_LINES_PROPERTY] as RecentLine[] | undefined;
    if (!kept) return conversation;
    return { ...conversation, [RECENT_LINES_PROPERTY]: recentEntries(kept).map((entry) => this.spelledOut(entry, (text) => text)) };
  }

  /** A line kept as the key of what the bot said, with that text (its opening, by default) instead. */
  private spelledOut({ said, ...entry }: NewEntry, shown: (text: string) => string = opening): NewEntry {
    if (!said) return entry;
    const [lang, key] = said.split(' ') as [Language, string];
    return { ...entry, text: shown(this.localizer.t(lang, key)) };
  }
}

function lineOf(activity: Partial<Activity>, intents: LoggedIntents): NewEntry {
  const from = activity.from?.role === 'user' ? 'user' : 'bot';
  const intent = from === 'user' && activity.id ? intents[positionOf(activity.id)] : undefined;
  return { ...entryOf(activity, from), at: new Date(activity.timestamp ?? Date.now()).getTime(), ...(intent ? { intent } : {}) };
}
