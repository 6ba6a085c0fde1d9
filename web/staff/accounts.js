// The admin's Accounts page: who may sign in to the staff app and with which roles.
import { api, el, fillTexts, t } from './lib.js';

export function mount(root, ctx) {
  let accounts = [];
  const body = el('tbody');
  root.append(el('section', { class: 'sheet' },
    el('h1', { 'data-text': 'accounts.title' }),
    el('table', { class: 'grid', 'data-testid': 'accounts' },
      el('thead', {}, el('tr', {}, el('th', { 'data-text': 'accounts.name' }), el('th', { 'data-text': 'accounts.roles' }))),
      body)));

  function render() {
    body.replaceChildren(...accounts.map((account) => el('tr', { 'data-testid': 'account' },
      el('td', { text: account.name }),
      el('td', { text: account.roles.map((role) => t('role.' + role)).join(t('list.separator')) }))));
  }

  api('GET', '/staff/api/accounts').then((res) => {
    if (res.status === 401) return ctx.signedOut('notice.sessionExpired');
    if (res.status !== 200) return ctx.notice('notice.error');
    accounts = res.data.accounts;
    render();
  }, () => ctx.notice('notice.error'));

  const relabel = () => { fillTexts(root); render(); };
  relabel();
  return { relabel, unmount() {} };
}
