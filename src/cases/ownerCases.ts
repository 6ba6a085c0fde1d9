import { createHash, randomUUID } from 'node:crypto';
import { ExpiringMap } from '../state/expiringMap';
import type { CaseRecord } from './caseService';

/** Strings with a lifetime where every instance reads them (Redis with several instances). */
export interface SharedStrings {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

/** A cached list is trusted this long at most, whatever its version says (see `OwnerCases`). */
const MAX_AGE_MS = 60_000;
/** Versions outlive every cached list by far, so an expired version never matches a list cached before it was set. */
const VERSION_TTL_MS = 24 * 3600_000;

/**
 * Each merchant's cases (by user id), asked on every message the bot routes, kept in this process
 * under a version that every case change of that merchant renews where all instances read it: a
 * turn then costs one read of the version instead of a query (on the embedded database that query
 * was a quarter of an FAQ turn's CPU). The version is renewed after the change is committed, so a
 * list read meanwhile is cached under the old version and read again on the next turn. If a version
 * cannot be renewed (the store is down) other instances may use their list for `MAX_AGE_MS` more.
 */
export class OwnerCases {
  private readonly cached: ExpiringMap<string, { version?: string; at: number; cases: readonly CaseRecord[] }>;

  constructor(
    private readonly versions: SharedStrings,
    private readonly onError: (err: unknown) => void,
    maxEntries = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.cached = new ExpiringMap({ maxEntries, idleMs: MAX_AGE_MS }, now);
  }

  /** The user's cases: the cached list while its version holds, else `load`'s (frozen: every caller shares it). */
  get(userId: string, load: () => Promise<CaseRecord[]>): Promise<readonly CaseRecord[]> {
    return this.reading(userId, load)();
  }

  /** `get` in two: the version is asked now (with a turn's other reads), the list when the function returned is called. */
  reading(userId: string, load: () => Promise<CaseRecord[]>): () => Promise<readonly CaseRecord[]> {
    const version = this.versions.get(key(userId));
    // Its failure is the caller's, when it calls (a turn may not).
    version.catch(() => undefined);
    return async () => this.listed(userId, await version, load);
  }

  private async listed(userId: string, version: string | undefined, load: () => Promise<CaseRecord[]>): Promise<readonly CaseRecord[]> {
    const hit = this.cached.get(userId);
    if (hit && hit.version === version && this.now() - hit.at < MAX_AGE_MS) return hit.cases;
    const cases = deepFreeze(await load());
    this.cached.set(userId, { version, at: this.now(), cases });
    return cases;
  }

  /** After a committed change to cases of these users. */
  async changed(userIds: readonly string[]): Promise<void> {
    const owners = [...new Set(userIds.filter(Boolean))];
    for (const userId of owners) this.cached.delete(userId);
    await Promise.all(owners.map((userId) => this.versions.set(key(userId), randomUUID(), VERSION_TTL_MS))).catch(this.onError);
  }
}

/** Under a digest of the user id: the key names no one (what is kept under a user's id is theirs, exported and erased with them). */
const key = (userId: string) => `cases:owner:${createHash('sha256').update(userId).digest('base64url').slice(0, 22)}`;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
