import { ActivityTypes, MemoryStorage } from 'botbuilder';
import { randomBytes } from 'node:crypto';
import { CardVault } from '../../src/cases/cardVault';
import { CaseService } from '../../src/cases/caseService';
import { isOpen } from '../../src/handoff/businessHours';
import { CallbackQueue } from '../../src/handoff/callbacks';
import { botAdapter, titles } from '../helpers/bot';

const zh = (text: string) => ({ type: ActivityTypes.Message, text, locale: 'zh-CN' });
// Always "open" or always "closed", whatever the time the test runs.
const OPEN = { BUSINESS_HOURS: '00:00-23:59' };

describe('talking to a person', () => {
  it('says nobody is free, and turns a message into a callback tied to the latest case', async () => {
    const storage = new MemoryStorage();
    const record = await new CaseService(storage, new CardVault(randomBytes(32)), { holidays: new Set() }).submit({
      fullName: '张三',
      cardNumber: '4111111111111111',
      posSerial: 'LKL12345678',
      mobile: '13800138000',
      reason: { code: 'other' },
      receivedOn: '2026-10-01',
      language: 'zh-CN',
      owner: { userId: 'merchant', channelId: 'test', conversation: {} },
    });
    const now = new Date();
    const openNow = isOpen(now, { open: '00:00', close: '23:59', holidays: new Set() });
    await botAdapter(OPEN, { storage, user: 'Merchant' })
      .send(zh('转人工'))
      .assertReply((r) => {
        expect(r.text).toMatch(openNow ? /没有可以接待的人工客服/ : /不在人工客服的服务时间/);
        expect(r.text).toContain('95016');
        expect(titles(r)).toEqual(['我要留言', '不用了']);
      })
      .send(zh('我要留言'))
      .assertReply((r) => expect(r.text).toMatch(/简单说明/))
      .send(zh('我的卡号 4111 1111 1111 1111 退款没到'))
      .assertReply((r) => expect(r.text).toMatch(/手机号/))
      .send(zh('12345'))
      .assertReply((r) => expect(r.text).toMatch(/11 位/))
      .send(zh('13900001111'))
      .assertReply((r) => {
        expect(r.text).toContain('13900001111');
        expect(r.text).toContain(record.reference);
      })
      .startTest();
    const [callback] = await new CallbackQueue(storage).list();
    expect(callback).toMatchObject({ userId: 'merchant', mobile: '13900001111', caseReference: record.reference, message: '我的卡号 **** **** **** 1111 退款没到' });
  });

  it('outside business hours says so; "no thanks" leaves nothing', async () => {
    const storage = new MemoryStorage();
    // Weekends and the holiday list are closed; so is an empty window.
    await botAdapter({ BUSINESS_HOURS: '00:00-00:00' }, { storage })
      .send(zh('我要找真人客服'))
      .assertReply((r) => expect(r.text).toMatch(/不在人工客服的服务时间/))
      .send(zh('不用了'))
      .assertReply((r) => expect(r.text).toMatch(/还有其他可以帮您的吗/))
      .startTest();
    expect(await new CallbackQueue(storage).list()).toEqual([]);
  });

  it('business hours follow the Shanghai clock, weekdays only', () => {
    const hours = { open: '09:00', close: '18:00', holidays: new Set(['2026-10-01']) };
    expect(isOpen(new Date('2026-11-24T02:00:00Z'), hours)).toBe(true); // Tue 10:00 in Shanghai
    expect(isOpen(new Date('2026-11-24T10:30:00Z'), hours)).toBe(false); // Tue 18:30
    expect(isOpen(new Date('2026-11-28T02:00:00Z'), hours)).toBe(false); // Saturday
    expect(isOpen(new Date('2026-10-01T02:00:00Z'), hours)).toBe(false); // holiday
  });
});
