// The staff app's shell: sign-in, the pages each role may open, the language switch and routing
// (#/chats, #/cases, #/cases/PC-…). Each page is a module with mount(root, ctx, params) returning
// { relabel(), unmount() }; the server enforces the same role rules on every API.
import { api, el, fillTexts, setStrings, t } from './lib.js';

const PAGES = [
  { id: 'chats', roles: ['agent'], load: () => import('./chats.js') },
  { id: 'cases', roles: ['reviewer'], load: () => import('./cases.js') },
  { id: 'unanswered', roles: ['editor'], load: () => import('./unanswered.js') },
  { id: 'answers', roles: ['editor'], load: () => import('./answers.js') },
  { id: 'accounts', roles: ['admin'], load: () => import('./accounts.js') },
  { id: 'dashboard', roles: ['agent', 'reviewer', 'editor', 'admin'], load: () => import('./dashboard.js') },
];

const NOTICE_MS = 10000;
const $ = (id) => document.getElementById(id);

const state = {
  lang: /^en/i.test(navigator.language || '') ? 'en' : 'zh-CN',
  cache: {}, // lang -> strings: switching back needs no request
  me: null, // { name, roles }
  page: null, // { id, params, view }
  notice: null, // { key, vars, sticky }, kept so a language switch can re-render it
  routing: 0, // the latest navigation; an older page load that finishes late is dropped
};

const allowedPages = () => PAGES.filter((page) => page.roles.some((role) => state.me?.roles.includes(role)));

async function loadStrings(lang) {
  if (!state.cache[lang]) {
    const res = await api('GET', '/staff/api/strings?lang=' + encodeURIComponent(lang));
    if (res.status !== 200 || !res.data) throw new Error('strings ' + res.status);
    state.cache[lang] = res.data.strings || {};
  }
  state.lang = lang;
  setStrings(lang, state.cache[lang]);
  document.documentElement.lang = lang;
  fillTexts(document);
  document.title = t('app.title');
  renderNav();
  if (state.notice) notice(state.notice.key, state.notice.vars, state.notice.sticky);
  state.page?.view.relabel();
}

let noticeTimer = 0;
/** The shared status line; sticky notices (connection lost) stay until cleared. */
function notice(key, vars = {}, sticky = false) {
  clearTimeout(noticeTimer);
  state.notice = key ? { key, vars, sticky } : null;
  $('notice').textContent = key ? t(key, vars) : '';
  if (key && !sticky) noticeTimer = setTimeout(() => notice(null), NOTICE_MS);
}

// ---- Session --------------------------------------------------------------------------

function setSignedIn(on) {
  for (const id of ['page', 'nav', 'agent-box', 'logout']) $(id).hidden = !on;
  $('login').hidden = on;
}

function showLogin(errorKey) {
  setSignedIn(false);
  $('login-error').textContent = errorKey ? t(errorKey) : '';
  $('login-name').focus();
}

async function onLogin(event) {
  event.preventDefault();
  const name = $('login-name').value.trim();
  const password = $('login-password').value;
  const showError = (key) => { $('login-error').textContent = t(key); };
  if (!name || !password) return showError('login.required');
  const submit = $('login-form').querySelector('[type=submit]');
  submit.disabled = true;
  try {
    const res = await api('POST', '/staff/api/login', { name, password });
    if (res.status !== 200) return showError(res.status === 401 ? 'login.failed' : res.status === 429 ? 'login.tooMany' : 'notice.error');
    $('login-password').value = '';
    startSession(res.data);
  } catch {
    showError('notice.error');
  } finally {
    submit.disabled = false;
  }
}

function startSession(me) {
  state.me = { name: me.name, roles: me.roles || [] };
  $('agent-name').textContent = me.name;
  $('login-error').textContent = '';
  setSignedIn(true);
  renderNav();
  route();
}

/** Forgets everything of the session: nothing of one person may linger for the next. */
function signedOut(errorKey) {
  closePage();
  state.me = null;
  $('agent-name').textContent = '';
  renderNav();
  notice(null);
  showLogin(errorKey);
}

async function logout() {
  try { await api('POST', '/staff/api/logout'); } catch { /* leave locally anyway */ }
  signedOut();
}

async function toggleLanguage() {
  try { await loadStrings(state.lang === 'en' ? 'zh-CN' : 'en'); } catch { notice('notice.error'); }
}

// ---- Pages ----------------------------------------------------------------------------

function renderNav() {
  const current = state.page?.id;
  $('nav').replaceChildren(...allowedPages().map((page) => el('a', {
    href: '#/' + page.id,
    class: page.id === current ? 'nav-link active' : 'nav-link',
    'aria-current': page.id === current ? 'page' : null,
    'data-testid': 'nav-' + page.id,
    text: t('nav.' + page.id),
  })));
}

function closePage() {
  state.page?.view.unmount();
  state.page = null;
  $('page').replaceChildren();
}

function message(key, vars) {
  $('page').replaceChildren(el('section', { class: 'page-message', 'data-testid': 'page-message' }, el('p', { text: t(key, vars) })));
}

/** Opens the page the hash names, or the first page the roles allow. */
async function route() {
  if (!state.me) return;
  const [id, ...params] = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const allowed = allowedPages();
  if (!id) {
    if (allowed.length) return void location.replace('#/' + allowed[0].id);
    closePage();
    return message('home.roles', { roles: state.me.roles.map((r) => t('role.' + r)).join(', ') });
  }
  const page = PAGES.find((p) => p.id === id);
  const ticket = ++state.routing;
  if (state.page?.id === id && state.page.view.navigate?.(params)) return;
  closePage();
  renderNav();
  if (!page) return message('page.notFound');
  if (!allowed.includes(page)) return message('page.forbidden');
  const module = await page.load();
  if (ticket !== state.routing) return;
  const root = el('div', { class: 'page-' + id, 'data-page': id });
  $('page').replaceChildren(root);
  state.page = { id, view: module.mount(root, { me: state.me, notice, signedOut }, params) };
  renderNav();
}

async function boot() {
  $('login-form').addEventListener('submit', onLogin);
  $('lang-toggle').addEventListener('click', toggleLanguage);
  $('logout').addEventListener('click', logout);
  window.addEventListener('hashchange', route);
  try { await loadStrings(state.lang); } catch { fillTexts(document); /* keys show, sign-in still works */ }
  const me = await api('GET', '/staff/api/me').catch(() => null);
  if (me?.status === 200 && me.data) startSession(me.data);
  else showLogin();
}

boot();
