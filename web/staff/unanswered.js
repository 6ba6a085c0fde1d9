// The editor's Unanswered page: what the bot answered with nothing, with low confidence or with
// "which did you mean?", grouped, most frequent first; assign a group to an intent (or out of
// scope), or dismiss it.
import { api, el, fillTexts, formatDateTime, has, t } from './lib.js';

const intentLabel = (intent) => (intent === 'None' ? t('unanswered.outOfScope') : has('intent.' + intent) ? t('intent.' + intent) : intent);

export function mount(root, ctx) {
  let groups = [];
  let intents = [];
  const body = el('tbody');
  const count = el('p', { class: 'muted', 'data-testid': 'unanswered-count' });
  root.append(el('section', { class: 'sheet' },
    el('h1', { 'data-text': 'unanswered.title' }),
    el('p', { class: 'muted', 'data-text': 'unanswered.explain' }),
    count,
    el('table', { class: 'grid', 'data-testid': 'unanswered' },
      el('thead', {}, el('tr', {}, ...['unanswered.text', 'unanswered.count', 'unanswered.outcome', 'unanswered.guess', 'unanswered.lastAt', 'unanswered.decide']
        .map((key) => el('th', { 'data-text': key })))),
      body)));

  function failed(res) {
    if (res.status === 401) return ctx.signedOut('notice.sessionExpired');
    ctx.notice(res.status === 404 ? 'unanswered.gone' : res.status === 403 ? 'notice.forbidden' : 'notice.error');
  }

  async function load() {
    const res = await api('GET', '/backoffice/unanswered').catch(() => ({ status: 0 }));
    if (res.status !== 200) return failed(res);
    ({ groups, intents } = res.data);
    render();
  }

  async function decide(group, path, body, noticeKey) {
    const res = await api('POST', `/backoffice/unanswered/${group.id}/${path}`, body).catch(() => ({ status: 0 }));
    if (res.status !== 200) return failed(res);
    ctx.notice(noticeKey, { intent: body ? intentLabel(body.intent) : '' });
    load();
  }

  function row(group) {
    const choice = el('select', { 'data-testid': 'assign-intent', 'aria-label': t('unanswered.intent') },
      el('option', { value: '', text: t('unanswered.pick') }),
      ...intents.map((intent) => el('option', { value: intent, text: intentLabel(intent) })));
    const assign = el('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'assign', text: t('unanswered.assign'),
      onclick: () => (choice.value ? decide(group, 'assign', { intent: choice.value }, 'unanswered.assigned') : ctx.notice('unanswered.pickFirst')) });
    const dismiss = el('button', { type: 'button', class: 'btn', 'data-testid': 'dismiss', text: t('unanswered.dismiss'),
      onclick: () => decide(group, 'dismiss', undefined, 'unanswered.dismissed') });
    return el('tr', { 'data-testid': 'unanswered-row', 'data-id': group.id },
      el('td', {}, el('div', { class: 'utterance', text: group.text }), el('div', { class: 'muted', text: t('lang.' + (group.language === 'zh' ? 'zh-CN' : 'en')) })),
      el('td', { 'data-testid': 'group-count', text: String(group.count) }),
      el('td', { text: t('outcome.' + group.outcome) }),
      el('td', { text: intentLabel(group.guessedIntent) }),
      el('td', { text: formatDateTime(group.lastAt) }),
      el('td', {}, el('div', { class: 'action-row' }, choice, assign, dismiss)));
  }

  function render() {
    count.textContent = t('unanswered.groups', { count: groups.length });
    body.replaceChildren(...(groups.length ? groups.map(row) : [el('tr', {}, el('td', { colspan: 6, class: 'muted', text: t('unanswered.none') }))]));
  }

  const relabel = () => { fillTexts(root); render(); };
  relabel();
  load();
  return { relabel, unmount() {} };
}
