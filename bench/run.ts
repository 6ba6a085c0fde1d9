/**
 * `npm run bench` (`-- --quick` for a spot check under a minute): turn throughput and latency of our
 * bot over HTTP, side by side with baselines started in the same run on the same machine — a bare
 * restify handler (the HTTP stack's ceiling), and botbuilder's minimal echo bot and a bot shaped as its
 * multi-turn prompt sample (what its dialogs cost), each as published and bundled as ours is (botbuilder
 * compiled from its TypeScript for Node 20: about half the CPU) — plus the widget on an
 * emulated phone (beside its uncompressed, unprefetched baseline), the classifier, start-up time (the
 * server, `npm start` unchanged and rebuilding everything), memory and Redis bytes per conversation, cases and
 * the dashboard's queries on PostgreSQL at 100,000 rows. Shared machines are noisy: the ratios
 * against the echo bot are what to compare between runs. The last line is one JSON object.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { modelPath } from '../src/nlu/understanding';
import { PROJECT_ROOT } from '../src/paths';
import { launchChromium } from '../test/helpers/browser';
import { createDatabase } from '../test/helpers/database';
import { benchCases } from './cases';
import { benchDashboard } from './dashboard';
import { runLoad, type LoadResult } from './load';
import { freePort, startRedis, startServer, waitReady, type BenchServer } from './processes';
import { APOLOGY, baselineScript, dialogScript, faqScript, sampleDialogScript } from './scripts';
import { runWidget, type WidgetRun } from './widget';
import { QUESTIONS, widgetRedisBytes, type WidgetRedisBytes } from './widgetRedis';

const QUICK = process.argv.includes('--quick');
const DURATION_MS = QUICK ? 1500 : 8000;
const CONCURRENCY = [1, 20, 100];
const HEADLINE = 20;

interface Row extends LoadResult {
  system: string;
  kind: 'message' | 'faq' | 'dialog';
  concurrency: number;
  rssMb: number;
  heapMb: number;
  /**
   * CPU per measured turn, in ms: the server's process (all its threads), redis-server, and the load
   * generator (this process). On a machine of few cores they share the cores, so turns/s follow their sum.
   */
  cpu: { server: number; redis: number; load: number };
}

const rows: Row[] = [];

async function measure(system: string, server: BenchServer, kind: Row['kind'], script: typeof faqScript, apology?: RegExp, redis?: { cpuMs(): number }): Promise<void> {
  // A short warm-up, so JIT and connection pools are not part of the first figure.
  await runLoad(server.url, HEADLINE, QUICK ? 300 : 1500, script, apology);
  for (const concurrency of CONCURRENCY) {
    const serverBefore = server.cpuMs();
    const redisBefore = redis?.cpuMs() ?? 0;
    const loadBefore = process.cpuUsage();
    const result = await runLoad(server.url, concurrency, DURATION_MS, script, apology);
    const load = process.cpuUsage(loadBefore);
    const perTurn = (ms: number) => ms / Math.max(result.turns, 1);
    const cpu = {
      server: perTurn(server.cpuMs() - serverBefore),
      redis: perTurn((redis?.cpuMs() ?? 0) - redisBefore),
      load: perTurn((load.user + load.system) / 1000),
    };
    const memory = await server.memory();
    rows.push({ ...result, system, kind, concurrency, rssMb: memory.rss / 2 ** 20, heapMb: memory.heapUsed / 2 ** 20, cpu });
    if (result.firstError) process.stderr.write(`${system} ${kind} @${concurrency}: ${result.errors} errors, first: ${result.firstError}\n`);
  }
}

async function flushRedis(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  await client.flushAll();
  await client.quit();
}

/** Bytes Redis holds per conversation after the realistic sequence, over `count` conversations. */
async function redisBytes(url: string, server: BenchServer, count: number): Promise<{ perConversation: number; keys: number }> {
  await flushRedis(url);
  const client = createClient({ url });
  await client.connect();
  await runLoad(server.url, 1, 10 * 60_000, (() => {
    let done = 0;
    return (conversation: string) => (done++ < count ? dialogScript(conversation) : []);
  })(), APOLOGY).catch(() => undefined);
  let bytes = 0;
  let keys = 0;
  for await (const batch of client.scanIterator({ COUNT: 500 })) {
    for (const key of batch) {
      bytes += (await client.memoryUsage(key)) ?? 0;
      keys++;
    }
  }
  await client.quit();
  return { perConversation: bytes / count, keys: keys / count };
}

