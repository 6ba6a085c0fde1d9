import { ActivityTypes } from 'botbuilder';
import { hasOptedOut } from '../../src/notifications/optOut';
import { botAdapter, botHarness, titles } from '../helpers/bot';
import { application, caseService } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';

const say = (text: string, locale = 'zh-CN') => ({ type: ActivityTypes.Message, text, locale });

/** An open case of the user's (each test has a user of its own: the file shares one database). */
async function openCase(userId: string, language = 'zh-CN') {
  const service = caseService();
  const { record } = await service.submit(application({ email: 'wang@example.com', language, owner: { userId, channelId: 'test', conversation: {} } }));
  return { service, record };
}

describe('opting out of notifications in the chat', () => {
  it('records "no more SMS" on the open case and confirms it, leaving email on', async () => {
    const { service, record } = await openCase('owner');
    await botAdapter({}, { user: 'Owner' })
      .send(say('以后不要再发短信了！'))
      .assertReply((r) => expect(r.text).toBe(`好的，申请 ${record.reference} 之后不会再给您发短信通知了。进度随时可以在这里问我。`))
      .startTest();
    const stored = (await service.get(record.reference))!;
    expect(hasOptedOut(stored, 'sms')).toBe(true);
    expect(hasOptedOut(stored, 'email')).toBe(false);
    expect(stored.events.at(-1)).toMatchObject({ by: 'user:owner', type: 'notifications_opted_out', data: { channel: 'sms' } });
  });

  it.each(['不用邮箱', '不要发邮件给我'])('%j at the email question of another application skips the email: no other case stops its emails', async (said) => {
    const { service, record } = await openCase(`second form ${said}`);
    const c = chat({}, undefined, { user: `second form ${said}` });
    for (const answer of ['还有一台要注销', '开始办理', '上周', '设备故障', '王五', '6222021234567890128', `LKL2000${said.length}0${said.length}`]) await c.send(answer);
    const atEmail = texts(await c.send('不用，用之前的')).join('\n') + texts(await c.send('13900001111')).join('\n');
    expect(atEmail).toMatch(/邮箱/);
    expect(texts(await c.send(said)).join('\n')).toMatch(/请核对您的申请信息/);
    expect(hasOptedOut((await service.get(record.reference))!, 'email')).toBe(false);
  });

  it.each([
    ['不要再发短信了', '算了 还是恢复短信通知吧', 'zh-CN', /短信通知已经恢复/],
    ['please stop sending me sms', 'actually turn them back on', 'en-US', /text messages about application .* are back on/],
  ])('%j then %j: the texts are back on, recorded after the opt-out, and the progress offers to stop them again', async (stop, restart, locale) => {
    const { service, record } = await openCase(`back on ${locale}`.toLowerCase(), locale.slice(0, 2));
    const c = chat({}, undefined, { user: `back on ${locale}` });
    await c.send(say(stop, locale));
    expect(hasOptedOut((await service.get(record.reference))!, 'sms')).toBe(true);
    const replies = texts(await c.send(say(restart, locale)));
    expect(replies).toEqual([expect.stringMatching(locale === 'en-US' ? /text messages about application .* are back on/ : /短信通知已经恢复/)]);
    const stored = (await service.get(record.reference))!;
    expect(hasOptedOut(stored, 'sms')).toBe(false);
    expect(stored.events.at(-1)).toMatchObject({ type: 'notifications_opted_in', data: { channel: 'sms' } });
    const progress = await c.send(say(locale === 'en-US' ? 'status' : '进度', locale));
    expect(titles(progress.at(-1)!)).toContain(locale === 'en-US' ? 'No SMS updates' : '不要短信通知');
  });

  it('"恢复短信通知" with nothing stopped restarts nothing: no event is recorded', async () => {
    const { service, record } = await openCase('never stopped');
    const c = chat({}, undefined, { user: 'never stopped' });
    expect(texts(await c.send('恢复短信通知')).join('\n')).not.toMatch(/已经恢复/);
    expect((await service.get(record.reference))!.events.some((e) => e.type === 'notifications_opted_in')).toBe(false);
  });

  it('understands it in English, and records it once however often it is said', async () => {
    const { service, record } = await openCase('lee', 'en');
    await botAdapter({}, { user: 'Lee' })
      .send(say('Stop emails, please', 'en'))
      .assertReply((r) => expect(r.text).toContain(`we won't send you any more emails about application ${record.reference}`))
      .send(say('no more emails', 'en'))
      .assertReply((r) => expect(r.text).toContain('any more emails'))
      .startTest();
    const stored = (await service.get(record.reference))!;
    expect(stored.events.filter((e) => e.type === 'notifications_opted_out')).toHaveLength(1);
    expect(hasOptedOut(stored, 'email')).toBe(true);
  });

  it('offers the stop as buttons in the status answer; tapped, it is recorded and the outbox queues no more SMS', async () => {
    const { record } = await openCase('tapper');
    const { record: other } = await openCase('someone');
    const harness = botHarness({}, { user: 'Tapper' });
    await harness.adapter
      .send(say('查询办理进度'))
      .assertReply((r) => expect(titles(r)).toEqual(expect.arrayContaining(['不要短信通知', '不要邮件通知'])))
      .send(say('不要短信通知'))
      .assertReply((r) => expect(r.text).toContain(`申请 ${record.reference} 之后不会再给您发短信通知了`))
      .send(say('查询办理进度'))
      .assertReply((r) => {
        expect(titles(r)).toContain('不要邮件通知');
        expect(titles(r)).not.toContain('不要短信通知');
        // Its next step no longer promises a text message.
        expect(r.text).toMatch(/您已关闭短信通知/);
      })
      .startTest();
    expect(hasOptedOut((await harness.cases.get(record.reference))!, 'sms')).toBe(true);
    // The next step of both cases: SMS for the one that did not opt out only.
    for (const { reference } of [record, other]) {
      await harness.cases.transition(reference, 'under_review', 'backoffice:alice');
      await harness.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 50, method: 'cash' });
    }
    const sms = async (reference: string) => (await harness.notifications.outbox.list({ caseReference: reference, limit: 10 })).filter((row) => row.channel === 'sms');
    expect(await sms(record.reference)).toEqual([]);
    expect((await sms(other.reference)).map((row) => row.template)).toEqual(['approved']);
  });

  it('tells someone without an open case that nothing is being sent', async () => {
    await botAdapter({}, { user: 'Nobody' })
      .send(say('不要再发短信'))
      .assertReply((r) => expect(r.text).toBe('您目前没有进行中的注销申请，我们不会给您发送通知。'))
      .startTest();
  });

  it('leaves other messages that mention SMS to the dialogs', async () => {
    await botAdapter({}, { user: 'Nobody' })
      .send(say('审核结果会通过短信通知我吗？我想知道大概要等多久才能收到'))
      .assertReply((r) => expect(r.text).not.toMatch(/不会给您发送通知|不会再给您发短信/))
      .startTest();
  });
});
