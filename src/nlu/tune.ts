import { IntentModel, type Analysis } from './classifier';
import type { CorpusLanguage, Utterance } from './corpus';
import { decide, inScope, type LanguageGate, type Thresholds } from './gate';
import { NONE } from './intents';
import { seededRandom } from './seededRandom';

export interface HeldOut {
  text: string;
  analysis: Analysis;
  gold: string;
  lang: CorpusLanguage;
}

/** Fold of each utterance: stratified by intent and language, the order within each group shuffled by `seed`. */
function assignFolds(corpus: Utterance[], folds: number, seed: number): Map<Utterance, number> {
  const rand = seededRandom(seed);
  const groups = new Map<string, Utterance[]>();
  for (const u of corpus) {
    const key = `${u.intent}/${u.lang}`;
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  const foldOf = new Map<Utterance, number>();
  for (const members of groups.values()) {
    const shuffled = [...members];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    shuffled.forEach((u, i) => foldOf.set(u, i % folds));
  }
  return foldOf;
}

/**
 * Repeated stratified k-fold: every utterance is analyzed `repeats` times, each time by a model that
 * never saw it, under a different split (one split's luck, a fold that happens to lose an intent's
 * only phrasing of some kind, moves the gates less when the splits are pooled).
 */
export function crossValidate(corpus: Utterance[], folds: number, temperatures: number[], repeats = 1): Map<number, HeldOut[]> {
  const heldOut = new Map<number, HeldOut[]>(temperatures.map((t) => [t, []]));
  for (let r = 0; r < repeats; r++) {
    const foldOf = assignFolds(corpus, folds, r + 1);
    for (let k = 0; k < folds; k++) {
      const model = IntentModel.train(corpus.filter((u) => foldOf.get(u) !== k));
      for (const u of corpus.filter((x) => foldOf.get(x) === k)) {
        for (const t of temperatures) heldOut.get(t)!.push({ text: u.text, analysis: model.analyze(u.text, t), gold: u.intent, lang: u.lang });
      }
    }
  }
  return heldOut;
}

export interface Figures {
  inScopeAccuracy: number;
  outOfScopeRecall: number;
  falseNone: number;
}

export interface Candidate extends LanguageGate, Figures {
  /** What the search maximizes: accuracy + recall, less the false None beyond the budget. */
  merit: number;
  /** The mean merit of the gate and its neighbours one grid step away along each axis. */
  plateau: number;
}

/** In-scope accuracy, out-of-scope recall and false None of one language's held-out texts under `gate`. */
export function figures(heldOut: HeldOut[], gate: LanguageGate): Figures {
  let inScopeTotal = 0;
  let right = 0;
  let falseNone = 0;
  let outTotal = 0;
  let refused = 0;
  for (const h of heldOut) {
    const answered = inScope(h.analysis, gate);
    if (h.gold === NONE) {
      outTotal++;
      if (!answered) refused++;
    } else {
      inScopeTotal++;
      if (!answered) falseNone++;
      else if (h.analysis.top.intent === h.gold) right++;
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return { inScopeAccuracy: ratio(right, inScopeTotal), outOfScopeRecall: ratio(refused, outTotal), falseNone: ratio(falseNone, inScopeTotal) };
}

const steps = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => +(from + i * step).toFixed(3));

/**
 * The gate grid, one axis per field. minScore from 0.1: a gate without a score floor would leave the
 * unanswered-question review (which flags answers under twice the floor) nothing to flag.
 * minLeadOverNone -1 turns the comparison with out-of-scope utterances off.
 */
export const GATE_GRID: { [K in keyof LanguageGate]: number[] } = {
  minScore: steps(0.1, 0.5, 0.05),
  minCoverage: steps(0, 0.6, 0.1),
  minSimilarity: steps(0, 0.3, 0.05),
  minLeadOverNone: [-1, ...steps(-0.2, 0.05, 0.05)],
  trustedScore: [0.8, 0.9, 0.99, 1.01],
};

const AXES = Object.keys(GATE_GRID) as (keyof LanguageGate)[];

/** Each false None beyond the budget costs this much merit: the budget is firm, but a gate just over it still ranks. */
const OVER_BUDGET_COST = 10;
/**
 * Gates whose plateau is within this of the best are equally good as far as the folds can tell (the
 * merit of one gate moves by about this much from one shuffle of the folds to another).
 */
const PLATEAU_TOLERANCE = 0.02;

/**
 * Ranks one language's out-of-scope gates on held-out texts of that language (its `None` texts include
 * our near-domain questions, so the gate is calibrated on them). Merit is in-scope accuracy plus
 * out-of-scope recall, less a steep cost for false None beyond `maxFalseNone`. One gate's merit is
 * noisy: many gates come within a shuffle's noise of the best, in different corners of the grid, and
 * the best of them is mostly the one the folds' accidents favoured. So each gate's merit is averaged
 * with its neighbours' (one grid step along each axis), and the gate returned first is the one nearest
 * the centre (mean grid position) of all gates whose averaged merit is within PLATEAU_TOLERANCE of the
 * best: the middle of the plateau, which moves little when the corpus or the folds change. The rest
 * follow by averaged merit.
 */
export function searchGate(heldOut: HeldOut[], maxFalseNone: number, grid = GATE_GRID): Candidate[] {
  const sizes = AXES.map((axis) => grid[axis].length);
  const total = sizes.reduce((a, b) => a * b, 1);
  const coordinates = (index: number) => {
    const out: number[] = [];
    for (const size of [...sizes].reverse()) {
      out.unshift(index % size);
      index = Math.floor(index / size);
    }
    return out;
  };
  const indexOf = (coords: number[]) => coords.reduce((index, c, d) => index * sizes[d] + c, 0);
  const gates: LanguageGate[] = [];
  const results: (Figures & { merit: number })[] = [];
  for (let i = 0; i < total; i++) {
    const coords = coordinates(i);
    const gate = Object.fromEntries(AXES.map((axis, d) => [axis, grid[axis][coords[d]]])) as unknown as LanguageGate;
    const f = figures(heldOut, gate);
    gates.push(gate);
    results.push({ ...f, merit: f.inScopeAccuracy + f.outOfScopeRecall - OVER_BUDGET_COST * Math.max(0, f.falseNone - maxFalseNone) });
  }
  const candidates: Candidate[] = gates.map((gate, i) => {
    const coords = coordinates(i);
    let sum = results[i].merit;
    let count = 1;
    for (let d = 0; d < sizes.length; d++) {
      for (const step of [-1, 1]) {
        const c = coords[d] + step;
        if (c < 0 || c >= sizes[d]) continue;
        sum += results[indexOf(coords.map((x, e) => (e === d ? c : x)))].merit;
        count++;
      }
    }
    return { ...gate, ...results[i], plateau: sum / count };
  });
  const best = Math.max(...candidates.map((c) => c.plateau));
  const near = candidates.map((c, i) => ({ c, coords: coordinates(i) })).filter(({ c }) => c.plateau >= best - PLATEAU_TOLERANCE);
  const centre = sizes.map((_, d) => near.reduce((sum, { coords }) => sum + coords[d], 0) / near.length);
  const distance = (coords: number[]) => coords.reduce((sum, c, d) => sum + (c - centre[d]) ** 2, 0);
  const middle = near.reduce((a, b) => (distance(b.coords) < distance(a.coords) ? b : a)).c;
  return [middle, ...candidates.filter((c) => c !== middle).sort((a, b) => b.plateau - a.plateau || b.merit - a.merit)];
}

/**
 * The margin under which the bot asks "did you mean A or B?": catch as many wrong top answers as
 * possible while asking about at most `maxAskRate` of the in-scope texts it would have got right.
 */
export function searchMargin(heldOut: HeldOut[], thresholds: Omit<Thresholds, 'minMargin'>, maxAskRate: number) {
  const answered = heldOut.filter((h) => h.gold !== NONE && decide(h.analysis, { ...thresholds, minMargin: 0 }, h.lang).intent !== NONE);
  const margin = (h: HeldOut) => {
    const { top: a, second: b } = h.analysis;
    return b && b.intent !== NONE ? a.score - b.score : 1;
  };
  let best = { minMargin: 0, wrongCaught: 0, rightAsked: 0 };
  for (const minMargin of steps(0, 0.5, 0.025)) {
    const asked = answered.filter((h) => margin(h) < minMargin);
    const wrong = answered.filter((h) => h.analysis.top.intent !== h.gold);
    const wrongCaught = asked.filter((h) => h.analysis.top.intent !== h.gold).length / Math.max(1, wrong.length);
    const rightAsked = asked.filter((h) => h.analysis.top.intent === h.gold).length / Math.max(1, answered.length - wrong.length);
    if (rightAsked <= maxAskRate && wrongCaught >= best.wrongCaught) best = { minMargin, wrongCaught, rightAsked };
  }
  return best;
}

/** The gate fields of a ranked candidate, without its figures. */
function gateOf(candidate: Candidate): LanguageGate {
  return Object.fromEntries(AXES.map((axis) => [axis, candidate[axis]])) as unknown as LanguageGate;
}

export interface Tuned {
  thresholds: Thresholds;
  zh: Candidate;
  en: Candidate;
  wrongCaught: number;
  rightAsked: number;
}

export interface TuneOptions {
  folds: number;
  /** Splits of the corpus into folds, each with its own shuffle: the held-out figures are pooled. */
  repeats: number;
  temperatures: number[];
  maxFalseNone: number;
  maxAskRate: number;
}

/**
 * Cross-validates the corpus at each temperature and returns, per temperature, the plateau gate of each
 * language and the "which did you mean?" margin; the best first.
 */
export function tune(corpus: Utterance[], options: TuneOptions): Tuned[] {
  const results: Tuned[] = [];
  for (const [temperature, heldOut] of crossValidate(corpus, options.folds, options.temperatures, options.repeats)) {
    const [zh] = searchGate(heldOut.filter((h) => h.lang === 'zh'), options.maxFalseNone);
    const [en] = searchGate(heldOut.filter((h) => h.lang === 'en'), options.maxFalseNone);
    if (!zh || !en) continue;
    const gates = { temperature, zh: gateOf(zh), en: gateOf(en) };
    const { minMargin, wrongCaught, rightAsked } = searchMargin(heldOut, gates, options.maxAskRate);
    results.push({ thresholds: { ...gates, minMargin }, zh, en, wrongCaught, rightAsked });
  }
  return results.sort((a, b) => b.zh.plateau + b.en.plateau - (a.zh.plateau + a.en.plateau));
}
