// The hall's live feed (Server-Sent Events of the whole snapshot; nothing is polled) and the
// connection state in the header.
import { S, $, T, el, enc } from './state.js';

const RetryMs = 3000;
const listeners = [];

/** Runs `draw` after every snapshot the feed brings (the board, the follow-ups, the report picker). */
export const onSnapshot = draw => { listeners.push(draw); };

export function connect() {
  if (S.source) S.source.close();
  const es = new EventSource(`/api/halls/${enc(S.hallId)}/live`);
  S.source = es;
  setConnection(S.snap ? 'lost' : 'connecting');
  es.onmessage = e => {
    if (es !== S.source) return;
    S.snap = JSON.parse(e.data);
    S.receivedAt = performance.now();
    setConnection('live');
    for (const draw of listeners) draw();
  };
  es.onerror = () => {
    if (es !== S.source) return;
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

export function setConnection(state) {
  S.conn = state;
  const c = $('conn');
  c.dataset.state = state;
  c.textContent = T().conn[state];
  document.body.classList.toggle('stale', state !== 'live' && S.snap !== null);
}

export function showNotice(text, signIn) {
  const n = $('notice');
  n.replaceChildren(text);
  if (signIn) {
    n.append(' ', el('a', { href: '/staff/login?returnUrl=' + enc(location.pathname + location.search) }, T().signIn));
  }
  n.hidden = false;
}
