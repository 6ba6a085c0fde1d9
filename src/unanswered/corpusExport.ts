import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_FOLDERS, loadCorpus, type CorpusLanguage, type Utterance } from '../nlu/corpus';
import { LABELS, type Label } from '../nlu/intents';
import { phraseKey } from '../nlu/phraseKey';

export interface Addition {
  language: string;
  text: string;
  intent: Label;
}

const isCorpusLanguage = (lang: string): lang is CorpusLanguage => lang in CORPUS_FOLDERS;

/** The additions as utterances: the latest per language and text, corpus languages only, `excluded` texts left out. */
export function additionUtterances(additions: Addition[], excluded: ReadonlySet<string> = new Set()): Utterance[] {
  const assigned = new Map<string, Utterance>();
  for (const { language, text, intent } of additions) {
    if (isCorpusLanguage(language) && !excluded.has(phraseKey(text))) assigned.set(`${language}\u0000${text}`, { text, intent, lang: language });
  }
  return [...assigned.values()];
}

/**
 * The corpus with the editors' additions: an assigned text joins its intent and leaves any other
 * intent of its language; `excluded` texts (the development set, when exporting to locales/) never join.
 */
export function withAdditions(corpus: Utterance[], additions: Addition[], excluded: ReadonlySet<string> = new Set()): Utterance[] {
  const added = additionUtterances(additions, excluded);
  const moved = new Set(added.map((u) => `${u.lang}\u0000${u.text}`));
  return [...corpus.filter((u) => !moved.has(`${u.lang}\u0000${u.text}`)), ...added];
}

/** Writes the corpus back as locales/<lang>/nlu/<label>.json (the format loadCorpus reads); returns the files written. */
export function writeCorpus(localesDir: string, corpus: Utterance[]): string[] {
  const written: string[] = [];
  for (const [lang, folder] of Object.entries(CORPUS_FOLDERS) as [CorpusLanguage, string][]) {
    mkdirSync(join(localesDir, folder, 'nlu'), { recursive: true });
    for (const label of LABELS) {
      const texts = corpus.filter((u) => u.lang === lang && u.intent === label).map((u) => u.text);
      const file = join(localesDir, folder, 'nlu', `${label}.json`);
      // A label whose last text moved away keeps an empty file, not its old texts.
      if (!texts.length && !existsSync(file)) continue;
      writeFileSync(file, `${JSON.stringify(texts, null, 2)}\n`);
      written.push(file);
    }
  }
  return written;
}

/** `npm run -s nlu -- export-corpus --to-locales`: the database's additions merged into locales/<lang>/nlu/. */
export async function exportAdditionsToLocales(localesDir: string, additions: () => Promise<Addition[]>, excluded: ReadonlySet<string>): Promise<string[]> {
  return writeCorpus(localesDir, withAdditions(loadCorpus(localesDir), await additions(), excluded));
}
