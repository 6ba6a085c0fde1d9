import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../log/logger';
import type { KeyValue } from '../keyValue';
import type { WeComApi } from './api';

/** The puller's lease; a crashed instance's lock frees itself after this. */
const LEASE_MS = 60_000;
/** WeCom's callback token is valid for 10 minutes. */
const TOKEN_TTL_MS = 10 * 60_000;

/**
 * Reads a customer-service account's new messages with sync_msg, one instance at a time (a lock in
 * the shared store), from the cursor kept there. A callback that arrives while another instance
 * pulls leaves a wake-up the puller sees before it lets go, so nothing waits for the next callback.
 * The cursor moves before the page is handled (at most once); the handler gets each entry in order.
 */
export class WeComPuller {
  constructor(
    private readonly api: WeComApi,
    private readonly store: KeyValue,
    private readonly handle: (entry: unknown) => void,
    private readonly logger: Logger,
  ) {}

  async pull(openKfId: string, callbackToken: string | undefined): Promise<void> {
    const wanted = `wecom:pull:${openKfId}`;
    const lock = `wecom:puller:${openKfId}`;
    await this.store.set(wanted, callbackToken ?? '', TOKEN_TTL_MS);
    for (let token = await this.store.get(wanted); token !== undefined; token = await this.store.get(wanted)) {
      const holder = randomUUID();
      if (!(await this.store.claim(lock, holder, LEASE_MS))) return;
      try {
        for (let next = await this.store.get(wanted); next !== undefined; next = await this.store.get(wanted)) {
          await this.store.release(wanted, next);
          await this.drain(openKfId, next || undefined);
        }
      } finally {
        await this.store.release(lock, holder);
      }
    }
  }

  private async drain(openKfId: string, token: string | undefined): Promise<void> {
    const cursorKey = `wecom:cursor:${openKfId}`;
    for (;;) {
      const page = await this.api.syncMessages(openKfId, await this.store.get(cursorKey), token);
      if (page.next_cursor) await this.store.set(cursorKey, page.next_cursor);
      for (const entry of page.msg_list ?? []) this.handle(entry);
      if (!page.has_more) return;
      this.logger.debug({ openKfId }, 'more WeCom messages to pull');
    }
  }
}
