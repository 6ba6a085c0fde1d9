import { spawnSync } from 'node:child_process';
import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp, openChat } from '../helpers/directLine';
import { startRedis, type RedisServer } from '../helpers/redis';

const ADMIN = 'subjects-admin-'.padEnd(40, 'a');
const CARD = '6212 2602 0001 2345 670';
const CARD_DIGITS = '6212260200012345670';
const MOBILE = '13700007777';
const NAME = 'Sun Li';

/** The Redis keys whose names hold this id (a conversation's or a user's). */
function keysWith(redis: RedisServer, id: string): string[] {
  return spawnSync('redis-cli', ['-p', String(redis.port), '--scan', '--pattern', `*${id}*`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
}

describe("a data subject's rights cover what Redis holds of their conversations", () => {
  let redis: RedisServer;
  let running: RunningApp;

  beforeAll(async () => {
    redis = await startRedis();
    running = await startApp({ REDIS_URL: redis.url, BACKOFFICE_TOKENS: `dpo:${ADMIN}` });
  });
  afterAll(async () => {
    await running.stop();
    await redis.stop();
  });

  const backoffice = async (method: string, path: string) => {
    const res = await fetch(`${running.url}/backoffice${path}`, { method, headers: { Authorization: `Bearer ${ADMIN}` } });
    return { status: res.status, body: await res.json() };
  };

  it('exports the activity log, transcript and bot state (cards masked), then erases them with the cases, audited', async () => {
    const chat = await openChat(running.url);
    for (const text of ['I would like to cancel the POS terminal you sent me', 'yes', 'last month', '1', NAME, CARD, 'ABC77770001', MOBILE, 'skip', 'All correct', NAME]) await chat.say(text);
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec((await chat.lastBot()).text ?? '')![0];
    // A second application begun (after the bot pointed out the open one, a yes) and left: its draft is in the user's bot state.
    for (const text of ['I would like to cancel the POS terminal you sent me', 'yes', 'last month']) await chat.say(text);
    // No transcript is kept for agents while nobody asked for one: the log holds what was said.
    const held = (id: string) => keysWith(redis, id).filter((k) => !/:rate:|:seen:/.test(k));
    expect(held(chat.conversationId)).toEqual([expect.stringMatching(/:dl:.*:log$/), expect.stringMatching(/:dl:.*:meta$/), expect.stringMatching(/:state:.*\/conversations\//)]);
    // A message left for a person (nobody is online): the agent who calls back reads the conversation.
    for (const text of ['I want to talk to a person', 'Leave a message', 'Please call me about my terminal', MOBILE]) await chat.say(text);

    const exported = await backoffice('GET', `/subjects?mobile=${MOBILE}`);
    expect(exported.status).toBe(200);
    expect(exported.body.references).toEqual([reference]);
    const [conversation] = exported.body.conversations;
    expect(exported.body.conversations).toHaveLength(1);
    expect(conversation).toMatchObject({ conversationId: chat.conversationId, userId: chat.userId });
    const said = conversation.activities.map((a: { text?: string }) => a.text);
    expect(said).toContain(NAME);
    expect(said.join('\n')).toContain(reference);
    // The transcript begun when the message was left: what was said before (from the log), then the request.
    expect(conversation.transcript.map((e: { text?: string }) => e.text)).toContain(NAME);
    expect(conversation.transcript.map((e: { event?: string }) => e.event)).toContain('callback');
    expect(exported.body.callbacks).toHaveLength(1);
    expect(conversation.state.conversation.dialogState).toBeDefined();
    expect(conversation.state.user.draft.draft.receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The card the merchant typed is in the log, masked; never in clear, nor sealed.
    const whole = JSON.stringify(exported.body);
    expect(said.join('\n')).toMatch(/5670/);
    expect(whole.replace(/[\s-]/g, '')).not.toContain(CARD_DIGITS);
    expect(whole).not.toMatch(/cardSealed/);

    // The Direct Line conversation and its log, the handoff transcript, the conversation's and the user's bot state.
    expect(held(chat.conversationId)).toEqual([expect.stringMatching(/:dl:.*:log$/), expect.stringMatching(/:dl:.*:meta$/), expect.stringMatching(/:state:.*\/conversations\//), expect.stringMatching(/:t:/)]);
    expect(held(chat.userId)).toEqual([expect.stringMatching(/:state:.*\/users\//)]);

    const erased = await backoffice('DELETE', `/subjects?mobile=${MOBILE}`);
    expect(erased.body).toEqual({ erased: [reference], conversations: [chat.conversationId] });
    // Left under the conversation's id: the bookkeeping of turns (rate counters), nothing said or told.
    expect(held(chat.conversationId)).toEqual([]);
    expect(held(chat.userId)).toEqual([]);
    const page = await new DirectLineHttp(running.url).call('GET', `/conversations/${chat.conversationId}/activities`, chat.token);
    expect(page.body?.activities ?? []).toEqual([]);

    expect((await backoffice('GET', `/subjects?mobile=${MOBILE}`)).body).toMatchObject({ references: [], cases: [], conversations: [] });
    const kept = await backoffice('GET', `/cases/${reference}`);
    expect(kept.body).toMatchObject({ reference, status: 'submitted', erasedAt: expect.any(String), applicant: { fullName: '', mobile: '' } });
    const audit = await backoffice('GET', `/audit?case=${reference}`);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['GET /backoffice/subjects', 'DELETE /backoffice/subjects']));
  });

  it("exports a chat without a log of its own with the bot's lines as the merchant read them, not kept as the keys of its texts", async () => {
    const mobile = '13700008888';
    const conversation = { id: `subject-chat-${Date.now()}` };
    const replies: string[] = [];
    const say = async (text: string) => {
      const res = await fetch(`${running.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text, locale: 'zh-CN', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', conversation, from: { id: 'subject-user', role: 'user' }, recipient: { id: 'bot', role: 'bot' }, deliveryMode: 'expectReplies' }),
      });
      for (const a of (await res.json()).activities as { type: string; text?: string }[]) if (a.type === 'message' && a.text) replies.push(a.text);
    };
    for (const text of ['我要注销POS机', '开始办理', '上个月', '1', '孙丽', CARD, 'ABC77770002', mobile, '不用了', '确认无误', '孙丽']) await say(text);
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(replies.join('\n'))![0];

    const exported = await backoffice('GET', `/subjects?mobile=${mobile}`);
    expect(exported.body.references).toEqual([reference]);
    const lines = exported.body.conversations[0].state.conversation.recent as { from: string; text?: string; said?: string }[];
    expect(lines).toHaveLength(20);
    expect(lines.filter((line) => line.said)).toEqual([]);
    const bot = lines.filter((line) => line.from === 'bot').map((line) => line.text ?? '');
    // Each is a reply whole (a text of the bot's, kept by its key) or the opening of one with values of its own.
    for (const text of bot) expect(replies.some((reply) => reply === text || (text.endsWith('…') && reply.startsWith(text.slice(0, -1))))).toBe(true);
    expect(bot.filter((text) => text.length > 61 && replies.includes(text)).length).toBeGreaterThan(0);
  });
});
