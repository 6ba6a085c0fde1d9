import type { CaseRecord } from '../cases/caseService';
import { formatDate, formatTime } from '../i18n/format';
import type { Language } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import { maskCard } from '../pii/cardNumbers';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The filled, printable written application (card masked); every value is escaped as text. */
export function renderApplication(record: CaseRecord, localizer: Localizer): string {
  const lang = (record.language === 'en' ? 'en' : 'zh-CN') as Language;
  const t = (key: string) => escape(localizer.t(lang, `application:${key}`));
  const submitted = record.events.find((e) => e.type === 'submitted');
  const rows: [string, string][] = [
    ['reference', record.reference],
    ['fullName', record.applicant.fullName],
    ['card', maskCard(record.applicant.cardLast4)],
    ['posSerial', record.applicant.posSerial],
    ['mobile', record.applicant.mobile],
    ['email', record.applicant.email ?? '-'],
    ['receivedOn', formatDate(record.receivedOn, lang)],
    ['reason', localizer.t(lang, `cancel:reasons.${record.reason.code}`) + (record.reason.detail ? ` (${record.reason.detail})` : '')],
    ['signature', record.applicant.fullName],
    ['submittedAt', formatTime(submitted?.at ?? record.createdAt, lang)],
  ];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${t('title')} ${escape(record.reference)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; max-width: 720px; margin: 40px auto; color: #111; }
h1 { font-size: 22px; text-align: center; }
table { width: 100%; border-collapse: collapse; margin-top: 24px; }
th, td { border: 1px solid #999; padding: 10px; text-align: left; }
th { width: 30%; background: #f3f3f3; }
p.note { margin-top: 24px; font-size: 13px; color: #444; }
@media print { body { margin: 0; } button { display: none; } }
</style>
</head>
<body>
<h1>${t('title')}</h1>
<p>${t('addressee')}</p>
<table>
${rows.map(([key, value]) => `<tr><th>${t(key)}</th><td>${escape(value)}</td></tr>`).join('\n')}
</table>
<p class="note">${t('declaration')}</p>
</body>
</html>
`;
}
