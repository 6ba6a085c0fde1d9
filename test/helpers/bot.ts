import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { createBot, localizerFor } from '../../src/index';
import type { Thresholds } from '../../src/nlu/gate';
import { THRESHOLDS } from '../../src/nlu/thresholds';
import { loadUnderstanding, modelPath, Understanding } from '../../src/nlu/understanding';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths';

let shared: Understanding | undefined;

/** The real classifier (the built model, or trained on the spot when there is none). */
export function understanding(thresholds: Thresholds = THRESHOLDS): Understanding {
  shared ??= loadUnderstanding(LOCALES_DIR, modelPath(PROJECT_ROOT)).understanding;
  return thresholds === THRESHOLDS ? shared : new Understanding(shared.model, thresholds);
}

/** The whole bot on a TestAdapter; `traces` also queues the analytics trace activities. */
export function botAdapter(
  env: Record<string, string> = {},
  options: { thresholds?: Thresholds; traces?: boolean; storage?: MemoryStorage; user?: string } = {},
): TestAdapter {
  const config = loadConfig(env);
  const { bot } = createBot(config, localizerFor(config), understanding(options.thresholds), options.storage ?? new MemoryStorage());
  // The template is applied to every activity the test sends: here, who sends it.
  const template = options.user ? { from: { id: options.user.toLowerCase(), name: options.user } } : undefined;
  const adapter = new TestAdapter((context) => bot.run(context), template);
  adapter.enableTrace = options.traces ?? false;
  return adapter;
}

export const titles = (activity: Partial<Activity>) => activity.suggestedActions?.actions.map((a) => a.title);
