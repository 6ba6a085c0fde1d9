import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { NODE_FLAGS } from '../../src/server/v8Flags';

describe('npm start', () => {
  it('starts the server with the V8 flags that only a command line can set', () => {
    const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toMatch(new RegExp(`&& node ${NODE_FLAGS.join(' ')} dist/src/start\\.js$`));
  });
});
