// The window console: who is signed in (/staff/session), the hall as pushed by the live feed
// (Server-Sent Events, no polling), and the counter actions of the HTTP API. The page only ever
// shows and operates the counter its staff member is signed in at; the API checks that again.
// This module wires the input and starts; state.js holds what the parts share, server.js talks to
// the server, view.js draws, transfer.js is the transfer dialog, rating.js the citizen's rating
// panel and the counter's level counts.
import { S, $, params, mine, storageKey } from './state.js';
import { act, post, refused, loadSession, chooseHall, connect } from './server.js';
import { renderStatic, renderLink, show, tick, switchLanguage } from './view.js';
import { openTransfer } from './transfer.js';

const HOTKEYS = { F1: 'call-next', 1: 'call-next', F2: 'recall', 2: 'recall', F3: 'skip', 3: 'skip', F4: 'finish', 4: 'finish' };

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

$('counter-select').addEventListener('change', e => { S.chosen = e.target.value; localStorage.setItem(storageKey(), S.chosen); });
$('counter-login').addEventListener('click', () => { if (S.chosen) act(S.chosen, 'login'); });

$('lang').addEventListener('click', switchLanguage);

$('signout').addEventListener('click', async () => {
  try {
    const { status } = await post('/staff/logout');
    if (status !== 204 && status !== 401) { refused(status === 403 ? 'forbidden' : `http-${status}`); return; }
  } catch {
    refused('network');
    return;
  }
  if (S.source) S.source.close();
  location.href = '/staff/login' + (S.lang === 'en' ? '?lang=en' : '');
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
  S.hall = await chooseHall(params);
  if (!S.hall) { show('error', 'unknown-hall', tt => tt.errors['unknown-hall']); return; }
  connect();
  setInterval(tick, 1000);
}

start();
