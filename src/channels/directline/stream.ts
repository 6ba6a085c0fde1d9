import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../log/logger';
import type { DirectLineService } from './service';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;
const PAGE_SIZE = 100;
const PING_INTERVAL_MS = 30_000;
/** A widget needs one stream (two while it reconnects); more from one conversation is abuse. */
const MAX_STREAMS_PER_CONVERSATION = 4;

/**
 * The WebSocket `streamUrl`: pushes `{activities, watermark}` sets as the log grows, starting after
 * the watermark in the URL. The log is read again on every wake-up, so nothing is sent twice or lost.
 */
export class DirectLineStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly pinger: NodeJS.Timeout;
  private readonly alive = new WeakSet<WebSocket>();
  private readonly open = new Map<string, number>();

  constructor(
    private readonly service: DirectLineService,
    private readonly logger: Logger,
  ) {
    this.pinger = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pinger.unref();
  }

  /** Handles an HTTP upgrade; returns false when the URL is not a Direct Line stream (someone else's). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return false;
    const conversationId = decodeURIComponent(match[1]);
    const claims = this.service.tokens.verify(url.searchParams.get('t') ?? '', 'stream');
    if (!claims || claims.conversationId !== conversationId) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    if ((this.open.get(conversationId) ?? 0) >= MAX_STREAMS_PER_CONVERSATION) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    // Counted from the upgrade on (so a burst cannot slip past) until the socket is gone, whatever ends it.
    this.open.set(conversationId, (this.open.get(conversationId) ?? 0) + 1);
    socket.once('close', () => {
      const left = (this.open.get(conversationId) ?? 1) - 1;
      if (left > 0) this.open.set(conversationId, left);
      else this.open.delete(conversationId);
    });
    const w = url.searchParams.get('watermark');
    const watermark = w && /^\d{1,9}$/.test(w) ? Number(w) : undefined;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, conversationId, watermark));
    return true;
  }

  private serve(ws: WebSocket, conversationId: string, watermark: number | undefined): void {
    let sent = watermark;
    let pumping = false;
    let again = false;
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    // Clients send empty frames as keep-alives; nothing a client sends on the stream has a meaning.
    ws.on('message', () => undefined);

    const pump = async (): Promise<void> => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          for (;;) {
            const page = await this.service.activities(conversationId, sent, PAGE_SIZE);
            if (page.activities.length === 0) break;
            sent = page.watermark;
            if (ws.readyState !== ws.OPEN) return;
            ws.send(JSON.stringify({ activities: page.activities, watermark: String(page.watermark) }));
          }
        } while (again);
      } catch (err) {
        this.logger.warn({ err, conversationId }, 'stream could not read the activity log; closing it');
        ws.close(1011);
      } finally {
        pumping = false;
      }
    };

    const unsubscribe = this.service.subscribe(conversationId, () => void pump());
    ws.on('close', unsubscribe);
    ws.on('error', () => ws.terminate());
    void pump();
  }

  private ping(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  /** Closes every stream (clients reconnect to another instance) and stops the pinger. */
  close(): void {
    clearInterval(this.pinger);
    for (const ws of this.wss.clients) ws.close(1001, 'server shutting down');
    this.wss.close();
  }
}
