// The hall manager dashboard. Reads who is signed in (/staff/session), then the hall's live feed
// (Server-Sent Events of the whole snapshot: counters, queues, today's figures, devices, alerts)
// and draws it; nothing is polled. Times tick locally from the snapshot's `at` (the hall clock),
// so a browser whose clock is off still shows the right durations. Only a hall manager gets the
// reprint form; the server refuses anyone else anyway.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const enc = encodeURIComponent;
  const params = new URLSearchParams(location.search);
  // The server's heartbeat is 15 s; three missed ones mean the stream is dead even if the socket is not.
  const StaleMs = 45000;
  const RetryMs = 3000;

  let lang = params.get('lang') === 'en' || (params.get('lang') !== 'zh' && cookie('hall.lang') === 'en') ? 'en' : 'zh';
  let session = null, hallId = null, halls = [];
  let snap = null, receivedAt = 0, source = null, conn = 'connecting';
  let slip = null, refusal = null;

  const T = () => DASHBOARD_TEXTS[lang];

  function cookie(name) {
    const hit = document.cookie.split('; ').find(c => c.startsWith(name + '='));
    return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
  }

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
    }
    for (const k of kids) if (k !== null && k !== undefined) e.append(k);
    return e;
  }

  // --- time, in the hall's offset (taken from the snapshot's `at`) ---------------------------
  function offsetMinutes(iso) {
    const m = /([+-])(\d\d):(\d\d)$/.exec(iso || '');
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  }
  const pad = n => String(n).padStart(2, '0');
  function clockText(ms, offset, seconds) {
    const d = new Date(ms + offset * 60000);
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` + (seconds ? `:${pad(d.getUTCSeconds())}` : '');
  }
  function dateText(ms, offset) {
    const d = new Date(ms + offset * 60000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  const hallOffset = () => snap ? offsetMinutes(snap.at) : -new Date().getTimezoneOffset();
  const sinceReceipt = () => snap ? (performance.now() - receivedAt) / 1000 : 0;
  const hallNowMs = () => snap ? Date.parse(snap.at) + sinceReceipt() * 1000 : Date.now();
  // Seconds from `iso` to the snapshot's `at`: the base a ticking element adds the local elapsed time to.
  const secondsAtSnapshot = iso => Math.max(0, (Date.parse(snap.at) - Date.parse(iso)) / 1000);
  function duration(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    return T().duration(Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60);
  }

  // --- start ---------------------------------------------------------------------------------
  async function start() {
    $('lang').addEventListener('click', switchLanguage);
    $('logout').addEventListener('click', signOut);
    $('hall-picker').addEventListener('change', e => pickHall(e.target.value));
    $('reprint').addEventListener('submit', reprint);
    $('print').addEventListener('click', () => window.print());
    applyLanguage();

    const r = await fetch('/staff/session', { cache: 'no-store' });
    if (r.status === 401) {
      location.href = '/staff/login?returnUrl=' + enc(location.pathname + location.search);
      return;
    }
    session = await r.json();
    const all = await (await fetch('/api/halls', { cache: 'no-store' })).json();
    halls = all.filter(h => session.halls.includes('*') || session.halls.includes(h.id));
    const asked = params.get('hall');
    hallId = asked && halls.some(h => h.id === asked) ? asked : halls.length ? halls[0].id : null;
    const manager = session.role === 'hall-manager';
    $('reprint-box').hidden = !manager;
    document.body.classList.toggle('read-only', !manager);
    if (session.role === 'district-viewer' || halls.length > 1) {
      $('hall-picker').replaceChildren(...halls.map(h => el('option', { value: h.id, selected: h.id === hallId }, h.name)));
      $('hall-pick').hidden = false;
    }
    renderWho();
    if (!hallId) {
      showNotice(T().noHall);
      return;
    }
    connect();
    setInterval(tick, 1000);
  }

  function pickHall(id) {
    if (id === hallId) return;
    hallId = id;
    params.set('hall', id);
    history.replaceState(null, '', '?' + params.toString());
    snap = null;
    slip = null;
    refusal = null;
    render();
    renderReprint();
    connect();
  }

  // --- the live feed -------------------------------------------------------------------------
  function connect() {
    if (source) source.close();
    const es = new EventSource(`/api/halls/${enc(hallId)}/live`);
    source = es;
    setConnection(snap ? 'lost' : 'connecting');
    es.onmessage = e => {
      if (es !== source) return;
      snap = JSON.parse(e.data);
      receivedAt = performance.now();
      setConnection('live');
      render();
    };
    es.onerror = () => {
      if (es !== source) return;
      setConnection('lost');
      // A closed stream is not retried by the browser (the server refused it: session ended?).
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        checkSession();
      }
    };
  }

  async function checkSession() {
    try {
      const r = await fetch('/staff/session', { cache: 'no-store' });
      if (r.status === 401) {
        setConnection('signed-out');
        showNotice(T().signedOut, true);
        return;
      }
    } catch {
      // The server is away: keep trying below.
    }
    setTimeout(connect, RetryMs);
  }

  function setConnection(state) {
    conn = state;
    const c = $('conn');
    c.dataset.state = state;
    c.textContent = T().conn[state];
    document.body.classList.toggle('stale', state !== 'live' && snap !== null);
  }

  function showNotice(text, signIn) {
    const n = $('notice');
    n.replaceChildren(text);
    if (signIn) {
      n.append(' ', el('a', { href: '/staff/login?returnUrl=' + enc(location.pathname + location.search) }, T().signIn));
    }
    n.hidden = false;
  }

  // --- drawing -------------------------------------------------------------------------------
  function render() {
    const t = T();
    $('hall-name').textContent = snap ? snap.hallName : (halls.find(h => h.id === hallId) || {}).name || '…';
    document.title = `${snap ? snap.hallName + ' · ' : ''}${t.title}`;
    if (!snap) {
      for (const id of ['counters', 'queues', 'devices', 'alerts']) $(id).replaceChildren();
      return;
    }
    renderFigures(t);
    $('counters').replaceChildren(...snap.counters.map(c => counterCard(c, t)));
    $('queues').replaceChildren(...snap.queues.map(q => queueRow(q, t)));
    const devices = snap.devices || [];
    $('devices').replaceChildren(...devices.map(d => deviceRow(d, t)));
    $('no-devices').hidden = devices.length > 0;
    const alerts = snap.alerts || [];
    $('alerts').replaceChildren(...(alerts.length ? alerts.map(a => alertItem(a, t)) : [el('li', { class: 'empty' }, t.noAlerts)]));
    $('alert-count').textContent = alerts.length ? String(alerts.length) : '';
    $('alert-count').dataset.severity = alerts.some(a => a.severity === 'critical') ? 'critical' : alerts.length ? 'warning' : 'none';
    tick();
  }

  function renderFigures(t) {
    const d = snap.today;
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
    const level = snap.serviceLevelMinutes * 60;
    const longest = q.waiting > 0 ? ticking('', q.longestWaitSeconds, 'plain', { 'data-level': String(level) }) : t.none;
    return el('tr', { 'data-queue': q.id, 'data-over': String(q.waiting > 0 && q.longestWaitSeconds > level) },
      el('td', {}, `${q.name} (${q.prefix})`),
      el('td', { class: 'num', 'data-field': 'waiting' }, String(q.waiting)),
      el('td', { class: 'num', 'data-field': 'longest' }, longest, el('small', {}, t.level(snap.serviceLevelMinutes))),
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
      el('span', { class: 'text' }, lang === 'en' ? a.textEn : a.textZh),
      el('span', { class: 'when' }, clockText(Date.parse(a.since), hallOffset(), false), ' · ', ticking('', secondsAtSnapshot(a.since), 'plain')));
  }

  // Once a second: durations grow, a queue crosses its service level, the clock moves.
  function tick() {
    if (!snap) return;
    const t = T();
    const add = sinceReceipt();
    for (const e of document.querySelectorAll('[data-base]')) {
      const seconds = Number(e.dataset.base) + add;
      const text = duration(seconds);
      e.textContent = e.dataset.format === 'plain' ? text : t[e.dataset.format](text);
      if (e.dataset.level) e.closest('tr').dataset.over = String(seconds > Number(e.dataset.level));
    }
    $('clock').textContent = clockText(hallNowMs(), hallOffset(), true);
    if (conn === 'live' && performance.now() - receivedAt > StaleMs) connect();
  }

  function renderWho() {
    if (!session) return;
    $('who').textContent = session.name + (session.role === 'hall-manager' ? '' : ` · ${T().readOnly}`);
  }

  // --- reprint -------------------------------------------------------------------------------
  async function reprint(e) {
    e.preventDefault();
    const number = $('reprint-number').value.trim().toUpperCase();
    if (!number) return;
    slip = null;
    refusal = null;
    renderReprint();
    let r, reply = null;
    try {
      r = await fetch(`/api/halls/${enc(hallId)}/tickets/${enc(number)}/reprint`, { method: 'POST', headers: { 'X-CSRF-TOKEN': session.csrfToken } });
      reply = await r.json().catch(() => null);
    } catch {
      refusal = { code: 'network', number };
      renderReprint();
      return;
    }
    if (reply && reply.ok && reply.ticket) {
      slip = { ticket: reply.ticket, at: hallNowMs(), by: session.name, hall: snap ? snap.hallName : '' };
    } else {
      refusal = { code: reply && reply.error ? reply.error.code : `http-${r.status}`, number };
    }
    renderReprint();
  }

  function renderReprint() {
    const t = T();
    const error = $('reprint-error');
    error.hidden = !refusal;
    if (refusal) {
      const say = t.refusals[refusal.code] || t.refusals.other;
      error.dataset.code = refusal.code;
      error.textContent = say(refusal.number, refusal.code);
    }
    $('slip').hidden = $('print').hidden = !slip;
    if (!slip) return;
    const k = slip.ticket, offset = offsetMinutes(k.issuedAt);
    const issued = Date.parse(k.issuedAt);
    $('slip-hall').textContent = slip.hall;
    $('slip-number').textContent = k.number;
    $('slip-service').textContent = k.serviceName;
    $('slip-time').textContent = t.slipIssued(`${dateText(issued, offset)} ${clockText(issued, offset, false)}`);
    const waiting = k.status === 'waiting' || k.status === 'transferred';
    $('slip-ahead').textContent = waiting ? t.slipAhead(k.waitingAhead, k.estimatedWaitMinutes) : (t.ticketStatus[k.status] || k.status);
    $('slip-url').textContent = k.trackUrl || '';
    $('slip-note').textContent = t.slipNote(clockText(slip.at, offset, false), slip.by);
  }

  // --- language and session ------------------------------------------------------------------
  function applyLanguage() {
    const t = T();
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    for (const e of document.querySelectorAll('[data-t]')) e.textContent = t[e.dataset.t];
    $('lang').textContent = t.lang;
    setConnection(conn);
    renderWho();
    render();
    renderReprint();
  }

  function switchLanguage() {
    lang = lang === 'en' ? 'zh' : 'en';
    document.cookie = `hall.lang=${lang}; path=/; max-age=31536000; samesite=strict`;
    params.set('lang', lang);
    history.replaceState(null, '', '?' + params.toString());
    applyLanguage();
  }

  async function signOut() {
    try {
      await fetch('/staff/logout', { method: 'POST', headers: { 'X-CSRF-TOKEN': session ? session.csrfToken : '' } });
    } finally {
      location.href = '/staff/login' + (lang === 'en' ? '?lang=en' : '');
    }
  }

  start().catch(() => showNotice(T().refusals.network()));
})();
