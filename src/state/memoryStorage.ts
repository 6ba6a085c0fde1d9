import type { Storage, StoreItems } from 'botbuilder';
import { ExpiringMap, type ExpiryLimits } from './expiringMap';

/**
 * botbuilder's MemoryStorage semantics (JSON copies; eTag "*" or none overwrites, another must match)
 * over an ExpiringMap, so the state of abandoned conversations does not grow a long-running instance.
 */
export class ExpiringMemoryStorage implements Storage {
  /** Each item's JSON and, beside it, its eTag: a write checks the eTag without parsing the item. */
  private readonly items: ExpiringMap<string, { json: string; eTag: string }>;
  private etag = 1;

  constructor(limits: ExpiryLimits, now?: () => number) {
    this.items = new ExpiringMap(limits, now);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found[key] = JSON.parse(item.json);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    for (const [key, item] of Object.entries(changes)) {
      const old = this.items.get(key);
      if (old && item.eTag && item.eTag !== '*' && old.eTag !== item.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      const eTag = String(this.etag++);
      this.items.set(key, { json: JSON.stringify({ ...item, eTag }), eTag });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}
