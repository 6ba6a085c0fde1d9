import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A web visitor's stable user id, signed so that the page can keep it across visits (localStorage)
 * and present it again, while nobody can make up the id of another visitor.
 */
export class VisitorIds {
  constructor(private readonly secret: string) {}

  sign(userId: string): string {
    return `${userId}.${this.mac(userId)}`;
  }

  /** The user id of a well-signed visitor token; undefined otherwise. */
  verify(token: string): string | undefined {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const userId = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(userId));
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined;
  }

  private mac(userId: string): string {
    return createHmac('sha256', this.secret).update(`visitor:${userId}`).digest('base64url');
  }
}
