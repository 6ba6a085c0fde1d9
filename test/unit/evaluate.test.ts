import { evaluate, formatReport, type Prediction } from '../../src/nlu/evaluate';

describe('evaluation report', () => {
  const predictions: Prediction[] = [
    { gold: ['faq_fees'], predicted: 'faq_fees', lang: 'zh', kind: 'typo' },
    { gold: ['faq_fees'], predicted: 'None', lang: 'en', kind: 'typo' },
    { gold: ['None'], predicted: 'None', lang: 'zh', kind: 'near' },
    { gold: ['None'], predicted: 'faq_fees', lang: 'zh', kind: 'near' },
    { gold: ['None'], predicted: 'None', lang: 'en', kind: 'chitchat' },
    { gold: ['cancel_pos'], predicted: 'cancel_pos', lang: 'en' },
  ];

  it('counts accuracy by kind (None lines right when answered None) and near-domain recall apart', () => {
    const report = evaluate(predictions);
    expect(report.byKind).toEqual({
      typo: { total: 2, correct: 1, accuracy: 0.5 },
      near: { total: 2, correct: 1, accuracy: 0.5 },
      chitchat: { total: 1, correct: 1, accuracy: 1 },
    });
    expect(report.outOfScope.nearDomain).toEqual({ total: 2, correct: 1, accuracy: 0.5 });
    expect(report.outOfScope.recall).toBeCloseTo(2 / 3);
    expect(report.outOfScope.byLang.zh).toEqual({ total: 2, correct: 1, accuracy: 0.5 });
    expect(report.inScope.byLang.en).toEqual({ total: 2, correct: 1, accuracy: 0.5 });
  });

  it('prints the kinds and the near-domain line only when the file has them', () => {
    expect(formatReport(evaluate(predictions))).toMatch(/near-domain: 50\.0% \(1\/2\)[\s\S]*by kind[\s\S]*typo\s+50\.0% \(1\/2\)/);
    const plain = formatReport(evaluate(predictions.map(({ kind: _kind, ...p }) => p)));
    expect(plain).not.toMatch(/near-domain|by kind/);
  });
});
