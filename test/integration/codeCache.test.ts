import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { freePort, waitReady } from '../helpers/process';

/**
 * `npm start`'s entry and the server's bundle, copied beside dist/src (node_modules resolve the same),
 * so that the code cache this test makes and reads is its own: the other tests' servers share dist/'s.
 */
function copyOfTheBuild(): string {
  const dir = mkdtempSync(join(PROJECT_ROOT, 'dist', 'code-cache-test-'));
  mkdirSync(join(dir, 'server'));
  for (const file of ['start.js', 'index.js', 'server/codeCache.js', 'server/v8Flags.js']) copyFileSync(join(PROJECT_ROOT, 'dist', 'src', file), join(dir, file));
  return dir;
}

async function startAndStop(entry: string, dataDir: string): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    // The embedded database: its thread sets a V8 flag of the whole process while the server starts.
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitReady(`http://127.0.0.1:${port}`, 60_000);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe("npm start's code cache", () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made by the first start and taken by the next, with the embedded database', async () => {
    dir = copyOfTheBuild();
    const cache = join(dir, 'index.js.v8cache');
    await startAndStop(join(dir, 'start.js'), join(dir, 'data'));
    const made = statSync(cache).mtimeMs;
    // A cache V8 refused would be made again once the server listens.
    await startAndStop(join(dir, 'start.js'), join(dir, 'data'));
    expect(statSync(cache).mtimeMs).toBe(made);
  }, 120_000);
});
