// The Dashboard (every role): charts drawn with ECharts from node_modules, over a date range and a
// language. Each chart has a caption with its numbers, for screen readers and for checking.
import * as echarts from '/vendor/echarts.esm.min.js';
import { api, el, fillTexts, t } from './lib.js';

const DAY = 24 * 3600 * 1000;
const STATUS_ORDER = ['submitted', 'under_review', 'approved', 'rejected', 'refund_agreed', 'refund_paid', 'verified', 'closed', 'withdrawn'];

/** Every day from `from` to `to` (YYYY-MM-DD), so days without conversations show as 0. */
function daysBetween(from, to) {
  const days = [];
  for (let day = from; day <= to; day = new Date(Date.parse(day + 'T00:00:00Z') + DAY).toISOString().slice(0, 10)) days.push(day);
  return days;
}

export function mount(root, ctx) {
  // Empty at first: the server fills in its default range by the business clock (CLOCK_OFFSET_DAYS moves
  // it), not the browser's, and the report says which.
  const from = el('input', { type: 'date', 'data-testid': 'dash-from' });
  const to = el('input', { type: 'date', 'data-testid': 'dash-to' });
  const lang = el('select', { 'data-testid': 'dash-lang' });
  const form = el('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); load(); } },
    el('label', {}, el('span', { 'data-text': 'dash.from' }), from),
    el('label', {}, el('span', { 'data-text': 'dash.to' }), to),
    el('label', {}, el('span', { 'data-text': 'dash.language' }), lang),
    el('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'dash-apply', 'data-text': 'dash.apply' }));
  const names = ['conversations', 'funnel', 'answers', 'unanswered', 'handoffs', 'cases', 'notifications'];
  const cards = Object.fromEntries(names.map((name) => {
    const chart = el('div', { class: 'chart', role: 'img' });
    const caption = el('p', { class: 'chart-caption', 'data-testid': 'caption-' + name });
    const title = el('h2', { 'data-text': 'dash.' + name });
    return [name, { box: el('section', { class: 'panel chart-card', 'data-testid': 'chart-' + name }, title, chart, caption), chart, caption, instance: null }];
  }));
  root.append(el('section', { class: 'sheet' }, el('h1', { 'data-text': 'dash.title' }), form, el('div', { class: 'charts' }, ...names.map((n) => cards[n].box))));
  for (const field of form.querySelectorAll('input, select')) field.addEventListener('change', () => load());

  let report = null;
  const resize = () => names.forEach((n) => cards[n].instance?.resize());
  window.addEventListener('resize', resize);

  async function load() {
    const query = new URLSearchParams();
    if (from.value) query.set('from', from.value);
    if (to.value) query.set('to', to.value);
    if (lang.value) query.set('lang', lang.value);
    const res = await api('GET', '/backoffice/dashboard?' + query).catch(() => ({ status: 0 }));
    if (res.status === 401) return ctx.signedOut('notice.sessionExpired');
    if (res.status !== 200) return ctx.notice(res.status === 400 ? 'dash.badRange' : 'notice.error');
    report = res.data;
    from.value ||= report.filter.from;
    to.value ||= report.filter.to;
    render();
  }

  function draw(name, option, captionText) {
    const card = cards[name];
    card.instance ??= echarts.init(card.chart, null, { renderer: 'canvas' });
    card.instance.setOption({ animation: false, tooltip: { trigger: 'item' }, grid: { left: 48, right: 16, top: 24, bottom: 32, containLabel: true }, ...option }, true);
    card.caption.textContent = captionText;
    card.chart.setAttribute('aria-label', captionText);
  }

  const pairs = (entries) => entries.map(([label, value]) => `${label} ${value}`).join(t('list.separator'));

  function render() {
    lang.replaceChildren(el('option', { value: '', text: t('dash.allLanguages') }), el('option', { value: 'zh-CN', text: t('lang.zh-CN') }), el('option', { value: 'en', text: t('lang.en') }));
    lang.value = report?.filter.language ?? '';
    if (!report) return;
    const perDay = new Map(report.conversationsPerDay.map((d) => [d.day, d.conversations]));
    const days = daysBetween(report.filter.from, report.filter.to);
    const total = days.reduce((sum, d) => sum + (perDay.get(d) ?? 0), 0);
    draw('conversations', { tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: days }, yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'line', data: days.map((d) => perDay.get(d) ?? 0), areaStyle: {} }] }, t('dash.conversationsCaption', { count: total }));

    // The steps in order (as the API gives them); each bar: who reached it, and stacked on it who stopped just before it.
    const steps = report.funnel;
    const stepLabels = steps.map((f) => t('dash.step.' + f.step));
    draw('funnel', { tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, xAxis: { type: 'category', data: stepLabels, axisLabel: { interval: 0, rotate: 30 } }, yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', stack: 'funnel', name: t('dash.reached'), data: steps.map((f) => f.conversations) },
        { type: 'bar', stack: 'funnel', name: t('dash.droppedOff'), data: steps.map((f) => f.dropOff), itemStyle: { color: '#d9d9d9' } },
      ] },
      t('dash.funnelCaption', { steps: pairs(steps.map((f, i) => [stepLabels[i], f.conversations])), started: steps[0].conversations, submitted: steps.at(-1).conversations }));

    const kinds = ['faq', 'outOfScope', 'handoff', 'other'].map((k) => [t('dash.answer.' + k), report.answers[k] ?? 0]);
    draw('answers', { legend: { bottom: 0 }, series: [{ type: 'pie', radius: ['35%', '65%'], data: kinds.map(([name, value]) => ({ name, value })) }] }, pairs(kinds));

    const top = [...report.topUnanswered].reverse();
    draw('unanswered', { tooltip: { trigger: 'axis' }, xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: top.map((g) => g.text.slice(0, 18)) },
      series: [{ type: 'bar', data: top.map((g) => g.count) }] }, report.topUnanswered.length ? pairs(report.topUnanswered.map((g) => [g.text, g.count])) : t('dash.none'));

    const h = report.handoffs;
    const outcomes = Object.entries(h.byOutcome);
    const seconds = (value) => (value === null ? '—' : t('dash.seconds', { n: Math.round(value) }));
    draw('handoffs', { tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: outcomes.map(([reason]) => t('dash.outcome.' + reason)) }, yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: outcomes.map(([, count]) => count) }] },
      t('dash.handoffsCaption', { outcomes: pairs(outcomes.map(([reason, count]) => [t('dash.outcome.' + reason), count])) || t('dash.none'),
        wait: seconds(h.meanWaitSeconds), handle: seconds(h.meanHandleSeconds), csat: h.meanCsat === null ? '—' : h.meanCsat.toFixed(1), rated: h.rated }));

    const statuses = STATUS_ORDER.filter((s) => report.cases.some((c) => c.status === s));
    const ages = ['inWindow', 'overdue', 'decided'];
    const countOf = (status, age) => report.cases.find((c) => c.status === status && c.age === age)?.count ?? 0;
    draw('cases', { tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, xAxis: { type: 'category', data: statuses.map((s) => t('status.' + s)) }, yAxis: { type: 'value', minInterval: 1 },
      series: ages.map((age) => ({ type: 'bar', stack: 'age', name: t('dash.age.' + age), data: statuses.map((s) => countOf(s, age)) })) },
      pairs(ages.map((age) => [t('dash.age.' + age), report.cases.filter((c) => c.age === age).reduce((sum, c) => sum + c.count, 0)])));

    const channels = [...new Set(report.notifications.map((n) => n.channel))];
    const states = [...new Set(report.notifications.map((n) => n.status))];
    draw('notifications', { tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, xAxis: { type: 'category', data: channels }, yAxis: { type: 'value', minInterval: 1 },
      series: states.map((status) => ({ type: 'bar', stack: 'status', name: t('dash.notification.' + status), data: channels.map((c) => report.notifications.find((n) => n.channel === c && n.status === status)?.count ?? 0) })) },
      report.notifications.length ? pairs(states.map((s) => [t('dash.notification.' + s), report.notifications.filter((n) => n.status === s).reduce((sum, n) => sum + n.count, 0)])) : t('dash.none'));
  }

  const relabel = () => { fillTexts(root); render(); };
  relabel();
  load();
  return {
    relabel,
    unmount() {
      window.removeEventListener('resize', resize);
      names.forEach((n) => cards[n].instance?.dispose());
    },
  };
}
