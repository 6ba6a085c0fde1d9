import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireCached } from '../../src/server/codeCache';

describe('requireCached', () => {
  let dir: string;
  let file: string;
  const write = (answer: number, mtime: number) => {
    writeFileSync(file, `exports.answer = () => ${answer};\nexports.where = () => new Error('here').stack.split('\\n')[1];\nexports.dir = __dirname;\n`);
    utimesSync(file, mtime, mtime);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
    file = join(dir, 'module.js');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a CommonJS file, then from the cache it saved', () => {
    write(41, 1_700_000_000);
    const first = requireCached(file);
    const { answer, where, dir: dirname } = first.exports as { answer(): number; where(): string; dir: string };
    expect([first.fromCache, answer(), dirname]).toEqual([false, 41, dir]);
    // Line and column of the file itself, as require reports them.
    expect(where()).toContain(`${file}:2:23`);
    first.save();
    expect(existsSync(`${file}.v8cache`)).toBe(true);

    const second = requireCached(file);
    expect(second.fromCache).toBe(true);
    expect((second.exports as { answer(): number }).answer()).toBe(41);
  });

  it('compiles a changed file afresh, even of the same length, and saves its cache', () => {
    write(41, 1_700_000_000);
    requireCached(file).save();
    write(42, 1_700_000_100);
    const changed = requireCached(file);
    expect([changed.fromCache, (changed.exports as { answer(): number }).answer()]).toEqual([false, 42]);
    changed.save();
    expect(requireCached(file).fromCache).toBe(true);
  });

  it('ignores a cache file that is not one', () => {
    write(41, 1_700_000_000);
    writeFileSync(`${file}.v8cache`, 'not a cache');
    const loaded = requireCached(file);
    expect([loaded.fromCache, (loaded.exports as { answer(): number }).answer()]).toEqual([false, 41]);
  });
});
