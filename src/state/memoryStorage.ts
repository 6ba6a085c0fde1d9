import type { Storage, StoreItems } from 'botbuilder';
import { ExpiringMap, type ExpiryLimits } from './expiringMap';
import { jsonToWrite } from './stateJson';

/**
 * botbuilder's MemoryStorage semantics (JSON copies; eTag "*" or none overwrites, another must match)
 * over an ExpiringMap, so the state of abandoned conversations does not grow a long-running instance.
 */
export class ExpiringMemoryStorage implements Storage {
  /** Each item's JSON (eTag aside, see oneByte) and, beside it, its eTag: a write checks the eTag without parsing the item. */
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
      if (!item) continue;
      const read = JSON.parse(item.json);
      read.eTag = item.eTag;
      found[key] = read;
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
      // BotState hands over the JSON it compared (see stateJson): no stringify of its own.
      this.items.set(key, { json: oneByte(jsonToWrite(item)), eTag: String(this.etag++) });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}

const BEYOND_LATIN1 = /[\u0100-\uffff]/g;
const escaped = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The same JSON at one byte a character: V8 keeps a string at two bytes a character once one of them
 * is beyond Latin-1, and a user's Chinese name did that to most of a state. Those characters become
 * `\uXXXX` (only strings hold them; JSON.parse reads them back the same), and the text is copied
 * through Latin-1 bytes, as the replacement keeps its input's two bytes; one string, where JSON.stringify's
 * is a chain of pieces. A dialog's state took about 1.2 KB instead of 1.9 KB, a user's 0.4 instead of
 * 0.7; about 1 µs, where the stringify this storage no longer does took 2.
 */
function oneByte(json: string): string {
  return Buffer.from(json.replace(BEYOND_LATIN1, escaped), 'latin1').toString('latin1');
}
