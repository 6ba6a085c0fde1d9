/**
 * `npm run bench:nlu`: our classifier side by side with two baselines trained on the same exported
 * corpus and scored on the same held-out file (default ../shared/nlu/dev.jsonl):
 * nlp.js (node-nlp, useNoneFeature) and a plain natural BayesClassifier with its default tokenizer.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BayesClassifier } from 'natural/lib/natural/classifiers';
import { IntentModel } from '../src/nlu/classifier';
import { loadCorpus, parseJsonLines, type LabelledLine } from '../src/nlu/corpus';
import { evaluate, goldLabels, type Report } from '../src/nlu/evaluate';
import { NONE } from '../src/nlu/intents';
import { loadModel } from '../src/nlu/modelFile';
import { Understanding, modelPath } from '../src/nlu/understanding';
import { LOCALES_DIR, PROJECT_ROOT } from '../src/paths';

interface Row {
  name: string;
  report: Report;
  perSecond: number;
  loadMs?: number;
  modelBytes?: number;
}

function report(lines: LabelledLine[], classify: (line: LabelledLine) => string): Report {
  return evaluate(lines.map((l) => ({ gold: goldLabels(l), predicted: classify(l), lang: l.lang })));
}

/** Classifications per second on one core, over at least `ms` of repeated passes. */
function throughput(texts: string[], classify: (text: string) => unknown, ms = 2000): number {
  let count = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < ms) {
    for (const t of texts) classify(t);
    count += texts.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (count / elapsed) * 1000;
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? join(PROJECT_ROOT, '..', 'shared', 'nlu', 'dev.jsonl');
  const lines = parseJsonLines(readFileSync(file, 'utf8'));
  const texts = lines.map((l) => l.text);
  const corpus = loadCorpus(LOCALES_DIR);
  const rows: Row[] = [];

  // Ours: the model `npm run build` stored, restored the way the server restores it.
  const path = modelPath(PROJECT_ROOT);
  const loads: number[] = [];
  let model: IntentModel | undefined;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    model = loadModel(path, corpus);
    loads.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  if (!model) throw new Error('no up-to-date model: run npm run build first');
  const ours = new Understanding(model);
  rows.push({
    name: 'ours (natural Bayes + tokenizer + gate)',
    report: report(lines, (l) => ours.classify(l.text).intent),
    perSecond: throughput(texts, (t) => ours.classify(t)),
    loadMs: loads.sort((a, b) => a - b)[2],
    modelBytes: statSync(path).size,
  });

  // natural as it comes: BayesClassifier with its default (Porter) tokenizer, None as a class.
  const plain = new BayesClassifier();
  for (const u of corpus) plain.addDocument(u.text, u.intent);
  plain.train();
  const plainTop = (text: string) => plain.getClassifications(text)[0]?.label ?? NONE;
  rows.push({ name: 'natural BayesClassifier, default tokenizer', report: report(lines, (l) => plainTop(l.text)), perSecond: throughput(texts, plainTop, 1000) });

  // nlp.js with its None feature.
  const { NlpManager } = require('node-nlp');
  const manager = new NlpManager({ languages: ['zh', 'en'], forceNER: false, autoSave: false, nlu: { useNoneFeature: true, log: false } });
  for (const u of corpus) manager.addDocument(u.lang, u.text, u.intent);
  await manager.train();
  const nlpResults: string[] = [];
  for (const l of lines) nlpResults.push(((await manager.process(l.lang, l.text)).intent as string) ?? NONE);
  let i = 0;
  const nlpStart = process.hrtime.bigint();
  for (const l of lines) await manager.process(l.lang, l.text);
  const nlpPerSecond = (lines.length / (Number(process.hrtime.bigint() - nlpStart) / 1e6)) * 1000;
  rows.push({ name: 'nlp.js (node-nlp, useNoneFeature)', report: report(lines, () => nlpResults[i++]), perSecond: nlpPerSecond });

  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const header = ['system', 'in-scope zh', 'in-scope en', 'in-scope all', 'OOS recall', 'in-scope->None', 'classify/s', 'load ms', 'model KB'];
  const table = rows.map((r) => [
    r.name,
    pct(r.report.inScope.byLang.zh?.accuracy ?? 0),
    pct(r.report.inScope.byLang.en?.accuracy ?? 0),
    pct(r.report.inScope.accuracy),
    pct(r.report.outOfScope.recall),
    pct(r.report.falseNone.rate),
    Math.round(r.perSecond).toLocaleString('en'),
    r.loadMs === undefined ? '-' : r.loadMs.toFixed(1),
    r.modelBytes === undefined ? '-' : (r.modelBytes / 1024).toFixed(0),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c].length)));
  const format = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  process.stdout.write(`held-out file: ${file} (${lines.length} lines); corpus: ${corpus.length} utterances\n`);
  process.stdout.write(`${format(header)}\n${table.map(format).join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
