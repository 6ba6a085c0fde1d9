import type { ServerResponse } from 'node:http';
import type { HandoffService } from '../handoff/handoffService';
import type { HandoffRecord } from '../handoff/types';
import type { Logger } from '../log/logger';

/** What the console sees of a handoff: no conversation reference (channel internals). */
export function handoffView(record: HandoffRecord) {
  const { reference: _reference, ...view } = record;
  return view;
}

/** The safety net for a lost wake-up, and how often an open console counts as a heartbeat. */
const REFRESH_MS = 2000;

/**
 * One agent's live console over Server-Sent Events: the queue, the chats they own, and new transcript
 * lines of those chats. Woken by any handoff change (pub/sub across instances) and every 2 s, it
 * re-reads the store and sends only what changed. While it is open the agent counts as online.
 */
export class AgentFeed {
  private queueJson = '';
  private ownedJson = '';
  private readonly lastEntry = new Map<string, string>();
  private running = false;
  private again = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly res: ServerResponse,
    private readonly agent: string,
    private readonly handoffs: HandoffService,
    private readonly logger: Logger,
  ) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n');
    this.unsubscribe = handoffs.onChange(() => void this.refresh());
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    res.on('close', () => this.close());
    void this.refresh();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.unsubscribe();
    this.res.end();
  }

  /** Never two reads at once; a wake-up during a read causes one more. */
  private async refresh(): Promise<void> {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.sync();
      } while (this.again && !this.closed);
    } catch (err) {
      this.logger.warn({ err, agent: this.agent }, 'agent console refresh failed');
    } finally {
      this.running = false;
    }
  }

  private async sync(): Promise<void> {
    await this.handoffs.heartbeat(this.agent);
    const queue = (await this.handoffs.queue()).map(handoffView);
    const queueJson = JSON.stringify(queue);
    if (queueJson !== this.queueJson) {
      this.queueJson = queueJson;
      this.send('queue', { now: Date.now(), items: queue });
    }
    const owned = (await this.handoffs.ownedBy(this.agent)).sort((a, b) => a.enqueuedAt - b.enqueuedAt);
    const ownedJson = JSON.stringify(owned.map(handoffView));
    if (ownedJson !== this.ownedJson) {
      this.ownedJson = ownedJson;
      this.send('owned', { items: owned.map(handoffView) });
    }
    for (const record of owned) {
      const entries = await this.handoffs.transcript(record.conversationId, this.lastEntry.get(record.conversationId));
      if (!entries.length) continue;
      this.lastEntry.set(record.conversationId, entries[entries.length - 1].id);
      this.send('entries', { handoffId: record.id, conversationId: record.conversationId, entries });
    }
  }

  private send(event: string, data: unknown): void {
    if (!this.closed) this.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
