import type { AccessTokens } from './accessToken';

/** A WeChat API answer with a non-zero `errcode`. */
export class WeChatApiError extends Error {
  constructor(readonly code: number, message: string, readonly path: string) {
    super(`${path}: ${code} ${message}`);
    this.name = 'WeChatApiError';
  }
}

/** Access token invalid, expired, or not the latest: fetch a new one and try once more. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);
const TIMEOUT_MS = 10_000;

export interface WeChatReply {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

/** GET or POST JSON to a WeChat host, turning `errcode` into WeChatApiError. */
export async function callWeChat(url: string, body?: unknown): Promise<WeChatReply> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const path = new URL(url).pathname;
  if (!res.ok) throw new WeChatApiError(-1, `HTTP ${res.status}`, path);
  const reply = (await res.json()) as WeChatReply;
  if (reply.errcode) throw new WeChatApiError(reply.errcode, reply.errmsg ?? '', path);
  return reply;
}

/** Calls the authenticated API of one account (Official Account or WeCom) with its shared access token. */
export class WeChatApiClient {
  constructor(private readonly base: string, readonly tokens: AccessTokens) {}

  async post(path: string, body: unknown): Promise<WeChatReply> {
    const token = await this.tokens.get();
    try {
      return await callWeChat(this.url(path, token), body);
    } catch (err) {
      if (!(err instanceof WeChatApiError) || !STALE_TOKEN.has(err.code)) throw err;
      await this.tokens.invalidate(token);
      return callWeChat(this.url(path, await this.tokens.get()), body);
    }
  }

  private url(path: string, token: string): string {
    return `${this.base}${path}?access_token=${encodeURIComponent(token)}`;
  }
}
