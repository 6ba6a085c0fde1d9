// Agent console: the live queue, the conversations this agent owns, and replies to customers.
// Everything that comes from the server is rendered with textContent / text nodes only, never
// parsed as HTML, so customer text (tags, Markdown links) stays inert plain text.
(() => {
  'use strict';

  const TYPING_EVERY_MS = 3000; // the server only needs a hint, not every keystroke
  const SEND_RETRIES = 3; // after the first attempt; safe because the server dedupes on clientId
  const NOTICE_MS = 10000;
  const FLASH_WHEN_FOCUSED_MS = 8000; // no focus event will come if the page already has it

  const state = {
    lang: /^en/i.test(navigator.language || '') ? 'en' : 'zh-CN', // zh-CN unless the browser says English
    strings: {}, // UI strings of state.lang
    cache: {}, // lang -> { strings, canned }: switching back needs no request
    canned: {}, // conversation language -> canned answers, from /agent/api/me
    source: null, // the EventSource
    skew: 0, // server clock minus ours, in ms
    queue: [],
    queueIds: new Set(), // ids of the previous queue event, to spot newcomers
    convs: new Map(), // handoff id -> conversation view
    buffered: new Map(), // handoff id -> entries that arrived before `owned` listed it
    closed: new Set(), // panels the agent closed: late entries for them are dropped
    active: null,
    claiming: null, // id just claimed here: select its tab as soon as `owned` lists it
    notice: null, // { key, vars, sticky }, kept so a language switch can re-render it
  };

  const $ = (id) => document.getElementById(id);

  /** Builds an element; string children become text nodes (Node.append), never HTML. */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  }

  // ---- Strings ------------------------------------------------------------------------

  /** Looks a UI string up and fills its {{name}} placeholders; an unknown key shows as itself. */
  function t(key, vars = {}) {
    return (state.strings[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name) => String(vars[name] ?? ''));
  }

  const intentLabel = (intent) => state.strings['intent.' + intent] ?? intent;
  const langLabel = (lang) => (lang ? state.strings['lang.' + lang] ?? lang : t('context.none'));
  const kindLabel = (kind) => t(kind === 'callback' ? 'kind.callback' : 'kind.chat');
  const convLang = (conv) => (/^en/i.test(conv.item.context?.language || '') ? 'en' : 'zh-CN');

  async function loadStrings(lang) {
    if (!state.cache[lang]) {
      const res = await api('GET', '/agent/api/strings?lang=' + encodeURIComponent(lang));
      if (res.status !== 200 || !res.data) throw new Error('strings ' + res.status);
      state.cache[lang] = { strings: res.data.strings || {}, canned: res.data.canned || [] };
    }
    state.lang = lang;
    state.strings = state.cache[lang].strings;
    applyStrings();
  }

  /** Fills data-text / data-placeholder elements under root, as /site.js does for the demo page. */
  function fillTexts(root) {
    root.querySelectorAll('[data-text]').forEach((node) => { node.textContent = t(node.dataset.text); });
    root.querySelectorAll('[data-placeholder]').forEach((node) => { node.placeholder = t(node.dataset.placeholder); });
  }

  /** Re-renders every visible word in state.lang (on load and on the language toggle). */
  function applyStrings() {
    document.documentElement.lang = state.lang;
    fillTexts(document);
    if (!flash.timer) document.title = t('app.title');
    if (state.notice) notice(state.notice.key, state.notice.vars, state.notice.sticky);
    renderQueue();
    state.convs.forEach((conv) => {
      renderTab(conv);
      renderContext(conv);
      conv.transcript.replaceChildren(...conv.entries.map(entryNode));
    });
  }

  // ---- Server calls -------------------------------------------------------------------

  async function api(method, path, body) {
    const headers = body ? { 'Content-Type': 'application/json' } : {};
    const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body && JSON.stringify(body) });
    let data = null;
    if (res.status !== 204) { try { data = await res.json(); } catch { /* empty or not JSON */ } }
    return { status: res.status, data };
  }

  const handoffPath = (id, action) => `/agent/api/handoffs/${encodeURIComponent(id)}/${action}`;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Retries network failures and 5xx with the same body: the clientId makes a repeat harmless. */
  async function postWithRetry(path, body) {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await api('POST', path, body);
        if (res.status < 500 || attempt >= SEND_RETRIES) return res;
      } catch (err) { if (attempt >= SEND_RETRIES) throw err; }
      await sleep(500 * 2 ** attempt);
    }
  }

  // randomUUID needs a secure context; plain http on a LAN address still has getRandomValues.
  const newClientId = () => crypto.randomUUID?.()
    ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

  let noticeTimer = 0;
  /** The shared status line; sticky notices (connection lost) stay until cleared. */
  function notice(key, vars = {}, sticky = false) {
    clearTimeout(noticeTimer);
    state.notice = key ? { key, vars, sticky } : null;
    $('notice').textContent = key ? t(key, vars) : '';
    if (key && !sticky) noticeTimer = setTimeout(() => notice(null), NOTICE_MS);
  }

  // ---- Session ------------------------------------------------------------------------

  async function boot() {
    wireStatic();
    try { await loadStrings(state.lang); } catch { applyStrings(); /* keys show, login still works */ }
    const me = await api('GET', '/agent/api/me').catch(() => null);
    if (me?.status === 200 && me.data) startSession(me.data);
    else showLogin();
  }

  function setSignedIn(on) {
    for (const id of ['app', 'agent-box', 'logout']) $(id).hidden = !on;
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
      const res = await api('POST', '/agent/api/login', { name, password });
      if (res.status !== 200) return showError(res.status === 401 ? 'login.failed' : res.status === 429 ? 'login.tooMany' : 'notice.error');
      $('login-password').value = '';
      const me = await api('GET', '/agent/api/me');
      startSession(me.status === 200 && me.data ? me.data : { agent: res.data?.agent ?? name });
    } catch {
      showError('notice.error');
    } finally {
      submit.disabled = false;
    }
  }

  function startSession(me) {
    state.canned = me.canned || {};
    $('agent-name').textContent = me.agent;
    $('login-error').textContent = '';
    setSignedIn(true);
    updateEmpty();
    connect();
  }

  /** Forgets everything of the session: nothing of one agent may linger for the next. */
  function endSession(errorKey) {
    if (state.source) state.source.close();
    Object.assign(state, { source: null, queue: [], queueIds: new Set(), active: null, claiming: null });
    [state.convs, state.buffered, state.closed].forEach((collection) => collection.clear());
    for (const id of ['tabs', 'panels']) $(id).replaceChildren();
    $('agent-name').textContent = '';
    renderQueue();
    stopFlash();
    notice(null);
    showLogin(errorKey);
  }

  async function logout() {
    try { await api('POST', '/agent/api/logout'); } catch { /* leave locally anyway */ }
    endSession();
  }

  async function toggleLanguage() {
    try { await loadStrings(state.lang === 'en' ? 'zh-CN' : 'en'); } catch { notice('notice.error'); }
  }

  // ---- Event stream -------------------------------------------------------------------

  function connect() {
    if (state.source) state.source.close();
    const source = new EventSource('/agent/api/events');
    state.source = source;
    const on = (name, handler) => source.addEventListener(name, (e) => {
      let data = null;
      try { data = JSON.parse(e.data); } catch { return; }
      if (data && source === state.source) handler(data);
    });
    on('queue', onQueue);
    on('owned', onOwned);
    on('entries', onEntries);
    source.addEventListener('open', () => { if (state.notice?.key === 'notice.reconnecting') notice(null); });
    source.addEventListener('error', () => onStreamError(source));
  }

  let checkingSession = false;
  /** EventSource reconnects by itself; we only need to notice a lost session or a final close. */
  async function onStreamError(source) {
    if (source !== state.source || checkingSession) return;
    notice('notice.reconnecting', {}, true);
    checkingSession = true;
    try {
      const me = await api('GET', '/agent/api/me');
      if (me.status === 401 && source === state.source) return endSession('notice.sessionExpired');
    } catch { /* offline: keep waiting */ } finally { checkingSession = false; }
    // An HTTP error response makes EventSource give up for good; reopen it ourselves then.
    if (source === state.source && source.readyState === EventSource.CLOSED) {
      setTimeout(() => { if (source === state.source) connect(); }, 3000);
    }
  }

  // ---- Queue --------------------------------------------------------------------------

  function onQueue(data) {
    if (!Array.isArray(data.items)) return;
    if (typeof data.now === 'number') state.skew = data.now - Date.now();
    const newcomers = data.items.filter((item) => !state.queueIds.has(item.id));
    state.queueIds = new Set(data.items.map((item) => item.id));
    state.queue = data.items;
    renderQueue();
    if (newcomers.length) { beep(); startFlash(); }
  }

  function renderQueue() {
    $('queue-count').textContent = String(state.queue.length);
    $('queue').replaceChildren(...(state.queue.length ? state.queue.map(queueItem)
      : [el('li', { class: 'queue-empty', text: t('queue.empty') })]));
  }

  function queueItem(item) {
    const ctx = item.context || {};
    const lastIntent = (ctx.intents || []).at(-1);
    const claim = el('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'claim', text: t('queue.claim') });
    claim.addEventListener('click', () => claimHandoff(item.id, claim));
    const wait = el('div', { class: 'q-wait', 'data-since': item.queuedAt });
    updateWait(wait);
    const meta = (text) => el('div', { class: 'q-meta', text });
    return el('li', { class: 'queue-item', 'data-testid': 'queue-item', 'data-id': item.id },
      el('div', { class: 'q-top' }, kindTag(item.kind), el('span', { text: langLabel(ctx.language) })),
      ctx.caseReference ? meta(t('queue.case', { reference: ctx.caseReference })) : null,
      lastIntent ? meta(t('queue.lastIntent', { intent: intentLabel(lastIntent) })) : null,
      wait, claim);
  }

  const kindTag = (kind) => el('span', { class: kind === 'callback' ? 'tag tag-callback' : 'tag', text: kindLabel(kind) });

  function formatDuration(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const pad = (n) => String(n).padStart(2, '0');
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  }

  /** Waiting time on the server's clock: our clock plus the skew measured from `now`. */
  function updateWait(node) {
    const waited = Date.now() + state.skew - Number(node.dataset.since);
    node.textContent = t('queue.waiting', { time: formatDuration(waited) });
  }

  async function claimHandoff(id, button) {
    button.disabled = true;
    state.claiming = id;
    try {
      const res = await api('POST', handoffPath(id, 'claim'));
      if (res.status === 200) { notice(null); if (state.convs.has(id)) selectConv(id); return; }
      state.claiming = null;
      if (res.status === 401) return endSession('notice.sessionExpired');
      const owner = res.data?.error?.owner;
      notice(res.status === 409 ? (owner ? 'notice.taken' : 'notice.gone') : 'notice.error', { owner });
    } catch {
      state.claiming = null;
      notice('notice.error');
    } finally {
      button.disabled = false; // harmless if the next queue event already replaced it
    }
  }

  // ---- Alert --------------------------------------------------------------------------

  const flash = { timer: 0, on: false, stopper: 0 };

  function startFlash() {
    if (flash.timer) return;
    const toggle = () => {
      flash.on = !flash.on;
      document.title = flash.on ? t('alert.newCustomer') : t('app.title');
    };
    toggle(); // at once, not a second later
    flash.timer = setInterval(toggle, 1000);
    if (document.hasFocus()) flash.stopper = setTimeout(stopFlash, FLASH_WHEN_FOCUSED_MS);
  }

  function stopFlash() {
    if (!flash.timer) return;
    clearInterval(flash.timer);
    clearTimeout(flash.stopper);
    Object.assign(flash, { timer: 0, on: false, stopper: 0 });
    document.title = t('app.title');
  }

  let audio = null;
  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === 'suspended') audio.resume().catch(() => {});
      const osc = new OscillatorNode(audio, { frequency: 880 });
      const gain = new GainNode(audio, { gain: 0.08 });
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.18);
    } catch { /* autoplay policy or no audio device: the title flash still alerts */ }
  }

  // ---- Conversations ------------------------------------------------------------------

  function onOwned(data) {
    if (!Array.isArray(data.items)) return;
    const owned = new Set(data.items.map((item) => item.id));
    for (const item of data.items) {
      state.closed.delete(item.id);
      const conv = state.convs.get(item.id) || createConv(item);
      conv.item = item;
      if (conv.ended) setEnded(conv, false); // a requeued chat claimed again comes back to life
      renderTab(conv);
      renderContext(conv);
    }
    // Gone from `owned` means ended: keep the panel readable, stop the replies.
    state.convs.forEach((conv, id) => { if (!owned.has(id) && !conv.ended) setEnded(conv, true); });
    if (state.claiming && owned.has(state.claiming)) { selectConv(state.claiming); state.claiming = null; }
    else if (!state.convs.has(state.active) && data.items.length) selectConv(data.items[0].id);
    updateEmpty();
  }

  function createConv(item) {
    const id = item.id;
    const button = (testid, key, cls) => el('button', { type: 'button', class: 'btn ' + cls, 'data-testid': testid, 'data-text': key });
    const conv = {
      id, item, entries: [], seen: new Set(), ended: false, sending: false, lastTyping: 0,
      tab: el('button', { type: 'button', class: 'tab', role: 'tab', 'data-testid': 'conversation-tab', 'data-id': id }),
      context: el('div', { class: 'context', 'data-testid': 'context' }),
      transcript: el('div', { class: 'transcript', 'data-testid': 'transcript', role: 'log' }),
      canned: el('select', { 'data-testid': 'canned' }),
      composer: el('textarea', { 'data-testid': 'composer', rows: 3, 'data-placeholder': 'composer.placeholder' }),
      send: button('send', 'composer.send', 'btn-primary'),
      end: button('end', 'composer.end', 'btn-danger'),
      close: button('close', 'conv.close', ''),
      endedNote: el('span', { class: 'composer-ended', 'data-text': 'conv.endedNotice' }),
    };
    conv.panel = el('section', { class: 'conv', 'data-testid': 'conversation', 'data-id': id, role: 'tabpanel', hidden: true },
      conv.context, conv.transcript,
      el('div', { class: 'composer' }, conv.canned, conv.composer,
        el('div', { class: 'composer-row' }, conv.endedNote, conv.close, conv.end, conv.send)));
    conv.close.hidden = conv.endedNote.hidden = true;
    state.convs.set(id, conv);
    $('tabs').append(conv.tab);
    $('panels').append(conv.panel);
    fillTexts(conv.panel);
    renderCanned(conv);
    wireConv(conv);
    const early = state.buffered.get(id);
    state.buffered.delete(id);
    if (early) appendEntries(conv, early);
    return conv;
  }

  function wireConv(conv) {
    conv.tab.addEventListener('click', () => selectConv(conv.id));
    conv.composer.addEventListener('keydown', (e) => {
      // isComposing / 229: this Enter confirms an IME (pinyin) candidate and must not send.
      if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
      e.preventDefault();
      sendMessage(conv);
    });
    conv.composer.addEventListener('input', () => typing(conv));
    conv.canned.addEventListener('change', () => {
      const text = cannedFor(conv)[Number(conv.canned.value)];
      conv.canned.value = '';
      if (text === undefined) return;
      conv.composer.value = text;
      conv.composer.focus();
      typing(conv);
    });
    conv.send.addEventListener('click', () => sendMessage(conv));
    conv.end.addEventListener('click', () => endConv(conv));
    conv.close.addEventListener('click', () => closeConv(conv));
  }

  /** Canned answers in the customer's language, not the agent's UI language. */
  const cannedFor = (conv) => state.canned[convLang(conv)] || state.cache[convLang(conv)]?.canned || [];

  function renderCanned(conv) {
    conv.canned.replaceChildren(
      el('option', { value: '', 'data-text': 'canned.placeholder', text: t('canned.placeholder') }),
      ...cannedFor(conv).map((text, i) => el('option', { value: i, text })));
  }

  function renderTab(conv) {
    const label = `${kindLabel(conv.item.kind)} · ${conv.item.context?.caseReference || conv.id.slice(0, 8)}`;
    conv.tab.textContent = conv.ended ? `${label} (${t('conv.ended')})` : label;
    conv.tab.classList.toggle('ended', conv.ended);
  }

  function renderContext(conv) {
    const { kind, context: ctx = {} } = conv.item;
    const none = t('context.none');
    const rows = [
      ['context.kind', kindLabel(kind)],
      ['context.language', langLabel(ctx.language)],
      ['context.case', ctx.caseReference || none],
      ['context.card', ctx.cardMasked || none],
      ['context.intents', (ctx.intents || []).slice(-5).map(intentLabel).join(t('list.separator')) || none],
    ];
    if (kind === 'callback' || ctx.message) rows.push(['context.message', ctx.message || none]);
    if (kind === 'callback' || ctx.mobile) rows.push(['context.mobile', ctx.mobile || none]);
    const list = el('dl', {}, ...rows.flatMap(([key, value]) => [el('dt', { text: t(key) }), el('dd', { text: value })]));
    conv.context.replaceChildren(el('h3', { text: t('context.title') }), list);
  }

  function setEnded(conv, ended) {
    conv.ended = ended;
    conv.panel.classList.toggle('ended', ended);
    for (const control of [conv.composer, conv.send, conv.end, conv.canned]) control.disabled = ended;
    conv.endedNote.hidden = conv.close.hidden = !ended;
    renderTab(conv);
  }

  function selectConv(id) {
    state.active = id;
    state.convs.forEach((conv, convId) => {
      conv.panel.hidden = convId !== id;
      conv.tab.setAttribute('aria-selected', String(convId === id));
    });
    const conv = state.convs.get(id);
    if (!conv) return;
    scrollToEnd(conv);
    if (!conv.ended) conv.composer.focus();
  }

  /** Closing only removes an ended conversation from view; late entries for it are dropped. */
  function closeConv(conv) {
    state.convs.delete(conv.id);
    state.closed.add(conv.id);
    conv.tab.remove();
    conv.panel.remove();
    if (state.active === conv.id) {
      state.active = null;
      const next = state.convs.keys().next();
      if (!next.done) selectConv(next.value);
    }
    updateEmpty();
  }

  const updateEmpty = () => { $('conv-empty').hidden = state.convs.size > 0; };
  const scrollToEnd = (conv) => { conv.transcript.scrollTop = conv.transcript.scrollHeight; };

  // ---- Transcript ---------------------------------------------------------------------

  function onEntries(data) {
    if (!Array.isArray(data.entries) || state.closed.has(data.handoffId)) return;
    const conv = state.convs.get(data.handoffId);
    if (conv) appendEntries(conv, data.entries);
    else state.buffered.set(data.handoffId, (state.buffered.get(data.handoffId) || []).concat(data.entries));
  }

  function appendEntries(conv, entries) {
    const box = conv.transcript;
    // Follow new lines only if the agent is not scrolled up reading older ones.
    const follow = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    for (const entry of entries) {
      if (!entry || entry.id === undefined || conv.seen.has(entry.id)) continue;
      conv.seen.add(entry.id);
      conv.entries.push(entry);
      box.append(entryNode(entry));
    }
    if (follow) scrollToEnd(conv);
  }

  function whoLabel(entry) {
    if (entry.from === 'agent') return entry.agent || t('from.agent');
    return t(['user', 'bot'].includes(entry.from) ? 'from.' + entry.from : 'from.system');
  }

  function systemText(entry) {
    const key = 'event.' + entry.event;
    const vars = { agent: entry.agent || t('from.agent'), event: entry.event || '' };
    return t(key in state.strings ? key : 'event.other', vars);
  }

  function formatTime(at) {
    if (typeof at !== 'number') return '';
    return new Date(at).toLocaleTimeString(state.lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  }

  function entryNode(entry) {
    const body = el('div', { class: 'entry-body' });
    if (entry.from === 'system') body.textContent = systemText(entry);
    else if (entry.text) body.append(entry.text); // a text node: Markdown and tags stay literal
    for (const file of entry.attachments || []) {
      const text = t('entry.attachment', { name: file.name || t('entry.unnamed'), type: file.contentType || '' });
      body.append(el('div', { class: 'entry-att', text }));
    }
    const intent = entry.from === 'user' && entry.intent
      ? el('div', { class: 'entry-intent', text: t('entry.intent', { intent: intentLabel(entry.intent) }) }) : null;
    return el('div', { class: 'entry entry-' + entry.from, 'data-testid': 'entry', 'data-from': entry.from, 'data-id': entry.id },
      el('div', { class: 'entry-head' }, el('span', { text: whoLabel(entry) }), el('time', { text: formatTime(entry.at) })),
      body, intent);
  }

  // ---- Replies ------------------------------------------------------------------------

  function typing(conv) {
    const now = Date.now();
    if (conv.ended || !conv.composer.value.trim() || now - conv.lastTyping < TYPING_EVERY_MS) return;
    conv.lastTyping = now;
    api('POST', handoffPath(conv.id, 'typing')).catch(() => { /* only a hint */ });
  }

  /** Not shown locally: the message comes back through `entries`, once, with its real id. */
  async function sendMessage(conv) {
    const text = conv.composer.value.trim();
    if (!text || conv.ended || conv.sending) return;
    conv.sending = true;
    conv.send.disabled = true;
    conv.composer.value = '';
    const fail = (key) => { if (!conv.composer.value) conv.composer.value = text; notice(key); };
    try {
      const res = await postWithRetry(handoffPath(conv.id, 'messages'), { text, clientId: newClientId() });
      if (res.status === 401) endSession('notice.sessionExpired');
      else if (res.status !== 200) fail(res.status === 409 ? 'notice.notOwner' : res.status === 400 ? 'notice.invalid' : 'notice.error');
    } catch {
      fail('notice.sendFailed');
    } finally {
      conv.sending = false;
      conv.send.disabled = conv.ended;
    }
  }

  async function endConv(conv) {
    if (conv.ended) return;
    conv.end.disabled = true;
    try {
      const res = await api('POST', handoffPath(conv.id, 'end'));
      if (res.status === 401) endSession('notice.sessionExpired');
      else if (res.status === 200) setEnded(conv, true);
      else notice(res.status === 409 ? 'notice.notOwner' : 'notice.error');
    } catch {
      notice('notice.error');
    } finally {
      conv.end.disabled = conv.ended;
    }
  }

  // ---- Start --------------------------------------------------------------------------

  function wireStatic() {
    $('login-form').addEventListener('submit', onLogin);
    $('lang-toggle').addEventListener('click', toggleLanguage);
    $('logout').addEventListener('click', logout);
    window.addEventListener('focus', stopFlash);
    setInterval(() => document.querySelectorAll('[data-since]').forEach(updateWait), 1000);
  }

  boot();
})();
