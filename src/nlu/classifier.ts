// The file itself: natural's classifiers index also loads its POS taggers' 4.6 MB of lexicons.
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import { AUGMENT, augment, type AugmentOptions } from './augment';
import type { Utterance } from './corpus';
import { FeatureIds } from './featureIds';
import { Homophones } from './homophones';
import { NONE, type Label } from './intents';
import { Neighbours, type NeighboursJson } from './neighbours';
import { tokenize } from './tokenizer';

export interface Ranked {
  intent: Label;
  /** Normalized score: the classes' scores sum to 1. */
  score: number;
}

export interface Analysis {
  ranking: Ranked[];
  /** Share of the text's informative features (words, bigrams, stems, numbers) seen in training. */
  coverage: number;
  /** Number of features the text produced. */
  features: number;
  /** Cosine similarity to the closest training utterance of the top-ranked label (0 when none shares a feature). */
  similarity: number;
  /** The same for the closest out-of-scope (`None`) utterance. */
  noneSimilarity: number;
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
  /** log P(feature i | class c) under the multinomial rule at [i * classes + c]: one feature's classes side by side. */
  private readonly logProb: Float64Array;
  private readonly scores: Float64Array;
  private readonly neighbours: Neighbours;
  private readonly featureIds: FeatureIds;
  private readonly noneIndex: number;

  private constructor(
    readonly natural: BayesClassifier,
    neighbours: NeighboursJson,
  ) {
    let i = 0;
    // Same order natural uses for its feature vector (`for … in this.features`).
    for (const feature in natural.features) this.index.set(feature, i++);
    const { classFeatures, classTotals, totalExamples, smoothing } = natural.classifier;
    const vocabulary = this.index.size;
    this.labels = Object.keys(classFeatures) as Label[];
    this.logPrior = Float64Array.from(this.labels, (l) => Math.log(classTotals[l] / totalExamples));
    const classes = this.labels.length;
    this.logProb = new Float64Array(vocabulary * classes);
    this.scores = new Float64Array(classes);
    /** How often training saw each feature, all classes together. */
    const seen = new Float64Array(vocabulary);
    // natural stores count + smoothing for every feature a class has seen, by feature index. Read in
    // place: a [index, count] pair per entry (88,000) was most of the model's restore at start-up.
    const denominators = this.labels.map((label) => {
      const stored = classFeatures[label];
      let total = 0;
      for (const i in stored) total += stored[i] - smoothing;
      return total + ALPHA * vocabulary;
    });
    // Every feature starts unseen by every class: one row copied per feature.
    const unseen = Float64Array.from(denominators, (denominator) => Math.log(ALPHA / denominator));
    for (let i = 0; i < vocabulary; i++) this.logProb.set(unseen, i * classes);
    this.labels.forEach((label, c) => {
      const stored = classFeatures[label];
      const denominator = denominators[c];
      for (const key in stored) {
        const i = Number(key);
        const n = stored[key] - smoothing;
        this.logProb[i * classes + c] = Math.log((n + ALPHA) / denominator);
        seen[i] += n;
      }
    });
    this.neighbours = new Neighbours(neighbours);
    this.featureIds = new FeatureIds(this.index, new Homophones(Array.from(this.index, ([feature, i]) => [feature, seen[i]])));
    this.noneIndex = this.labels.indexOf(NONE);
  }

  /** Trains on the corpus and its generated variants (see augment.ts). */
  static train(corpus: Utterance[], options: AugmentOptions = AUGMENT): IntentModel {
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
    return new IntentModel(natural, neighbours);
  }

  static fromJSON(json: ModelJson): IntentModel {
    if (json.version !== 2) throw new Error(`unsupported model version ${String(json.version)}`);
    return new IntentModel(BayesClassifier.restore(json.natural), json.neighbours);
  }

  toJSON(): ModelJson {
    const { docs: _docs, ...natural } = this.natural as unknown as { docs: unknown } & Record<string, unknown>;
    return { version: 2, natural: { ...natural, docs: [], lastAdded: 0 }, neighbours: this.neighbours.json };
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
    const { scores, logProb } = this;
    scores.set(this.logPrior);
    const classes = scores.length;
    for (const i of ids) {
      const base = i * classes;
      for (let c = 0; c < classes; c++) scores[c] += logProb[base + c];
    }
    return scores;
  }

  /** Softmax of `scores` / `scale`, highest first (equal scores in label order). */
  private rank(scores: Float64Array, scale: number): Ranked[] {
    let max = -Infinity;
    for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c]);
    let total = 0;
    for (let c = 0; c < scores.length; c++) {
      scores[c] = Math.exp((scores[c] - max) / scale);
      total += scores[c];
    }
    // Insertion sort, stable like Array#sort (equal scores keep label order), without a comparator call per step.
    const ranking: Ranked[] = [];
    for (let c = 0; c < scores.length; c++) {
      const entry = { intent: this.labels[c], score: scores[c] / total };
      let at = ranking.length;
      ranking.push(entry);
      while (at > 0 && ranking[at - 1].score < entry.score) {
        ranking[at] = ranking[at - 1];
        at--;
      }
      ranking[at] = entry;
    }
    return ranking;
  }

  /** Ranking with scores normalized by a softmax of the per-feature log score at `temperature`. */
  analyze(text: string, temperature: number): Analysis {
    const { known, knownCombined, features, combined, informative, informativeKnown } = this.featureIds.read(text);
    const unknown: Analysis = { ranking: [{ intent: NONE, score: 1 }], coverage: 0, features, similarity: 0, noneSimilarity: 0 };
    // Single Han characters alone say too little: "张伟" shares only 张 (a measure word) with the corpus.
    if (known.length === 0 || (combined && !knownCombined.length)) return unknown;
    const ranking = this.rank(this.logScores(known), known.length * temperature);
    // Single characters and letter trigrams are nearly always known, so coverage counts the other
    // features (words, bigrams, stems, numbers) when there are any.
    const coverage = informative ? informativeKnown / informative : known.length / features;
    const top = this.labels.indexOf(ranking[0].intent);
    const similarity = this.neighbours.nearest(knownCombined, combined, top);
    const noneSimilarity = top === this.noneIndex ? similarity : this.neighbours.nearest(knownCombined, combined, this.noneIndex);
    return { ranking, coverage, features, similarity, noneSimilarity };
  }
}
