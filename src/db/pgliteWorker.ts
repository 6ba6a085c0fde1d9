import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { baselineWebAssembly } from '../server/v8Flags';
import { PARSERS } from './parsers';

/**
 * PGlite in a worker thread (see pgliteClient.ts): opening it, about a second and a half of CPU, runs
 * beside the server's own start-up, and its queries never hold the event loop that takes turns.
 */
export interface PgliteWorkerData {
  path: string;
  /** Start parameters beyond PGlite's defaults. */
  startParams: string[];
  /** The compiled createDataDir.js. */
  createDataDir: string;
}

/** A query, or the last request: close the database (the thread then ends). */
export type PgliteRequest = { id: number; sql: string; params?: unknown[] } | { id: number; close: true };
export type PgliteReply = { id: number; result?: { rows: unknown[]; affectedRows?: number }; error?: Record<string, unknown> };

/**
 * Creating a data directory (initdb) grows PGlite's WebAssembly memory to about 600 MB, which a
 * WebAssembly memory never gives back: so a new directory is created by a child process (a thread
 * left about 130 MB of the process's resident memory behind), and this thread opens the existing
 * directory (about 150 MB).
 */
async function open({ path, startParams: extra, createDataDir }: PgliteWorkerData): Promise<PGlite> {
  const startParams = [...PGlite.defaultStartParams, ...extra];
  if (!existsSync(join(path, 'PG_VERSION'))) {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [createDataDir, path, JSON.stringify(startParams)], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`creating the PGlite data directory exited with code ${code}`))));
    });
  }
  return PGlite.create(path, { parsers: PARSERS, startParams });
}

/** What a query's error carries (PostgreSQL's code, constraint, detail…), as plain data for the other thread. */
function plain(err: unknown): Record<string, unknown> {
  return err instanceof Error ? { ...err, name: err.name, message: err.message } : { message: String(err) };
}

baselineWebAssembly();

const port = parentPort!;
const opening = open(workerData as PgliteWorkerData);
// A database that cannot be opened fails every request, then the thread ends: the next query starts a new one.
opening.catch(() => setImmediate(() => process.exit(1)));

port.on('message', (request: PgliteRequest) => {
  const reply = async (): Promise<PgliteReply> => {
    try {
      const db = await opening;
      if ('close' in request) {
        await db.close();
        return { id: request.id };
      }
      const { rows, affectedRows } = await db.query(request.sql, request.params);
      return { id: request.id, result: { rows, affectedRows } };
    } catch (err) {
      return { id: request.id, error: plain(err) };
    }
  };
  void reply().then((message) => {
    port.postMessage(message);
    if ('close' in request) port.close();
  });
});
