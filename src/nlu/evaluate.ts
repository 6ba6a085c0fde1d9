import type { CorpusLanguage, LabelledLine } from './corpus';
import { NONE } from './intents';

export interface Prediction {
  gold: string[];
  predicted: string;
  lang: CorpusLanguage;
  /** The evaluation file's `kind` of the line (plain, typo, near, …) when it has one. */
  kind?: string;
}

interface Tally {
  total: number;
  correct: number;
  accuracy: number;
}

/** Kinds of out-of-scope line that share words with the FAQ: their recall is reported on its own. */
const NEAR_DOMAIN_KINDS = new Set(['near', 'near-domain']);

export interface Report {
  inScope: Tally & { byLang: Record<string, Tally> };
  outOfScope: { total: number; recall: number; byLang: Record<string, Tally>; nearDomain: Tally };
  /** Per `kind` of line, in and out of scope together: a None line counts as right when answered None. */
  byKind: Record<string, Tally>;
  /** In-scope texts answered `None`: the bot said "I don't know" to a question it knows. */
  falseNone: { count: number; rate: number };
  perIntent: Record<string, { precision: number; recall: number; support: number }>;
  confusions: { gold: string; predicted: string; count: number }[];
}

export function goldLabels(line: LabelledLine): string[] {
  return Array.isArray(line.intent) ? line.intent : [line.intent];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function tally<K extends string>(predictions: Prediction[], key: (p: Prediction) => K | undefined, correct: (p: Prediction) => boolean): Record<K, Tally> {
  const out = {} as Record<K, Tally>;
  for (const p of predictions) {
    const k = key(p);
    if (k === undefined) continue;
    const t = (out[k] ??= { total: 0, correct: 0, accuracy: 0 });
    t.total++;
    if (correct(p)) t.correct++;
    t.accuracy = t.correct / t.total;
  }
  return out;
}

/** The figures the targets are stated in: in-scope top-1 accuracy, out-of-scope recall, false None. */
export function evaluate(predictions: Prediction[]): Report {
  const inScope = predictions.filter((p) => !p.gold.includes(NONE));
  const outOfScope = predictions.filter((p) => p.gold.includes(NONE));
  const correct = (p: Prediction) => p.gold.includes(p.predicted);
  const byLang = tally(inScope, (p) => p.lang, correct);
  const nearDomain = outOfScope.filter((p) => p.kind !== undefined && NEAR_DOMAIN_KINDS.has(p.kind));
  const nearCorrect = nearDomain.filter(correct).length;
  const labels = new Set(predictions.flatMap((p) => [...p.gold, p.predicted]));
  const perIntent: Report['perIntent'] = {};
  for (const label of [...labels].sort()) {
    const predictedAs = predictions.filter((p) => p.predicted === label);
    const actually = predictions.filter((p) => p.gold.includes(label));
    perIntent[label] = {
      precision: ratio(predictedAs.filter(correct).length, predictedAs.length),
      recall: ratio(actually.filter(correct).length, actually.length),
      support: actually.length,
    };
  }
  const pairs = new Map<string, number>();
  for (const p of predictions.filter((x) => !correct(x))) {
    const key = `${p.gold.join('|')} -> ${p.predicted}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const falseNone = inScope.filter((p) => p.predicted === NONE).length;
  const inScopeCorrect = inScope.filter(correct).length;
  return {
    inScope: { total: inScope.length, correct: inScopeCorrect, accuracy: ratio(inScopeCorrect, inScope.length), byLang },
    outOfScope: {
      total: outOfScope.length,
      recall: ratio(outOfScope.filter(correct).length, outOfScope.length),
      byLang: tally(outOfScope, (p) => p.lang, correct),
      nearDomain: { total: nearDomain.length, correct: nearCorrect, accuracy: ratio(nearCorrect, nearDomain.length) },
    },
    byKind: tally(predictions, (p) => p.kind, correct),
    falseNone: { count: falseNone, rate: falseNone / Math.max(1, inScope.length) },
    perIntent,
    confusions: [...pairs]
      .map(([key, count]) => {
        const [gold, predicted] = key.split(' -> ');
        return { gold, predicted, count };
      })
      .sort((a, b) => b.count - a.count),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const counted = (t: Tally) => `${pct(t.accuracy)} (${t.correct}/${t.total})`;

export function formatReport(report: Report): string {
  const lines = [
    `in-scope top-1 accuracy: ${pct(report.inScope.accuracy)} (${report.inScope.correct}/${report.inScope.total})`,
    ...Object.entries(report.inScope.byLang).map(([lang, t]) => `  ${lang}: ${counted(t)}`),
    `out-of-scope recall: ${pct(report.outOfScope.recall)} (of ${report.outOfScope.total})`,
    ...Object.entries(report.outOfScope.byLang).map(([lang, t]) => `  ${lang}: ${counted(t)}`),
    ...(report.outOfScope.nearDomain.total ? [`  near-domain: ${counted(report.outOfScope.nearDomain)}`] : []),
    `in-scope answered None: ${pct(report.falseNone.rate)} (${report.falseNone.count})`,
    ...(Object.keys(report.byKind).length
      ? ['', 'by kind (right answer, None included):', ...Object.entries(report.byKind).map(([kind, t]) => `  ${kind.padEnd(14)}${counted(t)}`)]
      : []),
    '',
    'intent                      precision  recall  support',
    ...Object.entries(report.perIntent).map(
      ([label, r]) => `${label.padEnd(28)}${pct(r.precision).padStart(9)}${pct(r.recall).padStart(8)}${String(r.support).padStart(9)}`,
    ),
    '',
    'confusions (gold -> predicted):',
    ...(report.confusions.length ? report.confusions.map((c) => `  ${c.count} × ${c.gold} -> ${c.predicted}`) : ['  none']),
  ];
  return lines.join('\n');
}
