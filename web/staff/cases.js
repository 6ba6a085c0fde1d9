// The reviewer's Cases page: the list with filters and search (#/cases) and one case (#/cases/PC-…)
// with its application, decision clock, event log, notes and the transitions it allows.
import { api, el, fillTexts, formatDateTime, has, t } from './lib.js';

const STATUSES = ['submitted', 'under_review', 'approved', 'rejected', 'refund_agreed', 'refund_paid', 'verified', 'closed', 'withdrawn'];
/** Back-office route of each transition a reviewer makes (the merchant makes the others in chat). */
const ACTIONS = { under_review: 'review', approved: 'approve', rejected: 'reject', refund_agreed: 'accepted', refund_paid: 'paid', verified: 'arrived', withdrawn: 'withdraw' };
/** Steps the merchant normally takes in chat; a reviewer records them only when the merchant said so on the phone. */
const BY_PHONE = { refund_agreed: 'case.confirmAccepted', verified: 'case.confirmArrived' };
const METHODS = ['original_card', 'bank_transfer', 'cash'];
const REJECT_REASONS = ['documents_missing', 'info_mismatch', 'device_not_returned', 'duplicate', 'other'];

/** Kept while the app is open, so going back from a case shows the same list. */
let filters = { status: '', overdue: false, refundUnconfirmed: false, q: '' };
/** Strings of the merchant's language, for the rejection reason they will read. */
const merchantStrings = {};

const statusLabel = (status) => t('status.' + status);
/** True while the keyboard is writing into a field, where "/" and Esc belong to the field. */
const typingInField = () => {
  const node = document.activeElement;
  return node?.tagName === 'TEXTAREA' || node?.tagName === 'SELECT' || (node?.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(node.type));
};

function clockBadge(clock) {
  if (!clock) return null;
  const days = Math.abs(clock.businessDaysLeft);
  const [key, tone] = clock.overdue ? ['clock.overdue', 'danger'] : clock.businessDaysLeft === 0 ? ['clock.today', 'warn'] : ['clock.left', days <= 1 ? 'warn' : 'ok'];
  return el('span', { class: 'clock clock-' + tone, 'data-testid': 'clock', title: t('clock.due', { date: clock.due }), text: t(key, { days }) });
}

