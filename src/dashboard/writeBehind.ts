/**
 * Dashboard counts gathered in memory and written together a moment later: one statement for all the
 * turns of that moment instead of one or two per turn (on the embedded database those writes were a
 * quarter of a dialog turn's CPU). Batches are written one after another, in order; the dashboard is
 * at most `delayMs` behind, and shutdown writes what is left with `flush`.
 */
export class WriteBehind<K, V> {
  private pending = new Map<K, V>();
  private timer: NodeJS.Timeout | undefined;
  private written: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (batch: Map<K, V>) => Promise<void>,
    private readonly onError: (err: unknown) => void,
    private readonly delayMs = 500,
  ) {}

  /** Sets `key` to `merge` of its pending value (undefined when none is pending). */
  update(key: K, merge: (pending: V | undefined) => V): void {
    this.pending.set(key, merge(this.pending.get(key)));
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs).unref();
  }

  /** Writes what is pending; resolves when it and every earlier batch are written (or failed). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size) {
      const batch = this.pending;
      this.pending = new Map();
      this.written = this.written.then(() => this.write(batch)).catch(this.onError);
    }
    return this.written;
  }
}
