import type { CorpusLanguage, LabelledLine } from './corpus';
import { NONE } from './intents';

export interface Prediction {
  gold: string[];
  predicted: string;
  lang: CorpusLanguage;
}

export interface Report {
  inScope: { total: number; correct: number; accuracy: number; byLang: Record<string, { total: number; correct: number; accuracy: number }> };
  outOfScope: { total: number; recall: number };
  /** In-scope texts answered `None`: the bot said "I don't know" to a question it knows. */
  falseNone: { count: number; rate: number };
  perIntent: Record<string, { precision: number; recall: number; support: number }>;
  confusions: { gold: string; predicted: string; count: number }[];
}

export function goldLabels(line: LabelledLine): string[] {
  return Array.isArray(line.intent) ? line.intent : [line.intent];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** The figures the targets are stated in: in-scope top-1 accuracy, out-of-scope recall, false None. */
export function evaluate(predictions: Prediction[]): Report {
  const inScope = predictions.filter((p) => !p.gold.includes(NONE));
  const outOfScope = predictions.filter((p) => p.gold.includes(NONE));
  const correct = (p: Prediction) => p.gold.includes(p.predicted);
  const byLang: Report['inScope']['byLang'] = {};
  for (const lang of new Set(inScope.map((p) => p.lang))) {
    const of = inScope.filter((p) => p.lang === lang);
    const ok = of.filter(correct).length;
    byLang[lang] = { total: of.length, correct: ok, accuracy: ratio(ok, of.length) };
  }
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
    outOfScope: { total: outOfScope.length, recall: ratio(outOfScope.filter(correct).length, outOfScope.length) },
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

export function formatReport(report: Report): string {
  const lines = [
    `in-scope top-1 accuracy: ${pct(report.inScope.accuracy)} (${report.inScope.correct}/${report.inScope.total})`,
    ...Object.entries(report.inScope.byLang).map(([lang, r]) => `  ${lang}: ${pct(r.accuracy)} (${r.correct}/${r.total})`),
    `out-of-scope recall: ${pct(report.outOfScope.recall)} (of ${report.outOfScope.total})`,
    `in-scope answered None: ${pct(report.falseNone.rate)} (${report.falseNone.count})`,
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
