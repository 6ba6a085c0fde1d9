import { ApplicationLinks } from '../../src/application/links';
import { renderApplication } from '../../src/application/page';
import { loadConfig } from '../../src/config';
import { localizerFor } from '../../src/index';
import { caseRecord } from '../helpers/caseRecord';

const record = caseRecord('<img src=x onerror=alert(1)>');

describe('written application', () => {
  it('renders user text as text, never as HTML', () => {
    const html = renderApplication(record, localizerFor(loadConfig({})));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('**** **** **** 5670');
  });

  it('links are signed and expire', () => {
    let now = Date.parse('2026-11-24T00:00:00Z');
    const links = new ApplicationLinks('s'.repeat(40), 'https://bot.example.com', 3600, () => now);
    const url = new URL(links.linkFor(record.reference));
    expect(url.origin + url.pathname).toBe(`https://bot.example.com/cases/${record.reference}/application`);
    const expires = url.searchParams.get('expires')!;
    const sig = url.searchParams.get('sig')!;
    expect(links.verify(record.reference, expires, sig)).toBe(true);
    expect(links.verify('PC-2611-00000B', expires, sig)).toBe(false);
    expect(links.verify(record.reference, String(Number(expires) + 1), sig)).toBe(false);
    expect(new ApplicationLinks('t'.repeat(40), 'x').verify(record.reference, expires, sig)).toBe(false);
    now += 3601_000;
    expect(links.verify(record.reference, expires, sig)).toBe(false);
  });
});
