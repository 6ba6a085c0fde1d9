import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** `conversation` tokens authorize REST calls; `stream` tokens open one WebSocket and live briefly. */
export type TokenKind = 'conversation' | 'stream';

export interface TokenClaims {
  conversationId: string;
  userId: string;
  kind: TokenKind;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const claimsSchema = z.object({
  c: z.string().min(1),
  u: z.string().min(1),
  k: z.enum(['conversation', 'stream']),
  e: z.number().int(),
});

/**
 * Stateless, HMAC-signed Direct Line tokens: any instance holding the same secret verifies them,
 * so nothing about a token has to be stored or shared.
 */
export class TokenIssuer {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  issue(conversationId: string, userId: string, kind: TokenKind, ttlSeconds: number): string {
    const exp = Math.floor(this.now() / 1000) + ttlSeconds;
    const body = Buffer.from(JSON.stringify({ c: conversationId, u: userId, k: kind, e: exp })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The claims of a well-signed, unexpired token of the wanted kind; undefined otherwise. */
  verify(token: string, kind: TokenKind): TokenClaims | undefined {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    if (!equal(signature, this.sign(body))) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const parsed = claimsSchema.safeParse(json);
    if (!parsed.success || parsed.data.k !== kind) return undefined;
    if (parsed.data.e * 1000 <= this.now()) return undefined;
    return { conversationId: parsed.data.c, userId: parsed.data.u, kind: parsed.data.k, exp: parsed.data.e };
  }

  /** Constant-time comparison against the Direct Line secret. */
  isSecret(candidate: string): boolean {
    return equal(candidate, this.secret);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
