import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntentModel, type Analysis } from '../../src/nlu/classifier';
import type { Utterance } from '../../src/nlu/corpus';
import { decide } from '../../src/nlu/gate';
import { isCurrent, loadModel, saveModel } from '../../src/nlu/modelFile';
import { THRESHOLDS } from '../../src/nlu/thresholds';
import { understanding } from '../helpers/bot';

const tiny: Utterance[] = [
  { text: '我要注销POS机', intent: 'cancel_pos', lang: 'zh' },
  { text: '帮我把刷卡机退掉', intent: 'cancel_pos', lang: 'zh' },
  { text: 'cancel my terminal', intent: 'cancel_pos', lang: 'en' },
  { text: '审核要几天', intent: 'faq_review_time', lang: 'zh' },
  { text: '多久能审核完', intent: 'faq_review_time', lang: 'zh' },
  { text: 'how long is the review', intent: 'faq_review_time', lang: 'en' },
  { text: '今天天气如何', intent: 'None', lang: 'zh' },
  { text: 'tell me about football', intent: 'None', lang: 'en' },
];

describe('classifier', () => {
  it('retrains on the fly and classifies', () => {
    const model = IntentModel.train(tiny);
    expect(model.analyze('我想注销刷卡机', 0.25).ranking[0].intent).toBe('cancel_pos');
    expect(model.analyze('review takes how long?', 0.25).ranking[0].intent).toBe('faq_review_time');
  });

  it('normalizes scores to sum to 1, for short and 10 KB texts alike', () => {
    const model = IntentModel.train(tiny);
    for (const text of ['审核', '审核要几天'.repeat(2000)]) {
      const { ranking } = model.analyze(text, 0.25);
      expect(ranking.reduce((sum, r) => sum + r.score, 0)).toBeCloseTo(1, 9);
      expect(ranking.every((r) => Number.isFinite(r.score))).toBe(true);
      expect(ranking[0].intent).toBe('faq_review_time');
    }
  });

  it('a model restored from its JSON classifies exactly like the trained one', () => {
    const trained = understanding().model;
    const restored = IntentModel.fromJSON(JSON.parse(JSON.stringify(trained.toJSON())));
    for (const text of ['我想把机器退了', '审核多久', '退款到哪张卡', 'how do I check the refund', '讲个故事', '']) {
      expect(restored.analyze(text, 0.25)).toEqual(trained.analyze(text, 0.25));
    }
  });
});

describe('stored model', () => {
  it('is current only for the corpus it was trained on, so a build retrains exactly when the corpus changed', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'model-')), 'model.json');
    expect(isCurrent(path, tiny)).toBe(false);
    saveModel(path, tiny, IntentModel.train(tiny));
    expect(isCurrent(path, tiny)).toBe(true);
    expect(loadModel(path, tiny)?.analyze('我想注销刷卡机', 0.25).ranking[0].intent).toBe('cancel_pos');
    const edited = [...tiny.slice(1), { ...tiny[0], text: '我要注销POS终端' }];
    expect(isCurrent(path, edited)).toBe(false);
    expect(loadModel(path, edited)).toBeUndefined();
  });
});

describe('out-of-scope gate', () => {
  const analysis = (ranking: [string, number][], coverage = 1): Analysis => ({
    ranking: ranking.map(([intent, score]) => ({ intent: intent as Analysis['ranking'][0]['intent'], score })),
    coverage,
    features: 5,
  });

  it('sends empty input and unknown words to None', () => {
    const nlu = understanding();
    expect(nlu.classify('').intent).toBe('None');
    expect(nlu.classify('   ').intent).toBe('None');
    expect(nlu.classify('👍👍').intent).toBe('None');
    expect(nlu.classify('zxqv wplk grmf').intent).toBe('None');
  });

  it('refuses low coverage and a None top, whatever the scores', () => {
    expect(decide(analysis([['faq_fees', 0.9], ['None', 0.1]], 0.1), THRESHOLDS).intent).toBe('None');
    expect(decide(analysis([['None', 0.5], ['faq_fees', 0.49]]), THRESHOLDS).intent).toBe('None');
    expect(decide(analysis([['faq_fees', 0.2], ['help', 0.1]]), { ...THRESHOLDS, minScore: 0.3 }).intent).toBe('None');
  });

  it('offers both intents on a tie, but not a tie with None', () => {
    expect(decide(analysis([['faq_fees', 0.45], ['faq_what_is_pos', 0.44]]), THRESHOLDS)).toEqual({
      intent: 'faq_fees',
      score: 0.45,
      alternatives: ['faq_fees', 'faq_what_is_pos'],
    });
    expect(decide(analysis([['faq_fees', 0.45], ['None', 0.44]]), THRESHOLDS)).toEqual({ intent: 'faq_fees', score: 0.45 });
    expect(decide(analysis([['faq_fees', 0.8], ['faq_what_is_pos', 0.1]]), THRESHOLDS)).toEqual({ intent: 'faq_fees', score: 0.8 });
  });
});