export function mount(root, ctx, params) {
  let view = null; // the list or the case view now shown

  function failed(res) {
    if (res.status === 401) return ctx.signedOut('notice.sessionExpired');
    ctx.notice(res.status === 403 ? 'notice.forbidden' : res.status === 404 ? 'cases.notFound' : 'notice.error');
  }

  function show(nextParams) {
    view?.close?.();
    root.replaceChildren();
    view = nextParams[0] ? caseView(nextParams[0]) : listView();
  }

  // ---- The list -------------------------------------------------------------------------

  function listView() {
    let cases = [];
    const status = el('select', { name: 'status', 'data-testid': 'filter-status' });
    const overdue = el('input', { type: 'checkbox', name: 'overdue', 'data-testid': 'filter-overdue' });
    const refund = el('input', { type: 'checkbox', name: 'refundUnconfirmed', 'data-testid': 'filter-refund' });
    const search = el('input', { type: 'search', name: 'q', maxlength: 40, 'data-testid': 'filter-search', 'data-placeholder': 'cases.searchHint' });
    const count = el('p', { class: 'muted', 'data-testid': 'case-count' });
    const body = el('tbody');
    const form = el('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); load(); } },
      el('label', {}, el('span', { 'data-text': 'cases.status' }), status),
      el('label', { class: 'check' }, overdue, el('span', { 'data-text': 'cases.overdueOnly' })),
      el('label', { class: 'check' }, refund, el('span', { 'data-text': 'cases.refundUnconfirmed' })),
      el('label', { class: 'grow' }, el('span', { 'data-text': 'cases.search' }), search),
      el('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'filter-apply', 'data-text': 'cases.apply' }));
    for (const box of [status, overdue, refund]) box.addEventListener('change', () => form.requestSubmit());
    root.append(el('section', { class: 'sheet' },
      el('h1', { 'data-text': 'cases.title' }), form, count,
      el('table', { class: 'grid cases-grid', 'data-testid': 'cases' },
        el('thead', {}, el('tr', {}, ...['cases.reference', 'cases.status', 'cases.submittedAt', 'cases.clock', 'cases.applicant', 'cases.serial', 'cases.card']
          .map((key) => el('th', { 'data-text': key })))),
        body)));

    status.value = filters.status;
    overdue.checked = filters.overdue;
    refund.checked = filters.refundUnconfirmed;
    search.value = filters.q;

    async function load() {
      filters = { status: status.value, overdue: overdue.checked, refundUnconfirmed: refund.checked, q: search.value.trim() };
      const query = new URLSearchParams();
      if (filters.status) query.set('status', filters.status);
      if (filters.overdue) query.set('overdue', 'true');
      if (filters.refundUnconfirmed) query.set('refundUnconfirmed', 'true');
      if (filters.q) query.set('q', filters.q);
      const res = await api('GET', '/backoffice/cases?' + query).catch(() => ({ status: 0 }));
      if (res.status !== 200) return failed(res);
      cases = res.data.cases;
      render();
    }

    function row(record) {
      return el('tr', { 'data-testid': 'case-row', 'data-reference': record.reference },
        el('td', {}, el('a', { href: '#/cases/' + encodeURIComponent(record.reference), class: 'mono', text: record.reference })),
        el('td', { text: statusLabel(record.status) }),
        el('td', { text: formatDateTime(record.createdAt) }),
        el('td', {}, clockBadge(record.clock) ?? el('span', { class: 'muted', text: '—' })),
        el('td', { text: record.applicant.fullName }),
        el('td', { class: 'mono', text: record.applicant.posSerial }),
        el('td', { class: 'mono', text: '**** ' + record.applicant.cardLast4 }));
    }

    function render() {
      status.replaceChildren(el('option', { value: '', text: t('cases.anyStatus') }), ...STATUSES.map((s) => el('option', { value: s, text: statusLabel(s) })));
      status.value = filters.status;
      count.textContent = t('cases.count', { count: cases.length });
      body.replaceChildren(...(cases.length ? cases.map(row) : [el('tr', {}, el('td', { colspan: 7, class: 'muted', text: t('cases.none') }))]));
    }

    // "/" jumps to the search box, as on most consoles.
    const onKey = (e) => {
      if (e.key === '/' && !typingInField()) { e.preventDefault(); search.focus(); }
    };
    document.addEventListener('keydown', onKey);
    fillTexts(root);
    render();
    load();
    search.focus();
    return { relabel: () => { fillTexts(root); render(); }, close: () => document.removeEventListener('keydown', onKey) };
  }

  // ---- One case -------------------------------------------------------------------------

  function caseView(reference) {
    let record = null;
    let openForm = null; // 'approve' | 'reject' | null
    const head = el('div', { class: 'case-head' });
    const application = el('dl', { class: 'facts', 'data-testid': 'application' });
    const actions = el('div', { class: 'actions', 'data-testid': 'actions' });
    const events = el('ol', { class: 'events', 'data-testid': 'events' });
    const files = el('ul', { class: 'files', 'data-testid': 'attachments' });
    const note = el('textarea', { rows: 2, maxlength: 1000, 'data-testid': 'note-text', 'data-placeholder': 'case.notePlaceholder' });
    const noteForm = el('form', { class: 'note-form', onsubmit: (e) => { e.preventDefault(); addNote(); } },
      el('label', { class: 'sr-only', 'data-text': 'case.note' }), note,
      el('button', { type: 'submit', class: 'btn', 'data-testid': 'note-add', 'data-text': 'case.addNote' }));
    root.append(el('section', { class: 'sheet case' },
      el('a', { href: '#/cases', class: 'back', 'data-testid': 'back', 'data-text': 'case.back' }),
      head,
      el('div', { class: 'case-grid' },
        el('div', { class: 'panel' }, el('h2', { 'data-text': 'case.application' }), application),
        el('div', { class: 'panel' }, el('h2', { 'data-text': 'case.actions' }), actions),
        el('div', { class: 'panel wide' }, el('h2', { 'data-text': 'case.attachments' }), files),
        el('div', { class: 'panel wide' }, el('h2', { 'data-text': 'case.events' }), events, noteForm))));

    async function load() {
      const res = await api('GET', '/backoffice/cases/' + encodeURIComponent(reference)).catch(() => ({ status: 0 }));
      if (res.status !== 200) return failed(res);
      record = res.data;
      await loadMerchantStrings(record.language).catch(() => undefined);
      render();
    }

    async function loadMerchantStrings(lang) {
      if (merchantStrings[lang]) return;
      const res = await api('GET', '/staff/api/strings?lang=' + encodeURIComponent(lang));
      if (res.status === 200) merchantStrings[lang] = res.data.strings;
    }

    function render() {
      if (!record) return;
      const a = record.applicant;
      head.replaceChildren(
        el('h1', {}, el('span', { class: 'mono', text: record.reference }), ' ',
          el('span', { class: 'tag', 'data-testid': 'case-status', text: statusLabel(record.status) }), ' ', clockBadge(record.clock)));
      const facts = [
        ['case.name', a.fullName], ['case.mobile', a.mobile], ['case.email', a.email || t('case.none')],
        ['case.serial', a.posSerial], ['case.card', '**** **** **** ' + a.cardLast4],
        ['case.reason', t('reason.' + record.reason.code) + (record.reason.detail ? ' — ' + record.reason.detail : '')],
        ['case.receivedOn', record.receivedOn], ['case.language', t('lang.' + record.language)],
        ['case.submittedAt', formatDateTime(record.createdAt)],
        ['case.window', t('case.windowDates', { earliest: record.decision.earliest, latest: record.decision.latest })],
      ];
      application.replaceChildren(...facts.flatMap(([key, value]) => [el('dt', { text: t(key) }), el('dd', { text: value })]));
      renderActions();
      // The files the merchant uploaded for this case; the session cookie lets the link download them.
      files.replaceChildren(...(record.attachments.length
        ? record.attachments.map((file) => el('li', { 'data-testid': 'attachment' },
          el('a', { href: file.url, download: file.name, text: file.name }), ' ',
          el('span', { class: 'muted', text: `${file.contentType}, ${t('case.fileSize', { kb: Math.max(1, Math.round(file.size / 1024)) })}` })))
        : [el('li', { class: 'muted', text: t('case.noAttachments') })]));
      events.replaceChildren(...record.events.map(eventItem));
    }

    function renderActions() {
      const steps = record.allowedTransitions.filter((to) => ACTIONS[to]);
      const buttons = steps.map((to) => el('button', {
        type: 'button', class: to === 'rejected' || to === 'withdrawn' ? 'btn btn-danger' : 'btn btn-primary',
        'data-testid': 'action-' + ACTIONS[to], text: t('action.' + ACTIONS[to]), onclick: () => act(to),
      }));
      const form = openForm === 'approved' ? approveForm() : openForm === 'rejected' ? rejectForm() : [];
      actions.replaceChildren(buttons.length ? el('div', { class: 'action-row' }, ...buttons) : el('p', { class: 'muted', text: t('case.noActions') }), form);
      actions.querySelector('form [autofocus]')?.focus();
    }

    function act(to) {
      if (to === 'approved' || to === 'rejected') { openForm = openForm === to ? null : to; return renderActions(); }
      if (to === 'withdrawn' && !window.confirm(t('case.confirmWithdraw'))) return;
      if (BY_PHONE[to] && !window.confirm(t(BY_PHONE[to]))) return;
      send(ACTIONS[to], {});
    }

    const cancelOnEscape = (e) => { if (e.key === 'Escape') { e.stopPropagation(); openForm = null; renderActions(); } };

    function approveForm() {
      const amount = el('input', { type: 'number', min: '0.01', step: '0.01', max: '1000000', required: true, autofocus: true, 'data-testid': 'approve-amount' });
      const method = el('select', { required: true, 'data-testid': 'approve-method' }, ...METHODS.map((m) => el('option', { value: m, text: t('method.' + m) })));
      return el('form', { class: 'action-form', 'data-testid': 'approve-form', onkeydown: cancelOnEscape,
        onsubmit: (e) => { e.preventDefault(); send('approve', { amount: Number(amount.value), method: method.value }); } },
      el('label', {}, el('span', { text: t('approve.amount') }), amount),
      el('label', {}, el('span', { text: t('approve.method') }), method),
      el('div', { class: 'action-row' },
        el('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'approve-submit', text: t('approve.submit') }),
        el('button', { type: 'button', class: 'btn', text: t('form.cancel'), onclick: () => { openForm = null; renderActions(); } })));
    }

    /** The reason the merchant reads: the chosen reason in their language, then the reviewer's words. */
    function reasonText(code, detail) {
      const table = merchantStrings[record.language] || {};
      const label = table['rejectReason.' + code] ?? t('rejectReason.' + code);
      return detail ? `${label}${table['rejectReason.joiner'] ?? ': '}${detail}` : label;
    }

    function rejectForm() {
      const code = el('select', { required: true, autofocus: true, 'data-testid': 'reject-code' }, ...REJECT_REASONS.map((r) => el('option', { value: r, text: t('rejectReason.' + r) })));
      const detail = el('textarea', { rows: 2, maxlength: 400, 'data-testid': 'reject-detail' });
      const preview = el('p', { class: 'preview', 'data-testid': 'reject-preview' });
      const update = () => { preview.textContent = t('reject.preview', { text: reasonText(code.value, detail.value.trim()) }); };
      code.addEventListener('change', update);
      detail.addEventListener('input', update);
      update();
      return el('form', { class: 'action-form', 'data-testid': 'reject-form', onkeydown: cancelOnEscape,
        onsubmit: (e) => {
          e.preventDefault();
          if (code.value === 'other' && !detail.value.trim()) return ctx.notice('reject.detailNeeded');
          send('reject', { reason: reasonText(code.value, detail.value.trim()) });
        } },
      el('label', {}, el('span', { text: t('reject.reason') }), code),
      el('label', {}, el('span', { text: t('reject.detail') }), detail),
      preview,
      el('div', { class: 'action-row' },
        el('button', { type: 'submit', class: 'btn btn-danger', 'data-testid': 'reject-submit', text: t('reject.submit') }),
        el('button', { type: 'button', class: 'btn', text: t('form.cancel'), onclick: () => { openForm = null; renderActions(); } })));
    }

    /** A change answers with the case alone: its materials stay as loaded. */
    const changed = (data) => ({ ...data, attachments: record.attachments });

    let busy = false;
    async function send(action, body) {
      if (busy) return;
      busy = true;
      try {
        const res = await api('POST', `/backoffice/cases/${encodeURIComponent(reference)}/${action}`, body);
        if (res.status === 200) {
          record = changed(res.data);
          openForm = null;
          ctx.notice('case.updated', { status: statusLabel(record.status) });
          return render();
        }
        if (res.status === 409) { ctx.notice('case.conflict'); return load(); }
        if (res.status === 400) return ctx.notice('notice.invalid');
        failed(res);
      } catch {
        ctx.notice('notice.error');
      } finally {
        busy = false;
      }
    }

    async function addNote() {
      const text = note.value.trim();
      if (!text) return;
      const res = await api('POST', `/backoffice/cases/${encodeURIComponent(reference)}/notes`, { text }).catch(() => ({ status: 0 }));
      if (res.status !== 200) return failed(res);
      note.value = '';
      record = changed(res.data);
      render();
    }

    function actorLabel(by) {
      const [kind, name] = by.split(/:(.*)/s);
      if (kind === 'user') return t('actor.merchant');
      if (kind === 'backoffice') return t('actor.machine', { name });
      if (kind === 'staff') return name;
      return t('actor.system');
    }

    function eventDetail(event) {
      const data = event.data || {};
      if (event.type === 'note') return data.text;
      if (event.type === 'approved') return t('caseEvent.approvedDetail', { amount: Number(data.amount).toFixed(2), method: t('method.' + data.method) });
      if (event.type === 'rejected') return t('caseEvent.rejectedDetail', { reason: data.reason });
      if (data.via === 'phone') return t('caseEvent.byPhone');
      return null;
    }

    /** A status the case moved to, or what else happened to it (a note, a reminder, the merchant's answer). */
    function eventLabel(type) {
      if (type === 'note') return t('caseEvent.note');
      return has('caseEvent.type.' + type) ? t('caseEvent.type.' + type) : statusLabel(type);
    }

    function eventItem(event) {
      const detail = eventDetail(event);
      return el('li', { 'data-testid': 'event', 'data-type': event.type },
        el('div', { class: 'event-head' },
          el('strong', { text: eventLabel(event.type) }),
          el('span', { class: 'muted', text: actorLabel(event.by) }),
          el('time', { class: 'muted', text: formatDateTime(event.at) })),
        detail ? el('div', { class: 'event-body', text: detail }) : null);
    }

    const onKey = (e) => {
      if (e.key === 'Escape' && !openForm && !typingInField()) location.hash = '#/cases';
    };
    document.addEventListener('keydown', onKey);
    fillTexts(root);
    load();
    return { relabel: () => { fillTexts(root); render(); }, close: () => document.removeEventListener('keydown', onKey) };
  }

  show(params);
  return {
    relabel: () => view.relabel(),
    navigate(nextParams) { show(nextParams); return true; },
    unmount: () => view?.close?.(),
  };
}
