import type { Activity } from 'botbuilder';
import { EMBEDDED_CHANNEL_ID, EMBEDDED_SERVICE_URL } from '../../src/channels/directline/adapter';
import { LogCodec } from '../../src/channels/directline/logCodec';

const CONVERSATION = 'nE7vLqdXlPY_RDJm30u_Hqog';
const USER = 'u_d7769953f8557943471fe034';
/** The conversation's record, which entries are written against. */
const RECORD = { id: CONVERSATION, userId: USER, createdAt: '2026-11-29T16:30:02.001Z' };
const ANSWER = '注销免费领取的 POS 机，一共分 6 步：\n\n1. **联系客服**：拨打 95016，或直接在这里告诉我您要注销\n2. **提交书面申请**：按要求填写注销申请';

const reply: Partial<Activity> = {
  type: 'message',
  inputHint: 'acceptingInput',
  suggestedActions: { to: [], actions: [{ type: 'imBack', value: '现在开始注销', title: '现在开始注销' }] },
  text: ANSWER,
  channelId: EMBEDDED_CHANNEL_ID,
  locale: 'zh-CN',
  conversation: { id: CONVERSATION, isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'bot', name: '拉卡拉', role: 'bot' },
  recipient: { id: USER, name: '', role: 'user' },
  replyToId: `${CONVERSATION}|0000004`,
  timestamp: '2026-11-29T16:31:39.872Z' as unknown as Date,
};
const posted: Partial<Activity> = { ...reply, text: '我的卡号 **** **** **** 1234', serviceUrl: EMBEDDED_SERVICE_URL, from: reply.recipient, recipient: reply.from, replyToId: undefined };

describe('Direct Line log entries', () => {
  const stored = new Map<string, Buffer>();
  const codec = (texts: string[]) => {
    const c = new LogCodec([['zh-CN', texts], ['en', ['Hello']]], async (id) => stored.get(id));
    for (const d of c.dictionaries) stored.set(d.id, d.bytes);
    return c;
  };

  it('read back exactly what was written, the bot\'s and the user\'s', async () => {
    const c = codec([ANSWER]);
    for (const activity of [reply, posted, { type: 'typing' }, { ...reply, conversation: { id: 'other', isGroup: true, conversationType: 'group', name: 'x' } }]) {
      expect(await c.decode(RECORD, c.encode(RECORD, activity))).toEqual(JSON.parse(JSON.stringify(activity)));
    }
  });

  it('are a fraction of the JSON, without the conversation or user ids in them', async () => {
    const entry = codec([ANSWER]).encode(RECORD, reply);
    expect(entry.length).toBeLessThan(Buffer.byteLength(JSON.stringify(reply)) / 5);
    const inflated = JSON.stringify(await codec([ANSWER]).decode(RECORD, entry));
    expect(inflated).toContain(USER);
    for (const id of [CONVERSATION, USER]) expect(entry.includes(id)).toBe(false);
    // The ids and the time since the conversation began: smaller than without the record (format 1).
    expect(entry.length).toBeLessThan(codec([ANSWER]).encode({ id: CONVERSATION }, reply).length - 10);
    // Without the bot's texts the answer itself still costs bytes: the dictionary is what makes it small.
    expect(codec([]).encode(RECORD, reply).length).toBeGreaterThan(2 * entry.length);
  });

  it('written without the record (format 1) still read; written with it, not without it', async () => {
    const c = codec([ANSWER]);
    expect(await c.decode(RECORD, c.encode({ id: CONVERSATION }, posted))).toEqual(JSON.parse(JSON.stringify(posted)));
    await expect(c.decode({ id: CONVERSATION }, c.encode(RECORD, posted))).rejects.toThrow(/record/);
  });

  it('written by an instance with other texts still read, through its stored dictionary', async () => {
    const entry = codec([ANSWER, 'a text this instance no longer has']).encode(RECORD, reply);
    const reader = new LogCodec([['zh-CN', ['the new texts']]], async (id) => stored.get(id));
    expect(await reader.decode(RECORD, entry)).toEqual(JSON.parse(JSON.stringify(reply)));
    const orphan = new LogCodec([['zh-CN', ['the new texts']]], async () => undefined);
    await expect(orphan.decode(RECORD, codec(['unpublished']).encode(RECORD, reply))).rejects.toThrow(/dictionary/);
  });
});