/** Median time from spawning `command` (in its own process group) to `/readyz` answering 200. */
async function startupMs(runs: number, command: string, args: string[], before: () => void = () => undefined, env: Record<string, string> = {}): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const port = await freePort();
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: 'ignore',
      detached: true,
    });
    await waitReady(`http://127.0.0.1:${port}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    await new Promise((done) => {
      child.once('exit', done);
      // The group: `npm start` runs the server in a shell of its own.
      process.kill(-child.pid!, 'SIGTERM');
    });
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** What forces `npm start` to compile everything and train again: no build info, no model. */
function forgetBuild(): void {
  rmSync(join(PROJECT_ROOT, 'dist', 'tsconfig.tsbuildinfo'), { force: true });
  rmSync(modelPath(PROJECT_ROOT), { force: true });
}

/** Classifications per second, per CPU-second, and the model's load, from a process of its own (see classifier.ts). */
async function classifier(): Promise<{ perSecond: number; perCpuSecond: number; loadMs: number }> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'bench', 'classifier.js'), String(QUICK ? 1000 : 3000)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`bench/classifier exited with ${code}`);
  return JSON.parse(out) as { perSecond: number; perCpuSecond: number; loadMs: number };
}

/** The widget on an emulated phone: the headline path and, in the same run, the baselines. */
async function widget(): Promise<Record<'idle' | 'atOnce' | 'uncompressed', WidgetRun>> {
  const server = await startServer('ours');
  const browser = await launchChromium();
  try {
    await waitReady(server.url);
    return {
      idle: await runWidget(browser, server.url, { click: 'idle' }),
      atOnce: await runWidget(browser, server.url, { click: 'at-once' }),
      // What every open cost before compression and prefetching: the whole bundle after the click.
      uncompressed: await runWidget(browser, server.url, { click: 'at-once', acceptEncoding: 'identity' }),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

const cpuFigures = ({ cpu }: Row) => ({ server: Number(cpu.server.toFixed(2)), redis: Number(cpu.redis.toFixed(2)), load: Number(cpu.load.toFixed(2)) });
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * The echo bot bundled by the build's bundler, as our server is: a baseline for what the framework
 * costs when built the same way (the published one runs botbuilder's ES2015 output).
 */
const BUNDLED_ECHO = 'echo bot, bundled as ours (baseline)';
/**
 * botbuilder's dialogs on their own (bench/servers/dialogSample.ts), bundled as ours is: what a dialog
 * turn of the framework costs, beside the echo bot built the same way.
 */
const DIALOG_SAMPLE = 'dialog sample, bundled (baseline)';
/** The same as published (botbuilder's ES2015 output), beside the published echo bot. */
const DIALOG_SAMPLE_PUBLISHED = 'dialog sample (baseline)';
function bundle(source: string, target: string): void {
  const built = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'bundle.js'), `bench/servers/${source}.ts`, `dist/bench/servers/${target}.js`], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`bundling ${source} failed`);
}

async function main(): Promise<void> {
  bundle('echo', 'echoBundled');
  bundle('dialogSample', 'dialogSampleBundled');
  const redis = await startRedis();
  // Tokens for the widget conversations of the Redis measure come from one address.
  const redisEnv = { REDIS_URL: redis.url, PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), RATE_LIMIT_TOKENS_PER_MINUTE: '1000' };
  let bytes = { perConversation: 0, keys: 0 };
  let widgetBytes: WidgetRedisBytes | undefined;
  try {
    for (const [system, name, env, kind, script, apology] of [
      ['bare restify (baseline)', 'bare', {}, 'message', baselineScript, undefined],
      ['botbuilder echo bot (baseline)', 'echo', {}, 'message', baselineScript, undefined],
      [BUNDLED_ECHO, 'echoBundled', {}, 'message', baselineScript, undefined],
      [DIALOG_SAMPLE_PUBLISHED, 'dialogSample', {}, 'dialog', sampleDialogScript, undefined],
      [DIALOG_SAMPLE, 'dialogSampleBundled', {}, 'dialog', sampleDialogScript, undefined],
      ['ours, memory state', 'ours', {}, 'faq', faqScript, APOLOGY],
      ['ours, memory state', 'ours', {}, 'dialog', dialogScript, APOLOGY],
      ['ours, Redis state', 'ours', redisEnv, 'faq', faqScript, APOLOGY],
      ['ours, Redis state', 'ours', redisEnv, 'dialog', dialogScript, APOLOGY],
    ] as const) {
      const profile = process.env.BENCH_CPU_PROF && name === 'ours' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
      const server = await startServer(name, env, profile);
      if (name === 'ours') await waitReady(server.url);
      await measure(system, server, kind, script, apology, 'REDIS_URL' in env ? redis : undefined);
      if (name === 'ours' && 'REDIS_URL' in env && kind === 'dialog') {
        bytes = await redisBytes(redis.url, server, 20);
        await flushRedis(redis.url);
        widgetBytes = await widgetRedisBytes(server.url, redis.url, 20);
      }
      await server.stop();
    }
  } finally {
    redis.stop();
  }
  const web = await widget();
  const nlu = await classifier();
  const runs = QUICK ? 1 : 3;
  const server = [join(PROJECT_ROOT, 'dist', 'src', 'start.js')];
  // The baseline: botbuilder's echo bot on restify, nothing else to load.
  const echoStartup = await startupMs(runs, process.execPath, [join(PROJECT_ROOT, 'dist', 'bench', 'servers', 'echo.js')]);
  const pgliteData = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const scratch = await createDatabase('bench');
  let startup: number;
  let startupNewDataDir: number;
  let startupPostgres: number;
  let npmStart: number;
  let npmStartRebuilt: number | undefined;
  try {
    // The first start creates the data directory (and migrates): measured on its own.
    startupNewDataDir = await startupMs(1, process.execPath, server, () => undefined, { DATA_DIR: pgliteData });
    startup = await startupMs(runs, process.execPath, server, () => undefined, { DATA_DIR: pgliteData });
    // A DATABASE_URL requires the key that seals card numbers.
    const postgres = { DATABASE_URL: scratch.url, PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    await startupMs(1, process.execPath, server, () => undefined, postgres);
    startupPostgres = await startupMs(runs, process.execPath, server, () => undefined, postgres);
    // With the data directory made, as on every start but the first (./data of a fresh clone would
    // make its first start, and so a --quick run's only one, a creation).
    npmStart = await startupMs(QUICK ? 1 : 3, 'npm', ['start'], () => undefined, { DATA_DIR: pgliteData });
    // Every start did this before the build and the model were skipped when unchanged: the baseline.
    npmStartRebuilt = QUICK ? undefined : await startupMs(1, 'npm', ['start'], forgetBuild, { DATA_DIR: pgliteData });
  } finally {
    rmSync(pgliteData, { recursive: true, force: true });
    await scratch.drop();
  }

  const at = (system: string, kind: Row['kind'], concurrency = HEADLINE) => rows.find((r) => r.system === system && r.kind === kind && r.concurrency === concurrency)!;
  const echo = (concurrency: number) => at('botbuilder echo bot (baseline)', 'message', concurrency);
  const echoBundled = (concurrency: number) => at(BUNDLED_ECHO, 'message', concurrency);
  process.stdout.write(
    `\n${'system'.padEnd(38)}${'turns'.padEnd(8)}${'conc'.padStart(5)}${'turns/s'.padStart(10)}${'× echo'.padStart(8)}${'× bundled'.padStart(10)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}${'RSS MB'.padStart(8)}${'heap MB'.padStart(9)}` +
      `  CPU ms/turn: ${'server'.padStart(6)}${'redis'.padStart(7)}${'load'.padStart(6)}\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `${r.system.padEnd(38)}${r.kind.padEnd(8)}${String(r.concurrency).padStart(5)}${fmt(r.tps).padStart(10)}${(r.tps / echo(r.concurrency).tps).toFixed(2).padStart(8)}${(r.tps / echoBundled(r.concurrency).tps).toFixed(2).padStart(10)}` +
        `${fmt(r.p50, 2).padStart(9)}${fmt(r.p95, 2).padStart(9)}${fmt(r.p99, 2).padStart(9)}${String(r.errors).padStart(8)}${fmt(r.rssMb).padStart(8)}${fmt(r.heapMb).padStart(9)}` +
        `${''.padStart(14)}${fmt(r.cpu.server, 2).padStart(6)}${fmt(r.cpu.redis, 2).padStart(7)}${fmt(r.cpu.load, 2).padStart(6)}\n`,
    );
  }
  process.stdout.write('\nwidget, launcher click → first bot bubble (Chromium 390×844, 9/3 Mbit/s, 40 ms RTT, cold cache):\n');
  for (const [label, run] of [
    ['clicked once the page is idle (Web Chat prefetched, compressed)', web.idle],
    ['clicked at once (compressed)', web.atOnce],
    ['clicked at once, uncompressed (baseline)', web.uncompressed],
  ] as const) {
    process.stdout.write(`  ${label.padEnd(66)}${fmt(run.clickToGreetingMs).padStart(7)} ms ${fmt(run.bytes / 1e6, 2).padStart(6)} MB on the wire\n`);
  }
  process.stdout.write(`\nclassifier: ${fmt(nlu.perSecond)} classifications/s (${fmt(nlu.perCpuSecond)} per CPU-second), model load ${fmt(nlu.loadMs, 1)} ms\n`);
  process.stdout.write(
    `start-up to /readyz (memory state, model built): ${fmt(startup)} ms with PGlite (${fmt(startupNewDataDir)} ms creating its data directory), ` +
      `${fmt(startupPostgres)} ms with DATABASE_URL; botbuilder's echo bot (baseline) ${fmt(echoStartup)} ms\n`,
  );
  process.stdout.write(`npm start to /readyz: ${fmt(npmStart)} ms unchanged; ${npmStartRebuilt === undefined ? 'not measured (--quick)' : `${fmt(npmStartRebuilt)} ms compiling everything and training`}\n`);
  process.stdout.write(`Redis after the realistic sequence: ${fmt(bytes.perConversation)} bytes and ${bytes.keys.toFixed(1)} keys per conversation\n`);
  const widgetRedis = widgetBytes!;
  process.stdout.write(
    `Redis after a widget conversation (welcome + ${QUESTIONS.length} FAQ turns over Direct Line): ${fmt(widgetRedis.perConversation)} bytes per conversation ` +
      `(baseline, the log as plain JSON: ${fmt(widgetRedis.perConversationLogAsJson)}); ${[...widgetRedis.byKind].map(([kind, size]) => `${kind} ${fmt(size)}`).join(', ')}; shared by all: ${fmt(widgetRedis.shared)}\n\n`,
  );

  const cases = await benchCases(QUICK);
  process.stdout.write(
    `cases on PostgreSQL: ${fmt(cases.submissionsPerSecond)} submissions/s (plain single-row inserts, same server: ${fmt(cases.insertsPerSecond)}/s); ` +
      `back-office list, one filter, first page, ${fmt(cases.seeded)} cases: p95 ${fmt(cases.listP95Ms, 1)} ms (a bare round trip: ${fmt(cases.roundTripP95Ms, 1)} ms)\n\n`,
  );
  const dashboard = await benchDashboard(QUICK);
  process.stdout.write(
    `dashboard on PostgreSQL, ${fmt(dashboard.conversations)} conversations and cases over 90 days, p95 per chart (target 200 ms; a bare round trip: ${fmt(dashboard.roundTripP95Ms, 1)} ms):\n`,
  );
  for (const [chart, ms] of Object.entries(dashboard.chartP95Ms)) process.stdout.write(`  ${chart.padEnd(24)}${fmt(ms, 1).padStart(8)} ms\n`);
  process.stdout.write('\n');
  const faqRedis = at('ours, Redis state', 'faq');
  const dialogRedis = at('ours, Redis state', 'dialog');
  const dialogMemory = at('ours, memory state', 'dialog');
  const sample = at(DIALOG_SAMPLE, 'dialog');
  const samplePublished = at(DIALOG_SAMPLE_PUBLISHED, 'dialog');
  const summary = {
    echo_tps: Math.round(echo(HEADLINE).tps),
    echo_bundled_tps: Math.round(echoBundled(HEADLINE).tps),
    bare_tps: Math.round(at('bare restify (baseline)', 'message').tps),
    faq_tps_memory: Math.round(at('ours, memory state', 'faq').tps),
    faq_tps_redis: Math.round(faqRedis.tps),
    dialog_tps_memory: Math.round(dialogMemory.tps),
    dialog_sample_tps: Math.round(sample.tps),
    dialog_tps_redis: Math.round(dialogRedis.tps),
    cpu_ms_per_turn_echo: cpuFigures(echo(HEADLINE)),
    cpu_ms_per_turn_dialog_sample: cpuFigures(sample),
    cpu_ms_per_turn_dialog_memory: cpuFigures(dialogMemory),
    cpu_ms_per_turn_faq_redis: cpuFigures(faqRedis),
    cpu_ms_per_turn_dialog_redis: cpuFigures(dialogRedis),
    faq_p99_ms_redis: Number(faqRedis.p99.toFixed(2)),
    dialog_p99_ms_redis: Number(dialogRedis.p99.toFixed(2)),
    ratio_faq_redis_to_echo: Number((faqRedis.tps / echo(HEADLINE).tps).toFixed(3)),
    ratio_dialog_redis_to_echo: Number((dialogRedis.tps / echo(HEADLINE).tps).toFixed(3)),
    dialog_sample_published_tps: Math.round(samplePublished.tps),
    ratio_dialog_sample_published_to_echo: Number((samplePublished.tps / echo(HEADLINE).tps).toFixed(3)),
    dialog_sample_published_p99_ms: Number(samplePublished.p99.toFixed(2)),
    ratio_dialog_sample_to_echo_bundled: Number((sample.tps / echoBundled(HEADLINE).tps).toFixed(3)),
    ratio_dialog_memory_to_dialog_sample: Number((dialogMemory.tps / sample.tps).toFixed(3)),
    dialog_sample_p99_ms: Number(sample.p99.toFixed(2)),
    ratio_faq_redis_to_echo_bundled: Number((faqRedis.tps / echoBundled(HEADLINE).tps).toFixed(3)),
    ratio_dialog_redis_to_echo_bundled: Number((dialogRedis.tps / echoBundled(HEADLINE).tps).toFixed(3)),
    errors: rows.reduce((sum, r) => sum + r.errors, 0),
    redis_bytes_per_conversation: Math.round(bytes.perConversation),
    redis_bytes_per_widget_conversation: Math.round(widgetRedis.perConversation),
    redis_bytes_per_widget_conversation_log_as_json: Math.round(widgetRedis.perConversationLogAsJson),
    max_rss_mb_ours: Math.round(Math.max(...rows.filter((r) => r.system.startsWith('ours')).map((r) => r.rssMb))),
    classify_per_s: Math.round(nlu.perSecond),
    classify_per_cpu_s: Math.round(nlu.perCpuSecond),
    model_load_ms: Number(nlu.loadMs.toFixed(1)),
    widget_click_to_greeting_ms: Math.round(web.idle.clickToGreetingMs),
    widget_bytes: web.idle.bytes,
    widget_click_to_greeting_ms_at_once: Math.round(web.atOnce.clickToGreetingMs),
    widget_bytes_at_once: web.atOnce.bytes,
    widget_click_to_greeting_ms_uncompressed: Math.round(web.uncompressed.clickToGreetingMs),
    widget_bytes_uncompressed: web.uncompressed.bytes,
    startup_ms: Math.round(startup),
    startup_ms_new_data_dir: Math.round(startupNewDataDir),
    startup_ms_database_url: Math.round(startupPostgres),
    startup_ms_echo: Math.round(echoStartup),
    npm_start_ms_unchanged: Math.round(npmStart),
    npm_start_ms_rebuilt: npmStartRebuilt === undefined ? null : Math.round(npmStartRebuilt),
    case_submissions_per_s: Math.round(cases.submissionsPerSecond),
    plain_inserts_per_s: Math.round(cases.insertsPerSecond),
    case_list_p95_ms: Number(cases.listP95Ms.toFixed(1)),
    db_round_trip_p95_ms: Number(cases.roundTripP95Ms.toFixed(1)),
    dashboard_chart_p95_ms_max: Number(Math.max(...Object.values(dashboard.chartP95Ms)).toFixed(1)),
    dashboard_db_round_trip_p95_ms: Number(dashboard.roundTripP95Ms.toFixed(1)),
    concurrency: HEADLINE,
    quick: QUICK,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
