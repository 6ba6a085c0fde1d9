import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from '../paths';
import type { PgliteReply, PgliteRequest, PgliteWorkerData } from './pgliteWorker';

/** The compiled scripts (tests run the sources, but `npm run build` and the test setup compile them). */
const COMPILED = join(PROJECT_ROOT, 'dist', 'src', 'db');

/**
 * PostgreSQL's 128 MB of shared buffers, all touched at start inside PGlite's WebAssembly memory, were
 * 120 MB of the server's resident memory and a third of its opening time; an embedded database of cases
 * needs far less. 4 MB (512 pages) against 16 MB: about 12 MB less resident, opened and after 3,000
 * inserts and 50 scans (118-121 MB against 130-134 MB, PGlite's thread alone), in the same time: its
 * pages are files that stay in the system's cache.
 */
const SETTINGS = ['-c', 'shared_buffers=4MB'];

/** Clients started and not closed, by data directory. */
const started = new Map<string, PgliteClient>();

/**
 * The embedded database under `dataDir`, its thread started now unless it was already: the server's
 * entry (src/index.ts) starts it before loading the rest of the server, so that PGlite opens meanwhile.
 */
export function embeddedDatabase(dataDir: string): PgliteClient {
  const path = join(resolve(dataDir), 'pglite');
  let client = started.get(path);
  if (!client) {
    mkdirSync(dataDir, { recursive: true });
    client = new PgliteClient(path, SETTINGS, () => started.delete(path));
    started.set(path, client);
  }
  return client;
}

type Pending = { resolve(result: PgliteReply['result']): void; reject(err: Error): void };

/**
 * What the kysely PGlite dialect uses of PGlite (`query`, `close`), answered by PGlite in a worker
 * thread (pgliteWorker.ts) that starts opening the database at once. A thread that ends (it could not
 * open the database) fails what was asked of it; the next query starts a new one. The thread keeps the
 * process alive only while a request waits for it.
 */
export class PgliteClient {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly path: string, private readonly startParams: string[], private readonly closed: () => void) {
    this.start();
  }

  query(sql: string, params?: unknown[]): Promise<PgliteReply['result']> {
    return this.request({ sql, params });
  }

  async close(): Promise<void> {
    this.closed();
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await this.request({ close: true });
    await exited;
  }

  private request(body: { sql: string; params?: unknown[] } | { close: true }): Promise<PgliteReply['result']> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...body } as PgliteRequest);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const workerData: PgliteWorkerData = { path: this.path, startParams: this.startParams, createDataDir: join(COMPILED, 'createDataDir.js') };
    // A small young generation: the thread's own objects are a query's rows in passing, and the default
    // one kept about 25 MB more resident under 100 concurrent users (346 MB against 372, 4 runs).
    const worker = new Worker(join(COMPILED, 'pgliteWorker.js'), { workerData, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.unref();
    worker.on('message', ({ id, result, error }: PgliteReply) => {
      const pending = this.pending.get(id);
      this.pending.delete(id);
      if (!this.pending.size) worker.unref();
      if (error) pending?.reject(Object.assign(new Error(String(error.message)), error));
      else pending?.resolve(result);
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error(`the PGlite thread ended (code ${code})`));
    });
    return (this.worker = worker);
  }

  private failAll(err: Error): void {
    for (const { reject } of this.pending.values()) reject(err);
    this.pending.clear();
  }
}
