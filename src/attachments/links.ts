import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where the embedded Direct Line serves uploaded files. */
export const ATTACHMENTS_PATH = '/v3/directline/attachments';

/**
 * Short-lived signed download links. Web Chat shows an upload as a plain link, and a click in the
 * browser carries no bearer token; so whoever reads the conversation's log (with its token) gets each
 * link signed for a while: HMAC-SHA256 over the attachment, its conversation and the expiry, with a key
 * derived from DIRECTLINE_SECRET. Unguessable, bound to its file, and dead after `ttlSeconds`.
 */
export class AttachmentLinks {
  private readonly key: Buffer;

  constructor(secret: string, private readonly ttlSeconds: number, private readonly now: () => number = () => Date.now()) {
    this.key = createHmac('sha256', secret).update('attachment links').digest();
  }

  /** The link with a fresh signature when it is one of our attachments; any other URL as it is. */
  signed(url: string, conversationId: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return url;
    }
    const id = parsed.pathname.startsWith(`${ATTACHMENTS_PATH}/`) ? parsed.pathname.slice(ATTACHMENTS_PATH.length + 1) : '';
    if (!id || id.includes('/')) return url;
    const expires = String(Math.floor(this.now() / 1000) + this.ttlSeconds);
    parsed.search = new URLSearchParams({ e: expires, s: this.signature(id, conversationId, expires) }).toString();
    return parsed.toString();
  }

  /** Whether `e` and `s` of a download's query sign this attachment of this conversation and have not expired. */
  valid(attachmentId: string, conversationId: string, query: { e?: unknown; s?: unknown }): boolean {
    const { e, s } = query;
    if (typeof e !== 'string' || typeof s !== 'string' || !/^\d{1,12}$/.test(e) || Number(e) * 1000 <= this.now()) return false;
    const expected = Buffer.from(this.signature(attachmentId, conversationId, e));
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private signature(attachmentId: string, conversationId: string, expires: string): string {
    return createHmac('sha256', this.key).update(`${attachmentId}\n${conversationId}\n${expires}`).digest('base64url');
  }
}
