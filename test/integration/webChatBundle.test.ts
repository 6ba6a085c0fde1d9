import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WEBCHAT_BUNDLE } from '../../src/server/assets';
import { buildWebChat } from '../../src/server/webChatBundle';

const RECORD = join(dirname(WEBCHAT_BUNDLE), 'inputs.json');

describe('the Web Chat bundle', () => {
  it('is made again only when a file it was made from changed, and then the same', async () => {
    // globalSetup's build made it.
    await expect(buildWebChat()).resolves.toBe(false);
    const bundle = readFileSync(WEBCHAT_BUNDLE);
    const record = JSON.parse(readFileSync(RECORD, 'utf8')) as { files: string[]; hash: string };
    expect(record.files).toContain(join(dirname(require.resolve('react-dom')), 'cjs', 'react-dom.production.min.js'));
    // As if one of those files had other content when it was made.
    writeFileSync(RECORD, JSON.stringify({ ...record, hash: '0'.repeat(64) }));
    await expect(buildWebChat()).resolves.toBe(true);
    expect(readFileSync(WEBCHAT_BUNDLE).equals(bundle)).toBe(true);
    await expect(buildWebChat()).resolves.toBe(false);
  });

  it('has what the widget and the answer editor call, and neither Adaptive Cards nor speech services', () => {
    const bundle = readFileSync(WEBCHAT_BUNDLE, 'utf8');
    for (const name of ['createDirectLine', 'createStore', 'renderWebChat', 'renderMarkdown']) expect(bundle).toContain(name);
    const { files } = JSON.parse(readFileSync(RECORD, 'utf8')) as { files: string[] };
    expect(files.some((file) => file.includes('/node_modules/markdown-it/'))).toBe(true);
    for (const left of ['adaptivecards', 'microsoft-cognitiveservices-speech-sdk']) expect(files.some((file) => file.includes(`/node_modules/${left}/`))).toBe(false);
  });
});
