import { augment, AUGMENT } from '../../src/nlu/augment';
import type { Utterance } from '../../src/nlu/corpus';

const corpus: Utterance[] = [
  { text: 'how long does the review take', intent: 'faq_review_time', lang: 'en' },
  { text: 'where is the serial number', intent: 'faq_find_serial', lang: 'en' },
  { text: '审核要多长时间', intent: 'faq_review_time', lang: 'zh' },
  { text: 'we sell noodles', intent: 'None', lang: 'en', story: true },
  { text: '我开了家面馆', intent: 'None', lang: 'zh', story: true },
];

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function edits(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('training-time augmentation', () => {
  const out = augment(corpus, { ...AUGMENT, englishTypos: 3, chineseDrops: 2, stories: 0 });
  const variants = out.slice(corpus.length);

  it('keeps the corpus first and is the same on every run (fixed seed)', () => {
    expect(out.slice(0, corpus.length)).toEqual(corpus);
    expect(augment(corpus)).toEqual(augment(corpus));
    expect(augment(corpus, { ...AUGMENT, seed: AUGMENT.seed + 1 })).not.toEqual(augment(corpus));
  });

  it('misspells English utterances by one slip, keeping their intent', () => {
    const english = variants.filter((v) => v.lang === 'en');
    expect(english.length).toBeGreaterThanOrEqual(4);
    for (const v of english) {
      const source = corpus.find((u) => u.intent === v.intent && u.lang === 'en' && !u.story)!;
      expect(v.text).not.toBe(source.text);
      expect(edits(v.text, source.text)).toBe(1);
    }
  });

  it('leaves one character out of Chinese utterances', () => {
    const chinese = variants.filter((v) => v.lang === 'zh');
    expect(chinese.length).toBeGreaterThanOrEqual(1);
    for (const v of chinese) {
      expect(v.intent).toBe('faq_review_time');
      expect([...v.text]).toHaveLength([...'审核要多长时间'].length - 1);
    }
  });

  it('puts utterances inside the stories of their language, and never varies the stories themselves', () => {
    const wrapped = augment(corpus, { ...AUGMENT, englishTypos: 0, chineseDrops: 0, stories: 1 }).slice(corpus.length);
    expect(wrapped).toHaveLength(3);
    for (const v of wrapped) {
      const source = corpus.find((u) => !u.story && u.intent === v.intent && u.lang === v.lang && v.text.includes(u.text));
      expect(source).toBeDefined();
      expect(v.text).toContain(v.lang === 'zh' ? '我开了家面馆' : 'we sell noodles');
      expect(v.story).toBeUndefined();
    }
  });
});
