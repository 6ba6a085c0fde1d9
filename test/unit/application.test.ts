import { ApplicationLinks } from '../../src/application/links';
import { renderApplication } from '../../src/application/page';
import { loadConfig } from '../../src/config';
import { localizerFor } from '../../src/app';
import { caseRecord } from '../helpers/caseRecord';

const record = caseRecord('<img src=x onerror=alert(1)>');

describe('written application', () => {
  it('shows dates and the submission time in Beijing time, in the merchant\'s language', () => {
    const html = renderApplication({ ...record, language: 'zh-CN', receivedOn: '2026-10-05', createdAt: '2026-11-29T11:29:43.493Z', events: [] }, localizerFor(loadConfig({})));
    expect(html).toContain('2026年10月5日');
    expect(html).toContain('2026年11月29日 19:29');
    expect(html).not.toMatch(/UTC|T11:29/);
    const en = renderApplication({ ...record, language: 'en', receivedOn: '2026-10-05', createdAt: '2026-11-29T11:29:43.493Z', events: [] }, localizerFor(loadConfig({})));
    expect(en).toContain('29 Nov 2026, 19:29');
  });

  it('links use PUBLIC_URL when set, else the host the user reached the server on', () => {
    const fixed = new ApplicationLinks('s'.repeat(40), 'https://bot.example.com', 'http://localhost:3978');
    expect(fixed.linkFor(record.reference, 'http://10.0.0.5:8080')).toMatch(/^https:\/\/bot\.example\.com\/cases\//);
    const open = new ApplicationLinks('s'.repeat(40), undefined, 'http://localhost:3978');
    expect(open.linkFor(record.reference, 'http://10.0.0.5:8080')).toMatch(/^http:\/\/10\.0\.0\.5:8080\/cases\//);
    expect(open.linkFor(record.reference)).toMatch(/^http:\/\/localhost:3978\/cases\//);
  });

  it('renders user text as text, never as HTML', () => {
    const html = renderApplication(record, localizerFor(loadConfig({})));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('**** **** **** 5670');
  });

  it('links are signed and expire', () => {
    let now = Date.parse('2026-11-24T00:00:00Z');
    const links = new ApplicationLinks('s'.repeat(40), 'https://bot.example.com', 'http://localhost:3978', 3600, () => now);
    const url = new URL(links.linkFor(record.reference));
    expect(url.origin + url.pathname).toBe(`https://bot.example.com/cases/${record.reference}/application`);
    const expires = url.searchParams.get('expires')!;
    const sig = url.searchParams.get('sig')!;
    expect(links.verify(record.reference, expires, sig)).toBe(true);
    expect(links.verify('PC-2611-00000B', expires, sig)).toBe(false);
    expect(links.verify(record.reference, String(Number(expires) + 1), sig)).toBe(false);
    expect(new ApplicationLinks('t'.repeat(40), undefined, 'x').verify(record.reference, expires, sig)).toBe(false);
    now += 3601_000;
    expect(links.verify(record.reference, expires, sig)).toBe(false);
  });
});
