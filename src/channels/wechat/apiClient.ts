import { parse as parseDisposition } from 'content-disposition';
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

/** A file a user sent, as WeChat's media download serves it. */
export interface Media {
  data: Buffer;
  contentType: string;
  /** The file name WeChat gives (Content-Disposition), if any. */
  name?: string;
}

/** A media file larger than the bot keeps. */
export class MediaTooLarge extends Error {}

/** Calls the authenticated API of one account (Official Account or WeCom) with its shared access token. */
export class WeChatApiClient {
  constructor(private readonly base: string, readonly tokens: AccessTokens) {}

  post(path: string, body: unknown): Promise<WeChatReply> {
    return this.withToken((token) => callWeChat(this.url(path, token), body));
  }

  /**
   * A file a user sent (`/cgi-bin/media/get`, the same for the Official Account and WeCom): the bytes,
   * or WeChat's JSON error. Refused beyond `limitBytes`.
   */
  download(mediaId: string, limitBytes: number): Promise<Media> {
    return this.withToken(async (token) => {
      const url = `${this.url('/cgi-bin/media/get', token)}&media_id=${encodeURIComponent(mediaId)}`;
      const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
      if (!res.ok) throw new WeChatApiError(-1, `HTTP ${res.status}`, '/cgi-bin/media/get');
      if (contentType.startsWith('application/json') || contentType.startsWith('text/plain')) {
        const reply = (await res.json()) as WeChatReply;
        throw new WeChatApiError(reply.errcode ?? -1, reply.errmsg ?? 'no media', '/cgi-bin/media/get');
      }
      if (Number(res.headers.get('content-length') ?? 0) > limitBytes) throw new MediaTooLarge(`${mediaId} is over ${limitBytes} bytes`);
      const data = Buffer.from(await res.arrayBuffer());
      if (data.length > limitBytes) throw new MediaTooLarge(`${mediaId} is over ${limitBytes} bytes`);
      const disposition = res.headers.get('content-disposition');
      const name = disposition ? parseDisposition(disposition).parameters.filename : undefined;
      return { data, contentType: contentType.split(';')[0].trim(), ...(name ? { name } : {}) };
    });
  }

  /** Runs a call with the shared access token; a token WeChat calls stale is replaced and the call made once more. */
  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.get();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof WeChatApiError) || !STALE_TOKEN.has(err.code)) throw err;
      await this.tokens.invalidate(token);
      return call(await this.tokens.get());
    }
  }

  private url(path: string, token: string): string {
    return `${this.base}${path}?access_token=${encodeURIComponent(token)}`;
  }
}
