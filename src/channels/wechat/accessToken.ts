import { randomUUID } from 'node:crypto';
import type { KeyValue } from './keyValue';

export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
}

export interface AccessTokenOptions {
  /** Refresh this long before the token expires (WeChat issues tokens for 2 hours). */
  refreshMarginMs: number;
  /** How long an instance waits for another one's refresh before trying itself. */
  waitMs: number;
}

const DEFAULTS: AccessTokenOptions = { refreshMarginMs: 5 * 60_000, waitMs: 10_000 };

/**
 * An access token shared by every instance: cached with its expiry, refreshed before it expires by one
 * instance at a time (a lock), because each refresh from WeChat invalidates the previous token for
 * everyone else and counts against a daily quota.
 */
export class AccessTokens {
  private readonly options: AccessTokenOptions;

  constructor(
    private readonly store: KeyValue,
    private readonly name: string,
    private readonly issue: () => Promise<IssuedToken>,
    options: Partial<AccessTokenOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** A token valid for at least the refresh margin. */
  async get(): Promise<string> {
    const deadline = Date.now() + this.options.waitMs;
    for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
      const cached = await this.cached();
      if (cached && cached.expiresAt - this.options.refreshMarginMs > Date.now()) return cached.token;
      const holder = randomUUID();
      if (await this.store.claim(`${this.name}:refreshing`, holder, this.options.waitMs)) {
        try {
          return await this.refresh(cached?.token);
        } finally {
          await this.store.release(`${this.name}:refreshing`, holder);
        }
      }
      // Another instance is refreshing: use its token when it lands, or the old one while it still works.
      if (Date.now() > deadline) {
        if (cached && cached.expiresAt > Date.now()) return cached.token;
        throw new Error(`no ${this.name} access token: another instance holds the refresh lock`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** WeChat refused this token (revoked, or refreshed elsewhere): forget it unless a newer one is already cached. */
  async invalidate(token: string): Promise<void> {
    const cached = await this.cached();
    if (cached?.token === token) await this.store.set(`${this.name}:token`, JSON.stringify({ ...cached, expiresAt: 0 }), 60_000);
  }

  private async cached(): Promise<{ token: string; expiresAt: number } | undefined> {
    const raw = await this.store.get(`${this.name}:token`);
    return raw ? (JSON.parse(raw) as { token: string; expiresAt: number }) : undefined;
  }

  private async refresh(previous: string | undefined): Promise<string> {
    // Someone may have refreshed between our read and our lock.
    const cached = await this.cached();
    if (cached && cached.token !== previous && cached.expiresAt - this.options.refreshMarginMs > Date.now()) return cached.token;
    const issued = await this.issue();
    const ttlMs = issued.expiresInSeconds * 1000;
    await this.store.set(`${this.name}:token`, JSON.stringify({ token: issued.token, expiresAt: Date.now() + ttlMs }), ttlMs);
    return issued.token;
  }
}
