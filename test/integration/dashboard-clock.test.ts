import { hashPassword } from '../../src/agentConsole/passwords';
import { addDays, clockAhead, localDate } from '../../src/cases/dates';
import { nextEvent } from '../helpers/agentFeed';
import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';
import { readUntil } from '../helpers/eventually';
import { submittedCase } from '../helpers/journey';

const TOKEN = 'dashboard-clock-token-'.padEnd(40, 'k');
/** Further ahead than the default range is long, so nothing stamped with the real time falls in it. */
const now = clockAhead(10);

interface Report {
  filter: { from: string; to: string };
  topUnanswered: { text: string; count: number }[];
  handoffs: { byOutcome: Record<string, number>; meanWaitSeconds: number | null; meanHandleSeconds: number | null };
  notifications: { channel: string; status: string; count: number }[];
}

describe('the dashboard counts unanswered questions, handoffs and notifications on the business clock', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(
      { BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7', HANDOFF_AGENTS: `alice:${await hashPassword('alice-password-1')}`, BACKOFFICE_TOKENS: `bi:${TOKEN}`, NOTIFY_POLL_SECONDS: '1' },
      now,
    );
  });
  afterAll(() => running?.stop());

  const dashboard = async (): Promise<Report> => (await fetch(`${running.url}/backoffice/dashboard`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
  const staff = (path: string, cookie: string) => fetch(`${running.url}/staff/api${path}`, { method: 'POST', headers: { origin: running.url, cookie } });

  it('shows what happened today on that clock in the default range, while the queue keeps real time', async () => {
    const login = await fetch(`${running.url}/staff/api/login`, {
      method: 'POST',
      headers: { origin: running.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'alice', password: 'alice-password-1' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    // The open console makes alice an agent online, so the merchant is queued for her.
    const reader = (await fetch(`${running.url}/staff/api/chats/events`, { headers: { cookie } })).body!.getReader();
    await nextEvent(reader, (event) => event === 'queue');

    const dl = new DirectLineHttp(running.url);
    const { token, conversationId } = await dl.widgetToken('en');
    await dl.call('POST', '/conversations', token, {});
    for (const text of ['zorblax quux plim', 'I want to talk to a person']) await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'en' });
    const [item] = (await nextEvent(reader, (event, data) => event === 'queue' && (data.items?.length ?? 0) > 0)).items as { id: string; queuedAt: number }[];
    await reader.cancel();
    // The console's wait timers count from the browser's (real) clock.
    expect(Math.abs(item.queuedAt - Date.now())).toBeLessThan(60_000);
    expect((await staff(`/chats/${item.id}/claim`, cookie)).status).toBe(200);
    expect((await staff(`/chats/${item.id}/end`, cookie)).status).toBe(200);
    // A submitted application texts the merchant (the log SMS provider sends it).
    await submittedCase(running.url);

    // The unanswered inbox and the outbox worker write in the background.
    const counted = (r: Report) => r.topUnanswered.length > 0 && r.notifications.some((n) => n.status === 'sent');
    const report = await readUntil(dashboard, counted, { ms: 100 });
    const today = localDate(now());
    expect(report.filter).toEqual({ from: addDays(today, -6), to: today });
    expect(report.topUnanswered).toEqual([expect.objectContaining({ text: 'zorblax quux plim' })]);
    expect(report.handoffs.byOutcome).toEqual({ completed: 1 });
    // Its times moved together: the wait and the handling stay the seconds they took.
    for (const seconds of [report.handoffs.meanWaitSeconds, report.handoffs.meanHandleSeconds]) expect(seconds).toEqual(expect.any(Number));
    expect(report.handoffs.meanWaitSeconds! + report.handoffs.meanHandleSeconds!).toBeLessThan(60);
    expect(report.handoffs.meanWaitSeconds).toBeGreaterThanOrEqual(0);
    expect(report.notifications).toEqual([{ channel: 'sms', status: 'sent', count: 1 }]);
  });
});
