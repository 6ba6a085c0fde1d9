import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LABELS, type Label } from './intents';

export type CorpusLanguage = 'zh' | 'en';

export interface Utterance {
  text: string;
  intent: Label;
  lang: CorpusLanguage;
}

/** Where each corpus language lives under locales/. */
export const CORPUS_FOLDERS: Record<CorpusLanguage, string> = { zh: 'zh-CN', en: 'en' };

/** Training utterances from locales/<lang>/nlu/<label>.json (a JSON array of strings per label). */
export function loadCorpus(localesDir: string): Utterance[] {
  const corpus: Utterance[] = [];
  for (const [lang, folder] of Object.entries(CORPUS_FOLDERS) as [CorpusLanguage, string][]) {
    for (const intent of LABELS) {
      const file = join(localesDir, folder, 'nlu', `${intent}.json`);
      if (!existsSync(file)) continue;
      const texts: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string')) throw new Error(`${file} must be a JSON array of strings`);
      for (const text of texts) corpus.push({ text, intent, lang });
    }
  }
  return corpus;
}

/** Labelled lines `{"text","intent","lang"}`; `intent` may be a list where two labels are equally right. */
export interface LabelledLine {
  text: string;
  intent: string | string[];
  lang: CorpusLanguage;
  /** Optional: what sort of line it is (plain, typo, long, near, …), for the report by kind. */
  kind?: string;
}

export function parseJsonLines(content: string): LabelledLine[] {
  return content
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledLine);
}
