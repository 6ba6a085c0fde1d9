/**
 * `npm start`'s entry: the server (dist/src/index.js, which `npm run build` bundles into one file) compiled
 * through V8's code cache (see codeCache.ts), which it saves once the server listens when it was
 * missing or made for another build: with it a start was about 0.3 s shorter here.
 */
import { join } from 'node:path';
import { requireCached } from './server/codeCache';
import { baselineWebAssembly, limitHeapGrowth } from './server/v8Flags';

// Before compiling: V8 takes a cache only under the flags it was made with, and the server sets these
// as it starts (src/index.ts; the embedded database's thread, src/db/pgliteWorker.ts), with or without
// a DATABASE_URL (.env, read later, may set it).
limitHeapGrowth();
baselineWebAssembly();
const server = requireCached(join(__dirname, 'index.js'));
(server.exports as typeof import('./index')).run(() => server.save());
