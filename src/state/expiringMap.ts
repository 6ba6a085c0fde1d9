export interface ExpiryLimits {
  /** Beyond this many entries, the longest idle go first. */
  maxEntries: number;
  /** An entry neither read nor written for this long is gone. */
  idleMs: number;
}

/**
 * A Map for in-memory state that forgets: entries expire when idle and are bounded in number, the
 * longest idle first. A Map iterates in insertion order and every use re-inserts, so the first
 * entries are always the longest idle.
 */
export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { value: V; used: number }>();

  constructor(private readonly limits: ExpiryLimits, private readonly now: () => number = () => Date.now()) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.now() - entry.used > this.limits.idleMs) return undefined;
    this.entries.set(key, { value: entry.value, used: this.now() });
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, used: this.now() });
    dropBeyond(this.entries, this.limits.maxEntries);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Drops every entry idle for too long (stops at the first one that is not). */
  sweep(): void {
    const cutoff = this.now() - this.limits.idleMs;
    for (const [key, entry] of this.entries) {
      if (entry.used >= cutoff) break;
      this.entries.delete(key);
    }
  }
}

/**
 * ExpiringMap's rules for keys alone (ids): each key maps straight to when it was last used, with no
 * entry object beside it, in ms since the set was made: a small integer, where an epoch time would be
 * a heap number of its own (beyond 24 days, one again, still right).
 */
export class ExpiringSet<K> {
  private readonly used = new Map<K, number>();
  private readonly origin: number;

  constructor(private readonly limits: ExpiryLimits, private readonly now: () => number = () => Date.now()) {
    this.origin = now();
  }

  private clock(): number {
    return this.now() - this.origin;
  }

  get size(): number {
    return this.used.size;
  }

  /** Whether `key` is here and not idle for too long; asking is a use. */
  has(key: K): boolean {
    const used = this.used.get(key);
    if (used === undefined) return false;
    this.used.delete(key);
    const now = this.clock();
    if (now - used > this.limits.idleMs) return false;
    this.used.set(key, now);
    return true;
  }

  add(key: K): void {
    this.used.delete(key);
    this.used.set(key, this.clock());
    dropBeyond(this.used, this.limits.maxEntries);
  }

  /** Drops every key idle for too long (stops at the first one that is not). */
  sweep(): void {
    const cutoff = this.clock() - this.limits.idleMs;
    for (const [key, used] of this.used) {
      if (used >= cutoff) break;
      this.used.delete(key);
    }
  }
}

/** Drops the first (longest idle) entries beyond `maxEntries`. */
function dropBeyond(entries: Map<unknown, unknown>, maxEntries: number): void {
  for (const oldest of entries.keys()) {
    if (entries.size <= maxEntries) break;
    entries.delete(oldest);
  }
}
