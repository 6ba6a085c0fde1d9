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
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries) break;
      this.entries.delete(oldest);
    }
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
