import { createHash } from 'node:crypto';
import type * as Redis from 'redis';
import type { Logger } from '../log/logger';

export type RedisConnection = ReturnType<typeof Redis.createClient>;

export interface RedisSettings {
  url?: string;
  clusterNodes?: string[];
  commandTimeoutMs: number;
}

/**
 * Client options that survive faults: pings find a dead peer within about a second, a frozen server
 * times the socket out after 3 s, reconnection backs off forever (the default gives up after a socket
 * timeout), and commands fail at once while disconnected instead of queueing behind an outage.
 */
const SOCKET = {
  connectTimeout: 3000,
  socketTimeout: 3000,
  reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) + Math.floor(Math.random() * 100),
};

/** Creates and starts connecting a client (or cluster client); never waits for the connection. */
/** `onError` counts connection errors (for /metrics); the log only says when the connection goes bad and comes back. */
export function connectRedis(settings: RedisSettings, logger: Logger, role: string, onError: () => void = () => undefined): RedisConnection {
  // Required here, not imported: the client is about 650 modules that the default in-memory state
  // never needs, a tenth of the server's start-up.
  const { createClient, createCluster } = require('redis') as typeof Redis;
  // Every call is bounded by withTimeout below; the client's own per-command timeout (an AbortSignal
  // timer per command) cost about 6% of a turn's CPU in `npm run bench`, so it is off.
  const options = { pingInterval: 1000, disableOfflineQueue: true, socket: SOCKET, commandOptions: { timeout: 0 } };
  const client = (
    settings.clusterNodes?.length
      ? createCluster({ rootNodes: settings.clusterNodes.map((url) => ({ url })), defaults: options })
      : createClient({ url: settings.url, ...options })
  ) as unknown as RedisConnection;
  let healthy = true;
  client.on('error', (err: Error) => {
    onError();
    if (healthy) logger.warn({ err: { name: err.name, message: err.message }, role }, 'redis connection problem');
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) logger.info({ role }, 'redis connection restored');
    healthy = true;
  });
  client.connect().catch((err: Error) => logger.warn({ err: { name: err.name, message: err.message }, role }, 'redis connect failed; retrying'));
  return client;
}

/** The same connection replying with bytes instead of strings (for binary values). */
export function binaryReplies(client: RedisConnection) {
  const { RESP_TYPES } = require('redis') as typeof Redis;
  return client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
}

export class RedisTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/**
 * Bounds a Redis call: a frozen server must cost a turn seconds, not minutes. One promise settled by
 * whichever comes first, not Promise.race of a second promise and then .finally: a turn makes about ten
 * calls, and race's and finally's promises and closures were about 5% of what an FAQ turn allocated.
 */
export function withTimeout<T>(operation: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RedisTimeoutError(ms)), ms);
    operation.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** A Lua script run by SHA, loaded on first use or after a server restart (NOSCRIPT). */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Arguments may be bytes: the client sends Buffers as they are. */
  async run(client: RedisConnection, keys: string[], args: (string | Buffer)[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}

/**
 * Subscribes as soon as the connection is ready; the client subscribes again by itself after a
 * reconnect. Pub/sub is only ever a wake-up signal here, so a message lost in an outage costs latency,
 * never data.
 */
export function subscribeWhenReady(client: RedisConnection, channel: string, listener: (message: string) => void, logger: Logger): void {
  const subscribe = () =>
    client.subscribe(channel, listener).catch((err: Error) => logger.warn({ err: { name: err.name, message: err.message }, channel }, 'redis subscribe failed'));
  if (client.isReady) void subscribe();
  else client.once('ready', () => void subscribe());
}
