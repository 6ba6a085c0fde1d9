import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AUGMENT } from './augment';
import { IntentModel, type ModelJson } from './classifier';
import type { Utterance } from './corpus';

/**
 * Bump when the tokenizer or the classifier's training changes: `npm run build` retrains only when this,
 * the augmentation settings or the corpus changed.
 */
const FEATURES_VERSION = 8;

interface ModelFile {
  fingerprint: string;
  model: ModelJson;
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
  const file: ModelFile = { fingerprint: fingerprint(corpus), model: model.toJSON() };
  writeFileSync(path, JSON.stringify(file));
}

function readCurrent(path: string, corpus: Utterance[]): ModelFile | undefined {
  if (!existsSync(path)) return undefined;
  const file = JSON.parse(readFileSync(path, 'utf8')) as ModelFile;
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
  return file && IntentModel.fromJSON(file.model);
}
