import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus, type Utterance } from '../../src/nlu/corpus';
import { phraseKey } from '../../src/nlu/phraseKey';
import { exportAdditionsToLocales, withAdditions, writeCorpus } from '../../src/unanswered/corpusExport';
import { tempDirs } from '../helpers/tempDirs';

const tempDir = tempDirs();

const BASE: Utterance[] = [
  { text: 'how much is the fee', intent: 'faq_fees', lang: 'en' },
  { text: 'what time is it', intent: 'faq_fees', lang: 'en' },
  { text: '手续费多少', intent: 'faq_fees', lang: 'zh' },
];

describe('corpus export', () => {
  it('adds assigned texts, moves a re-labelled one, and never adds a development-set text', () => {
    const merged = withAdditions(
      BASE,
      [
        { language: 'en', text: 'what time is it', intent: 'None' },
        { language: 'zh', text: '押金能退吗', intent: 'faq_refund_method' },
        { language: 'en', text: 'a dev set question', intent: 'faq_fees' },
        { language: 'fr', text: 'combien', intent: 'faq_fees' },
      ],
      new Set([phraseKey('A dev set question!')]),
    );
    expect(merged).toEqual([
      { text: 'how much is the fee', intent: 'faq_fees', lang: 'en' },
      { text: '手续费多少', intent: 'faq_fees', lang: 'zh' },
      { text: 'what time is it', intent: 'None', lang: 'en' },
      { text: '押金能退吗', intent: 'faq_refund_method', lang: 'zh' },
    ]);
  });

  it('writes locales/<lang>/nlu/<label>.json that the corpus loader reads back', async () => {
    const dir = tempDir('corpus-');
    writeCorpus(dir, BASE);
    const written = await exportAdditionsToLocales(dir, async () => [{ language: 'en', text: 'what time is it', intent: 'None' }], new Set());
    expect(written.map((f) => f.slice(dir.length))).toEqual(['/zh-CN/nlu/faq_fees.json', '/en/nlu/faq_fees.json', '/en/nlu/None.json']);
    expect(readFileSync(join(dir, 'en', 'nlu', 'faq_fees.json'), 'utf8')).toBe('[\n  "how much is the fee"\n]\n');
    expect(loadCorpus(dir)).toEqual(expect.arrayContaining([{ text: 'what time is it', intent: 'None', lang: 'en' }]));
    expect(loadCorpus(dir)).toHaveLength(3);
  });
});
