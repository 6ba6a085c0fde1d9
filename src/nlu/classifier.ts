// The file itself: natural's classifiers index also loads its POS taggers' 4.6 MB of lexicons.
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import { AUGMENT, augment, type AugmentOptions } from './augment';
import type { Utterance } from './corpus';
import { FeatureIds } from './featureIds';
import { Homophones } from './homophones';
import { NONE, type Label } from './intents';
import { Neighbours, type NeighbourTables, type NeighboursJson } from './neighbours';
import { tokenize } from './tokenizer';

export interface Ranked {
  intent: Label;
  /** Normalized score: the classes' scores sum to 1. */
  score: number;
}

export interface Analysis {
  /** The top-ranked label, `ranking[0]`. */
  readonly top: Ranked;
  /** The runner-up, `ranking[1]` (none with a single label). */
  readonly second?: Ranked;
  /** Every label, highest first (equal scores in label order). */
  readonly ranking: Ranked[];
  /** Share of the text's informative features (words, bigrams, stems, numbers) seen in training. */
  coverage: number;
  /** Number of features the text produced. */
  features: number;
  /** Whether some of its Chinese pairs, unknown, were read as known ones that sound like them. */
  respelt: boolean;
  /** Cosine similarity to the closest training utterance of the top-ranked label (0 when none shares a feature). */
  readonly similarity: number;
  /** The same for the closest out-of-scope (`None`) utterance. */
  readonly noneSimilarity: number;
}

/**
 * An analysis whose ranking and similarities are computed on first read (getters: a spread or a JSON
 * copy leaves them out). The gate reads the top two labels, the top label's similarity only when its
 * score and coverage pass, and `None`'s only for an intent below its trusted score: sorting every label
 * into objects and walking the neighbour index were the largest parts of a classification after the
 * segmenting.
 */
class LazyAnalysis implements Analysis {
  readonly top: Ranked;
  readonly second?: Ranked;
  #ranking: Ranked[] | undefined;
  #similarity = -1;
  #noneSimilarity = -1;
  readonly #scores: number[];
  readonly #labels: readonly Label[];
  readonly #nearest: (label: number) => number;
  readonly #top: number;
  readonly #none: number;

  /**
   * `scores`: the normalized score of each label, in `labels`' order; `nearest`: the similarity to the
   * closest utterance of a label (by index); `none`: the index of `None`.
   */
  constructor(
    scores: number[],
    labels: readonly Label[],
    readonly coverage: number,
    readonly features: number,
    readonly respelt: boolean,
    nearest: (label: number) => number,
    none: number,
  ) {
    // The first two places of a stable sort, highest first: on equal scores the earlier label.
    let top = 0;
    let second = -1;
    for (let c = 1; c < scores.length; c++) {
      if (scores[c] > scores[top]) {
        second = top;
        top = c;
      } else if (second < 0 || scores[c] > scores[second]) {
        second = c;
      }
    }
    this.top = { intent: labels[top], score: scores[top] };
    if (second >= 0) this.second = { intent: labels[second], score: scores[second] };
    this.#scores = scores;
    this.#labels = labels;
    this.#nearest = nearest;
    this.#top = top;
    this.#none = none;
  }

