// Drawing the console from the last pushed snapshot: the header, the message line, the counter
// chooser, and the work panel of the counter this staff member is signed in at.
import { S, $, t, el, mine, workable, storageKey, now, duration, clock } from './state.js';
import { act } from './server.js';
import { observe, renderPanel } from './rating.js';

const APPLIES = {
  'call-next': ['idle', 'serving'], recall: ['serving'], skip: ['serving'], finish: ['serving'],
  transfer: ['serving'], pause: ['idle'], resume: ['paused'], logout: ['idle', 'paused'],
};

// A refusal stays until the next action; a confirmation goes after a while by itself.
export function show(kind, code, text) {
  const shown = S.message = { kind, code, text };
  renderMessage();
  if (kind === 'notice') setTimeout(() => { if (S.message === shown) { S.message = null; renderMessage(); } }, 10000);
}

export function renderStatic() {
  const tt = t();
  document.documentElement.lang = S.lang === 'en' ? 'en' : 'zh-CN';
  document.title = tt.title;
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = tt[e.dataset.t];
  $('lang').textContent = tt.lang;
  if (S.session) $('who').textContent = `${S.session.name} · ${tt.whoRole[S.session.role] || S.session.role}`;
}

export function renderLink() {
  const tt = t(), state = S.connected ? 'live' : S.snap ? 'lost' : 'connecting';
  $('link').dataset.state = state;
  $('link').textContent = state === 'live' ? tt.linkLive : state === 'lost' ? tt.linkLost : tt.linkConnecting;
  $('offline').hidden = state !== 'lost';
}

export function renderMessage() {
  const m = $('message');
  m.hidden = !S.message;
  if (!S.message) return;
  m.className = S.message.kind;
  m.dataset.code = S.message.code;
  m.textContent = S.message.text(t());
}

export function render() {
  renderStatic();
  renderLink();
  renderMessage();
  if (!S.snap || !S.session) return;
  $('hall-name').textContent = S.snap.hallName;
  const counter = mine();
  $('choose').hidden = !!counter;
  $('work').hidden = !counter;
  if (counter) {
    if (S.chosen !== counter.id) { S.chosen = counter.id; localStorage.setItem(storageKey(), S.chosen); }
    renderWork(counter);
  } else {
    delete $('work').dataset.counter;
    renderChoose();
  }
  renderPanel();
}

export function switchLanguage() {
  S.lang = S.lang === 'en' ? 'zh' : 'en';
  document.cookie = `hall.lang=${S.lang}; path=/; max-age=31536000; samesite=strict`;
  S.optionsKey = '';
  render();
}

function renderChoose() {
  const tt = t(), select = $('counter-select'), list = workable();
  $('choose-hint').textContent = S.session.role === 'district-viewer' ? tt.viewerHint : list.length ? tt.chooseHint : tt.noCounters;
  if (!S.chosen || !list.some(c => c.id === S.chosen)) {
    const remembered = localStorage.getItem(storageKey());
    S.chosen = (list.find(c => c.id === remembered) || list.find(c => !c.staffId) || list[0] || { id: null }).id;
  }
  const label = c => `${c.name} — ${c.staffId ? tt.occupiedBy(c.staffName || c.staffId) : tt.status[c.status]}`;
  const key = S.lang + '|' + list.map(label).join('|');
  if (key !== S.optionsKey) { // rebuilt only when it changed, so an open list is not closed under the pointer
    S.optionsKey = key;
    select.replaceChildren(...list.map(c => el('option', { value: c.id, textContent: label(c) })));
  }
  if (S.chosen) select.value = S.chosen;
  $('counter-login').disabled = !S.chosen;
}

function renderWork(counter) {
  const tt = t(), work = $('work');
  work.dataset.counter = counter.id;
  work.dataset.status = counter.status;
  S.optionsKey = '';
  $('counter-select').replaceChildren(); // while working, no other counter is offered anywhere on the page
  $('counter-name').textContent = counter.name;
  const status = $('counter-status');
  status.textContent = tt.status[counter.status];
  status.dataset.status = counter.status;
  for (const b of work.querySelectorAll('button[data-action]')) {
    b.classList.toggle('inapplicable', !APPLIES[b.dataset.action].includes(counter.status));
  }
  work.querySelector('[data-action=pause]').hidden = counter.status === 'paused';
  work.querySelector('[data-action=resume]').hidden = counter.status !== 'paused';

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
  observe(counter);
}

const priority = (ticket, tt) => ticket.priority === 'green-channel' ? ` · ${tt.green}` : ticket.priority === 'appointment' ? ` · ${tt.appointment}` : '';

function renderQueues(counter, tt) {
  const snap = S.snap;
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
  const snap = S.snap, list = $('noshow-list');
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
export function tick() {
  const counter = mine();
  if (counter && counter.ticket && counter.ticket.calledAt) $('current-serving').textContent = duration(now() - Date.parse(counter.ticket.calledAt));
}
