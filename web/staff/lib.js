// Shared helpers of the staff app's pages: strings, server calls, DOM building.
// Server data is only ever rendered with text nodes (el / textContent), never parsed as HTML.

const i18n = { lang: 'zh-CN', table: {} };

export const currentLang = () => i18n.lang;

export function setStrings(lang, table) {
  i18n.lang = lang;
  i18n.table = table;
}

/** Looks a UI string up and fills its {{name}} placeholders; an unknown key shows as itself. */
export function t(key, vars = {}) {
  return (i18n.table[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name) => String(vars[name] ?? ''));
}

export const has = (key) => key in i18n.table;

/** Fills data-text / data-placeholder / data-label elements under root. */
export function fillTexts(root) {
  root.querySelectorAll('[data-text]').forEach((node) => { node.textContent = t(node.dataset.text); });
  root.querySelectorAll('[data-placeholder]').forEach((node) => { node.placeholder = t(node.dataset.placeholder); });
  root.querySelectorAll('[data-label]').forEach((node) => { node.setAttribute('aria-label', t(node.dataset.label)); });
}

/** Builds an element; string children become text nodes (Node.append), never HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/** fetch with the session cookie; the browser adds Origin, which the server checks on every change. */
export async function api(method, path, body) {
  const headers = body ? { 'Content-Type': 'application/json' } : {};
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body && JSON.stringify(body) });
  let data = null;
  if (res.status !== 204) { try { data = await res.json(); } catch { /* empty or not JSON */ } }
  return { status: res.status, data };
}

export function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n) => String(n).padStart(2, '0');
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Staff see the business's clock (the one cases, business days and the merchant's messages use), wherever their browser is. */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(i18n.lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: BUSINESS_TIME_ZONE });
}
