// The editor's Answers page: every FAQ answer and canned agent reply in zh-CN and en side by side, saved as a draft,
// published (versioned: who and when), and rolled back to any version or to the locales/ text.
import { api, el, fillTexts, formatDateTime, has, t } from './lib.js';

const LANGS = ['zh-CN', 'en'];
/** Web Chat's own defaults, which the widget keeps. */
const WEBCHAT_MARKDOWN = { markdownRespectCRLF: true, markdownRenderHTML: true };

/** The widget's Web Chat bundle, loaded once when a preview is first drawn: its renderMarkdown is what merchants see. */
let webChat = null;
function loadWebChat() {
  webChat ??= api('GET', '/api/widget/config').then((res) => new Promise((resolve, reject) => {
    const script = el('script', { src: res.data.webChatPath });
    script.onload = () => resolve(window.WebChat);
    script.onerror = reject;
    document.head.append(script);
  }));
  return webChat;
}
const base = (answer, lang) => `/backoffice/answers/${encodeURIComponent(answer)}/${lang}`;

export function mount(root, ctx) {
  let answers = [];
  const list = el('div', { class: 'answers' });
  const file = el('input', { type: 'file', accept: '.xlsx,.csv', 'data-testid': 'import-file', onchange: () => importFile() });
  const tools = el('div', { class: 'action-row' },
    el('a', { class: 'btn', href: '/backoffice/answers/export?format=xlsx', download: 'answers.xlsx', 'data-text': 'answers.exportXlsx' }),
    el('a', { class: 'btn', href: '/backoffice/answers/export?format=csv', download: 'answers.csv', 'data-text': 'answers.exportCsv' }),
    el('label', { class: 'btn' }, el('span', { 'data-text': 'answers.import' }), file));
  root.append(el('section', { class: 'sheet' }, el('h1', { 'data-text': 'answers.title' }), el('p', { class: 'muted', 'data-text': 'answers.explain' }), tools, list));

  /** Each row of the sheet becomes a draft; refused rows are listed by number. */
  async function importFile() {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    const type = chosen.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const res = await fetch('/backoffice/answers/import', { method: 'POST', headers: { 'Content-Type': type }, credentials: 'same-origin', body: chosen })
      .then(async (r) => ({ status: r.status, data: await r.json().catch(() => null) }), () => ({ status: 0, data: null }));
    if (res.status !== 200) return failed(res);
    const refused = res.data.errors.map((e) => e.row).join(t('list.separator'));
    ctx.notice(refused ? 'answers.importedWithErrors' : 'answers.imported', { drafts: res.data.drafts, rows: refused });
    load();
  }

  function failed(res) {
    if (res.status === 401) return ctx.signedOut('notice.sessionExpired');
    const error = res.data?.error;
    if (error?.code === 'BadPlaceholder') return ctx.notice('answers.badText', { reason: t('answers.problem.' + error.problem, { name: error.placeholder ?? '' }) });
    ctx.notice(res.status === 409 ? 'answers.noDraft' : res.status === 403 ? 'notice.forbidden' : 'notice.error');
  }

  async function load() {
    const res = await api('GET', '/backoffice/answers').catch(() => ({ status: 0 }));
    if (res.status !== 200) return failed(res);
    answers = res.data.answers;
    render();
  }

  async function call(method, path, body, noticeKey) {
    const res = await api(method, path, body).catch(() => ({ status: 0 }));
    if (res.status !== 200) return failed(res);
    ctx.notice(noticeKey);
    load();
  }

  function state(entry) {
    if (entry.draft) return t('answers.draft', { version: entry.draft.id, by: entry.draft.savedBy, at: formatDateTime(entry.draft.savedAt) });
    if (entry.published) return t(entry.published.text === null ? 'answers.restored' : 'answers.published', { version: entry.published.id, by: entry.published.publishedBy, at: formatDateTime(entry.published.publishedAt) });
    return t('answers.default');
  }

  async function showHistory(answer, lang, box) {
    if (box.childElementCount) return box.replaceChildren();
    const res = await api('GET', base(answer, lang) + '/history').catch(() => ({ status: 0 }));
    if (res.status !== 200) return failed(res);
    const restore = (version) => el('button', { type: 'button', class: 'btn', 'data-testid': 'restore', text: t('answers.restore'),
      onclick: () => call('POST', base(answer, lang) + '/rollback', { version }, 'answers.rolledBack') });
    box.replaceChildren(el('ol', { class: 'events' },
      ...res.data.versions.map((v) => el('li', { 'data-testid': 'version' },
        el('div', { class: 'event-head' }, el('strong', { text: 'v' + v.id }),
          el('span', { class: 'muted', text: v.publishedAt ? t('answers.publishedBy', { by: v.publishedBy, at: formatDateTime(v.publishedAt) }) : t('answers.savedBy', { by: v.savedBy, at: formatDateTime(v.savedAt) }) }),
          restore(v.id)),
        el('div', { class: 'event-body', text: v.text ?? t('answers.defaultText') }))),
      el('li', {}, el('div', { class: 'event-head' }, el('strong', { text: t('answers.defaultText') }), restore(0)))));
  }

  function editor(item, lang) {
    const entry = item.languages[lang];
    const current = entry.draft?.text ?? entry.published?.text ?? entry.default;
    const text = el('textarea', { rows: 7, 'data-testid': `answer-${lang}`, 'aria-label': t('lang.' + lang) });
    text.value = current;
    const history = el('div', { class: 'history' });
    const preview = el('div', { class: 'preview', 'data-testid': `preview-${lang}`, 'aria-live': 'polite' });
    let timer;
    text.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => showPreview(item.answer, lang, text.value, preview), 300);
    });
    // Drawn when the editor turns to a text (not for every text on the page at once).
    text.addEventListener('focus', () => { if (!preview.childElementCount) showPreview(item.answer, lang, text.value, preview); });
    return el('div', { class: 'answer-lang', 'data-lang': lang },
      el('div', { class: 'event-head' }, el('strong', { text: t('lang.' + lang) }), el('span', { class: 'muted', 'data-testid': `state-${lang}`, text: state(entry) })),
      text,
      el('div', { class: 'action-row' },
        el('button', { type: 'button', class: 'btn', 'data-testid': `save-${lang}`, text: t('answers.save'),
          onclick: () => call('PUT', base(item.answer, lang) + '/draft', { text: text.value }, 'answers.saved') }),
        el('button', { type: 'button', class: 'btn btn-primary', 'data-testid': `publish-${lang}`, text: t('answers.publish'), disabled: !entry.draft,
          onclick: () => call('POST', base(item.answer, lang) + '/publish', undefined, 'answers.publishedNotice') }),
        el('button', { type: 'button', class: 'btn', 'data-testid': `history-${lang}`, text: t('answers.history'), onclick: () => showHistory(item.answer, lang, history) })),
      el('div', { class: 'preview-box' }, el('span', { class: 'muted', text: t('answers.preview') }), preview),
      history);
  }

  /** The text as the chat window shows it (placeholders filled by the server, Markdown by Web Chat), or why it would be refused. */
  async function showPreview(answer, lang, value, box) {
    if (!value.trim()) return box.replaceChildren();
    const res = await api('POST', base(answer, lang) + '/preview', { text: value }).catch(() => ({ status: 0 }));
    if (res.data?.error?.code === 'BadPlaceholder') {
      box.replaceChildren(el('p', { class: 'preview-problem', 'data-testid': 'preview-problem', text: t('answers.problem.' + res.data.error.problem, { name: res.data.error.placeholder ?? '' }) }));
      return;
    }
    if (res.status !== 200) return box.replaceChildren();
    const WebChat = await loadWebChat().catch(() => null);
    if (!WebChat) return box.replaceChildren(el('p', { text: res.data.text }));
    // Web Chat sanitizes what it renders (as it does for the bot's messages).
    box.innerHTML = WebChat.renderMarkdown(res.data.text, WEBCHAT_MARKDOWN);
  }

  function title(answer) {
    const canned = /^canned_(\d+)$/.exec(answer);
    if (canned) return t('answers.cannedTitle', { n: canned[1] });
    return has('intent.' + answer) ? t('intent.' + answer) : answer;
  }

  function render() {
    list.replaceChildren(...answers.map((item) => el('section', { class: 'panel answer', 'data-testid': 'answer', 'data-answer': item.answer },
      el('h2', { text: title(item.answer) }),
      el('div', { class: 'answer-langs' }, ...LANGS.map((lang) => editor(item, lang))))));
  }

  const relabel = () => { fillTexts(root); render(); };
  relabel();
  load();
  return { relabel, unmount() {} };
}
