import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LABELS, NONE, type Label } from './intents';

export type CorpusLanguage = 'zh' | 'en';

export interface Utterance {
  text: string;
  intent: Label;
  lang: CorpusLanguage;
  /** A sentence about the sender's circumstances (locales/<lang>/nlu/story.json): out of scope, and material for long-message variants. */
  story?: true;
}

/** Where each corpus language lives under locales/. */
export const CORPUS_FOLDERS: Record<CorpusLanguage, string> = { zh: 'zh-CN', en: 'en' };

/** A file's content, or undefined when there is none. */
export type ReadFile = (file: string) => string | undefined;

const fromDisk: ReadFile = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

/**
 * Training utterances from locales/<lang>/nlu/<label>.json (a JSON array of strings per label) and
 * story.json; `read` reads the files (the working tree; the overlap check reads a git revision).
 */
export function loadCorpus(localesDir: string, read: ReadFile = fromDisk): Utterance[] {
  const corpus: Utterance[] = [];
  for (const [lang, folder] of Object.entries(CORPUS_FOLDERS) as [CorpusLanguage, string][]) {
    for (const intent of LABELS) {
      for (const text of readTexts(join(localesDir, folder, 'nlu', `${intent}.json`), read)) corpus.push({ text, intent, lang });
    }
    for (const text of readTexts(join(localesDir, folder, 'nlu', 'story.json'), read)) corpus.push({ text, intent: NONE, lang, story: true });
  }
  return corpus;
}

function readTexts(file: string, read: ReadFile): string[] {
  const content = read(file);
  if (content === undefined) return [];
  const texts: unknown = JSON.parse(content);
  if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string')) throw new Error(`${file} must be a JSON array of strings`);
  return texts;
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
