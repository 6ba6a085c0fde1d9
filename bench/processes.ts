import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths';
import { NODE_FLAGS } from '../src/server/v8Flags';

/** The processes a bench starts: free ports, a private redis-server, bench servers forked with IPC. */

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitReady(url: string): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A redis-server on a free loopback port, without persistence. */
export async function startRedis(): Promise<{ port: number; url: string; cpuMs(): number; stop(): void }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', mkdtempSync(join(tmpdir(), 'bench-redis-'))], { stdio: 'ignore' });
  while (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG') await new Promise((r) => setTimeout(r, 50));
  return { port, url: `redis://127.0.0.1:${port}`, cpuMs: () => processCpuMs(child.pid!), stop: () => child.kill('SIGKILL') };
}

/** /proc counts CPU time in clock ticks of USER_HZ, which Linux fixes at 100 a second for userspace. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time of a process, all its threads (the main one, V8's helpers, workers), in ms: utime and stime
 * of /proc/<pid>/stat. Read from outside, so it works for a server of any build.
 */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export interface BenchServer {
  child: ChildProcess;
  url: string;
  /** The server's process.memoryUsage(), after a GC. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** Milliseconds of CPU the server's process has used so far, all its threads. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * Forks one bench server (bare, echo, ours) and waits until it listens. The compiled one, also when
 * this module runs from source (a test imports the soak through ts-jest); another checkout's when
 * `root` names one (built there). Without a DATABASE_URL each
 * server has an embedded database of its own, removed when it stops.
 */
export function startServer(name: string, env: Record<string, string> = {}, execArgv: string[] = [], root = PROJECT_ROOT): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-data-'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = fork(join(root, 'dist', 'bench', 'servers', `${name}.js`), [], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...env },
      // Not the project's folder: its .env, which our server reads as `npm start` does, stays out of a bench.
      cwd: dataDir,
      // Ours with the command line `npm start` gives it.
      execArgv: ['--expose-gc', ...(name === 'ours' ? NODE_FLAGS : []), ...execArgv],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      removeData();
      reject(new Error(`${name} exited with ${code} before listening`));
    });
    child.once('message', (message: { port: number }) =>
      resolve({
        child,
        url: `http://127.0.0.1:${message.port}`,
        memory: () =>
          new Promise((done) => {
            child.once('message', (m: { memory: NodeJS.MemoryUsage }) => done(m.memory));
            child.send('memory');
          }),
        cpuMs: () => processCpuMs(child.pid!),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => {
              removeData();
              done();
            });
            child.kill('SIGTERM');
          }),
      }),
    );
  });
}
