import { nextEvent } from '../helpers/agentFeed';
import type { RunningApp } from '../helpers/app';
import { ACCOUNTS, keptAttachments, type WeChatStandIn } from '../helpers/wechat';
import { REVIEWER, signInAgent, startWeChatApp, type WeChatApp } from '../helpers/wechatApp';

const CARD = '6212 2602 0001 2345 670';

describe('WeCom customer service (/api/wecom) through a WeChat stand-in', () => {
  let wechat: WeChatStandIn;
  let running: RunningApp;
  let backoffice: WeChatApp['backoffice'];
  let app: WeChatApp;

  beforeAll(async () => {
    app = await startWeChatApp();
    ({ wechat, running, backoffice } = app);
  });
  afterAll(() => app.stop());

  const say = async (user: string, text: string, expected = 1) => {
    const before = wechat.inbox(user).length;
    const res = await wechat.sayToWeCom(running.url, user, text);
    expect([res.status, await res.text()]).toEqual([200, 'success']);
    return (await wechat.waitForInbox(user, before + expected)).slice(before);
  };

  it('answers the URL check with the decrypted echostr, only when signed', async () => {
    const good = await wechat.verifyWeComUrl(running.url, 'wecom-echo-42');
    expect([good.status, await good.text()]).toEqual([200, 'wecom-echo-42']);
    const forged = await fetch(`${running.url}/api/wecom?msg_signature=${'0'.repeat(40)}&timestamp=${Math.floor(Date.now() / 1000)}&nonce=1&echostr=abc`);
    expect(forged.status).toBe(401);
  });

  it('welcomes a customer entering the chat with the event code, and answers an FAQ question with a menu a tap or a number picks from', async () => {
    await wechat.enterWeCom(running.url, 'wm-faq');
    const [welcome] = await wechat.waitForInbox('wm-faq', 1);
    expect(welcome).toMatch(/您好！我是拉卡拉 POS 机服务助手/);
    expect(wechat.delivered.find((d) => d.to === 'wm-faq')?.via).toBe('kf_event');
    expect(wechat.lastMenu('wm-faq')?.map((item) => item.content)).toContain('注销我的POS机');
    const [answer] = await say('wm-faq', '注销申请提交以后大概几天能审完');
    expect(answer).toMatch(/2-5 个工作日/);
    // The choices are menu items to tap, not a numbered list in the text.
    expect(answer).not.toMatch(/\n1\. /);
    expect(wechat.lastMenu('wm-faq')?.map((item) => item.content)).toEqual(['查询办理进度', '审核未通过的处理']);
    const before = wechat.inbox('wm-faq').length;
    await wechat.tapWeComMenu(running.url, 'wm-faq', '审核未通过的处理');
    expect((await wechat.waitForInbox('wm-faq', before + 1))[before]).toMatch(/没有通过审核/);
    await say('wm-faq', '注销申请提交以后大概几天能审完');
    expect((await say('wm-faq', '2'))[0]).toMatch(/没有通过审核/);
  });

  it('refuses a callback with a bad signature and pulls nothing', async () => {
    const calls = wechat.syncCalls;
    const res = await wechat.wecomCallback(running.url, { token: 'NotTheToken' });
    expect(res.status).toBe(401);
    expect((await fetch(`${running.url}/api/wecom?msg_signature=x&timestamp=1&nonce=1`, { method: 'POST', body: '<xml><Encrypt>abc</Encrypt></xml>' })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(wechat.syncCalls).toBe(calls);
  });

  it('runs an entry WeCom hands out twice once', async () => {
    await say('wm-replay', '你好');
    await wechat.repeatLastWeComMessage(running.url);
    await wechat.wecomCallback(running.url);
    await new Promise((r) => setTimeout(r, 500));
    expect(wechat.inbox('wm-replay')).toHaveLength(1);
  });

  it('cancels a terminal in Chinese, a picture and a file sent on the way becoming the case’s materials, and delivers the approval with send_msg', async () => {
    const user = 'wm-journey';
    expect((await say(user, '我想退掉这台刷卡机'))[0]).toMatch(/6 步/);
    expect((await say(user, '1'))[0]).toMatch(/什么时候收到/);
    const picture = Buffer.from('89504e470d0a1a0a-receipt-picture', 'utf8');
    const pdf = Buffer.from('%PDF-1.4 invoice', 'utf8');
    const beforeFiles = wechat.inbox(user).length;
    await wechat.sendMediaToWeCom(running.url, user, 'image', wechat.addMedia('wecom', picture, 'image/png', 'receipt.png'));
    await wechat.waitForInbox(user, beforeFiles + 1);
    await wechat.sendMediaToWeCom(running.url, user, 'file', wechat.addMedia('wecom', pdf, 'application/pdf', `发票 ${CARD}.pdf`));
    // As to a widget upload without words: received (a card number in its name masked), and the open question again (one message a turn).
    const replies = (await wechat.waitForInbox(user, beforeFiles + 2)).slice(beforeFiles);
    expect(replies).toEqual([expect.stringMatching(/收到您发来的文件：receipt\.png[\s\S]*什么时候收到/), expect.stringMatching(/收到您发来的文件：发票 \*{4}[\s\S]*什么时候收到/)]);
    expect(replies.join('')).not.toContain('6212');
    expect((await say(user, '三周前'))[0]).toMatch(/注销的原因/);
    expect(wechat.lastMenu(user)?.map((item) => item.content)).toContain('设备故障');
    await say(user, '设备故障');
    await say(user, '张三');
    expect((await say(user, CARD)).join('')).not.toContain('6212');
    await say(user, 'LKL12345678');
    // A serial or phone number says nothing about the language: still Chinese.
    expect((await say(user, '13800138000'))[0]).toMatch(/邮箱/);
    expect((await say(user, '跳过')).join('\n')).toMatch(/\*\*\*\* \*\*\*\* \*\*\*\* 5670/);
    await say(user, '确认无误');
    const submitted = (await say(user, '张三')).join('\n');
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(submitted)![0];
    const materials = (await (await fetch(`${running.url}/backoffice/attachments?case=${reference}`, { headers: { Authorization: `Bearer ${REVIEWER}` } })).json()) as { attachments: { name: string; contentType: string; url: string }[] };
    expect(materials.attachments.map((file) => [file.name, file.contentType])).toEqual([
      ['receipt.png', 'image/png'],
      ['发票 **** **** **** 5670.pdf', 'application/pdf'],
    ]);
    const download = await fetch(`${running.url}${materials.attachments[1].url}`, { headers: { Authorization: `Bearer ${REVIEWER}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const kept = await keptAttachments(`wecom:${ACCOUNTS.openKfId}:${user}`);
    expect(Buffer.from(kept[0].bytes).equals(picture)).toBe(true);

    const before = wechat.inbox(user).length;
    expect((await backoffice(`/cases/${reference}/review`, {})).status).toBe(200);
    expect((await backoffice(`/cases/${reference}/approve`, { amount: 99, method: 'original_card' })).status).toBe(200);
    const updates = (await wechat.waitForInbox(user, before + 2)).slice(before);
    expect(updates[1]).toMatch(/99\.00 元/);
    expect(wechat.lastMenu(user)?.map((item) => item.content)).toEqual(['接受退款方案', '有疑问']);
    const beforeTap = wechat.inbox(user).length;
    await wechat.tapWeComMenu(running.url, user, '接受退款方案');
    expect((await wechat.waitForInbox(user, beforeTap + 1))[beforeTap]).toMatch(/已记录您对退款方案的确认/);
    expect(wechat.delivered.filter((d) => d.to === user).every((d) => d.via === 'kf')).toBe(true);
    expect(JSON.stringify(wechat.delivered)).not.toContain('6212260200012345670');
  });

  it('hands off to an agent in our console, both ways', async () => {
    const { agent, feed: reader } = await signInAgent(running.url);

    const user = 'wm-handoff';
    await say(user, '帮我转人工客服');
    const queued = await nextEvent(reader, (event, data) => event === 'queue' && (data.items?.length ?? 0) > 0);
    const id = queued.items[0].id as string;
    expect((await agent(`/${id}/claim`)).status).toBe(200);
    await wechat.waitForText(user, /您目前排在第 1 位/);
    const joined = (await wechat.waitForText(user, /alice 已接入/)).length;
    expect((await agent(`/${id}/messages`, { text: '您好，我是客服小李。', clientId: 'c-wecom-1' })).status).toBe(200);
    expect((await wechat.waitForInbox(user, joined + 1)).at(-1)).toBe('您好，我是客服小李。');
    await wechat.sayToWeCom(running.url, user, '我想确认一下退款');
    const entries = await nextEvent(reader, (event, data) => event === 'entries' && JSON.stringify(data).includes('我想确认一下退款'));
    expect(entries).toBeDefined();
    expect(wechat.inbox(user)).toHaveLength(joined + 1);
    expect((await agent(`/${id}/end`)).status).toBe(200);
    await reader.cancel();
    await wechat.waitForInbox(user, joined + 2);
    expect(wechat.delivered.filter((d) => d.to === user).at(-1)?.menu?.length).toBeGreaterThan(1);
  });

  it('keeps quiet while the merchant’s WeCom staff have the chat, and answers again when they end it', async () => {
    const user = 'wm-staff';
    await say(user, '你好');
    await wechat.wecomStaff(running.url, user, 1);
    await wechat.sayToWeCom(running.url, user, '注销申请提交以后大概几天能审完');
    await new Promise((r) => setTimeout(r, 500));
    expect(wechat.inbox(user)).toHaveLength(1);
    await wechat.wecomStaff(running.url, user, 3);
    // The question the staff had is not answered late by the bot: the next message gets its own answer.
    expect((await say(user, '你好'))[0]).not.toMatch(/2-5 个工作日/);
    expect((await say(user, '注销申请提交以后大概几天能审完'))[0]).toMatch(/2-5 个工作日/);
    expect(wechat.inbox(user)).toHaveLength(3);
  });
});

