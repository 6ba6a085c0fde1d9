import { hashPassword } from '../../src/agentConsole/passwords';
import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';
import { backofficeClient, submittedCase as journeyCase } from '../helpers/journey';

const REVIEWER = 'events-reviewer-'.padEnd(40, 'e');
const PASSWORD = 'events-agent-password';

/**
 * Case changes and handoff outcomes reach a conversation as events the server raises itself. Attacks
 * from the security review: the same events posted by a caller of /api/messages (loopback, so no
 * channel token is needed) must act on nobody's case.
 */
describe('domain events come from the server only', () => {
  let running: RunningApp;
  let backoffice: ReturnType<typeof backofficeClient>;

  beforeAll(async () => {
    running = await startApp({
      BACKOFFICE_TOKENS: `ops:${REVIEWER}`,
      HANDOFF_AGENTS: `alice:${await hashPassword(PASSWORD)}`,
      BUSINESS_HOURS: '00:00-24:00',
      BUSINESS_DAYS: '1-7',
    });
    backoffice = backofficeClient(running.url, REVIEWER);
  });
  afterAll(() => running?.stop());

  const submittedCase = () => journeyCase(running.url);

  /** What a loopback caller of /api/messages gets back (expectReplies: the replies come in the response). */
  const attacker = async (activity: Record<string, unknown>) => {
    const res = await fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: 'attacker-conversation' },
        from: { id: 'attacker', role: 'user' },
        recipient: { id: 'bot', role: 'bot' },
        deliveryMode: 'expectReplies',
        locale: 'zh-CN',
        ...activity,
      }),
    });
    const text = await res.text();
    return JSON.stringify(text ? JSON.parse(text) : {});
  };

  it('a case/update event posted to /api/messages shows and changes nothing of the case it names', async () => {
    const victim = await submittedCase();
    await backoffice('POST', `/cases/${victim.reference}/review`, {});
    await backoffice('POST', `/cases/${victim.reference}/approve`, { amount: 88.8, method: 'bank_transfer' });

    const seen = [
      await attacker({ type: 'event', name: 'case/update', value: { reference: victim.reference } }),
      await attacker({ type: 'message', text: '接受退款方案' }),
    ].join('\n');
    expect(seen).not.toContain('88.80');
    expect(seen).not.toContain(victim.reference);
    expect((await backoffice('GET', `/cases/${victim.reference}`)).status).toBe('approved');

    // The merchant, told by the server, still accepts in their own conversation.
    await victim.say('接受退款方案');
    expect((await backoffice('GET', `/cases/${victim.reference}`)).status).toBe('refund_agreed');
  }, 30_000);

  it('a case update during a handoff reaches the merchant at once and shows in the agent\'s chat', async () => {
    const merchant = await submittedCase();
    await backoffice('POST', `/cases/${merchant.reference}/review`, {});
    const login = await fetch(`${running.url}/staff/api/login`, {
      method: 'POST',
      headers: { origin: running.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'alice', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const feed = new AbortController();
    const events = await fetch(`${running.url}/staff/api/chats/events`, { headers: { cookie }, signal: feed.signal });
    let console = '';
    const reading = events.body!.pipeTo(new WritableStream({ write: (chunk) => void (console += Buffer.from(chunk).toString('utf8')) })).catch(() => undefined);
    const until = async (done: () => boolean | Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await done()); i++) await new Promise((r) => setTimeout(r, 50));
    };
    try {
      await until(() => /event: queue/.test(console));
      await merchant.say('转人工');
      await until(() => /"kind":"chat"/.test(console));
      const queued = [...console.matchAll(/event: queue\ndata: (.*)/g)].flatMap((m) => (JSON.parse(m[1]) as { items: { id: string; kind: string }[] }).items);
      const id = queued.find((item) => item.kind === 'chat')!.id;
      expect((await fetch(`${running.url}/staff/api/chats/${id}/claim`, { method: 'POST', headers: { cookie, origin: running.url } })).status).toBe(200);

      await backoffice('POST', `/cases/${merchant.reference}/approve`, { amount: 66.6, method: 'bank_transfer' });
      await until(async () => (await merchant.seen()).includes('66.60') && console.includes('66.60'));
      expect((await merchant.seen()).includes('66.60')).toBe(true);
      expect(console.includes('66.60')).toBe(true);

      // The question the update carries comes when the handoff ends, after the rating; answered in words.
      expect((await fetch(`${running.url}/staff/api/chats/${id}/end`, { method: 'POST', headers: { cookie, origin: running.url } })).status).toBe(200);
      await until(async () => (await merchant.seen()).includes('打个分'));
      await merchant.say('5');
      const offers = async () => (await merchant.seen()).split('请确认是否接受这个退款方案').length - 1;
      await until(async () => (await offers()) === 2);
      expect(await offers()).toBe(2);
      await merchant.say('方案没问题');
      expect((await backoffice('GET', `/cases/${merchant.reference}`)).status).toBe('refund_agreed');
    } finally {
      feed.abort();
      await reading;
    }
  }, 30_000);

  it('a message sent while the turn that hands off is still running goes to the person, not the bot (the relay runs once, under the turn lock)', async () => {
    const dl = new DirectLineHttp(running.url);
    const { token, conversationId } = await dl.widgetToken('en');
    const say = (text: string) => dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'en' });
    // Sent together: the second waits for the first turn's lock, by which time the chat is handed off.
    const [handedOff, relayed] = await Promise.all([say('I want to talk to a person'), say('How do I cancel my terminal?')]);
    expect([handedOff.status, relayed.status]).toEqual([200, 200]);
    const log = (await dl.call('GET', `/conversations/${conversationId}/activities?watermark=0`, token)).body.activities as { id: string; type: string; text?: string; replyToId?: string; from: { role?: string } }[];
    const second = log.find((a) => a.text === 'How do I cancel my terminal?')!;
    const answers = log.filter((a) => a.type === 'message' && a.from.role === 'bot' && a.replyToId === second.id).map((a) => a.text);
    expect(answers).toEqual([expect.stringMatching(/^Your message has been passed on/)]);
  }, 30_000);
});
