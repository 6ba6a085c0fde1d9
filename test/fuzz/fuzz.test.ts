import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';
import { backofficeClient, submittedCase } from '../helpers/journey';
import { activityLike, body } from './inputs';

/** Generated requests per endpoint: a few hundred in `npm test`, 5,000 each (10,000) in `npm run fuzz`. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

interface Reply {
  status: number;
  json: unknown;
  contentType: string;
}

/** Every answer must be below 500, and every refusal a JSON error with a code and a reason. */
function checkReply(reply: Reply): void {
  expect(reply.status).toBeLessThan(500);
  if (reply.status >= 400) {
    expect(reply.contentType).toMatch(/application\/json/);
    const error = (reply.json as { error?: { code?: unknown; message?: unknown } }).error;
    expect(typeof error?.code).toBe('string');
    expect(typeof error?.message === 'string' && error.message.length > 0).toBe(true);
  }
}

async function send(url: string, payload: string, headers: Record<string, string>): Promise<Reply> {
  const res = await fetch(url, { method: 'POST', headers, body: payload });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json, contentType: res.headers.get('content-type') ?? '' };
}

const REVIEWER = 'fuzz-reviewer-'.padEnd(40, 'f');

jest.setTimeout(Math.max(120_000, RUNS * 100));

describe(`fuzzing the chat endpoints (${RUNS} generated requests each)`, () => {
  let running: RunningApp;
  let channel: Server;
  let channelUrl: string;
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);

  beforeAll(async () => {
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    // A stand-in for a channel's connector service, where replies to normal (not expectReplies) turns go.
    channel = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"id":"1"}');
      });
    });
    await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
    channelUrl = `http://127.0.0.1:${(channel.address() as AddressInfo).port}/`;
    running = await startApp({ BACKOFFICE_TOKENS: `ops:${REVIEWER}` });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    await running?.stop();
    await new Promise((resolve) => channel?.close(resolve));
  });

  it('the embedded Direct Line: no 5xx, every refusal a JSON error with a reason, and the conversation still answers', async () => {
    const dl = new DirectLineHttp(running.url);
    const { token, conversationId } = await dl.widgetToken('zh-CN');
    await dl.call('POST', '/conversations', token, {});
    const url = `${running.url}/v3/directline/conversations/${conversationId}/activities`;
    const contentType = fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded');
    await fc.assert(
      fc.asyncProperty(body, contentType, async (payload, type) => {
        const reply = await send(url, payload, { Authorization: `Bearer ${token}`, 'Content-Type': type });
        checkReply(reply);
        if (reply.status < 300) expect(typeof (reply.json as { id?: unknown }).id).toBe('string');
      }),
      { numRuns: RUNS },
    );
    // The extremes once each: a 1 MB body and a 100 KB text.
    checkReply(await send(url, JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024) }), { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }));
    checkReply(await send(url, JSON.stringify({ type: 'message', text: '注'.repeat(33_000) }), { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }));

    await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '算了，不办了', locale: 'zh-CN' });
    const before = (await dl.call('GET', `/conversations/${conversationId}/activities?watermark=0`, token)).body.watermark;
    const posted = await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '审核要几天', locale: 'zh-CN' });
    expect(posted.status).toBe(200);
    const after = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=${before}`, token);
    const answers = (after.body.activities as { from: { role: string }; text?: string }[]).filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');
    expect(answers.join('\n')).toMatch(/工作日/);
    expect(crashes).toEqual([]);
  });

  it('/api/messages: no 5xx, every refusal a JSON error with a reason, and the conversation still answers', async () => {
    const url = `${running.url}/api/messages`;
    const skeleton = (conversation: string) => ({
      type: 'message',
      channelId: 'fuzz',
      serviceUrl: channelUrl,
      conversation: { id: conversation },
      from: { id: 'fuzz-user' },
      recipient: { id: 'bot' },
      deliveryMode: 'expectReplies',
    });
    const mode = fc.constantFrom('expectReplies', 'expectReplies', 'normal');
    const request = fc.oneof(
      { weight: 5, arbitrary: fc.tuple(activityLike, mode).map(([fields, deliveryMode]) => JSON.stringify({ ...skeleton('fuzz-conversation'), ...fields, deliveryMode, id: `a${Math.random()}` })) },
      { weight: 2, arbitrary: body },
    );
    await fc.assert(
      fc.asyncProperty(request, async (payload) => {
        checkReply(await send(url, payload, { 'Content-Type': 'application/json' }));
      }),
      { numRuns: RUNS },
    );
    checkReply(await send(url, JSON.stringify({ ...skeleton('fuzz-conversation'), text: 'x'.repeat(1024 * 1024) }), { 'Content-Type': 'application/json' }));

    const fresh = await send(url, JSON.stringify({ ...skeleton('fuzz-after'), text: '审核要几天', locale: 'zh-CN', id: 'after-1' }), { 'Content-Type': 'application/json' });
    expect(fresh.status).toBe(200);
    expect(JSON.stringify(fresh.json)).toMatch(/工作日/);
    expect(crashes).toEqual([]);
  });

  it('events named like the server\'s own (case updates, handoff outcomes) change no case, through either endpoint', async () => {
    const backoffice = backofficeClient(running.url, REVIEWER);
    const merchant = await submittedCase(running.url);
    await backoffice('POST', `/cases/${merchant.reference}/review`, {});
    await backoffice('POST', `/cases/${merchant.reference}/approve`, { amount: 12.5, method: 'cash' });
    const before = await backoffice('GET', `/cases/${merchant.reference}`);

    const dl = new DirectLineHttp(running.url);
    const stranger = await dl.widgetToken('zh-CN');
    await dl.call('POST', '/conversations', stranger.token, {});
    const name = fc.constantFrom('case/update', 'handoff/ended', 'handoff/unanswered', 'handoff.status', 'webchat/case/update');
    const value = fc.oneof(
      fc.constant({ reference: merchant.reference }),
      fc.record({ reference: fc.constant(merchant.reference), id: fc.string(), state: fc.constantFrom('accepted', 'completed', 'failed') }),
      fc.jsonValue(),
    );
    const answer = fc.constantFrom('接受退款方案', '已经收到', '是', '5');
    await fc.assert(
      fc.asyncProperty(name, value, answer, fc.boolean(), async (eventName, eventValue, text, viaDirectLine) => {
        const event = { type: 'event', name: eventName, value: eventValue, locale: 'zh-CN' };
        if (viaDirectLine) {
          const url = `${running.url}/v3/directline/conversations/${stranger.conversationId}/activities`;
          for (const activity of [event, { type: 'message', text, locale: 'zh-CN' }]) {
            checkReply(await send(url, JSON.stringify(activity), { Authorization: `Bearer ${stranger.token}`, 'Content-Type': 'application/json' }));
          }
        } else {
          const skeleton = { channelId: 'fuzz', serviceUrl: channelUrl, conversation: { id: 'fuzz-events' }, from: { id: 'fuzz-user' }, recipient: { id: 'bot' }, deliveryMode: 'expectReplies' };
          for (const activity of [event, { type: 'message', text, locale: 'zh-CN' }]) {
            checkReply(await send(`${running.url}/api/messages`, JSON.stringify({ ...skeleton, ...activity, id: `e${Math.random()}` }), { 'Content-Type': 'application/json' }));
          }
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    expect(await backoffice('GET', `/cases/${merchant.reference}`)).toEqual(before);
    expect(crashes).toEqual([]);
  });
});
