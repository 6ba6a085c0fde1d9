import type { RunningApp } from '../helpers/app';
import type { WeChatStandIn } from '../helpers/wechat';
import { startWeChatApp, type WeChatApp } from '../helpers/wechatApp';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WeCom customer service handing chats to the merchant’s WeCom reception staff (WECOM_HANDOFF=wecom)', () => {
  let wechat: WeChatStandIn;
  let running: RunningApp;
  let app: WeChatApp;

  beforeAll(async () => {
    // No agent is signed in to our console: WeCom's staff take the chats all the same.
    app = await startWeChatApp({ WECOM_HANDOFF: 'wecom', WECOM_SERVICER_USERID: 'zhangsan' });
    ({ wechat, running } = app);
  });
  afterAll(() => app.stop());

  const say = async (user: string, text: string, expected = 1) => {
    const before = wechat.inbox(user).length;
    expect((await wechat.sayToWeCom(running.url, user, text)).status).toBe(200);
    return (await wechat.waitForInbox(user, before + expected)).slice(before);
  };

  it('moves the session to the configured member after telling the customer, keeps quiet while they have it, and asks for a rating with the end event’s code', async () => {
    const user = 'wm-to-staff';
    expect((await say(user, '帮我转人工客服'))[0]).toMatch(/正在为您转接人工客服/);
    for (let i = 0; i < 200 && wechat.wecomState(user) !== 3; i++) await pause(25);
    expect(wechat.transfers).toContainEqual({ user, state: 3, servicer: 'zhangsan' });
    // Our own queue is not involved: no queue place is announced.
    await pause(300);
    expect(wechat.inbox(user).join('\n')).not.toMatch(/排在第/);

    const before = wechat.inbox(user).length;
    await wechat.sayToWeCom(running.url, user, '注销申请提交以后大概几天能审完');
    await pause(500);
    expect(wechat.inbox(user)).toHaveLength(before);

    await wechat.wecomStaff(running.url, user, 3);
    const [rating] = (await wechat.waitForInbox(user, before + 1)).slice(before);
    expect(rating).toMatch(/请为本次人工服务打个分/);
    const sent = wechat.delivered.filter((d) => d.to === user).at(-1)!;
    expect(sent.via).toBe('kf_event');
    expect(sent.menu?.map((item) => item.content)).toContain('5 非常满意');
    const afterRating = wechat.inbox(user).length;
    await wechat.tapWeComMenu(running.url, user, '5 非常满意');
    expect((await wechat.waitForInbox(user, afterRating + 1))[afterRating]).toMatch(/感谢您的评价/);
    expect((await say(user, '注销申请提交以后大概几天能审完'))[0]).toMatch(/2-5 个工作日/);
  });

  it('hands the chat to WeCom’s queue pool when the member is off duty', async () => {
    const user = 'wm-to-pool';
    wechat.servicersOnDuty.delete('zhangsan');
    try {
      await say(user, '你好');
      await say(user, '帮我转人工客服');
      for (let i = 0; i < 200 && wechat.wecomState(user) !== 2; i++) await pause(25);
      expect(wechat.wecomState(user)).toBe(2);
      expect(wechat.transfers.filter((t) => t.user === user)).toEqual([{ user, state: 2 }]);
    } finally {
      wechat.servicersOnDuty.add('zhangsan');
    }
  });

  it('offers to leave a message when WeCom refuses the handoff (the session stays with the bot)', async () => {
    const user = 'wm-refused';
    wechat.refuseTransfers = true;
    try {
      await say(user, '你好');
      const [connecting, unanswered] = await say(user, '帮我转人工客服', 2);
      expect(connecting).toMatch(/正在为您转接人工客服/);
      expect(unanswered).toMatch(/要留言吗/);
      expect(wechat.wecomState(user)).toBe(0);
    } finally {
      wechat.refuseTransfers = false;
    }
  });

  it('answers again when WeCom says the session is over though its end event never came', async () => {
    const user = 'wm-lost-end';
    await say(user, '你好');
    await say(user, '帮我转人工客服');
    for (let i = 0; i < 200 && wechat.wecomState(user) !== 3; i++) await pause(25);
    wechat.endWeComSessionSilently(user);
    // The handoff ends as if the event had come (the rating question), and the message is answered.
    await wechat.sayToWeCom(running.url, user, '注销申请提交以后大概几天能审完');
    await wechat.waitForText(user, /2-5 个工作日/);
    await wechat.waitForText(user, /请为本次人工服务打个分/);
  });
});
