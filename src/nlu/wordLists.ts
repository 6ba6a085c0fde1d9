import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CORPUS_FOLDERS } from './corpus';
import { normalizeText } from './normalize';

/** `locales/<lang>/nlu/<name>` of every corpus language that has one, each checked against `schema`. */
export function loadPerLanguage<T extends z.ZodTypeAny>(localesDir: string, name: string, schema: T): z.infer<T>[] {
  return Object.values(CORPUS_FOLDERS)
    .map((folder) => join(localesDir, folder, 'nlu', name))
    .filter((file) => existsSync(file))
    .map((file) => schema.parse(JSON.parse(readFileSync(file, 'utf8'))));
}

/** The named lists of `locales/<lang>/nlu/<name>`, each required, every corpus language's put together. */
export function loadLists<K extends string>(localesDir: string, name: string, keys: readonly K[]): Record<K, string[]> {
  const schema = z.object(Object.fromEntries(keys.map((key) => [key, z.array(z.string().min(1))])) as Record<K, z.ZodArray<z.ZodString>>);
  const files = loadPerLanguage(localesDir, name, schema) as Record<K, string[]>[];
  return Object.fromEntries(keys.map((key) => [key, files.flatMap((file) => file[key])])) as Record<K, string[]>;
}

/** The words as one pattern over normalized text: Latin ones from the start of a word ("loans" has "loan", "download" not); none matches nothing. */
export function wordsPattern(words: readonly string[]): RegExp {
  const alternatives = words.map((word) => {
    const escaped = normalizeText(word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return /^[a-z]/.test(escaped) ? `(?<![a-z])${escaped}` : escaped;
  });
  return new RegExp(alternatives.length ? alternatives.join('|') : '(?!)');
}
