import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

/** One step of a conversation: what the client sends and, for our bot, what the reply must say. */
export interface Turn {
  activity: Record<string, unknown>;
  /** Counted in turns/s and latency (the other turns only set the conversation up). */
  measured: boolean;
  expect?: RegExp;
}

export interface LoadResult {
  turns: number;
  seconds: number;
  tps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  conversations: number;
  firstError?: string;
}

interface Reply {
  activities?: { type: string; text?: string }[];
}

/** POST one activity to /api/messages with deliveryMode expectReplies; the bot's replies come back in the body. */
function post(agent: Agent, url: URL, body: string): Promise<{ status: number; reply: Reply }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, hostname: url.hostname, port: url.port, path: '/api/messages', method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let reply: Reply = {};
          try {
            reply = text ? (JSON.parse(text) as Reply) : {};
          } catch {
            // counted as an error by the caller (no activities)
          }
          resolve({ status: res.statusCode ?? 0, reply });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

/**
 * `concurrency` users, each going through conversation after conversation of `script` (a new
 * conversation id each time) until the time is up or the script returns no turns. Every reply is checked: a non-2xx status, no
 * reply, the bot's apology or a reply that does not say what the step expects is an error.
 */
export async function runLoad(base: string, concurrency: number, durationMs: number, script: (conversation: string) => Turn[], apology?: RegExp): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: number[] = [];
  let errors = 0;
  let conversations = 0;
  let firstError: string | undefined;
  const fail = (why: string) => {
    errors++;
    firstError ??= why;
  };
  const started = Date.now();
  const deadline = started + durationMs;
  // Unique per call: two loads started in the same millisecond (the soak's two instances) would
  // otherwise drive the same conversations, one's turns landing on the other's questions.
  const runId = `${started.toString(36)}${randomBytes(3).toString('hex')}`;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const conversation = `bench-${runId}-${worker}-${n}`;
        const turns = script(conversation);
        // A script with nothing more to say ends this user's run.
        if (!turns.length) break;
        conversations++;
        for (const turn of turns) {
          if (Date.now() >= deadline) break;
          const body = JSON.stringify(turn.activity);
          const begin = process.hrtime.bigint();
          try {
            const { status, reply } = await post(agent, url, body);
            const ms = Number(process.hrtime.bigint() - begin) / 1e6;
            const texts = (reply.activities ?? []).filter((a) => a.type === 'message').map((a) => a.text ?? '').join('\n');
            if (status >= 300) fail(`HTTP ${status}`);
            else if (!texts) fail(`no reply to ${String(turn.activity.text ?? turn.activity.type)}`);
            else if (apology?.test(texts)) fail(`apology: ${texts.slice(0, 80)}`);
            else if (turn.expect && !turn.expect.test(texts)) fail(`unexpected reply to ${String(turn.activity.text)}: ${texts.slice(0, 80)}`);
            if (turn.measured) samples.push(ms);
          } catch (err) {
            fail(err instanceof Error ? err.message : String(err));
          }
        }
      }
    }),
  );
  agent.destroy();
  const seconds = (Date.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  return {
    turns: samples.length,
    seconds,
    tps: samples.length / seconds,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    errors,
    conversations,
    firstError,
  };
}

/** An activity as a channel sends it to /api/messages, answered in the HTTP response. */
export function activity(conversation: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: conversation },
    from: { id: `user-${conversation}`, name: 'Merchant' },
    recipient: { id: 'bot', name: 'bot' },
    locale: 'zh-CN',
    deliveryMode: 'expectReplies',
    id: `${conversation}-${Math.random().toString(36).slice(2)}`,
    ...fields,
  };
}
