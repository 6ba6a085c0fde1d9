import { TokenIssuer } from '../../src/channels/directline/tokens';

describe('Direct Line tokens', () => {
  let now = Date.parse('2026-11-24T12:00:00Z');
  const issuer = new TokenIssuer('s'.repeat(40), () => now);

  it('round-trips the conversation and user', () => {
    const token = issuer.issue('conv-1', 'dl_user', 'conversation', 60);
    expect(issuer.verify(token, 'conversation')).toEqual({ conversationId: 'conv-1', userId: 'dl_user', kind: 'conversation', exp: now / 1000 + 60 });
  });

  it('expires', () => {
    const token = issuer.issue('conv-1', 'dl_user', 'conversation', 60);
    now += 61_000;
    expect(issuer.verify(token, 'conversation')).toBeUndefined();
  });

  it('refuses the other kind, another secret, and any tampering', () => {
    const token = issuer.issue('conv-1', 'dl_user', 'stream', 60);
    expect(issuer.verify(token, 'conversation')).toBeUndefined();
    expect(new TokenIssuer('t'.repeat(40), () => now).verify(token, 'stream')).toBeUndefined();
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ c: 'conv-2', u: 'dl_user', k: 'stream', e: now / 1000 + 60 })).toString('base64url');
    expect(issuer.verify(`${forged}.${sig}`, 'stream')).toBeUndefined();
    expect(issuer.verify(`${body}.${sig}.x`, 'stream')).toBeUndefined();
    expect(issuer.verify('', 'stream')).toBeUndefined();
    expect(issuer.verify('garbage', 'stream')).toBeUndefined();
  });

  it('recognises only the exact secret', () => {
    expect(issuer.isSecret('s'.repeat(40))).toBe(true);
    expect(issuer.isSecret('s'.repeat(39))).toBe(false);
    expect(issuer.isSecret('')).toBe(false);
  });
});
