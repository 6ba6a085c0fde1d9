import { ActivityTypes, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { RECOGNIZED, type Recognized } from '../../dialogs/shared/recognizer';
import { wholeLog, type DirectLineStore } from '../channels/directline/store';
import type { TranscriptService } from '../handoff/transcriptService';
import type { NewEntry } from '../handoff/types';
import type { LoggedIntents } from '../state/accessors';
import { proactiveTurnOf } from './proactiveTurn';
import { entryOf, hasLog } from './transcriptRecorder';

/** A widget conversation's recognized intents kept (for its last messages): what a handoff's context shows. */
const INTENTS_KEPT = 8;

/** A message's place in its Direct Line log, from its id ("<conversation>|0000004"). */
function positionOf(activityId: string): string {
  return String(Number(activityId.slice(activityId.lastIndexOf('|') + 1)));
}

/**
 * What a conversation holds of what was said before a handoff, as transcript lines (masked, the bot's
 * as their openings): a widget conversation's Direct Line log, with the intents the bot recognized in
 * its last messages (kept in conversation state: the log has no room for them); any other conversation's
 * last lines, which the transcript recorder remembers for it.
 */
export class ConversationSoFar {
  constructor(
    private readonly transcripts: Pick<TranscriptService, 'recent'>,
    private readonly directLine: Pick<DirectLineStore, 'list'> | undefined,
    private readonly intents: StatePropertyAccessor<LoggedIntents>,
  ) {}

  /** Before the conversation state is saved: the intent recognized in a widget user's message. */
  async note(context: TurnContext): Promise<void> {
    const recognized = context.turnState.get(RECOGNIZED) as Recognized | undefined;
    const { type, id } = context.activity;
    if (!recognized || !hasLog(context) || type !== ActivityTypes.Message || !id) return;
    const kept = { ...(await this.intents.get(context)), [positionOf(id)]: recognized.intent };
    await this.intents.set(context, Object.fromEntries(Object.entries(kept).slice(-INTENTS_KEPT)));
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
    return [...(await this.transcripts.recent(conversation.id)), ...message];
  }
}

function lineOf(activity: Partial<Activity>, intents: LoggedIntents): NewEntry {
  const from = activity.from?.role === 'user' ? 'user' : 'bot';
  const intent = from === 'user' && activity.id ? intents[positionOf(activity.id)] : undefined;
  return { ...entryOf(activity, from), at: new Date(activity.timestamp ?? Date.now()).getTime(), ...(intent ? { intent } : {}) };
}
