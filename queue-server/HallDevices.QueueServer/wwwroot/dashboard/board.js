// Drawing the hall from its last pushed snapshot: today's figures, the counters, the queues, the
// devices and the alerts; durations tick locally between snapshots.
import { S, $, T, el, clockText, hallOffset, sinceReceipt, hallNowMs, secondsAtSnapshot, duration } from './state.js';
import { connect } from './live.js';

// The server's heartbeat is 15 s; three missed ones mean the stream is dead even if the socket is not.
const StaleMs = 45000;

export function render() {
  const t = T();
  $('hall-name').textContent = S.snap ? S.snap.hallName : (S.halls.find(h => h.id === S.hallId) || {}).name || '…';
  document.title = `${S.snap ? S.snap.hallName + ' · ' : ''}${t.title}`;
  if (!S.snap) {
    for (const id of ['counters', 'queues', 'devices', 'alerts']) $(id).replaceChildren();
    return;
  }
  renderFigures(t);
  $('counters').replaceChildren(...S.snap.counters.map(c => counterCard(c, t)));
  $('queues').replaceChildren(...S.snap.queues.map(q => queueRow(q, t)));
  const devices = S.snap.devices || [];
  $('devices').replaceChildren(...devices.map(d => deviceRow(d, t)));
  $('no-devices').hidden = devices.length > 0;
  const alerts = S.snap.alerts || [];
  $('alerts').replaceChildren(...(alerts.length ? alerts.map(a => alertItem(a, t)) : [el('li', { class: 'empty' }, t.noAlerts)]));
  $('alert-count').textContent = alerts.length ? String(alerts.length) : '';
  $('alert-count').dataset.severity = alerts.some(a => a.severity === 'critical') ? 'critical' : alerts.length ? 'warning' : 'none';
  tick();
}

function renderFigures(t) {
  const d = S.snap.today;
  const figures = { issued: d.issued, served: d.served, noShows: d.noShows, voided: d.voided, waiting: d.waiting, meanWait: t.minutes(Math.round(d.meanWaitSeconds / 60)) };
  for (const [key, value] of Object.entries(figures)) {
    document.querySelector(`[data-figure="${key}"] b`).textContent = String(value);
  }
}

// An element whose text is `format(duration)` and grows by the seconds since the snapshot came.
const ticking = (cls, base, format, extra) => el('span', Object.assign({ class: cls, 'data-base': String(base), 'data-format': format }, extra || {}));

function counterCard(c, t) {
  const ticket = c.ticket;
  const timeFormat = { serving: 'servingFor', paused: 'pausedFor', idle: 'idleFor' }[c.status];
  return el('article', { class: 'counter', 'data-counter': c.id, 'data-status': c.status },
    el('header', {}, el('b', { class: 'c-name' }, c.name), el('span', { class: 'c-status', 'data-field': 'status' }, t.status[c.status] || c.status)),
    el('p', { class: 'c-ticket', 'data-field': 'ticket' }, ticket ? ticket.number : t.noTicket),
    el('p', { class: 'c-service', 'data-field': 'service' }, ticket ? ticket.serviceName : '\u00a0'),
    el('p', { class: 'c-staff', 'data-field': 'staff' }, c.staffName || c.staffId || t.noStaff),
    el('p', { class: 'c-time', 'data-field': 'time' }, timeFormat ? ticking('', secondsAtSnapshot(c.since), timeFormat) : t.closedNote),
    el('p', { class: 'c-day' }, `${t.served} ${c.day.served} · ${t.noShows} ${c.day.noShows}`));
}

function queueRow(q, t) {
  const level = S.snap.serviceLevelMinutes * 60;
  const longest = q.waiting > 0 ? ticking('', q.longestWaitSeconds, 'plain', { 'data-level': String(level) }) : t.none;
  return el('tr', { 'data-queue': q.id, 'data-over': String(q.waiting > 0 && q.longestWaitSeconds > level) },
    el('td', {}, `${q.name} (${q.prefix})`),
    el('td', { class: 'num', 'data-field': 'waiting' }, String(q.waiting)),
    el('td', { class: 'num', 'data-field': 'longest' }, longest, el('small', {}, t.level(S.snap.serviceLevelMinutes))),
    el('td', { class: 'num', 'data-field': 'estimate' }, t.minutes(q.estimatedWaitMinutes)));
}

function deviceRow(d, t) {
  const health = d.health ? (t.healths[d.health] || d.health) : t.none;
  return el('tr', { 'data-device': d.deviceId, 'data-online': String(d.online), 'data-health': d.health || '' },
    el('td', { 'data-field': 'kind' }, t.kinds[d.kind] || d.kind),
    el('td', { 'data-field': 'id' }, d.deviceId),
    el('td', { 'data-field': 'online', class: d.online ? 'ok' : 'bad' }, d.online ? t.yes : t.no),
    el('td', { 'data-field': 'health', class: !d.health || d.health === 'ok' ? 'ok' : 'bad' }, health),
    el('td', { 'data-field': 'detail' }, d.detail || t.none),
    el('td', { 'data-field': 'since' }, ticking('', secondsAtSnapshot(d.since), 'plain'), el('small', {}, clockText(Date.parse(d.since), hallOffset(), false))));
}

function alertItem(a, t) {
  return el('li', { class: 'alert', 'data-alert-kind': a.kind, 'data-severity': a.severity, 'data-subject-id': a.subjectId },
    el('span', { class: 'sev' }, t.severity[a.severity] || a.severity),
    el('span', { class: 'text' }, S.lang === 'en' ? a.textEn : a.textZh),
    el('span', { class: 'when' }, clockText(Date.parse(a.since), hallOffset(), false), ' · ', ticking('', secondsAtSnapshot(a.since), 'plain')));
}

// Once a second: durations grow, a queue crosses its service level, the clock moves.
export function tick() {
  if (!S.snap) return;
  const t = T();
  const add = sinceReceipt();
  for (const e of document.querySelectorAll('[data-base]')) {
    const seconds = Number(e.dataset.base) + add;
    const text = duration(seconds);
    e.textContent = e.dataset.format === 'plain' ? text : t[e.dataset.format](text);
    if (e.dataset.level) e.closest('tr').dataset.over = String(seconds > Number(e.dataset.level));
  }
  $('clock').textContent = clockText(hallNowMs(), hallOffset(), true);
  if (S.conn === 'live' && performance.now() - S.receivedAt > StaleMs) connect();
}

export function renderWho() {
  if (!S.session) return;
  $('who').textContent = S.session.name + (S.session.role === 'hall-manager' ? '' : ` · ${T().readOnly}`);
}
