import { AttachmentLinks } from '../../src/attachments/links';

describe('signed attachment links', () => {
  const secret = 'links-secret-'.padEnd(40, 'l');
  let now = 1_800_000_000_000;
  const links = new AttachmentLinks(secret, 900, () => now);
  const query = (url: string) => Object.fromEntries(new URL(url).searchParams);

  it('are valid for their file and conversation until they expire', () => {
    const url = links.signed('https://bot.example/v3/directline/attachments/abc123', 'conv-1');
    expect(links.valid('abc123', 'conv-1', query(url))).toBe(true);
    expect(links.valid('abc124', 'conv-1', query(url))).toBe(false);
    expect(links.valid('abc123', 'conv-2', query(url))).toBe(false);
    expect(new AttachmentLinks('other-'.padEnd(40, 'o'), 900, () => now).valid('abc123', 'conv-1', query(url))).toBe(false);
    now += 899_000;
    expect(links.valid('abc123', 'conv-1', query(url))).toBe(true);
    now += 1000;
    expect(links.valid('abc123', 'conv-1', query(url))).toBe(false);
  });

  it('leave other URLs alone and refuse malformed queries', () => {
    expect(links.signed('https://elsewhere.example/file.png', 'conv-1')).toBe('https://elsewhere.example/file.png');
    expect(links.signed('data:text/plain,hi', 'conv-1')).toBe('data:text/plain,hi');
    expect(links.valid('abc123', 'conv-1', {})).toBe(false);
    expect(links.valid('abc123', 'conv-1', { e: ['1'], s: 'x' })).toBe(false);
    expect(links.valid('abc123', 'conv-1', { e: '99999999999', s: 'x' })).toBe(false);
  });
});
