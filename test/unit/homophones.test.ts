import { IntentModel } from '../../src/nlu/classifier';
import type { Utterance } from '../../src/nlu/corpus';
import { FeatureIds } from '../../src/nlu/featureIds';
import { Homophones } from '../../src/nlu/homophones';

describe('homophones', () => {
  const vocabulary: [string, number][] = [
    ['w:审核', 3],
    ['b:审核', 300],
    ['b:注销', 500],
    ['b:多久', 40],
    // Same reading as 多久 (duo jiu), seen less often.
    ['b:多就', 0],
    ['b:单怎', 2],
  ];

  it('reads an unknown pair as the known pair of the same toneless pinyin', () => {
    const homophones = new Homophones(vocabulary);
    expect(homophones.correct('审和')).toBe('审核');
    expect(homophones.correct('注消')).toBe('注销');
    expect(homophones.correct('住宵')).toBe('注销');
    expect(homophones.correct('退款')).toBeUndefined();
  });

  it('prefers the pair training saw most often', () => {
    const homophones = new Homophones([...vocabulary, ['b:夺酒', 25]]);
    expect(homophones.correct('舵就')).toBe('多久');
  });

  it('leaves rare pairs alone: they are mostly word boundaries, not words', () => {
    expect(new Homophones(vocabulary).correct('担怎')).toBeUndefined();
  });

  describe('in the classifier\'s reading of a text', () => {
    const index = new Map(['c:注', 'c:销', 'b:注销', 'b:告诉'].map((f, i) => [f, i]));
    const ids = new FeatureIds(index, new Homophones([['b:注销', 500], ['b:告诉', 90]]));

    it('counts an unknown pair as the known pair it sounds like, once', () => {
      const typo = ids.read('注消');
      expect(typo.known).toEqual([0, 2]);
      expect(typo.informativeKnown).toBe(typo.informative);
      expect(ids.read('注销住宵').known.filter((id) => id === 2)).toHaveLength(1);
    });

    it('keeps a pair the segmenter reads as a word: a word we were not taught is no typo', () => {
      expect(ids.read('高速').known).toEqual([]);
      expect(ids.read('告速').known).toEqual([3]);
    });
  });

  it('lets the classifier read a homophone typo as the word it sounds like', () => {
    const corpus: Utterance[] = [
      ...Array.from({ length: 24 }, (_, i): Utterance => ({ text: `我要注销POS机${'了吧啊呢'.slice(0, i % 4)}`, intent: 'cancel_pos', lang: 'zh' })),
      ...Array.from({ length: 24 }, (_, i): Utterance => ({ text: `审核要几天${'了吧啊呢'.slice(0, i % 4)}`, intent: 'faq_review_time', lang: 'zh' })),
      { text: '今天天气如何', intent: 'None', lang: 'zh' },
    ];
    const model = IntentModel.train(corpus);
    const typo = model.analyze('住宵', 0.25);
    expect(typo.ranking[0].intent).toBe('cancel_pos');
    expect(typo.coverage).toBe(1);
  });
});
