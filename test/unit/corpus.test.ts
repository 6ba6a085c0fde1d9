import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus, parseJsonLines } from '../../src/nlu/corpus';
import { LABELS } from '../../src/nlu/intents';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths';

const DEV_SET = join(PROJECT_ROOT, '..', 'shared', 'nlu', 'dev.jsonl');
const normalize = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, '');

describe('training corpus (lint)', () => {
  const corpus = loadCorpus(LOCALES_DIR);

  it.each(LABELS.map((l) => [l]))('%s has at least 40 Chinese and 15 English utterances', (label) => {
    expect(corpus.filter((u) => u.intent === label && u.lang === 'zh').length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((u) => u.intent === label && u.lang === 'en').length).toBeGreaterThanOrEqual(15);
  });

  it('has no utterance under two intents (ignoring case, width and punctuation)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const u of corpus) {
      const key = normalize(u.text);
      const other = seen.get(key);
      if (other && other !== u.intent) clashes.push(`${u.text}: ${other} / ${u.intent}`);
      seen.set(key, u.intent);
    }
    expect(clashes).toEqual([]);
  });

  it('holds out every utterance of the dev set', () => {
    expect(existsSync(DEV_SET)).toBe(true);
    const dev = new Set(parseJsonLines(readFileSync(DEV_SET, 'utf8')).map((l) => normalize(l.text)));
    expect(corpus.filter((u) => dev.has(normalize(u.text))).map((u) => u.text)).toEqual([]);
  });

  it('no button label equals a dev utterance (labels are recognized exactly)', () => {
    const dev = new Set(parseJsonLines(readFileSync(DEV_SET, 'utf8')).map((l) => normalize(l.text)));
    const labels = ['zh-CN', 'en'].flatMap((lang) => Object.values(JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'faq.json'), 'utf8')).labels as Record<string, string>));
    expect(labels.filter((label) => dev.has(normalize(label)))).toEqual([]);
  });

  it('uses only the catalog labels', () => {
    expect(new Set(corpus.map((u) => u.intent))).toEqual(new Set(LABELS));
  });
});
