import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { constants, Script } from 'node:vm';

/** CommonJS's wrapper on a line of its own: line numbers move by one (given back by `lineOffset`), columns stay. */
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) {\n', '\n})'];

export interface CachedModule {
  exports: unknown;
  /** Whether V8 took the compiled code from the cache file. */
  readonly fromCache: boolean;
  /**
   * Writes what V8 has compiled so far (the top level and every function run until now) to the cache
   * file, unless it came from there. Best effort: a read-only install starts as it would without.
   */
  save(): void;
}

/**
 * Loads a CommonJS file as `require` would (not the main module, not in require's cache), compiled
 * with V8's code cache kept in `<file>.v8cache`. Node 20 has no compile cache of its own (22's
 * `module.enableCompileCache`), and compiling the server's 7 MB bundle, then each function a start
 * runs, was about a quarter of a start. V8 refuses a cache made by another V8 or under other flags,
 * but of the source it checks only the length: the cache file also carries the file's size and
 * modification time, so a rebuilt file is compiled afresh.
 */
export function requireCached(file: string): CachedModule {
  const cacheFile = `${file}.v8cache`;
  const { size, mtimeMs } = statSync(file);
  const stamp = Buffer.from(`${size}:${mtimeMs}\n`);
  const cached = readStamped(cacheFile, stamp);
  const script = new Script(WRAPPER[0] + readFileSync(file, 'utf8') + WRAPPER[1], {
    filename: file,
    lineOffset: -1,
    cachedData: cached,
    // The server's bundle has no `import()` (exceljs loads with require); one added later still works,
    // through Node's experimental loader (with its warning), instead of throwing.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const fromCache = cached !== undefined && !script.cachedDataRejected;
  const module = new Module(file);
  module.filename = file;
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return {
    get exports() {
      return module.exports;
    },
    fromCache,
    save() {
      if (fromCache) return;
      const scratch = `${cacheFile}.${process.pid}`;
      try {
        writeFileSync(scratch, Buffer.concat([stamp, script.createCachedData()]));
        // Whole or not at all: another instance may be starting from it.
        renameSync(scratch, cacheFile);
      } catch {
        rmSync(scratch, { force: true });
      }
    },
  };
}

/** The cache file's code when it was made from this version of the file. */
function readStamped(cacheFile: string, stamp: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return data.subarray(0, stamp.length).equals(stamp) ? data.subarray(stamp.length) : undefined;
}
