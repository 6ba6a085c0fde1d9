import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { testDatabaseUrl } from './database';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface BotProcess {
  child: ChildProcess;
  url: string;
  /** stdout and stderr together. */
  output(): string;
  /** stdout: the JSON log lines. */
  logs(): Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the compiled server (what `npm start` runs) as a child process with only the given environment (and the test file's database). */
export function spawnBot(env: Record<string, string>): BotProcess {
  const port = env.PORT ?? '0';
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'start.js')], {
    cwd: join(PROJECT_ROOT, 'test'),
    // Generous limits: these tests open many conversations from one address (the limits have their own tests).
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PII_ENCRYPTION_KEY: Buffer.alloc(32, 42).toString('base64'), RATE_LIMIT_MESSAGES_PER_MINUTE: '100000', RATE_LIMIT_TOKENS_PER_MINUTE: '100000', DATABASE_URL: env.DATABASE_URL ?? testDatabaseUrl(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout!.on('data', (d) => {
    output += d;
    stdout += d;
  });
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const logs = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, logs, exited };
}

export async function waitReady(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}
