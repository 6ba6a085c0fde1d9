import { createServer, type Server } from 'node:http';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { freePort, spawnBot, waitReady, type BotProcess } from '../helpers/process';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://api.botframework.test';

function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A JWT signed locally with RS256 (or not signed at all, for "alg: none"). */
function jwt(payload: Record<string, unknown>, key: KeyObject | null, kid = 'test-key'): string {
  const head = b64url({ alg: key ? 'RS256' : 'none', typ: 'JWT', kid });
  const body = b64url(payload);
  if (!key) return `${head}.${body}.`;
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/**
 * /api/messages with a MicrosoftAppId: channel tokens are checked against the Bot Framework's OpenID
 * key set, stubbed here by a local server (the same settings point a bot at Azure China's). The
 * compiled server, as `npm start` runs it: its bundle builds the Bot Framework's token checks from
 * their TypeScript, not the modules the other tests load.
 */
describe('/api/messages authentication with an app id', () => {
  let running: BotProcess;
  let keys: Server;
  let serviceUrl: string;
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    keys = createServer((req, res) => {
      const base = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/openid') return res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      if (req.url === '/keys') return res.end(JSON.stringify({ keys: [{ ...trusted.publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256', endorsements: ['test'] }] }));
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
    serviceUrl = `${base}/channel/`;
    running = spawnBot({
      PORT: String(await freePort()),
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-with-expect-replies',
      ToBotFromChannelTokenIssuer: ISSUER,
      ToBotFromChannelOpenIdMetadataUrl: `${base}/openid`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${base}/openid`,
      ToChannelFromBotLoginUrl: `${base}/login`,
      ToChannelFromBotOAuthScope: ISSUER,
      OAuthUrl: `${base}/oauth`,
      CallerId: 'urn:botframework:test',
    });
    await waitReady(running.url);
  });
  afterAll(async () => {
    running?.child.kill('SIGTERM');
    await running?.exited;
    await new Promise((resolve) => keys?.close(resolve));
  });

  const activity = () => ({
    type: 'message',
    id: `m${Math.random()}`,
    channelId: 'test',
    serviceUrl,
    conversation: { id: 'auth-conversation' },
    from: { id: 'user-1' },
    recipient: { id: APP_ID },
    text: '审核要几天',
    locale: 'zh-CN',
    deliveryMode: 'expectReplies',
  });
  const post = (authorization?: string) =>
    fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify(activity()),
    });
  const now = Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({ iss: ISSUER, aud: APP_ID, nbf: now - 60, exp: now + 600, serviceurl: serviceUrl, ...extra });

  it('accepts a valid channel token and answers', async () => {
    const res = await post(`Bearer ${jwt(claims(), trusted.privateKey)}`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toMatch(/工作日/);
  });

  it.each([
    ['no token', undefined],
    ['an expired token', `Bearer ${jwt(claims({ nbf: now - 7200, exp: now - 3600 }), trusted.privateKey)}`],
    ['another audience', `Bearer ${jwt(claims({ aud: 'some-other-bot' }), trusted.privateKey)}`],
    ['another issuer', `Bearer ${jwt(claims({ iss: 'https://evil.example' }), trusted.privateKey)}`],
    ['an unsigned token (alg none)', `Bearer ${jwt(claims(), null)}`],
    ['a key the channel never published', `Bearer ${jwt(claims(), stranger.privateKey)}`],
    ['a garbled token', 'Bearer not.a.jwt'],
  ])('refuses %s with a JSON 401', async (_what, authorization) => {
    const res = await post(authorization);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'Unauthorized', message: 'The request is not authenticated for this bot' } });
  });
});