  get ranking(): Ranked[] {
    if (this.#ranking) return this.#ranking;
    const scores = this.#scores;
    // Insertion sort of the label indexes, stable like Array#sort (equal scores keep label order).
    const order: number[] = [];
    for (let c = 0; c < scores.length; c++) {
      let at = order.length;
      order.push(c);
      while (at > 0 && scores[order[at - 1]] < scores[c]) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = c;
    }
    const ranking = order.map((c) => ({ intent: this.#labels[c], score: scores[c] }));
    ranking[0] = this.top;
    if (this.second) ranking[1] = this.second;
    return (this.#ranking = ranking);
  }

  get similarity(): number {
    if (this.#similarity < 0) this.#similarity = this.#nearest(this.#top);
    return this.#similarity;
  }

  get noneSimilarity(): number {
    if (this.#top === this.#none) return this.similarity;
    if (this.#noneSimilarity < 0) this.#noneSimilarity = this.#nearest(this.#none);
    return this.#noneSimilarity;
  }
}

/** Single characters say little about which utterance a text resembles: neighbours compare the rest. */
const isNeighbourFeature = (feature: string) => !feature.startsWith('c:');

/** Additive smoothing of the multinomial rule (0.3 chose by cross-validation among 0.03, 0.1, 0.3, 1). */
const ALPHA = 0.3;

/** Serialized form: natural's own BayesClassifier JSON without its training documents, and our neighbour index. */
export interface ModelJson {
  version: 2;
  natural: unknown;
  neighbours: NeighboursJson;
}

/**
 * What scoring reads, computed from natural's counts: the model file stores these (see modelFile.ts),
 * so that a start reads arrays instead of parsing natural's JSON and computing them (most of a start's
 * model load).
 */
export interface ModelTables {
  labels: Label[];
  /** The vocabulary by feature id, in natural's order. */
  features: string[];
  /** How often training saw each feature, all classes together. */
  seen: Float64Array;
  logPrior: Float64Array;
  /** log P(feature i | class c) under the multinomial rule at [i * classes + c]: one feature's classes side by side. */
  logProb: Float64Array;
  neighbours: NeighbourTables;
}

/** The tables of natural's counts (see IntentModel for the rule). */
function tablesOf(natural: BayesClassifier, neighbours: NeighbourTables): ModelTables {
  // Same order natural uses for its feature vector (`for … in this.features`).
  const features = Object.keys(natural.features);
  const { classFeatures, classTotals, totalExamples, smoothing } = natural.classifier;
  const vocabulary = features.length;
  const labels = Object.keys(classFeatures) as Label[];
  const logPrior = Float64Array.from(labels, (l) => Math.log(classTotals[l] / totalExamples));
  const classes = labels.length;
  const logProb = new Float64Array(vocabulary * classes);
  const seen = new Float64Array(vocabulary);
  // natural stores count + smoothing for every feature a class has seen, by feature index. Read in
  // place: a [index, count] pair per entry (88,000) was most of the model's restore at start-up.
  const denominators = labels.map((label) => {
    const stored = classFeatures[label];
    let total = 0;
    for (const i in stored) total += stored[i] - smoothing;
    return total + ALPHA * vocabulary;
  });
  // Every feature starts unseen by every class: one row copied per feature.
  const unseen = Float64Array.from(denominators, (denominator) => Math.log(ALPHA / denominator));
  for (let i = 0; i < vocabulary; i++) logProb.set(unseen, i * classes);
  labels.forEach((label, c) => {
    const stored = classFeatures[label];
    const denominator = denominators[c];
    for (const key in stored) {
      const i = Number(key);
      const n = stored[key] - smoothing;
      logProb[i * classes + c] = Math.log((n + ALPHA) / denominator);
      seen[i] += n;
    }
  });
  return { labels, features, seen, logPrior, logProb, neighbours };
}

/**
 * natural's BayesClassifier trained on our tokenizer's features: natural counts, stores and restores
 * the model. Scoring reads natural's per-class feature counts with the multinomial naive Bayes rule,
 * P(f|c) = (count + α) / (Σ counts + α·|V|), in log space and sparsely. natural's own decision rule
 * (prior × Π count/documents over the features present) ranked the held-out corpus worse (75.5% vs
 * 77.7% top-1 in 5-fold cross-validation) and almost never ranked `None` first (4.6% of held-out
 * out-of-scope texts); it also walks the whole vocabulary per class and underflows to 0 on long texts.
 * Those scores are not probabilities: `analyze` turns the per-feature log score into a softmax with
 * a temperature, so scores compare across texts of different lengths.
 */
export class IntentModel {
  private readonly index = new Map<string, number>();
  private readonly labels: Label[];
  private readonly logPrior: Float64Array;
  private readonly logProb: Float64Array;
  private readonly scores: Float64Array;
  private readonly neighbours: Neighbours;
  private readonly featureIds: FeatureIds;
  private readonly noneIndex: number;

  protected constructor(readonly tables: ModelTables) {
    ({ labels: this.labels, logPrior: this.logPrior, logProb: this.logProb } = tables);
    tables.features.forEach((feature, i) => this.index.set(feature, i));
    this.scores = new Float64Array(this.labels.length);
    this.neighbours = new Neighbours(tables.neighbours);
    const { features, seen } = tables;
    // Walked only when a first unknown pair is corrected (see Homophones).
    const counted = {
      *[Symbol.iterator](): Generator<[string, number]> {
        for (let i = 0; i < features.length; i++) yield [features[i], seen[i]];
      },
    };
    this.featureIds = new FeatureIds(this.index, new Homophones(counted));
    this.noneIndex = this.labels.indexOf(NONE);
  }

  /** Trains on the corpus and its generated variants (see augment.ts). */
  static train(corpus: Utterance[], options: AugmentOptions = AUGMENT): TrainedModel {
    const natural = new BayesClassifier();
    const documents: { features: string[]; intent: Label; original: boolean }[] = [];
    augment(corpus, options).forEach(({ text, intent }, i) => {
      const features = tokenize(text);
      if (!features.length) return;
      natural.addDocument(features, intent);
      documents.push({ features, intent, original: i < corpus.length });
    });
    const index = new Map(Object.keys(natural.features).map((f, i) => [f, i]));
    // natural's own train() builds each document's 0/1 vector by searching the document once per
    // vocabulary feature (a minute for this corpus); the same vector set from the document's own
    // features takes a second, and natural's Bayes apparatus counts it exactly as before.
    const vector: number[] = new Array<number>(index.size).fill(0);
    for (const { features, intent } of documents) {
      for (const f of features) vector[index.get(f)!] = 1;
      natural.classifier.addExample(vector, intent);
      for (const f of features) vector[index.get(f)!] = 0;
    }
    natural.lastAdded = documents.length;
    natural.classifier.train();
    const labels = Object.keys(natural.classifier.classFeatures);
    // Neighbours are the written utterances only: variants would triple the index for no better gate.
    const near = documents.filter((d) => d.original);
    const neighbours: NeighboursJson = {
      labels: near.map((d) => labels.indexOf(d.intent)),
      features: near.map((d) => d.features.filter(isNeighbourFeature).map((f) => index.get(f)!).sort((a, b) => a - b)),
    };
    const { docs: _docs, ...stored } = natural as unknown as { docs: unknown } & Record<string, unknown>;
    const json: ModelJson = { version: 2, natural: { ...stored, docs: [], lastAdded: 0 }, neighbours };
    return new TrainedModel(tablesOf(natural, Neighbours.tablesOf(neighbours)), json);
  }

  static fromJSON(json: ModelJson): IntentModel {
    if (json.version !== 2) throw new Error(`unsupported model version ${String(json.version)}`);
    return new IntentModel(tablesOf(BayesClassifier.restore(json.natural), Neighbours.tablesOf(json.neighbours)));
  }

  /** A model from the tables of another (see ModelTables). */
  static fromTables(tables: ModelTables): IntentModel {
    return new IntentModel(tables);
  }

  get vocabularySize(): number {
    return this.index.size;
  }

  /**
   * Log scores per class, in the model's label order, of the known features `ids` (what natural computes,
   * as logarithms). In `this.scores`, overwritten by the next call: a new typed array of this size is
   * allocated outside the heap and freed by the garbage collector, which cost more than the sums.
   */
  private logScores(ids: number[]): Float64Array {
    const { scores, logProb, logPrior } = this;
    const classes = scores.length;
    // Four classes at a time, each summed in a register in the features' order: the same sums as one
    // feature at a time across the classes, without a store and a load of every class's sum per feature.
    let c = 0;
    for (; c + 4 <= classes; c += 4) {
      let s0 = logPrior[c];
      let s1 = logPrior[c + 1];
      let s2 = logPrior[c + 2];
      let s3 = logPrior[c + 3];
      for (let q = 0; q < ids.length; q++) {
        const at = ids[q] * classes + c;
        s0 += logProb[at];
        s1 += logProb[at + 1];
        s2 += logProb[at + 2];
        s3 += logProb[at + 3];
      }
      scores[c] = s0;
      scores[c + 1] = s1;
      scores[c + 2] = s2;
      scores[c + 3] = s3;
    }
    for (; c < classes; c++) {
      let sum = logPrior[c];
      for (let q = 0; q < ids.length; q++) sum += logProb[ids[q] * classes + c];
      scores[c] = sum;
    }
    return scores;
  }

  /** Softmax of `scores` / `scale`, in label order. */
  private softmax(scores: Float64Array, scale: number): number[] {
    let max = -Infinity;
    for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c]);
    let total = 0;
    for (let c = 0; c < scores.length; c++) {
      scores[c] = Math.exp((scores[c] - max) / scale);
      total += scores[c];
    }
    const normalized = new Array<number>(scores.length);
    for (let c = 0; c < scores.length; c++) normalized[c] = scores[c] / total;
    return normalized;
  }

  /** Ranking with scores normalized by a softmax of the per-feature log score at `temperature`. */
  analyze(text: string, temperature: number): Analysis {
    const { known, knownCombined, features, combined, informative, informativeKnown, respelt } = this.featureIds.read(text);
    // Single Han characters alone say too little: "张伟" shares only 张 (a measure word) with the corpus.
    if (known.length === 0 || (combined && !knownCombined.length)) {
      const none: Ranked = { intent: NONE, score: 1 };
      return { top: none, ranking: [none], coverage: 0, features, respelt: respelt > 0, similarity: 0, noneSimilarity: 0 };
    }
    const scores = this.softmax(this.logScores(known), known.length * temperature);
    // Single characters and letter trigrams are nearly always known, so coverage counts the other
    // features (words, bigrams, stems, numbers) when there are any.
    const coverage = informative ? informativeKnown / informative : known.length / features;
    const nearest = (label: number) => this.neighbours.nearest(knownCombined, combined, label);
    return new LazyAnalysis(scores, this.labels, coverage, features, respelt > 0, nearest, this.noneIndex);
  }
}

/** A model just trained: also in natural's JSON form, which the database stores for every instance. */
export class TrainedModel extends IntentModel {
  constructor(
    tables: ModelTables,
    private readonly json: ModelJson,
  ) {
    super(tables);
  }

  toJSON(): ModelJson {
    return this.json;
  }
}
