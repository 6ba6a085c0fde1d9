// The agent's Chats page: the live queue, the conversations this agent owns, and replies to customers.
// Customer text is rendered as text nodes only, so tags and Markdown links stay inert.
import { api, BUSINESS_TIME_ZONE, el, fillTexts, formatDuration, has, t } from './lib.js';

const TYPING_EVERY_MS = 3000; // the server only needs a hint, not every keystroke
const SEND_RETRIES = 3; // after the first attempt; safe because the server dedupes on clientId
const FLASH_WHEN_FOCUSED_MS = 8000; // no focus event will come if the page already has it

const chatPath = (id, action) => `/staff/api/chats/${encodeURIComponent(id)}/${action}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// randomUUID needs a secure context; plain http on a LAN address still has getRandomValues.
const newClientId = () => crypto.randomUUID?.()
  ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

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

const intentLabel = (intent) => (has('intent.' + intent) ? t('intent.' + intent) : intent);
const langLabel = (lang) => (lang ? (has('lang.' + lang) ? t('lang.' + lang) : lang) : t('context.none'));
const kindLabel = (kind) => t(kind === 'callback' ? 'kind.callback' : 'kind.chat');
const convLang = (conv) => (/^en/i.test(conv.item.context?.language || '') ? 'en' : 'zh-CN');

export function mount(root, ctx) {
  const state = {
    source: null, // the EventSource
    skew: 0, // server clock minus ours, in ms
    canned: {}, // conversation language -> canned answers
    queue: [],
    queueIds: new Set(), // ids of the previous queue event, to spot newcomers
    convs: new Map(), // handoff id -> conversation view
    buffered: new Map(), // handoff id -> entries that arrived before `owned` listed it
    closed: new Set(), // panels the agent closed: late entries for them are dropped
    active: null,
    claiming: null, // id just claimed here: select its tab as soon as `owned` lists it
    gone: false,
  };

  const dom = {
    count: el('span', { class: 'count', text: '0' }),
    queue: el('ul', { class: 'queue', 'data-testid': 'queue' }),
    tabs: el('nav', { class: 'tabs', role: 'tablist' }),
    empty: el('p', { class: 'conv-empty', 'data-text': 'conv.none' }),
    panels: el('div', { class: 'panels' }),
  };
  root.className = 'app';
  root.append(
    el('aside', { class: 'queue-col' }, el('h2', {}, el('span', { 'data-text': 'queue.title' }), ' ', dom.count), dom.queue),
    el('section', { class: 'conv-col' }, dom.tabs, dom.empty, dom.panels),
  );

  /** A lost session ends the whole app's session; anything else is a notice. */
  const failed = (res, key) => (res.status === 401 ? ctx.signedOut('notice.sessionExpired') : ctx.notice(res.status === 403 ? 'notice.forbidden' : key));

  // ---- Event stream -------------------------------------------------------------------

  function connect() {
    if (state.source) state.source.close();
    const source = new EventSource('/staff/api/chats/events');
    state.source = source;
    const on = (name, handler) => source.addEventListener(name, (e) => {
      let data = null;
      try { data = JSON.parse(e.data); } catch { return; }
      if (data && source === state.source) handler(data);
    });
    on('queue', onQueue);
    on('owned', onOwned);
    on('entries', onEntries);
    source.addEventListener('open', () => ctx.notice(null));
    source.addEventListener('error', () => onStreamError(source));
  }

  let checkingSession = false;
  /** EventSource reconnects by itself; we only need to notice a lost session or a final close. */
  async function onStreamError(source) {
    if (source !== state.source || checkingSession) return;
    ctx.notice('notice.reconnecting', {}, true);
    checkingSession = true;
    try {
      const me = await api('GET', '/staff/api/me');
      if (me.status === 401 && source === state.source) return ctx.signedOut('notice.sessionExpired');
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
    dom.count.textContent = String(state.queue.length);
    dom.queue.replaceChildren(...(state.queue.length ? state.queue.map(queueItem)
      : [el('li', { class: 'queue-empty', text: t('queue.empty') })]));
  }

  function queueItem(item) {
    const context = item.context || {};
    const lastIntent = (context.intents || []).at(-1);
    const claim = el('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'claim', text: t('queue.claim') });
    claim.addEventListener('click', () => claimHandoff(item.id, claim));
    const wait = el('div', { class: 'q-wait', 'data-since': item.queuedAt });
    updateWait(wait);
    const meta = (text) => el('div', { class: 'q-meta', text });
    return el('li', { class: 'queue-item', 'data-testid': 'queue-item', 'data-id': item.id },
      el('div', { class: 'q-top' }, kindTag(item.kind), el('span', { text: langLabel(context.language) })),
      context.caseReference ? meta(t('queue.case', { reference: context.caseReference })) : null,
      lastIntent ? meta(t('queue.lastIntent', { intent: intentLabel(lastIntent) })) : null,
      wait, claim);
  }

  const kindTag = (kind) => el('span', { class: kind === 'callback' ? 'tag tag-callback' : 'tag', text: kindLabel(kind) });

  /** Waiting time on the server's clock: our clock plus the skew measured from `now`. */
  function updateWait(node) {
    const waited = Date.now() + state.skew - Number(node.dataset.since);
    node.textContent = t('queue.waiting', { time: formatDuration(waited) });
  }

  async function claimHandoff(id, button) {
    button.disabled = true;
    state.claiming = id;
    try {
      const res = await api('POST', chatPath(id, 'claim'));
      if (res.status === 200) { ctx.notice(null); if (state.convs.has(id)) selectConv(id); return; }
      state.claiming = null;
      const owner = res.data?.error?.owner;
      if (res.status === 409) ctx.notice(owner ? 'notice.taken' : 'notice.gone', { owner });
      else failed(res, 'notice.error');
    } catch {
      state.claiming = null;
      ctx.notice('notice.error');
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
    dom.tabs.append(conv.tab);
    dom.panels.append(conv.panel);
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
  const cannedFor = (conv) => state.canned[convLang(conv)] || [];

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
    const { kind, context = {} } = conv.item;
    const none = t('context.none');
    const rows = [
      ['context.kind', kindLabel(kind)],
      ['context.language', langLabel(context.language)],
      ['context.case', context.caseReference || none],
      ['context.card', context.cardMasked || none],
      ['context.intents', (context.intents || []).slice(-5).map(intentLabel).join(t('list.separator')) || none],
    ];
    if (kind === 'callback' || context.message) rows.push(['context.message', context.message || none]);
    if (kind === 'callback' || context.mobile) rows.push(['context.mobile', context.mobile || none]);
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

  const updateEmpty = () => { dom.empty.hidden = state.convs.size > 0; };
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
    return t(has(key) ? key : 'event.other', vars);
  }

  function formatTime(at) {
    if (typeof at !== 'number') return '';
    return new Date(at).toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: BUSINESS_TIME_ZONE });
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
    api('POST', chatPath(conv.id, 'typing')).catch(() => { /* only a hint */ });
  }

  /** Not shown locally: the message comes back through `entries`, once, with its real id. */
  async function sendMessage(conv) {
    const text = conv.composer.value.trim();
    if (!text || conv.ended || conv.sending) return;
    conv.sending = true;
    conv.send.disabled = true;
    conv.composer.value = '';
    const restore = () => { if (!conv.composer.value) conv.composer.value = text; };
    try {
      const res = await postWithRetry(chatPath(conv.id, 'messages'), { text, clientId: newClientId() });
      if (res.status !== 200) {
        restore();
        failed(res, res.status === 409 ? 'notice.notOwner' : res.status === 400 ? 'notice.invalid' : 'notice.error');
      }
    } catch {
      restore();
      ctx.notice('notice.sendFailed');
    } finally {
      conv.sending = false;
      conv.send.disabled = conv.ended;
    }
  }

  async function endConv(conv) {
    if (conv.ended) return;
    conv.end.disabled = true;
    try {
      const res = await api('POST', chatPath(conv.id, 'end'));
      if (res.status === 200) setEnded(conv, true);
      else failed(res, res.status === 409 ? 'notice.notOwner' : 'notice.error');
    } catch {
      ctx.notice('notice.error');
    } finally {
      conv.end.disabled = conv.ended;
    }
  }

  // ---- Start --------------------------------------------------------------------------

  function relabel() {
    fillTexts(root);
    renderQueue();
    state.convs.forEach((conv) => {
      renderTab(conv);
      renderContext(conv);
      conv.transcript.replaceChildren(...conv.entries.map(entryNode));
    });
  }

  const ticker = setInterval(() => root.querySelectorAll('[data-since]').forEach(updateWait), 1000);
  window.addEventListener('focus', stopFlash);
  relabel();
  updateEmpty();
  api('GET', '/staff/api/chats/canned').then((res) => {
    if (res.status !== 200 || state.gone) return;
    state.canned = res.data.canned || {};
    state.convs.forEach(renderCanned);
  }, () => ctx.notice('notice.error'));
  connect();

  return {
    relabel,
    unmount() {
      state.gone = true;
      state.source?.close();
      state.source = null;
      clearInterval(ticker);
      window.removeEventListener('focus', stopFlash);
      stopFlash();
    },
  };
}
