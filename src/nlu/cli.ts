import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { LOCALES_DIR, PROJECT_ROOT } from '../paths';
import { loadCorpus, parseJsonLines } from './corpus';
import { evaluate, formatReport, goldLabels } from './evaluate';
import { ensureModel } from './modelFile';
import { THRESHOLDS } from './thresholds';
import { THRESHOLDS_FILE, thresholdsModule } from './thresholdsFile';
import { tune } from './tune';
import { loadUnderstanding, modelPath } from './understanding';

/**
 * Cross-validation on our corpus is harsher than real traffic (the corpus is full of typos and
 * two-character fragments, and each fold loses a fifth of an intent's phrasings), so the false-None
 * budget there is looser than the 3% target.
 */
const MAX_FALSE_NONE = 0.08;

const USAGE = `usage: npm run -s nlu -- <command>
  classify             one utterance per stdin line -> {"text","intent","score","lang"} per line
  eval FILE.jsonl      in-scope accuracy and out-of-scope recall by language (near-domain apart), false None,
                       accuracy by kind when lines have one, per-intent precision/recall, confusions
  export-corpus        the training corpus as {"text","intent","lang"} lines
  export-corpus --to-locales
                       merge the utterances editors assigned (database) into locales/<lang>/nlu/
  train                train and store the model unless the stored one is current (npm run build does this)
  tune [--write]       cross-validate the corpus and print the thresholds it supports, best first;
                       --write stores the best in src/nlu/thresholds.ts (rebuild to use them)`;

async function main(args: string[]): Promise<number> {
  const [command, file] = args;
  const path = modelPath(PROJECT_ROOT);
  switch (command) {
    case 'classify': {
      const { understanding } = loadUnderstanding(LOCALES_DIR, path);
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        const { text, intent, score, lang } = understanding.classify(line);
        process.stdout.write(`${JSON.stringify({ text, intent, score: +score.toFixed(4), lang })}\n`);
      }
      return 0;
    }
    case 'eval': {
      if (!file) break;
      const { understanding } = loadUnderstanding(LOCALES_DIR, path);
      const lines = parseJsonLines(readFileSync(file, 'utf8'));
      const report = evaluate(lines.map((l) => ({ gold: goldLabels(l), predicted: understanding.classify(l.text).intent, lang: l.lang, kind: l.kind })));
      process.stdout.write(`${formatReport(report)}\n`);
      return 0;
    }
    case 'export-corpus':
      // Loaded only here: every other command works without the database modules.
      if (file === '--to-locales') return (await import('../unanswered/exportCli')).exportCorpusToLocales().then(() => 0);
      for (const { text, intent, lang } of loadCorpus(LOCALES_DIR)) process.stdout.write(`${JSON.stringify({ text, intent, lang })}\n`);
      return 0;
    case 'train': {
      ensureModel(path, loadCorpus(LOCALES_DIR));
      return 0;
    }
    case 'tune': {
      const results = tune(loadCorpus(LOCALES_DIR), { folds: 10, temperatures: [0.25, 0.5], maxFalseNone: MAX_FALSE_NONE, maxAskRate: 0.05 });
      for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
      process.stdout.write(`current: ${JSON.stringify(THRESHOLDS)}\n`);
      if (file === '--write' && results.length) {
        writeFileSync(THRESHOLDS_FILE, thresholdsModule(results[0].thresholds));
        process.stdout.write(`wrote ${THRESHOLDS_FILE}\n`);
      }
      return 0;
    }
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

// exitCode, not exit(): exiting at once would cut off stdout still being written to a pipe.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
