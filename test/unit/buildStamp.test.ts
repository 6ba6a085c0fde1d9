import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint } from '../../scripts/build';

describe("npm start's build stamp", () => {
  let root: string;
  const inputs = ['src', 'locales', 'test', 'tsconfig.json'];
  const write = (file: string, content: string) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), content);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'stamp-'));
    write('src/index.ts', 'export {};');
    write('locales/en/nlu/greet.json', '["hello"]');
    write('tsconfig.json', '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is the same while nothing changed, whatever the files’ times', () => {
    const before = fingerprint(root, inputs);
    write('src/index.ts', 'export {};');
    expect(fingerprint(root, inputs)).toBe(before);
  });

  it('changes with a source, a corpus line, a new file or a removed one', () => {
    const seen = new Set([fingerprint(root, inputs)]);
    write('src/index.ts', 'export const x = 1;');
    seen.add(fingerprint(root, inputs));
    write('locales/en/nlu/greet.json', '["hello","hi"]');
    seen.add(fingerprint(root, inputs));
    write('src/other.ts', '');
    seen.add(fingerprint(root, inputs));
    rmSync(join(root, 'src/other.ts'));
    write('src/renamed.ts', '');
    seen.add(fingerprint(root, inputs));
    expect(seen.size).toBe(5);
  });

  it('ignores what is outside its inputs', () => {
    const before = fingerprint(root, inputs);
    write('data/pglite/PG_VERSION', '17');
    write('test/artifacts/widget.png', 'a screenshot');
    expect(fingerprint(root, inputs)).toBe(before);
  });
});
