import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './process';

export interface RedisServer {
  port: number;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** Starts it again on the same port (after a kill). */
  restart(): Promise<RedisServer>;
}

function cli(port: number, ...args: string[]) {
  return spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms`);
}

/**
 * A private redis-server on a free loopback port (never the machine's shared one on 6379). `restart`
 * reuses the port and data folder, so with `--appendonly yes` the data survives a kill.
 */
export async function startRedis(port?: number, extra: string[] = [], folder?: string): Promise<RedisServer> {
  const p = port ?? (await freePort());
  const dir = folder ?? mkdtempSync(join(tmpdir(), 'redis-'));
  const child = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra], {
    stdio: 'ignore',
  });
  await waitFor(() => cli(p, 'ping').stdout.trim() === 'PONG', `redis on ${p}`);
  const server: RedisServer = {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    restart: () => startRedis(p, extra, dir),
  };
  return server;
}

/** Three masters with the slots split between them. */
export async function startRedisCluster(): Promise<{ nodes: RedisServer[]; urls: string[]; stop(): Promise<void> }> {
  const nodes = await Promise.all([0, 1, 2].map(() => startRedis(undefined, ['--cluster-enabled', 'yes', '--cluster-node-timeout', '2000'])));
  const created = spawnSync('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`cluster create failed: ${created.stdout}${created.stderr}`);
  await waitFor(() => nodes.every((n) => /cluster_state:ok/.test(cli(n.port, 'cluster', 'info').stdout)), 'cluster');
  return { nodes, urls: nodes.map((n) => n.url), stop: async () => void (await Promise.all(nodes.map((n) => n.stop()))) };
}
