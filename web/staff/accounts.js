// The admin's Accounts page: who may sign in and with which roles; accounts from the configuration
// are shown but changed only there.
import { api, el, fillTexts, t } from './lib.js';

const ROLES = ['agent', 'reviewer', 'editor', 'admin'];

function roleBoxes(prefix, chosen = []) {
  return ROLES.map((role) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: role, checked: chosen.includes(role), 'data-testid': `${prefix}-role-${role}` }),
    el('span', { text: t('role.' + role) })));
}
const checkedRoles = (root) => [...root.querySelectorAll('input[type=checkbox]:checked')].map((box) => box.value);

export function mount(root, ctx) {
  let accounts = [];
  const body = el('tbody');
  const name = el('input', { name: 'name', maxlength: 40, required: true, autocomplete: 'off', 'data-testid': 'new-name' });
  const password = el('input', { name: 'password', type: 'password', minlength: 10, required: true, autocomplete: 'new-password', 'data-testid': 'new-password' });
  const roles = el('fieldset', { class: 'roles' });
  const form = el('form', { class: 'filters', 'data-testid': 'new-account', onsubmit: (e) => { e.preventDefault(); create(); } },
    el('label', {}, el('span', { 'data-text': 'accounts.name' }), name),
    el('label', {}, el('span', { 'data-text': 'accounts.password' }), password),
    roles,
    el('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'new-submit', 'data-text': 'accounts.create' }));
  root.append(el('section', { class: 'sheet' },
    el('h1', { 'data-text': 'accounts.title' }),
    el('h2', { class: 'sub', 'data-text': 'accounts.new' }), form,
    el('table', { class: 'grid', 'data-testid': 'accounts' },
      el('thead', {}, el('tr', {}, ...['accounts.name', 'accounts.roles', 'accounts.source', 'accounts.manage'].map((key) => el('th', { 'data-text': key })))),
      body)));

  function failed(res) {
    if (res.status === 401) return ctx.signedOut('notice.sessionExpired');
    const code = res.data?.error?.code;
    ctx.notice(code === 'AccountExists' ? 'accounts.exists' : code === 'OwnAccount' ? 'accounts.own' : res.status === 400 ? 'accounts.invalid' : res.status === 403 ? 'notice.forbidden' : 'notice.error');
  }

  async function load() {
    const res = await api('GET', '/staff/api/accounts').catch(() => ({ status: 0 }));
    if (res.status !== 200) return failed(res);
    accounts = res.data.accounts;
    render();
  }

  async function create() {
    const chosen = checkedRoles(roles);
    if (!chosen.length) return ctx.notice('accounts.pickRole');
    const res = await api('POST', '/staff/api/accounts', { name: name.value.trim(), password: password.value, roles: chosen }).catch(() => ({ status: 0 }));
    if (res.status !== 201) return failed(res);
    form.reset();
    ctx.notice('accounts.created', { name: res.data.name });
    load();
  }

  async function change(account, changes) {
    const res = await api('PATCH', '/staff/api/accounts/' + encodeURIComponent(account.name), changes).catch(() => ({ status: 0 }));
    if (res.status !== 200) return failed(res);
    ctx.notice('accounts.saved', { name: account.name });
    load();
  }

  function row(account) {
    const rolesText = account.roles.map((role) => t('role.' + role)).join(t('list.separator'));
    if (account.source === 'config') {
      return el('tr', { 'data-testid': 'account', 'data-name': account.name },
        el('td', { text: account.name }), el('td', { text: rolesText }), el('td', { text: t('accounts.fromConfig') }), el('td', { class: 'muted', text: '—' }));
    }
    const boxes = el('div', { class: 'roles' }, ...roleBoxes('edit-' + account.name, account.roles));
    return el('tr', { 'data-testid': 'account', 'data-name': account.name, class: account.disabled ? 'disabled' : null },
      el('td', { text: account.name }),
      el('td', {}, boxes),
      el('td', { text: account.disabled ? t('accounts.disabled') : t('accounts.fromDatabase') }),
      el('td', {}, el('div', { class: 'action-row' },
        el('button', { type: 'button', class: 'btn', 'data-testid': 'save-roles', text: t('accounts.saveRoles'),
          onclick: () => { const chosen = checkedRoles(boxes); return chosen.length ? change(account, { roles: chosen }) : ctx.notice('accounts.pickRole'); } }),
        el('button', { type: 'button', class: 'btn', 'data-testid': 'reset-password', text: t('accounts.resetPassword'),
          onclick: () => { const given = window.prompt(t('accounts.newPassword')); if (given) change(account, { password: given }); } }),
        el('button', { type: 'button', class: 'btn btn-danger', 'data-testid': 'toggle-disabled', text: t(account.disabled ? 'accounts.enable' : 'accounts.disable'),
          onclick: () => change(account, { disabled: !account.disabled }) }))));
  }

  function render() {
    roles.replaceChildren(el('legend', { text: t('accounts.roles') }), ...roleBoxes('new', checkedRoles(roles)));
    body.replaceChildren(...accounts.map(row));
  }

  const relabel = () => { fillTexts(root); render(); };
  relabel();
  load();
  return { relabel, unmount() {} };
}
