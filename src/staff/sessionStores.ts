import { withTimeout, type RedisConnection } from '../state/redisConnection';
import type { SessionStore } from './auth';

/** Staff sessions of a single process, by opaque token; expired ones go when next looked up. */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, { name: string; expires: number }>();

  async saveSession(token: string, name: string, ttlSeconds: number): Promise<void> {
    this.sessions.set(token, { name, expires: Date.now() + ttlSeconds * 1000 });
  }

  async session(token: string): Promise<string | undefined> {
    const found = this.sessions.get(token);
    if (found && found.expires > Date.now()) return found.name;
    this.sessions.delete(token);
    return undefined;
  }

  async dropSession(token: string): Promise<void> {
    this.sessions.delete(token);
  }
}

/** Staff sessions in Redis, so every instance knows them; Redis expires them. */
export class RedisSessionStore implements SessionStore {
  constructor(private readonly client: RedisConnection, private readonly options: { prefix: string; timeoutMs: number }) {}

  /** Where sessions were kept when they were part of the handoff store: a deploy signs nobody out. */
  private key(token: string): string {
    return `${this.options.prefix}{handoff}:session:${token}`;
  }

  async saveSession(token: string, name: string, ttlSeconds: number): Promise<void> {
    await withTimeout(this.client.set(this.key(token), name, { EX: ttlSeconds }), this.options.timeoutMs);
  }

  async session(token: string): Promise<string | undefined> {
    return (await withTimeout(this.client.get(this.key(token)), this.options.timeoutMs)) ?? undefined;
  }

  async dropSession(token: string): Promise<void> {
    await withTimeout(this.client.del(this.key(token)), this.options.timeoutMs);
  }
}
