import { randomUUID } from 'node:crypto';
import { MemoryStorage, TestAdapter, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { loadConfig } from '../../src/config';
import type { Deliver } from '../../src/bot/handoffNotices';
import { proactiveReference } from '../../src/bot/proactiveTurn';
import { MemoryHandoffStore } from '../../src/handoff/memoryStore';
import { MemoryTranscriptStore } from '../../src/handoff/transcriptStore';
import { MemoryTurnLock } from '../../src/state/turnLock';
import { createBot, localizerFor, type Bot, type HandoffStores } from '../../src/app';
import { createLogger } from '../../src/log/logger';
import { testDatabase } from './database';
import type { Thresholds } from '../../src/nlu/gate';
import { THRESHOLDS } from '../../src/nlu/thresholds';
import { loadUnderstanding, modelPath, Understanding } from '../../src/nlu/understanding';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths';

let shared: Understanding | undefined;

/** The real classifier (the built model, or trained on the spot when there is none). */
export function understanding(thresholds: Thresholds = THRESHOLDS): Understanding {
  shared ??= loadUnderstanding(LOCALES_DIR, modelPath(PROJECT_ROOT)).understanding;
  return thresholds === THRESHOLDS ? shared : new Understanding(shared.model, thresholds, shared.words);
}

export interface BotOptions {
  thresholds?: Thresholds;
  traces?: boolean;
  storage?: MemoryStorage;
  handoffStores?: HandoffStores;
  user?: string;
  /** The business clock. */
  now?: () => Date;
}

/**
 * The whole bot on a TestAdapter, with the transcript recorder and proactive delivery through the
 * adapter (agent messages and handoff notices land in the adapter's queue like replies).
 */
export function botHarness(env: Record<string, string> = {}, options: BotOptions = {}): { adapter: TestAdapter } & Bot {
  const config = loadConfig(env);
  const transcripts = new MemoryTranscriptStore({ maxEntries: 1000, idleMs: 3_600_000 });
  const stores = options.handoffStores ?? { handoffs: new MemoryHandoffStore(transcripts), transcripts, lock: new MemoryTurnLock() };
  let adapter: TestAdapter | undefined;
  // TestAdapter has no continueConversation: run the continuation as an incoming event, as CloudAdapter does
  // (the reference itself as relatesTo).
  const deliver: Deliver = (reference, logic, turn = { inTurnOrder: true }) => {
    const relatesTo = proactiveReference(reference, turn) as ConversationReference;
    return (adapter as TestAdapter).processActivity({ ...TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation' }, reference, true), relatesTo }, logic);
  };
  const built = createBot(config, localizerFor(config), understanding(options.thresholds), options.storage ?? new MemoryStorage(), stores, deliver, createLogger('silent'), testDatabase(), options.now);
  // The template is applied to every activity the test sends: here, who sends it. Without a name a
  // merchant of their own: the file's harnesses share one database, and another's open case would be theirs.
  const user = options.user ?? `User ${randomUUID().slice(0, 8)}`;
  const template = { from: { id: user.toLowerCase(), name: user } };
  adapter = new TestAdapter((context) => built.bot.run(context), template);
  adapter.use(built.limits);
  adapter.use(built.relay);
  adapter.enableTrace = options.traces ?? false;
  return { adapter, ...built };
}

/** The whole bot on a TestAdapter; `traces` also queues the analytics trace activities. */
export function botAdapter(env: Record<string, string> = {}, options: BotOptions = {}): TestAdapter {
  return botHarness(env, options).adapter;
}

export const titles = (activity: Partial<Activity>) => activity.suggestedActions?.actions.map((a) => a.title);
