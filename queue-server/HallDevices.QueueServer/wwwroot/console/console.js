// The window console: who is signed in (/staff/session), the hall as pushed by the live feed
// (Server-Sent Events, no polling), and the counter actions of the HTTP API. The page only ever
// shows and operates the counter its staff member is signed in at; the API checks that again.
'use strict';
(() => {
  const T = window.CONSOLE_TEXTS;
  const $ = id => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const HOTKEYS = { F1: 'call-next', 1: 'call-next', F2: 'recall', 2: 'recall', F3: 'skip', 3: 'skip', F4: 'finish', 4: 'finish' };
  const APPLIES = {
    'call-next': ['idle', 'serving'], recall: ['serving'], skip: ['serving'], finish: ['serving'],
    transfer: ['serving'], pause: ['idle'], resume: ['paused'], logout: ['idle', 'paused'],
  };

  let lang = params.get('lang') === 'en' || (params.get('lang') !== 'zh' && /(?:^|;\s*)hall\.lang=en(?:;|$)/.test(document.cookie)) ? 'en' : 'zh';
  let session = null, hall = null, snap = null, skew = 0, connected = false, source = null;
  let message = null; // { kind: 'error' | 'notice', code, text: t => string }
  let chosen = null, optionsKey = '', leaving = false;

  const t = () => T[lang];
  const storageKey = () => `hall.console.counter.${hall}`;
  const now = () => Date.now() + skew; // the hall clock, as far as the last snapshot tells it

  // ---- time and numbers -------------------------------------------------------------------
  function duration(ms) {
    const s = Math.max(0, Math.floor(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
    const two = n => String(n).padStart(2, '0');
    return h > 0 ? `${h}:${two(m)}:${two(r)}` : `${m}:${two(r)}`;
  }
  const clock = iso => iso.slice(11, 16); // HH:mm as the hall reads it: the snapshot's times carry the hall's offset
  function requestId() {
    const b = crypto.getRandomValues(new Uint8Array(12)); // randomUUID needs a secure context; a hall LAN may be plain http
    return 'console-' + Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
  }
  const el = (tag, props, ...kids) => { const e = document.createElement(tag); Object.assign(e, props || {}); e.append(...kids); return e; };

  // ---- what this staff member works ---------------------------------------------------------
  const mine = () => snap && session ? snap.counters.find(c => c.staffId === session.id) || null : null;
  const counterName = id => (snap && snap.counters.find(c => c.id === id) || { name: id }).name;
  function workable() {
    if (!snap) return [];
    const allowed = session.role === 'window-staff' && session.counters.length > 0 ? session.counters : null;
    return snap.counters.filter(c => !allowed || allowed.includes(c.id));
  }

  // ---- talking to the server ----------------------------------------------------------------
  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'X-CSRF-TOKEN': session.csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let reply = null;
    try { reply = await response.json(); } catch { /* an empty or non-JSON answer */ }
    return { status: response.status, reply };
  }

  // Presses run one after the other, in the order pressed (recall, then skip: both happen), and
  // the same press again while it is still queued or on its way is a double press, not a second call.
  let queue = Promise.resolve();
  const waiting = new Set();
  function act(counterId, action, extra) {
    const key = `${counterId} ${action} ${extra ? JSON.stringify(extra) : ''}`;
    if (!session || !hall || waiting.has(key)) return queue;
    waiting.add(key);
    queue = queue.then(() => send(counterId, action, extra)).finally(() => waiting.delete(key));
    return queue;
  }

  async function send(counterId, action, extra) {
    try {
      const path = `/api/halls/${encodeURIComponent(hall)}/counters/${encodeURIComponent(counterId)}/${action}`;
      const { status, reply } = await post(path, { requestId: requestId(), ...(extra || {}) });
      if (reply && reply.ok) done(action, counterId, reply);
      else refused(reply && reply.error ? reply.error.code : `http-${status}`);
    } catch {
      refused('network');
    }
  }

  function done(action, counterId, reply) {
    const number = reply.ticket ? reply.ticket.number : null;
    const f = tt => action === 'call-next' && !number ? tt.done.nobody
      : action === 'login' || action === 'logout' ? tt.done[action](counterName(counterId))
      : tt.done[action](number || '');
    show('notice', action === 'call-next' && !number ? 'nobody-waiting' : `done-${action}`, f);
  }

  function refused(code) {
    show('error', code, tt => {
      const text = tt.errors[code];
      if (code === 'reinstate-window-passed') return text(snap ? snap.reinstateWindowMinutes : 30);
      return typeof text === 'string' ? text : tt.errors.other(code);
    });
    if (code === 'not-signed-in') setTimeout(toLogin, 1500);
    if (code === 'antiforgery-failed') loadSession().catch(() => {}); // a fresh token for the next try
  }

  // A refusal stays until the next action; a confirmation goes after a while by itself.
  function show(kind, code, text) {
    const shown = message = { kind, code, text };
    renderMessage();
    if (kind === 'notice') setTimeout(() => { if (message === shown) { message = null; renderMessage(); } }, 10000);
  }

  function toLogin() {
    leaving = true;
    location.href = `/staff/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}${lang === 'en' ? '&lang=en' : ''}`;
  }

  async function loadSession() {
    const response = await fetch('/staff/session', { credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401) { toLogin(); throw new Error('not signed in'); }
    if (!response.ok) throw new Error(`session: ${response.status}`);
    session = await response.json();
  }

  async function chooseHall() {
    if (params.get('hall')) return params.get('hall');
    const own = session.halls.find(h => h !== '*');
    if (own) return own;
    const halls = await (await fetch('/api/halls', { credentials: 'same-origin' })).json(); // a district viewer's '*'
    return halls.length ? halls[0].id : null;
  }

  // The live feed: EventSource reconnects by itself after a dropped stream; a refused one (401,
  // 403, a proxy's 502) closes for good, so then the page checks its session and opens a new one.
  function connect() {
    source = new EventSource(`/api/halls/${encodeURIComponent(hall)}/live`);
    source.onmessage = e => {
      snap = JSON.parse(e.data);
      skew = Date.parse(snap.at) - Date.now();
      connected = true;
      render();
    };
    source.onerror = () => {
      connected = false;
      renderLink();
      if (source.readyState === EventSource.CLOSED) setTimeout(reopen, 3000);
    };
  }

  async function reopen() {
    try {
      await loadSession();
    } catch {
      if (!leaving) setTimeout(reopen, 3000); // the server is still away
      return;
    }
    connect();
  }

  // ---- drawing ----------------------------------------------------------------------------
  function renderStatic() {
    const tt = t();
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = tt.title;
    for (const e of document.querySelectorAll('[data-t]')) e.textContent = tt[e.dataset.t];
    $('lang').textContent = tt.lang;
    if (session) $('who').textContent = `${session.name} · ${tt.whoRole[session.role] || session.role}`;
  }

  function renderLink() {
    const tt = t(), state = connected ? 'live' : snap ? 'lost' : 'connecting';
    $('link').dataset.state = state;
    $('link').textContent = state === 'live' ? tt.linkLive : state === 'lost' ? tt.linkLost : tt.linkConnecting;
    $('offline').hidden = state !== 'lost';
  }

  function renderMessage() {
    const m = $('message');
    m.hidden = !message;
    if (!message) return;
    m.className = message.kind;
    m.dataset.code = message.code;
    m.textContent = message.text(t());
  }

  function render() {
    renderStatic();
    renderLink();
    renderMessage();
    if (!snap || !session) return;
    $('hall-name').textContent = snap.hallName;
    const counter = mine();
    $('choose').hidden = !!counter;
    $('work').hidden = !counter;
    if (counter) {
      if (chosen !== counter.id) { chosen = counter.id; localStorage.setItem(storageKey(), chosen); }
      renderWork(counter);
    } else {
      delete $('work').dataset.counter;
      renderChoose();
    }
  }

  function renderChoose() {
    const tt = t(), select = $('counter-select'), list = workable();
    $('choose-hint').textContent = session.role === 'district-viewer' ? tt.viewerHint : list.length ? tt.chooseHint : tt.noCounters;
    if (!chosen || !list.some(c => c.id === chosen)) {
      const remembered = localStorage.getItem(storageKey());
      chosen = (list.find(c => c.id === remembered) || list.find(c => !c.staffId) || list[0] || { id: null }).id;
    }
    const label = c => `${c.name} — ${c.staffId ? tt.occupiedBy(c.staffName || c.staffId) : tt.status[c.status]}`;
    const key = lang + '|' + list.map(label).join('|');
    if (key !== optionsKey) { // rebuilt only when it changed, so an open list is not closed under the pointer
      optionsKey = key;
      select.replaceChildren(...list.map(c => el('option', { value: c.id, textContent: label(c) })));
    }
    if (chosen) select.value = chosen;
    $('counter-login').disabled = !chosen;
  }

  function renderWork(counter) {
    const tt = t(), work = $('work');
    work.dataset.counter = counter.id;
    work.dataset.status = counter.status;
    optionsKey = '';
    $('counter-select').replaceChildren(); // while working, no other counter is offered anywhere on the page
    $('counter-name').textContent = counter.name;
    const status = $('counter-status');
    status.textContent = tt.status[counter.status];
    status.dataset.status = counter.status;
    for (const b of work.querySelectorAll('button[data-action]')) {
      b.classList.toggle('inapplicable', !APPLIES[b.dataset.action].includes(counter.status));
    }
    $('work').querySelector('[data-action=pause]').hidden = counter.status === 'paused';
    $('work').querySelector('[data-action=resume]').hidden = counter.status !== 'paused';

    const ticket = counter.ticket;
    $('current').dataset.ticket = ticket ? ticket.number : '';
    $('current-number').textContent = ticket ? ticket.number : '—';
    $('current-service').textContent = ticket ? ticket.serviceName + priority(ticket, tt) : '';
    $('current-times').hidden = !ticket;
    $('current-idle').textContent = ticket ? '' : tt.idle[counter.status] || '';
    if (ticket) {
      $('current-waited').textContent = duration(Date.parse(ticket.calledAt) - Date.parse(ticket.issuedAt));
      $('current-recalls').textContent = tt.times(ticket.recallCount);
    }
    tick();

    renderQueues(counter, tt);
    renderNoShows(counter, tt);
    $('day-served').textContent = counter.day.served;
    $('day-noshows').textContent = counter.day.noShows;
    $('day-mean').textContent = counter.day.served ? duration(counter.day.meanHandlingSeconds * 1000) : '—';
  }

  const priority = (ticket, tt) => ticket.priority === 'green-channel' ? ` · ${tt.green}` : ticket.priority === 'appointment' ? ` · ${tt.appointment}` : '';

  function renderQueues(counter, tt) {
    // The fallback window serves every queue (when idle), so it sees them all.
    const ids = counter.queueIds.length ? counter.queueIds : snap.queues.map(q => q.id);
    $('queue-list').replaceChildren(...ids.map(id => snap.queues.find(q => q.id === id)).filter(Boolean).map(q => {
      const next = q.next.length
        ? q.next.map(n => el('li', {
          className: 'chip' + (n.priority !== 'normal' ? ' priority' : '') + (n.targetCounterId === counter.id ? ' here' : ''),
          textContent: n.number + (n.targetCounterId === counter.id ? ` · ${tt.transferredHere}` : ''),
        }))
        : [el('li', { className: 'none', textContent: tt.noneWaiting })];
      const item = el('div', { className: 'queue' },
        el('div', { className: 'queue-head' },
          el('span', { className: 'queue-name', textContent: `${q.prefix} · ${q.name}` }),
          el('span', { className: 'queue-count', textContent: tt.waiting(q.waiting) }),
          el('span', { className: 'queue-longest', textContent: q.waiting ? tt.longest(Math.floor(q.longestWaitSeconds / 60)) : '' })),
        el('ul', { className: 'next' }, ...next));
      item.dataset.queue = q.id;
      item.dataset.waiting = q.waiting;
      return item;
    }));
  }

  function renderNoShows(counter, tt) {
    const list = $('noshow-list');
    if (!snap.noShows.length) { list.replaceChildren(el('li', { className: 'none', textContent: tt.noNoShows })); return; }
    list.replaceChildren(...snap.noShows.map(n => {
      const left = Math.max(0, Math.ceil(snap.reinstateWindowMinutes - (Date.parse(snap.at) - Date.parse(n.skippedAt)) / 60000));
      const button = el('button', { type: 'button', className: 'btn secondary', textContent: tt.reinstate });
      button.dataset.reinstate = n.number;
      button.onclick = () => act(counter.id, 'reinstate', { ticketNumber: n.number });
      const item = el('li', {},
        el('span', { className: 'number', textContent: n.number }),
        el('span', { className: 'what', textContent: `${n.serviceName} · ${tt.skippedAt(clock(n.skippedAt), left)}` }),
        button);
      item.dataset.ticket = n.number;
      return item;
    }));
  }

  // Only the running clock changes between snapshots.
  function tick() {
    const counter = mine();
    if (counter && counter.ticket && counter.ticket.calledAt) $('current-serving').textContent = duration(now() - Date.parse(counter.ticket.calledAt));
  }

  // ---- the transfer dialog ------------------------------------------------------------------
  function openTransfer(counter) {
    const tt = t(), select = $('transfer-target');
    const queues = el('optgroup', { label: tt.toQueues }, ...snap.queues.map(q => el('option', { value: 'q:' + q.id, textContent: `${q.prefix} · ${q.name}` })));
    const counters = el('optgroup', { label: tt.toCounters },
      ...snap.counters.filter(c => c.id !== counter.id).map(c => el('option', { value: 'c:' + c.id, textContent: c.name })));
    select.replaceChildren(queues, counters);
    const elsewhere = snap.queues.find(q => !counter.queueIds.includes(q.id)); // sending it back to its own queue is rarely meant
    if (elsewhere) select.value = 'q:' + elsewhere.id;
    const dialog = $('transfer-dialog');
    dialog.returnValue = '';
    dialog.showModal();
    select.focus();
  }

  $('transfer-dialog').addEventListener('close', () => {
    const dialog = $('transfer-dialog'), counter = mine(), target = $('transfer-target').value;
    if (dialog.returnValue !== 'ok' || !counter || !target) return;
    act(counter.id, 'transfer', target.startsWith('q:') ? { toQueueId: target.slice(2) } : { toCounterId: target.slice(2) });
  });

  // ---- input ------------------------------------------------------------------------------
  function press(action) {
    const counter = mine();
    if (!counter) return;
    if (action === 'transfer') openTransfer(counter);
    else act(counter.id, action);
  }

  for (const b of document.querySelectorAll('#work button[data-action]')) b.addEventListener('click', () => press(b.dataset.action));

  document.addEventListener('keydown', e => {
    const action = HOTKEYS[e.key];
    if (!action || e.ctrlKey || e.altKey || e.metaKey || !mine()) return;
    // Typing a number into a field, or choosing in a list, is not a call.
    if (e.target instanceof Element && e.target.closest('input, select, textarea, [contenteditable]')) return;
    if (document.querySelector('dialog[open]')) return;
    e.preventDefault(); // F1 would open the browser's help
    if (!e.repeat) press(action);
  });

  $('counter-select').addEventListener('change', e => { chosen = e.target.value; localStorage.setItem(storageKey(), chosen); });
  $('counter-login').addEventListener('click', () => { if (chosen) act(chosen, 'login'); });

  $('lang').addEventListener('click', () => {
    lang = lang === 'en' ? 'zh' : 'en';
    document.cookie = `hall.lang=${lang}; path=/; max-age=31536000; samesite=strict`;
    optionsKey = '';
    render();
  });

  $('signout').addEventListener('click', async () => {
    try {
      const { status } = await post('/staff/logout');
      if (status !== 204 && status !== 401) { refused(status === 403 ? 'forbidden' : `http-${status}`); return; }
    } catch {
      refused('network');
      return;
    }
    if (source) source.close();
    location.href = '/staff/login' + (lang === 'en' ? '?lang=en' : '');
  });

  async function start() {
    renderStatic();
    renderLink();
    try {
      await loadSession();
    } catch {
      return; // sent to the sign-in page
    }
    renderStatic();
    hall = await chooseHall();
    if (!hall) { show('error', 'unknown-hall', tt => tt.errors['unknown-hall']); return; }
    connect();
    setInterval(tick, 1000);
  }

  start();
})();
