import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { Agent, get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { WEB_DIR } from '../../src/paths';
import { createServer, type Server } from 'restify';
import { reread } from '../../src/server/assets';
import { chooseEncoding, registerStaticRoutes } from '../../src/server/static';
import { startApp, type RunningApp } from '../helpers/app';

/** A raw GET: the body exactly as sent (fetch would decompress it and choose its own Accept-Encoding). */
function raw(url: string, headers: Record<string, string> = {}, agent?: Agent): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('chooseEncoding', () => {
  it('prefers Brotli, honours q-values and refusals, and falls back to none', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('gzip;q=1, br;q=0.5', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('*', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('identity', ['br', 'gzip'])).toBeUndefined();
    expect(chooseEncoding(undefined, ['br', 'gzip'])).toBeUndefined();
    expect(chooseEncoding('br', [])).toBeUndefined();
  });
});

describe('static assets', () => {
  let running: RunningApp;
  let webChatPath: string;

  beforeAll(async () => {
    running = await startApp();
    webChatPath = ((await (await fetch(`${running.url}/api/widget/config`)).json()) as { webChatPath: string }).webChatPath;
  });
  afterAll(() => running?.stop());

  it('sends Web Chat compressed as accepted, at a content-hashed path cached for a year', async () => {
    expect(webChatPath).toMatch(/^\/webchat\/webchat\.[0-9a-f]{16}\.js$/);
    const br = await raw(`${running.url}${webChatPath}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    const gzip = await raw(`${running.url}${webChatPath}`, { 'Accept-Encoding': 'gzip' });
    const plain = await raw(`${running.url}${webChatPath}`);
    expect([br.headers['content-encoding'], gzip.headers['content-encoding'], plain.headers['content-encoding']]).toEqual(['br', 'gzip', undefined]);
    for (const res of [br, gzip, plain]) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    }
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
  });

  it('refuses a Web Chat path whose hash is not the current bundle', async () => {
    const res = await raw(`${running.url}/webchat/webchat.0000000000000000.js`);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body.toString()).error.code).toBe('NotFound');
  });

  it('sends the embed script compressed and revalidated by ETag, since its URL never changes', async () => {
    const first = await raw(`${running.url}/widget.js`, { 'Accept-Encoding': 'br' });
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(first.body).toString()).toBe(readFileSync(join(WEB_DIR, 'widget.js'), 'utf8'));
    const again = await raw(`${running.url}/widget.js`, { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // Another representation's tag does not match: the gzip copy is sent in full.
    const gzip = await raw(`${running.url}/widget.js`, { 'Accept-Encoding': 'gzip', 'If-None-Match': first.headers.etag! });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('serves a folder index and the pages', async () => {
    const staff = await raw(`${running.url}/staff/`);
    expect(staff.status).toBe(200);
    expect(staff.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(staff.body.toString()).toBe(readFileSync(join(WEB_DIR, 'staff', 'index.html'), 'utf8'));
    expect((await raw(`${running.url}/`)).body.toString()).toContain('/widget.js');
  });

  it('answers HEAD as GET without the body', async () => {
    const head = await fetch(`${running.url}/staff/`, { method: 'HEAD', headers: { 'Accept-Encoding': 'identity' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(Number(head.headers.get('content-length'))).toBe(readFileSync(join(WEB_DIR, 'staff', 'index.html')).length);
    expect(await head.text()).toBe('');
    expect((await fetch(`${running.url}/no-such-page.html`, { method: 'HEAD' })).status).toBe(404);
  });
});

describe('a page edited while the server runs', () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'static-'));
    writeFileSync(join(dir, 'page.html'), '<p>first</p>');
    server = createServer();
    registerStaticRoutes(server, [reread({ path: '/page.html', file: join(dir, 'page.html'), hash: '', type: '', size: 0, immutable: false })]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/page.html`;
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is sent as it is now, with its new length and ETag', async () => {
    const before = await raw(url);
    expect(before.body.toString()).toBe('<p>first</p>');
    writeFileSync(join(dir, 'page.html'), '<p>edited, and longer than before</p>');
    utimesSync(join(dir, 'page.html'), new Date(), new Date(Date.now() + 1000));
    const after = await raw(url, { 'If-None-Match': before.headers.etag! });
    expect(after.status).toBe(200);
    expect(after.body.toString()).toBe('<p>edited, and longer than before</p>');
    expect(after.headers['content-length']).toBe(String(after.body.length));
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('never sends more than the length it announced, so the next response on the connection still parses', async () => {
    // Rewritten with its old modification time kept (as `cp -p` or rsync do): still described as before.
    const file = join(dir, 'page.html');
    const { mtime } = statSync(file);
    const announced = (await raw(url)).body.length;
    writeFileSync(file, `${readFileSync(file, 'utf8')}<p>and a paragraph more</p>`);
    utimesSync(file, mtime, mtime);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await raw(url, {}, agent);
      const second = await raw(url, {}, agent);
      expect(first.body.length).toBe(announced);
      expect(second.status).toBe(200);
      expect(second.body.length).toBe(announced);
    } finally {
      agent.destroy();
    }
  });
});
