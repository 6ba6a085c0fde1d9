import { nextEvent } from '../helpers/agentFeed';
import type { RunningApp } from '../helpers/app';
import type { WeChatStandIn } from '../helpers/wechat';
import { REVIEWER, signInAgent, startWeChatApp, type WeChatApp } from '../helpers/wechatApp';

const CARD = '6212 2602 0001 2345 670';

describe('WeChat Official Account (/api/wechat) through a WeChat stand-in', () => {
  let wechat: WeChatStandIn;
  let running: RunningApp;
  let backoffice: WeChatApp['backoffice'];
  let app: WeChatApp;

  beforeAll(async () => {
    app = await startWeChatApp({ WECHAT_TEMPLATE_ID: 'tmpl-case-update' });
    ({ wechat, running, backoffice } = app);
  });
  afterAll(() => app.stop());

  const say = async (openid: string, text: string) => {
    const before = wechat.inbox(openid).length;
    const res = await wechat.sayToOfficialAccount(running.url, openid, text);
    expect(res.status).toBe(200);
    return (await wechat.waitForInbox(openid, before + 1)).slice(before);
  };

  it('answers the URL check only when signed with the configured token', async () => {
    const good = await wechat.verifyOfficialAccountUrl(running.url, 'echo-1234');
    expect([good.status, await good.text()]).toEqual([200, 'echo-1234']);
    const forged = await wechat.verifyOfficialAccountUrl(running.url, 'echo-1234', 'NotTheToken');
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: { code: 'Unauthorized', message: 'Bad or missing signature' } });
  });

  it('answers an FAQ question in the response, as plain text with numbered follow-ups a number picks', async () => {
    const [answer] = await say('o-faq', '注销申请提交以后大概几天能审完');
    expect(answer).toMatch(/2-5 个工作日/);
    expect(answer).not.toMatch(/\*\*/);
    expect(answer).toMatch(/\n1\. 查询办理进度\n2\. 审核未通过的处理\n（回复序号即可选择）$/);
    expect(wechat.delivered.filter((d) => d.to === 'o-faq').map((d) => d.via)).toEqual(['passive']);
    const [picked] = await say('o-faq', '2');
    expect(picked).toMatch(/没有通过审核/);
  });

  it('refuses a bad signature or msg_signature, a stale timestamp and garbage, and runs nothing', async () => {
    const fields = { ToUserName: 'gh_0123456789ab', FromUserName: 'o-forger', CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: '你好', MsgId: '9001' };
    expect((await wechat.postToOfficialAccount(running.url, fields, { token: 'NotTheToken' })).status).toBe(401);
    expect((await wechat.postToOfficialAccount(running.url, fields, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    expect((await wechat.postToOfficialAccount(running.url, fields, { safeMode: false })).status).toBe(400);
    const garbage = await fetch(`${running.url}/api/wechat?signature=x&timestamp=1&nonce=1`, { method: 'POST', body: '<xml><a>' });
    expect(garbage.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(wechat.inbox('o-forger')).toEqual([]);
    // The message was never seen: the genuine delivery still runs.
    expect((await wechat.postToOfficialAccount(running.url, fields)).status).toBe(200);
    expect(wechat.inbox('o-forger')).toHaveLength(1);
  });

  it('runs a message WeChat delivers three times once', async () => {
    const fields = { ToUserName: 'gh_0123456789ab', FromUserName: 'o-replay', CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: '你好', MsgId: '4242424242' };
    const answers = await Promise.all([0, 1, 2].map(() => wechat.postToOfficialAccount(running.url, fields).then((r) => r.text())));
    expect(answers.filter((a) => a === 'success')).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(wechat.inbox('o-replay')).toHaveLength(1);
  });

  it('takes a menu click’s key as what the user said, runs nothing on unfollowing, and answers in the language of the user’s messages', async () => {
    const user = 'o-menu';
    const event = (fields: Record<string, string>) =>
      wechat.postToOfficialAccount(running.url, { ToUserName: 'gh_0123456789ab', FromUserName: user, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', ...fields });
    expect((await event({ Event: 'CLICK', EventKey: '注销我的POS机' })).status).toBe(200);
    expect(wechat.inbox(user)[0]).toMatch(/6 步/);
    const [english] = await say(user, 'Hello, how long does the review of a cancellation take?');
    expect(english).toMatch(/2-5 business days[\s\S]*Shall we start the application now\?\n\n1\. Start now\n2\. Not now\n\(Reply with a number to choose\.\)$/);
    // A bare number says no language: the answer stays in English.
    expect((await say(user, '2'))[0]).not.toMatch(/\p{Script=Han}/u);
    expect((await say(user, '注销申请提交以后大概几天能审完'))[0]).toMatch(/2-5 个工作日/);
    const before = wechat.inbox(user).length;
    expect(await (await event({ Event: 'unsubscribe' })).text()).toBe('success');
    await new Promise((r) => setTimeout(r, 300));
    expect(wechat.inbox(user)).toHaveLength(before);
  });

  it('welcomes a new follower', async () => {
    const res = await wechat.postToOfficialAccount(running.url, { ToUserName: 'gh_0123456789ab', FromUserName: 'o-follower', CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: 'subscribe' });
    expect(res.status).toBe(200);
    expect(wechat.inbox('o-follower')[0]).toMatch(/您好！我是拉卡拉 POS 机服务助手[\s\S]*\n1\. 注销我的POS机/);
  });

  it('cancels a terminal in Chinese (a picture sent on the way, fetched through the media API, becomes the case’s material), then delivers the approval through the customer-service API and a template outside 48 hours', async () => {
    const user = 'o-journey';
    expect((await say(user, '我想退掉这台刷卡机'))[0]).toMatch(/6 步/);
    expect((await say(user, '1'))[0]).toMatch(/什么时候收到/);
    const picture = Buffer.from('ffd8ffe0-terminal-photo', 'utf8');
    const beforePicture = wechat.inbox(user).length;
    expect((await wechat.sendImageToOfficialAccount(running.url, user, wechat.addMedia('wechat', picture, 'image/jpeg', 'photo.jpg'))).status).toBe(200);
    // As to a widget upload without words: received, going with the application, and the open question again (one message a turn).
    expect((await wechat.waitForInbox(user, beforePicture + 1)).slice(beforePicture)).toEqual([expect.stringMatching(/收到您发来的文件：photo\.jpg[\s\S]*什么时候收到/)]);
    expect((await say(user, '三周前'))[0]).toMatch(/设备故障/);
    await say(user, '设备故障');
    await say(user, '张三');
    const afterCard = await say(user, CARD);
    expect(afterCard.join('')).not.toContain('6212');
    await say(user, 'LKL12345678');
    // A serial or phone number says nothing about the language: still Chinese.
    expect((await say(user, '13800138000'))[0]).toMatch(/邮箱/);
    const summary = await say(user, '跳过');
    expect(summary.join('\n')).toMatch(/\*\*\*\* \*\*\*\* \*\*\*\* 5670/);
    await say(user, '确认无误');
    const submitted = (await say(user, '张三')).join('\n');
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(submitted)![0];
    expect(submitted).toMatch(/查看书面申请: http/);
    const materials = (await (await fetch(`${running.url}/backoffice/attachments?case=${reference}`, { headers: { Authorization: `Bearer ${REVIEWER}` } })).json()) as { attachments: { name: string; url: string }[] };
    expect(materials.attachments.map((file) => file.name)).toEqual(['photo.jpg']);
    const download = await fetch(`${running.url}${materials.attachments[0].url}`, { headers: { Authorization: `Bearer ${REVIEWER}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(picture)).toBe(true);
    expect(JSON.stringify(wechat.delivered)).not.toContain('6212260200012345670');

    const before = wechat.inbox(user).length;
    expect((await backoffice(`/cases/${reference}/review`, {})).status).toBe(200);
    expect((await backoffice(`/cases/${reference}/approve`, { amount: 99, method: 'original_card' })).status).toBe(200);
    const updates = (await wechat.waitForInbox(user, before + 2)).slice(before);
    expect(updates[0]).toMatch(/已进入审核/);
    expect(updates[1]).toMatch(/99\.00 元[\s\S]*1\. 接受退款方案\n2\. 有疑问/);
    expect(wechat.delivered.slice(-2).map((d) => d.via)).toEqual(['custom', 'custom']);

    // More than 48 hours later WeChat refuses free text: a template asks the user to write in.
    wechat.closeServiceWindow(user);
    const templatesBefore = wechat.templates.length;
    expect((await backoffice(`/cases/${reference}/withdraw`, {})).status).toBe(200);
    for (let i = 0; wechat.templates.length === templatesBefore && i < 200; i++) await new Promise((r) => setTimeout(r, 25));
    expect(wechat.templates.at(-1)).toMatchObject({ touser: user, template_id: 'tmpl-case-update', data: { thing1: { value: '您有一条新消息，回复任意内容查看' } } });
    const held = await say(user, '在吗');
    expect(held.join('\n')).toMatch(/撤回|withdrawn/);
  });

  it('hands off to an agent in our console: each side reads the other, card numbers masked', async () => {
    const { agent, feed: reader } = await signInAgent(running.url);

    const user = 'o-handoff';
    expect((await say(user, '帮我转人工客服'))[0]).toMatch(/人工客服/);
    const queued = await nextEvent(reader, (event, data) => event === 'queue' && (data.items?.length ?? 0) > 0);
    const id = queued.items[0].id as string;
    expect((await agent(`/${id}/claim`)).status).toBe(200);
    await wechat.waitForText(user, /您目前排在第 1 位/);
    expect((await wechat.waitForText(user, /alice 已接入/)).at(-1)).toMatch(/alice 已接入/);

    expect((await agent(`/${id}/messages`, { text: '您好，我是客服小李，请问有什么可以帮您？', clientId: 'c-wechat-1' })).status).toBe(200);
    expect((await wechat.waitForInbox(user, 4)).at(-1)).toBe('您好，我是客服小李，请问有什么可以帮您？');

    await wechat.sayToOfficialAccount(running.url, user, `我的卡号是 ${CARD}`);
    const entries = await nextEvent(reader, (event, data) => event === 'entries' && JSON.stringify(data).includes('我的卡号是'));
    expect(JSON.stringify(entries)).toContain('**** **** **** 5670');
    expect(JSON.stringify(entries)).not.toContain('6212');
    // While the person has the chat the bot says nothing.
    expect(wechat.inbox(user)).toHaveLength(4);

    expect((await agent(`/${id}/end`)).status).toBe(200);
    await reader.cancel();
    expect((await wechat.waitForInbox(user, 5)).at(-1)).toMatch(/1\. /);
    expect(wechat.delivered.filter((d) => d.to === user).slice(2).every((d) => d.via === 'custom')).toBe(true);
  });
});
