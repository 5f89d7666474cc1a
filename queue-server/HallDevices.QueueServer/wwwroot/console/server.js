// Talking to the server: the session (/staff/session), the counter actions of the HTTP API, and the
// live feed (Server-Sent Events, no polling) that every drawing follows.
import { S, counterName } from './state.js';
import { render, renderLink, show } from './view.js';

function requestId() {
  const b = crypto.getRandomValues(new Uint8Array(12)); // randomUUID needs a secure context; a hall LAN may be plain http
  return 'console-' + Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}

export async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'X-CSRF-TOKEN': S.session.csrfToken },
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
export function act(counterId, action, extra) {
  const key = `${counterId} ${action} ${extra ? JSON.stringify(extra) : ''}`;
  if (!S.session || !S.hall || waiting.has(key)) return queue;
  waiting.add(key);
  queue = queue.then(() => send(counterId, action, extra)).finally(() => waiting.delete(key));
  return queue;
}

async function send(counterId, action, extra) {
  try {
    const path = `/api/halls/${encodeURIComponent(S.hall)}/counters/${encodeURIComponent(counterId)}/${action}`;
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

export function refused(code) {
  show('error', code, tt => {
    const text = tt.errors[code];
    if (code === 'reinstate-window-passed') return text(S.snap ? S.snap.reinstateWindowMinutes : 30);
    return typeof text === 'string' ? text : tt.errors.other(code);
  });
  if (code === 'not-signed-in') setTimeout(toLogin, 1500);
  if (code === 'antiforgery-failed') loadSession().catch(() => {}); // a fresh token for the next try
}

export function toLogin() {
  S.leaving = true;
  location.href = `/staff/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}${S.lang === 'en' ? '&lang=en' : ''}`;
}

export async function loadSession() {
  const response = await fetch('/staff/session', { credentials: 'same-origin', cache: 'no-store' });
  if (response.status === 401) { toLogin(); throw new Error('not signed in'); }
  if (!response.ok) throw new Error(`session: ${response.status}`);
  S.session = await response.json();
}

export async function chooseHall(params) {
  if (params.get('hall')) return params.get('hall');
  const own = S.session.halls.find(h => h !== '*');
  if (own) return own;
  const halls = await (await fetch('/api/halls', { credentials: 'same-origin' })).json(); // a district viewer's '*'
  return halls.length ? halls[0].id : null;
}

// The live feed: EventSource reconnects by itself after a dropped stream; a refused one (401,
// 403, a proxy's 502) closes for good, so then the page checks its session and opens a new one.
export function connect() {
  const source = S.source = new EventSource(`/api/halls/${encodeURIComponent(S.hall)}/live`);
  source.onmessage = e => {
    S.snap = JSON.parse(e.data);
    S.skew = Date.parse(S.snap.at) - Date.now();
    S.connected = true;
    render();
  };
  source.onerror = () => {
    S.connected = false;
    renderLink();
    if (source.readyState === EventSource.CLOSED) setTimeout(reopen, 3000);
  };
}

async function reopen() {
  try {
    await loadSession();
  } catch {
    if (!S.leaving) setTimeout(reopen, 3000); // the server is still away
    return;
  }
  connect();
}
