// The hall manager dashboard. Reads who is signed in (/staff/session), then the hall's live feed
// (Server-Sent Events of the whole snapshot: counters, queues, today's figures, devices, alerts)
// and draws it; nothing is polled. Times tick locally from the snapshot's `at` (the hall clock),
// so a browser whose clock is off still shows the right durations. Only a hall manager gets the
// reprint form; the server refuses anyone else anyway. This module starts the page, picks the hall
// and switches the language; state.js holds what the parts share, live.js the feed, board.js draws
// the hall, reprint.js is the guide desk's reprint, followups.js the follow-up of bad ratings
// (差评回访整改), reports.js the day's and month's report.
import { S, $, T, el, enc, params } from './state.js';
import { connect, onSnapshot, setConnection, showNotice } from './live.js';
import { render, renderWho, tick } from './board.js';
import { reprint, renderReprint, resetReprint } from './reprint.js';
import { onSnapshot as followUpsOnSnapshot, renderFollowUps, resetFollowUps } from './followups.js';
import { initReports, renderReport, resetReports } from './reports.js';

onSnapshot(render);
onSnapshot(followUpsOnSnapshot);
onSnapshot(initReports);

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
  const session = S.session = await r.json();
  const all = await (await fetch('/api/halls', { cache: 'no-store' })).json();
  const halls = S.halls = all.filter(h => session.halls.includes('*') || session.halls.includes(h.id));
  const asked = params.get('hall');
  S.hallId = asked && halls.some(h => h.id === asked) ? asked : halls.length ? halls[0].id : null;
  const manager = session.role === 'hall-manager';
  $('reprint-box').hidden = !manager;
  document.body.classList.toggle('read-only', !manager);
  if (session.role === 'district-viewer' || halls.length > 1) {
    $('hall-picker').replaceChildren(...halls.map(h => el('option', { value: h.id, selected: h.id === S.hallId }, h.name)));
    $('hall-pick').hidden = false;
  }
  renderWho();
  if (!S.hallId) {
    showNotice(T().noHall);
    return;
  }
  connect();
  setInterval(tick, 1000);
}

function pickHall(id) {
  if (id === S.hallId) return;
  S.hallId = id;
  params.set('hall', id);
  history.replaceState(null, '', '?' + params.toString());
  S.snap = null;
  render();
  resetReprint();
  resetFollowUps();
  resetReports();
  connect();
}

// --- language and session --------------------------------------------------------------------
function applyLanguage() {
  const t = T();
  document.documentElement.lang = S.lang === 'en' ? 'en' : 'zh-CN';
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t[e.dataset.t];
  $('lang').textContent = t.lang;
  setConnection(S.conn);
  renderWho();
  render();
  renderReprint();
  renderFollowUps();
  renderReport();
}

function switchLanguage() {
  S.lang = S.lang === 'en' ? 'zh' : 'en';
  document.cookie = `hall.lang=${S.lang}; path=/; max-age=31536000; samesite=strict`;
  params.set('lang', S.lang);
  history.replaceState(null, '', '?' + params.toString());
  applyLanguage();
}

async function signOut() {
  try {
    await fetch('/staff/logout', { method: 'POST', headers: { 'X-CSRF-TOKEN': S.session ? S.session.csrfToken : '' } });
  } finally {
    location.href = '/staff/login' + (S.lang === 'en' ? '?lang=en' : '');
  }
}

start().catch(() => showNotice(T().refusals.network()));
