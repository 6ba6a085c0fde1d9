/*
 * The embeddable chat launcher. A website adds one tag:
 *   <script src="https://<bot host>/widget.js" async></script>
 * Optional: data-locale="zh-CN" | "en" (default: the browser's language).
 * It downloads Web Chat (the minimal build with its Markdown renderer) from the bot's own server as
 * the launcher shows and runs it when the page is idle, gets a conversation-scoped Direct Line token from /api/widget/token on click (the
 * secret never reaches the browser) and starts the conversation while Web Chat downloads, then talks to the embedded Direct Line
 * over WebSocket, falling back to polling when WebSocket cannot connect.
 */
(function () {
  'use strict';
  if (window.__posBotWidget) return;
  window.__posBotWidget = true;

  var script = document.currentScript;
  var origin = new URL(script.src, location.href).origin;
  var storageKey = 'posbot:' + origin;
  // The visitor's signed user id, kept across visits in this browser: the bot knows their case and draft.
  var visitorKey = 'posbot-visitor:' + origin;
  var requested = script.getAttribute('data-locale') || navigator.language || '';
  var lang = /^zh/i.test(requested) ? 'zh-CN' : 'en';
  // With no activity over the WebSocket by then (a started conversation always has the welcome), poll.
  var STREAM_WAIT_MS = 10000;

  var badge, unread = 0, flashing = null, pageTitle = document.title;
  var config, session, started, refreshing, directLine, webChatStore, connecting, webChat, root, panel, chat, titleEl, status;

  function api(path, options) {
    return fetch(origin + path, options).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  function ui() { return config.strings[lang] || config.strings[config.defaultLocale]; }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function injectStyle(color) {
    var css =
      '#posbot-launcher{position:fixed;right:24px;bottom:24px;z-index:2147483000;border:0;border-radius:28px;padding:14px 22px;' +
      'background:' + color + ';color:#fff;font:600 16px system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25);cursor:pointer}' +
      '#posbot-panel{position:fixed;right:24px;bottom:88px;z-index:2147483000;width:380px;max-width:calc(100vw - 32px);height:600px;' +
      'max-height:calc(100vh - 120px);display:none;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;' +
      'box-shadow:0 8px 32px rgba(0,0,0,.3);font-family:system-ui,sans-serif}' +
      '#posbot-panel.open{display:flex}' +
      '#posbot-header{display:flex;align-items:center;gap:8px;padding:12px 14px;background:' + color + ';color:#fff}' +
      '#posbot-title{flex:1;font-weight:600;font-size:15px}' +
      '#posbot-header button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.6);border-radius:6px;padding:2px 8px;cursor:pointer;font-size:13px}' +
      '#posbot-header button[aria-pressed=true]{background:#fff;color:' + color + '}' +
      '#posbot-chat{flex:1;min-height:0}' +
      '#posbot-status{padding:16px;color:#555;font-size:14px}' +
      '#posbot-badge{position:absolute;top:-6px;right:-6px;min-width:22px;height:22px;padding:0 6px;box-sizing:border-box;border-radius:11px;' +
      'background:#e02424;color:#fff;font:700 13px/22px system-ui,sans-serif;text-align:center;box-shadow:0 0 0 2px #fff}' +
      '#posbot-badge[hidden]{display:none}';
    var style = el('style');
    style.textContent = css;
    document.head.appendChild(style);
  }

  function build() {
    injectStyle(config.primaryColor);
    root = el('button', { id: 'posbot-launcher', type: 'button' });
    panel = el('div', { id: 'posbot-panel', role: 'dialog' });
    var header = el('div', { id: 'posbot-header' });
    titleEl = el('span', { id: 'posbot-title' });
    header.appendChild(titleEl);
    [['zh-CN', '中文'], ['en', 'EN']].forEach(function (pair) {
      var b = el('button', { type: 'button', 'data-lang': pair[0], class: 'posbot-lang' }, pair[1]);
      b.addEventListener('click', function () { setLanguage(pair[0]); });
      header.appendChild(b);
    });
    var close = el('button', { type: 'button', id: 'posbot-close' }, '×');
    close.addEventListener('click', function () { panel.classList.remove('open'); });
    badge = el('span', { id: 'posbot-badge', hidden: '' });
    header.appendChild(close);
    status = el('div', { id: 'posbot-status' });
    chat = el('div', { id: 'posbot-chat' });
    panel.appendChild(header);
    panel.appendChild(status);
    panel.appendChild(chat);
    document.body.appendChild(panel);
    document.body.appendChild(root);
    root.addEventListener('click', open);
    preload();
    ['pointerenter', 'touchstart', 'focus'].forEach(function (type) { root.addEventListener(type, prefetch, { passive: true }); });
    (window.requestIdleCallback || function (f) { setTimeout(f, 1000); })(prefetch, { timeout: 4000 });
    label();
  }

  function label() {
    var strings = ui();
    root.textContent = strings.launcher;
    root.appendChild(badge);
    titleEl.textContent = strings.title;
    panel.setAttribute('aria-label', strings.title);
    panel.querySelector('#posbot-close').setAttribute('aria-label', strings.close);
    panel.querySelectorAll('.posbot-lang').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-lang') === lang));
      b.setAttribute('title', strings.switchLanguage);
    });
  }

  // One download of Web Chat, started early (see prefetch) and retried on the next open if it failed.
  function loadWebChat() {
    if (!webChat) {
      webChat = new Promise(function (resolve, reject) {
        if (window.WebChat) return resolve();
        var s = el('script', { src: origin + config.webChatPath });
        s.onload = function () { resolve(); };
        s.onerror = function (e) { webChat = null; reject(e); };
        document.head.appendChild(s);
      });
    }
    return webChat;
  }

  // Web Chat is most of the bytes before the greeting: its download starts with the launcher, so a
  // visitor who clicks at once waits for less of it. Only the download: the browser keeps the preload
  // for the script tag of loadWebChat, and running the bundle (a long task) waits for prefetch.
  function preload() {
    document.head.appendChild(el('link', { rel: 'preload', as: 'script', href: origin + config.webChatPath }));
  }

  // Running Web Chat, while the page is idle or as soon as the pointer or focus reaches the launcher,
  // rather than on click.
  function prefetch() {
    loadWebChat().catch(function () {});
  }

  function remember(token) {
    session = { token: token.token, conversationId: token.conversationId, userId: token.userId || session.userId };
    sessionStorage.setItem(storageKey, JSON.stringify(session));
    return session;
  }

  // localStorage may be disabled (privacy modes): then every visit is a new visitor.
  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* not kept */ }
  }

  // Same tab after a reload: keep the conversation if its token can still be refreshed.
  function startSession() {
    var saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
    var fresh = function () {
      return api('/api/widget/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ locale: lang, visitor: stored(visitorKey) || undefined })
      }).then(function (t) {
        if (t.visitor) store(visitorKey, t.visitor);
        session = {};
        return remember(t);
      });
    };
    if (!saved) return fresh();
    session = saved;
    return api('/v3/directline/tokens/refresh', { method: 'POST', headers: { Authorization: 'Bearer ' + saved.token } })
      .then(remember, fresh);
  }

  // Started beside the Web Chat download, so the bot's welcome is waiting when Web Chat connects. The
  // bot greets on the first start only; starting a resumed conversation again changes nothing.
  function startConversation() {
    return api('/v3/directline/conversations', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + session.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ locale: lang })
    }).then(function (conversation) {
      started = conversation;
      remember(conversation);
      keepTokenFresh();
    });
  }

  // DirectLineJS refreshes the token only of a conversation it started itself: this one was started
  // here, so the widget refreshes it (and the saved session, which a reload resumes with), counting
  // from when it was issued.
  function keepTokenFresh() {
    clearInterval(refreshing);
    refreshing = setInterval(function () {
      api('/v3/directline/tokens/refresh', { method: 'POST', headers: { Authorization: 'Bearer ' + session.token } }).then(function (t) {
        remember(t);
        if (directLine) directLine.reconnect({ conversationId: t.conversationId, token: t.token, streamUrl: started.streamUrl });
      }, function () { /* tried again at the next interval, while the token lasts */ });
    }, started.expires_in * 500);
  }

  function connect(webSocket) {
    // Web Chat receives the stream URL of the conversation as started (what the bot has said so far
    // included), so it connects at once instead of asking to resume the conversation first.
    directLine = window.WebChat.createDirectLine({
      token: session.token,
      conversationId: session.conversationId,
      streamUrl: started.streamUrl,
      domain: origin + '/v3/directline',
      webSocket: webSocket
    });
    var waiting = webSocket ? setTimeout(fallBack, STREAM_WAIT_MS) : null;
    // The bot's activities as Web Chat receives them: Web Chat is the only subscriber of the stream, so
    // none can arrive before it listens. Handled after Web Chat's dispatch, as they may render it again.
    webChatStore = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            clearTimeout(waiting);
            setTimeout(fromBot, 0, action.payload.activity);
          }
          return next(action);
        };
      };
    });
    render();
  }

  function fallBack() {
    directLine.end();
    connect(false);
  }

  function render() {
    window.WebChat.renderWebChat({
      directLine: directLine,
      store: webChatStore,
      userID: session.userId,
      locale: lang === 'zh-CN' ? 'zh-CN' : 'en-US',
      // The bot's Markdown, rendered as the full Web Chat does by default (the minimal build has no default).
      renderMarkdown: window.WebChat.renderMarkdown,
      sendTypingIndicator: true,
      styleOptions: {
        accent: config.primaryColor,
        botAvatarInitials: 'Bot',
        userAvatarInitials: lang === 'zh-CN' ? '我' : 'Me',
        suggestedActionLayout: 'flow',
        hideUploadButton: false
      }
    }, chat);
    status.style.display = 'none';
  }

  // A message while the panel is closed: a count on the launcher and the page title flashing until it opens.
  function unseen() {
    unread++;
    badge.textContent = String(unread);
    badge.removeAttribute('hidden');
    root.setAttribute('aria-label', ui().launcher + ' (' + ui().unread.replace('%n', unread) + ')');
    if (flashing) return;
    pageTitle = document.title;
    var on = false;
    flashing = setInterval(function () {
      on = !on;
      document.title = on ? ui().unread.replace('%n', unread) : pageTitle;
    }, 1000);
  }

  function seen() {
    unread = 0;
    badge.textContent = '';
    badge.setAttribute('hidden', '');
    root.removeAttribute('aria-label');
    if (flashing) { clearInterval(flashing); flashing = null; document.title = pageTitle; }
  }

  // The bot says when the visitor switched language by typing ("English"): the page's own words follow.
  function fromBot(activity) {
    if (activity.from && activity.from.id === session.userId) return;
    if (activity.type === 'message' && !panel.classList.contains('open')) unseen();
    if (activity.type === 'event' && activity.name === 'webchat/language') setLanguage(activity.value, true);
  }

  function setLanguage(next, told) {
    if ((next !== 'zh-CN' && next !== 'en') || next === lang) return;
    lang = next;
    label();
    if (!directLine) return;
    render();
    if (told) return;
    directLine.postActivity({ type: 'event', name: 'webchat/language', value: lang, from: { id: session.userId, role: 'user' } })
      .subscribe({ error: function () {} });
  }

  function open() {
    panel.classList.add('open');
    seen();
    if (directLine || connecting) return;
    connecting = true;
    status.style.display = '';
    status.textContent = ui().connecting;
    Promise.all([loadWebChat(), startSession().then(startConversation)]).then(function () {
      connecting = false;
      connect('WebSocket' in window);
    }, function () {
      connecting = false;
      status.textContent = ui().connectFailed;
    });
  }

  api('/api/widget/config').then(function (c) {
    config = c;
    if (document.body) build();
    else document.addEventListener('DOMContentLoaded', build);
  });
})();
