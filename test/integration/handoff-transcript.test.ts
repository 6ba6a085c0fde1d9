import { spawnSync } from 'node:child_process';
import { nextEvent } from '../helpers/agentFeed';
import { DirectLineHttp, openChat } from '../helpers/directLine';
import { startRedis, type RedisServer } from '../helpers/redis';
import { REVIEWER, signInAgent, startWeChatApp, type WeChatApp } from '../helpers/wechatApp';

const EDITOR = 'transcript-editor-'.padEnd(40, 'e');
const LOG_MAX = 20;

interface Line {
  from: string;
  text?: string;
  intent?: string;
  event?: string;
}

/** The Redis keys whose names hold this id. */
function keysWith(redis: RedisServer, id: string): string[] {
  return spawnSync('redis-cli', ['-p', String(redis.port), '--scan', '--pattern', `*${id}*`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
}

describe('the transcript for agents is kept from a handoff on, begun from what the conversation holds (Redis)', () => {
  let redis: RedisServer;
  let app: WeChatApp;

  beforeAll(async () => {
    redis = await startRedis();
    app = await startWeChatApp({ REDIS_URL: redis.url, BACKOFFICE_TOKENS: `ops:${REVIEWER},editor:${EDITOR}:editor`, DIRECTLINE_LOG_MAX_ACTIVITIES: String(LOG_MAX) });
  });
  afterAll(async () => {
    await app.stop();
    await redis.stop();
  });

  /**
   * With an agent online, `handOff` asks for a person; the agent claims the chat of the conversation.
   * Returns the chat (its context) and the transcript the console shows.
   */
  async function claimed(handOff: () => Promise<string>) {
    const { agent, feed } = await signInAgent(app.running.url);
    const conversationId = await handOff();
    const queued = await nextEvent(feed, (event, data) => event === 'queue' && (data.items as { conversationId?: string }[] | undefined)?.some((i) => i.conversationId === conversationId) === true);
    const item = (queued.items as { id: string; conversationId: string; context: { intents: string[] } }[]).find((i) => i.conversationId === conversationId)!;
    expect((await agent(`/${item.id}/claim`)).status).toBe(200);
    const { entries } = (await nextEvent(feed, (event, data) => event === 'entries' && (data as { handoffId?: string }).handoffId === item.id)) as unknown as { entries: Line[] };
    expect((await agent(`/${item.id}/end`)).status).toBe(200);
    await feed.cancel();
    return { item, entries };
  }

  it('widget: no transcript until the handoff; then the agent reads the conversation so far with its intents, and the question before it reaches the inbox', async () => {
    const chat = await openChat(app.running.url, 'zh-CN');
    await chat.say('审核需要几天');
    await chat.say('退款怎么退给我');
    // The Direct Line log and the bot state hold the conversation; nothing is kept for agents yet.
    expect(keysWith(redis, chat.conversationId).filter((k) => k.includes('{handoff}'))).toEqual([]);

    const { item, entries } = await claimed(async () => {
      await chat.say('帮我转人工客服');
      return chat.conversationId;
    });
    const user = entries.filter((e) => e.from === 'user');
    expect(user.map((e) => e.text)).toEqual(['审核需要几天', '退款怎么退给我', '帮我转人工客服']);
    const [review, refund] = user;
    expect(review.intent).toMatch(/^faq_/);
    expect(refund.intent).toMatch(/^faq_/);
    expect(item.context.intents).toEqual([review.intent, refund.intent]);
    // The bot's answers as their openings, the welcome first; then the handoff's own lines.
    expect(entries[0]).toMatchObject({ from: 'bot', text: expect.stringMatching(/^您好/) });
    expect(entries.find((e) => e.from === 'bot' && e.text?.startsWith('注销申请提交后'))?.text).toMatch(/…$/);
    expect(entries.findIndex((e) => e.event === 'queued')).toBeGreaterThan(entries.indexOf(user[2]));

    // The question the bot did not settle before the merchant asked for a person is in the editors' inbox.
    let groups: { text: string; outcome: string }[] = [];
    for (let i = 0; i < 100 && !groups.some((g) => g.outcome === 'handoff'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      groups = (await (await fetch(`${app.running.url}/backoffice/unanswered`, { headers: { Authorization: `Bearer ${EDITOR}` } })).json()).groups;
    }
    expect(groups).toContainEqual(expect.objectContaining({ text: '退款怎么退给我', outcome: 'handoff' }));
  });

  it('WeChat: the last lines a chat without a log keeps in its state begin its transcript', async () => {
    const user = 'o-transcript';
    const before = app.wechat.inbox(user).length;
    await app.wechat.sayToOfficialAccount(app.running.url, user, '注销申请提交以后大概几天能审完');
    await app.wechat.waitForInbox(user, before + 1);
    // The chat's last lines are in its bot state: nothing is kept for agents yet.
    expect(keysWith(redis, user).filter((k) => k.includes('{handoff}'))).toEqual([]);
    const [conversationKey] = keysWith(redis, user).filter((k) => k.includes('/conversations/'));

    const { item, entries } = await claimed(async () => {
      await app.wechat.sayToOfficialAccount(app.running.url, user, '帮我转人工客服');
      return conversationKey.split('/conversations/')[1].replace(/\/$/, '');
    });
    const said = entries.filter((e) => e.from !== 'system');
    expect(said.map((e) => e.from)).toEqual(['user', 'bot', 'user']);
    expect(said[0]).toMatchObject({ text: '注销申请提交以后大概几天能审完', intent: expect.stringMatching(/^faq_/) });
    expect(said[2].text).toBe('帮我转人工客服');
    // The bot's answer, kept by the key of its text, reads as that text's opening.
    expect(said[1].text).toMatch(/^\S.{20,}…$/s);
    expect(said[1]).not.toHaveProperty('said');
    expect(item.context.intents).toEqual([said[0].intent]);
  });

  it(`widget: the Direct Line log keeps its last ${LOG_MAX} activities; ids and watermarks go on, and an older watermark gets the oldest kept`, async () => {
    const chat = await openChat(app.running.url, 'en');
    // The welcome, then 12 questions and their answers: 25 activities.
    for (let i = 0; i < 12; i++) await chat.say('How long does the review take?');
    const dl = new DirectLineHttp(app.running.url);
    const seqs = (page: { activities: { id: string }[] }) => page.activities.map((a) => Number(a.id.split('|')[1]));
    const all = (await dl.call('GET', `/conversations/${chat.conversationId}/activities`, chat.token)).body;
    expect(seqs(all)).toEqual(Array.from({ length: LOG_MAX }, (_, i) => 25 - LOG_MAX + 1 + i));
    expect(all.watermark).toBe('25');
    expect((await dl.call('GET', `/conversations/${chat.conversationId}/activities?watermark=2`, chat.token)).body).toEqual(all);
    const recent = (await dl.call('GET', `/conversations/${chat.conversationId}/activities?watermark=23`, chat.token)).body;
    expect([seqs(recent), recent.watermark]).toEqual([[24, 25], '25']);
    const log = keysWith(redis, chat.conversationId).find((k) => k.endsWith(':log'))!;
    expect(spawnSync('redis-cli', ['-p', String(redis.port), 'LLEN', log], { encoding: 'utf8' }).stdout.trim()).toBe(String(LOG_MAX));
    // The next message continues the numbering.
    await chat.say('thanks');
    const next = (await dl.call('GET', `/conversations/${chat.conversationId}/activities?watermark=25`, chat.token)).body;
    expect([seqs(next), next.watermark]).toEqual([[26, 27], '27']);
  });
});
