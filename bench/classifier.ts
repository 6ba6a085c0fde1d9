/**
 * The classifier's throughput, in a process of its own (`npm run bench` starts it; or `node
 * dist/bench/classifier.js [ms]`), not in the bench's process right after Chromium and the servers, and
 * warm: from cold code, the first seconds of a process classify about a sixth slower while the JIT
 * compiles, and a server classifies for days. The model loaded as the server loads it, the corpus texts
 * classified for a second unmeasured, then for `ms`.
 * Prints one JSON line: `perSecond` (wall-clock, what other runs compare), `perCpuSecond` (less swayed
 * by the other processes of a shared machine) and `loadMs`.
 */
import { loadCorpus } from '../src/nlu/corpus';
import { loadUnderstanding, modelPath } from '../src/nlu/understanding';
import { LOCALES_DIR, PROJECT_ROOT } from '../src/paths';

const WARM_UP_MS = 1000;
const ms = Number(process.argv[2] ?? 3000);

const started = process.hrtime.bigint();
const { understanding } = loadUnderstanding(LOCALES_DIR, modelPath(PROJECT_ROOT));
const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
const texts = loadCorpus(LOCALES_DIR).map((u) => u.text);

let n = 0;
function classifyFor(duration: number): void {
  const until = Date.now() + duration;
  while (Date.now() < until) for (let i = 0; i < 200; i++) understanding.classify(texts[n++ % texts.length]);
}

classifyFor(WARM_UP_MS);
n = 0;
const begin = process.hrtime.bigint();
const cpu = process.cpuUsage();
classifyFor(ms);
const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
const { user, system } = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ perSecond: n / seconds, perCpuSecond: n / ((user + system) / 1e6), loadMs })}\n`);
