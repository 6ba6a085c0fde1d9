import type { ConversationReference } from 'botbuilder';
import { startApp, type RunningApp } from '../helpers/app';
import { waitReady } from '../helpers/process';
import { startRedis, type RedisServer } from '../helpers/redis';
import { ACCOUNTS, channelEnv, WeChatStandIn } from '../helpers/wechat';

const ACCOUNT = 'gh_0123456789ab';
const referenceOf = (openid: string): Partial<ConversationReference> => ({
  channelId: 'wechat',
  serviceUrl: 'https://wechat.channel.invalid/',
  conversation: { id: `wechat:${openid}`, isGroup: false, conversationType: 'personal', name: '' },
  user: { id: openid, name: '' },
  bot: { id: ACCOUNT, name: '' },
});

describe('WeChat Official Account in plaintext mode: slow turns', () => {
  let wechat: WeChatStandIn;
  let running: RunningApp;

  beforeAll(async () => {
    // No EncodingAESKey: messages and passive replies travel as plain signed XML.
    wechat = await WeChatStandIn.start({ ...ACCOUNTS, aesKey: undefined });
    running = await startApp(channelEnv(wechat));
    await waitReady(running.url);
  });
  afterAll(async () => {
    await running.stop();
    await wechat.stop();
  });

  it('a turn slower than WeChat waits for is answered "success" and reaches the user once, through the API', async () => {
    const user = 'o-slow';
    await wechat.sayToOfficialAccount(running.url, user, '你好');
    expect(wechat.inbox(user)).toHaveLength(1);
    // Something else holds the conversation for 6 s (as a slow turn would); the user's question waits behind it.
    const busy = running.app.continueConversation(referenceOf(user), () => new Promise((r) => setTimeout(r, 6000)));
    await new Promise((r) => setTimeout(r, 50));
    const res = await wechat.sayToOfficialAccount(running.url, user, '注销申请提交以后大概几天能审完');
    expect(await res.text()).toBe('success');
    await busy;
    const inbox = await wechat.waitForInbox(user, 2);
    expect(inbox[1]).toMatch(/2-5 个工作日/);
    await new Promise((r) => setTimeout(r, 500));
    expect(wechat.delivered.filter((d) => d.to === user).map((d) => d.via)).toEqual(['passive', 'custom']);
  });
});

/**
 * Two instances of the bot on one Redis and one WeChat stand-in (`prepare` sets the stand-in up first),
 * both connected to Redis and their database before WeChat calls (on a loaded machine that takes a moment).
 */
function twoInstances(prepare: (wechat: WeChatStandIn) => void = () => undefined): { wechat: WeChatStandIn; a: RunningApp; b: RunningApp } {
  const setup = {} as { redis: RedisServer; wechat: WeChatStandIn; a: RunningApp; b: RunningApp };
  beforeAll(async () => {
    setup.redis = await startRedis();
    setup.wechat = await WeChatStandIn.start();
    prepare(setup.wechat);
    [setup.a, setup.b] = await Promise.all([0, 1].map(() => startApp({ ...channelEnv(setup.wechat), REDIS_URL: setup.redis.url })));
    await Promise.all([waitReady(setup.a.url), waitReady(setup.b.url)]);
  });
  afterAll(async () => {
    await Promise.all([setup.a.stop(), setup.b.stop()]);
    await setup.wechat.stop();
    await setup.redis.stop();
  });
  return setup;
}

describe('WeChat Official Account: two instances on one Redis', () => {
  const setup = twoInstances((wechat) => {
    // Just over the 5-minute refresh margin: the token is due for refresh a second after it is issued.
    wechat.tokenLifetimeSeconds = 301;
    wechat.tokenDelayMs = 300;
  });

  const burst = async (users: string[], label: string) => {
    await Promise.all(
      users.flatMap((user) => [setup.a, setup.b].map((app, i) => app.app.continueConversation(referenceOf(user), (context) => context.sendActivity(`${label} ${i}`).then(() => undefined), false))),
    );
  };

  it('fetches the access token once for both, and refreshes it once before it expires', async () => {
    const { wechat, a } = setup;
    const users = ['o-one', 'o-two', 'o-three'];
    // Each user wrote recently (answered in the response, no token needed).
    for (const user of users) expect((await wechat.sayToOfficialAccount(a.url, user, '你好')).status).toBe(200);
    for (const user of users) expect(wechat.delivered.filter((d) => d.to === user).map((d) => d.via)).toEqual(['passive']);
    expect(wechat.tokensIssued.wechat).toBe(0);

    await burst(users, 'first');
    expect(wechat.tokensIssued.wechat).toBe(1);
    await new Promise((r) => setTimeout(r, 1200));
    await burst(users, 'second');
    expect(wechat.tokensIssued.wechat).toBe(2);
    for (const user of users) expect(wechat.inbox(user).slice(1).sort()).toEqual(['first 0', 'first 1', 'second 0', 'second 1']);
  });
});

describe('WeCom customer service: two instances on one Redis', () => {
  const setup = twoInstances();

  it('pulls each message once whichever instance gets the callbacks, and answers each once', async () => {
    const { wechat, a, b } = setup;
    const users = ['wm-a', 'wm-b', 'wm-c', 'wm-d'];
    // Callbacks for four customers land on both instances at once.
    await Promise.all(users.map((user, i) => wechat.sayToWeCom([a, b][i % 2].url, user, '注销申请提交以后大概几天能审完')));
    await Promise.all([wechat.wecomCallback(a.url), wechat.wecomCallback(b.url)]);
    for (const user of users) expect((await wechat.waitForInbox(user, 1))[0]).toMatch(/2-5 个工作日/);
    await new Promise((r) => setTimeout(r, 500));
    for (const user of users) expect(wechat.inbox(user)).toHaveLength(1);
    // One puller at a time, from the shared cursor: no entry was read twice.
    expect([...wechat.served.values()]).toEqual([1, 1, 1, 1]);
    expect(wechat.tokensIssued.wecom).toBe(1);
  });
});

