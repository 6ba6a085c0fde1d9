import { IntentModel, type Analysis } from './classifier';
import type { CorpusLanguage, Utterance } from './corpus';
import { decide, inScope, type LanguageGate, type Thresholds } from './gate';
import { NONE } from './intents';

export interface HeldOut {
  text: string;
  analysis: Analysis;
  gold: string;
  lang: CorpusLanguage;
}

/** Stratified k-fold: every utterance is analyzed by a model that never saw it, at each temperature. */
export function crossValidate(corpus: Utterance[], folds: number, temperatures: number[]): Map<number, HeldOut[]> {
  const foldOf = new Map<Utterance, number>();
  const groups = new Map<string, Utterance[]>();
  for (const u of corpus) groups.set(`${u.intent}/${u.lang}`, [...(groups.get(`${u.intent}/${u.lang}`) ?? []), u]);
  for (const members of groups.values()) members.forEach((u, i) => foldOf.set(u, i % folds));
  const heldOut = new Map<number, HeldOut[]>(temperatures.map((t) => [t, []]));
  for (let k = 0; k < folds; k++) {
    const model = IntentModel.train(corpus.filter((u) => foldOf.get(u) !== k));
    for (const u of corpus.filter((x) => foldOf.get(x) === k)) {
      for (const t of temperatures) heldOut.get(t)!.push({ text: u.text, analysis: model.analyze(u.text, t), gold: u.intent, lang: u.lang });
    }
  }
  return heldOut;
}

export interface Candidate extends LanguageGate {
  inScopeAccuracy: number;
  outOfScopeRecall: number;
  falseNone: number;
}

/** In-scope accuracy, out-of-scope recall and false None of one language's held-out texts under `gate`. */
function score(heldOut: HeldOut[], gate: LanguageGate) {
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
      else if (h.analysis.ranking[0].intent === h.gold) right++;
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return { inScopeAccuracy: ratio(right, inScopeTotal), outOfScopeRecall: ratio(refused, outTotal), falseNone: ratio(falseNone, inScopeTotal) };
}

const steps = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => +(from + i * step).toFixed(3));

/**
 * Ranks one language's out-of-scope gates on held-out texts of that language: the best in-scope
 * accuracy + out-of-scope recall among gates that send at most `maxFalseNone` of in-scope texts to None.
 * The held-out `None` texts include our near-domain questions, so the gate is calibrated on them.
 */
export function searchGate(heldOut: HeldOut[], maxFalseNone: number): Candidate[] {
  const candidates: Candidate[] = [];
  // From 0.1: a gate without a score floor would leave the unanswered-question review (which flags
  // answers under twice the floor) nothing to flag.
  for (const minScore of steps(0.1, 0.5, 0.05)) {
    for (const minCoverage of steps(0, 0.6, 0.1)) {
      for (const minSimilarity of steps(0, 0.3, 0.05)) {
        // -1: the comparison with out-of-scope utterances is off.
        for (const minLeadOverNone of [-1, ...steps(-0.2, 0.05, 0.05)]) {
          for (const trustedScore of [0.9, 0.99, 1.01]) {
            const gate = { minScore, minCoverage, minSimilarity, minLeadOverNone, trustedScore };
            candidates.push({ ...gate, ...score(heldOut, gate) });
          }
        }
      }
    }
  }
  const within = candidates.filter((c) => c.falseNone <= maxFalseNone);
  // When no gate keeps to the budget (the None class itself outranks too many held-out texts), the
  // gates closest to it are shown instead, so the figures are still there to read.
  if (!within.length) return candidates.sort((a, b) => a.falseNone - b.falseNone || b.outOfScopeRecall - a.outOfScopeRecall);
  return within.sort((a, b) => b.inScopeAccuracy + b.outOfScopeRecall - (a.inScopeAccuracy + a.outOfScopeRecall) || a.minScore - b.minScore);
}

/**
 * The margin under which the bot asks "did you mean A or B?": catch as many wrong top answers as
 * possible while asking about at most `maxAskRate` of the in-scope texts it would have got right.
 */
export function searchMargin(heldOut: HeldOut[], thresholds: Omit<Thresholds, 'minMargin'>, maxAskRate: number) {
  const answered = heldOut.filter((h) => h.gold !== NONE && decide(h.analysis, { ...thresholds, minMargin: 0 }, h.lang).intent !== NONE);
  const margin = (h: HeldOut) => {
    const [a, b] = h.analysis.ranking;
    return b && b.intent !== NONE ? a.score - b.score : 1;
  };
  let best = { minMargin: 0, wrongCaught: 0, rightAsked: 0 };
  for (const minMargin of steps(0, 0.5, 0.025)) {
    const asked = answered.filter((h) => margin(h) < minMargin);
    const wrong = answered.filter((h) => h.analysis.ranking[0].intent !== h.gold);
    const wrongCaught = asked.filter((h) => h.analysis.ranking[0].intent !== h.gold).length / Math.max(1, wrong.length);
    const rightAsked = asked.filter((h) => h.analysis.ranking[0].intent === h.gold).length / Math.max(1, answered.length - wrong.length);
    if (rightAsked <= maxAskRate && wrongCaught >= best.wrongCaught) best = { minMargin, wrongCaught, rightAsked };
  }
  return best;
}

/** The gate fields of a ranked candidate, without its figures. */
function gateOf({ minScore, minCoverage, minSimilarity, minLeadOverNone, trustedScore }: Candidate): LanguageGate {
  return { minScore, minCoverage, minSimilarity, minLeadOverNone, trustedScore };
}

export interface Tuned {
  thresholds: Thresholds;
  zh: Candidate;
  en: Candidate;
  wrongCaught: number;
  rightAsked: number;
}

/**
 * Cross-validates the corpus at each temperature and returns, per temperature, the best gate of each
 * language within the false-None budget and the "which did you mean?" margin; the best first.
 */
export function tune(corpus: Utterance[], options: { folds: number; temperatures: number[]; maxFalseNone: number; maxAskRate: number }): Tuned[] {
  const results: Tuned[] = [];
  for (const [temperature, heldOut] of crossValidate(corpus, options.folds, options.temperatures)) {
    const [zh] = searchGate(heldOut.filter((h) => h.lang === 'zh'), options.maxFalseNone);
    const [en] = searchGate(heldOut.filter((h) => h.lang === 'en'), options.maxFalseNone);
    if (!zh || !en) continue;
    const gates = { temperature, zh: gateOf(zh), en: gateOf(en) };
    const { minMargin, wrongCaught, rightAsked } = searchMargin(heldOut, gates, options.maxAskRate);
    results.push({ thresholds: { ...gates, minMargin }, zh, en, wrongCaught, rightAsked });
  }
  const merit = (t: Tuned) => t.zh.inScopeAccuracy + t.zh.outOfScopeRecall + t.en.inScopeAccuracy + t.en.outOfScopeRecall;
  return results.sort((a, b) => merit(b) - merit(a));
}
