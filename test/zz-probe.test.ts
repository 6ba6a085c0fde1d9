import { ActivityTypes } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { titles } from './helpers/bot';
import { chat } from './helpers/chat';

// Probe harness (never committed). PROBE='msg|en:msg|@days 3|@stage approved {"amount":99,"method":"bank_transfer"}|@tab||next script'
const scripts = (process.env.PROBE ?? '').split('||').filter(Boolean);
jest.setTimeout(600_000);
it('probes', async () => {
  for (const script of scripts) {
    let now = new Date(process.env.PROBE_START ?? '2026-12-02T03:00:00Z');
    const user = `P${randomUUID().slice(0, 8)}`;
    const c = chat({ BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7' }, undefined, { user, now: () => now });
    console.log(`=== ${script}`);
    let locale = 'zh-CN';
    const lines: string[] = [];
    for (const step of script.split('|')) {
      let out;
      if (step.startsWith('@days ')) {
        now = new Date(now.getTime() + Number(step.slice(6)) * 86_400_000);
        lines.push(`  @ ${now.toISOString()}`);
        continue;
      } else if (step.startsWith('@stage ')) {
        const [, status, ...rest] = step.split(' ');
        const data = rest.length ? JSON.parse(rest.join(' ')) : undefined;
        const [latest] = [...(await c.cases.forUser(user.toLowerCase()))].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
        if (!latest) { lines.push('  @ no case'); continue; }
        const changed = await c.cases.transition(latest.reference, status as never, 'backoffice:probe', data);
        lines.push(`  @ ${latest.reference} -> ${status}`);
        await c.events.raise((changed.owner.latestConversation ?? changed.owner.conversation) as never, { kind: 'caseUpdated', reference: latest.reference }, locale);
        await c.settle();
        out = c.drain();
      } else if (step === '@tab') {
        out = await c.send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: user.toLowerCase(), name: user }], recipient: { id: 'bot', name: 'bot' }, locale });
        lines.push('  > [new tab]');
      } else {
        const en = step.startsWith('en:');
        locale = en ? 'en-US' : step.startsWith('zh:') ? 'zh-CN' : locale;
        const text = step.replace(/^(en|zh):/, '');
        lines.push(`  > ${text}`);
        out = await c.send({ type: ActivityTypes.Message, text, locale });
      }
      for (const a of out ?? []) {
        if (a.type !== ActivityTypes.Message) { lines.push(`  < (${a.type}${a.name ? ' ' + a.name : ''})`); continue; }
        const buttons = titles(a);
        lines.push(`  < ${(a.text ?? '').replace(/\n/g, ' ⏎ ')}${buttons?.length ? ` [${buttons.join(' | ')}]` : ''}${a.attachments?.length ? ` {${a.attachments.length} att}` : ''}`);
      }
    }
    console.log(lines.join('\n'));
  }
});
