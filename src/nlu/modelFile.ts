import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { AUGMENT } from './augment';
import { IntentModel, type ModelTables } from './classifier';
import type { Utterance } from './corpus';

/**
 * Bump when the tokenizer or the classifier's training changes: `npm run build` retrains only when this,
 * the augmentation settings or the corpus changed.
 */
const FEATURES_VERSION = 8;

/**
 * The model's tables (see ModelTables) in V8's serialization: the typed arrays are read as they were
 * written. natural's JSON form took a fifth of a start to parse and compute from; the database keeps
 * that form for retrained models.
 */
interface ModelFile {
  fingerprint: string;
  tables: ModelTables;
}

/** Identifies a corpus and feature set; a stored model is used only when its fingerprint matches. */
export function fingerprint(corpus: Utterance[]): string {
  const hash = createHash('sha256').update(String(FEATURES_VERSION));
  hash.update(JSON.stringify(AUGMENT));
  for (const u of corpus) hash.update(`\n${u.lang}\t${u.intent}\t${u.story ? 'story' : ''}\t${u.text}`);
  return hash.digest('hex').slice(0, 16);
}

export function saveModel(path: string, corpus: Utterance[], model: IntentModel): void {
  mkdirSync(dirname(path), { recursive: true });
  const file: ModelFile = { fingerprint: fingerprint(corpus), tables: model.tables };
  writeFileSync(path, serialize(file));
}

function readCurrent(path: string, corpus: Utterance[]): ModelFile | undefined {
  if (!existsSync(path)) return undefined;
  let file: ModelFile;
  try {
    file = deserialize(readFileSync(path)) as ModelFile;
  } catch {
    // Not one of these files (another format, cut short): trained again.
    return undefined;
  }
  return file.fingerprint === fingerprint(corpus) ? file : undefined;
}

/** Whether the stored model was trained on exactly this corpus and feature set. */
export function isCurrent(path: string, corpus: Utterance[]): boolean {
  return readCurrent(path, corpus) !== undefined;
}

/** Trains and stores a model unless the stored one is current (training takes seconds); true when it trained. */
export function ensureModel(path: string, corpus: Utterance[]): boolean {
  if (isCurrent(path, corpus)) return false;
  saveModel(path, corpus, IntentModel.train(corpus));
  return true;
}

/** The stored model when it was trained on exactly this corpus; undefined when missing or stale. */
export function loadModel(path: string, corpus: Utterance[]): IntentModel | undefined {
  const file = readCurrent(path, corpus);
  return file && IntentModel.fromTables(file.tables);
}
