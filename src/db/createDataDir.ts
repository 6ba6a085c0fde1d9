import { PGlite } from '@electric-sql/pglite';

// Runs as a child process (see pgliteWorker.ts): creating a data directory grows PGlite's WebAssembly memory
// to about 600 MB, which goes back to the system only when this process ends.
const [path, startParams] = [process.argv[2], JSON.parse(process.argv[3]) as string[]];
void PGlite.create(path, { startParams }).then((db) => db.close());
