import { EventEmitter } from 'node:events';
import type { Logger } from '../log/logger';
import { subscribeWhenReady, withTimeout, type RedisConnection } from './redisConnection';

/** Short messages every instance hears: over Redis pub/sub, or within this process when state is in memory. */
export interface Announcements {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, listener: (message: string) => void): void;
}

export class LocalAnnouncements implements Announcements {
  private readonly emitter = new EventEmitter();

  async publish(channel: string, message: string): Promise<void> {
    this.emitter.emit(channel, message);
  }

  subscribe(channel: string, listener: (message: string) => void): void {
    this.emitter.on(channel, listener);
  }
}

/** Channels under the key prefix, so deployments sharing a Redis do not hear each other. */
export class RedisAnnouncements implements Announcements {
  constructor(
    private readonly client: RedisConnection,
    private readonly subscriber: RedisConnection,
    private readonly options: { prefix: string; timeoutMs: number },
    private readonly logger: Logger,
  ) {}

  async publish(channel: string, message: string): Promise<void> {
    await withTimeout(this.client.publish(`${this.options.prefix}${channel}`, message), this.options.timeoutMs);
  }

  subscribe(channel: string, listener: (message: string) => void): void {
    subscribeWhenReady(this.subscriber, `${this.options.prefix}${channel}`, listener, this.logger);
  }
}
