import type { Analysis } from '../../src/nlu/classifier';
import type { Utterance } from '../../src/nlu/corpus';
import { crossValidate, searchGate, type HeldOut } from '../../src/nlu/tune';

/** A held-out text the classifier ranked `top` at `score`, with nothing else for the gate to go on. */
const heldOut = (gold: string, top: string, score: number): HeldOut => {
  const ranked = { intent: top as Analysis['top']['intent'], score };
  return { text: `${gold} ${score}`, gold, lang: 'zh', analysis: { top: ranked, ranking: [ranked], coverage: 1, features: 3, respelt: false, similarity: 1, noneSimilarity: 0 } };
};

describe('threshold tuning', () => {
  it('picks a gate in the middle of a plateau, not one next to a cliff', () => {
    // Merit by minScore (accuracy + recall, less 10 × false None over the 30% budget):
    // 0.1-0.3: 1, 0.4: 2 (the out-of-scope text at 0.35 is refused), 0.5: -0.5 (half the in-scope texts refused).
    const texts = [heldOut('faq_fees', 'faq_fees', 0.45), heldOut('faq_fees', 'faq_fees', 0.95), heldOut('None', 'faq_fees', 0.35)];
    const grid = { minScore: [0.1, 0.2, 0.3, 0.4, 0.5], minCoverage: [0], minSimilarity: [0], minLeadOverNone: [-1], trustedScore: [1.01] };
    const ranked = searchGate(texts, 0.3, grid);
    expect(Math.max(...ranked.map((c) => c.merit))).toBe(2);
    expect(ranked.find((c) => c.merit === 2)!.minScore).toBe(0.4);
    // Mean merit of 0.2, 0.3 and 0.4 is the best of the plateaus.
    expect(ranked[0]).toMatchObject({ minScore: 0.3, merit: 1 });
    expect(ranked[0].plateau).toBeCloseTo(4 / 3);
  });

  it('among gates the folds cannot tell apart, picks the one in the middle', () => {
    // Every minScore from 0.1 to 0.5 answers the in-scope text and refuses the out-of-scope one.
    const texts = [heldOut('faq_fees', 'faq_fees', 0.95), heldOut('None', 'faq_fees', 0.05)];
    const grid = { minScore: [0.1, 0.2, 0.3, 0.4, 0.5], minCoverage: [0], minSimilarity: [0], minLeadOverNone: [-1], trustedScore: [1.01] };
    const ranked = searchGate(texts, 0.05, grid);
    expect(ranked.map((c) => c.merit)).toEqual([2, 2, 2, 2, 2]);
    expect(ranked[0].minScore).toBe(0.3);
  });

  it('analyzes every utterance once per repeat, each time by a model that never saw it', () => {
    const corpus: Utterance[] = [
      { text: '我要注销POS机', intent: 'cancel_pos', lang: 'zh' },
      { text: '帮我把刷卡机退掉', intent: 'cancel_pos', lang: 'zh' },
      { text: '审核要几天', intent: 'faq_review_time', lang: 'zh' },
      { text: '多久能审核完', intent: 'faq_review_time', lang: 'zh' },
      { text: '今天天气如何', intent: 'None', lang: 'zh' },
      { text: '讲个笑话吧', intent: 'None', lang: 'zh' },
    ];
    const [[temperature, texts]] = [...crossValidate(corpus, 2, [0.25], 3)];
    expect(temperature).toBe(0.25);
    expect(texts).toHaveLength(corpus.length * 3);
    for (const u of corpus) expect(texts.filter((h) => h.text === u.text)).toHaveLength(3);
    // Held out, "审核要几天" has only "多久能审核完" to go on: a model that had seen it would score it near 1.
    expect(texts.filter((h) => h.text === '审核要几天').every((h) => h.analysis.ranking[0].score < 0.99)).toBe(true);
  });
});
