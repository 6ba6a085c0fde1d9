import type { Database } from '../db/database';
import type { Logger } from '../log/logger';
import { IntentModel, type ModelJson } from '../nlu/classifier';
import type { Utterance } from '../nlu/corpus';
import type { Assigned, LiveUnderstanding } from '../nlu/liveUnderstanding';
import { fingerprint } from '../nlu/modelFile';
import type { Announcements } from '../state/announcements';
import { additionUtterances, withAdditions, type Addition } from './corpusExport';

/** Announces the corpus version of a model just stored: every instance then loads it. */
const CHANNEL = 'nlu:model';

/**
 * Each addition is trained on this many times: a text a merchant really typed, labelled by an editor,
 * should pull its paraphrases along, which once among thousands of corpus phrasings it rarely does.
 */
const ADDITION_WEIGHT = 5;

export interface Retrainer {
  /** The corpus additions as they stand, each with its version (the newest is the corpus version). */
  additions(): Promise<(Addition & { version: number })[]>;
  /** Trains a model off the event loop; `signal` stops it. */
  train(corpus: Utterance[], signal: AbortSignal): Promise<ModelJson>;
}

/**
 * Turns the editors' corpus additions into the model every instance uses: trains in the background on
 * locales/ plus the additions, stores the model in the database by corpus version, swaps it in and
 * announces it; the other instances load it when they hear the announcement (or at their next check).
 */
export class Retraining {
  private readonly base: string;
  private running?: Promise<void>;
  private again = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly database: Database,
    private readonly corpus: Utterance[],
    private readonly live: LiveUnderstanding,
    private readonly announcements: Announcements,
    private readonly retrainer: Retrainer,
    private readonly logger: Logger,
  ) {
    this.base = fingerprint(corpus);
  }

  /** Listens for announcements, loads the newest stored model, and retrains when none includes every addition. */
  async start(): Promise<void> {
    this.announcements.subscribe(CHANNEL, () => void this.load().catch((err: unknown) => this.logger.warn({ err }, 'announced NLU model not loaded')));
    await this.load();
    const additions = await this.retrainer.additions();
    if (Math.max(0, ...additions.map((a) => a.version)) > this.live.version) this.retrain();
  }

  /** Retrains after the corpus changed; changes during a training lead to one more training, not one each. */
  retrain(): void {
    if (this.stopping.signal.aborted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.trainOnce()
      .catch((err: unknown) => {
        if (!this.stopping.signal.aborted) this.logger.error({ err }, 'NLU model not retrained');
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.retrain();
        }
      });
  }

  /** Resolves when no training is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops a training under way (the next instance to start trains again, its corpus being newer than any stored model). */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  /** Loads the newest stored model of this deployment's corpus when it is newer than the one in use. */
  async load(): Promise<void> {
    const db = await this.database.db();
    const row = await db
      .selectFrom('nlu_models')
      .select(['corpus_version', 'model', 'additions'])
      .where('base', '=', this.base)
      .where('corpus_version', '>', this.live.version)
      .orderBy('corpus_version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row && this.live.swap(IntentModel.fromJSON(row.model as ModelJson), Number(row.corpus_version), row.additions as Assigned[])) {
      this.logger.info({ corpusVersion: Number(row.corpus_version) }, 'NLU model loaded');
    }
  }

  private async trainOnce(): Promise<void> {
    const additions = await this.retrainer.additions();
    const version = Math.max(0, ...additions.map((a) => a.version));
    if (version <= this.live.version) return;
    const started = Date.now();
    const added = additionUtterances(additions);
    const model = await this.retrainer.train([...withAdditions(this.corpus, additions), ...Array.from({ length: ADDITION_WEIGHT - 1 }, () => added).flat()], this.stopping.signal);
    const assigned: Assigned[] = added.map(({ text, intent }) => ({ text, intent }));
    const db = await this.database.db();
    await db
      .insertInto('nlu_models')
      .values({ corpus_version: version, base: this.base, model: JSON.stringify(model), additions: JSON.stringify(assigned) })
      .onConflict((oc) => oc.columns(['base', 'corpus_version']).doNothing())
      .execute();
    this.live.swap(IntentModel.fromJSON(model), version, assigned);
    this.logger.info({ corpusVersion: version, ms: Date.now() - started }, 'NLU model retrained');
    await this.announcements.publish(CHANNEL, String(version));
  }
}
