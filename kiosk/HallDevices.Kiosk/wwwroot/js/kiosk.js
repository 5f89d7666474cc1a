// The kiosk's touch page. The kiosk pushes its state (the screen it is on, the catalogue with
// waiting counts, the guide on screen) as server-sent events; browsing the categories and
// searching happen here, and only a service's guide, 取号 and the switches go to the kiosk.
// state.js holds what the modules share; browse.js draws the start, category and list screens,
// search.js the search screen, guide.js the guide, outcome.js the ticket and messages.
import { S, $, t, post, elderly } from './state.js';
import { renderBrowse } from './browse.js';
import { refreshCounts } from './services.js';
import { renderSearch } from './search.js';
import { renderGuide } from './guide.js';
import { renderOutcome } from './outcome.js';

const TOUCH_EVERY_MS = 3000;
let touched = 0;

function render() {
  if (!S.state) return;
  const v = S.state.view, tt = t(), screen = $('screen');
  if (S.visit !== v.visit) { S.visit = v.visit; S.nav = { screen: 'home' }; } // a new citizen starts at the top
  document.documentElement.lang = v.language === 'en' ? 'en' : 'zh-CN';
  document.body.classList.toggle('elderly', elderly());
  $('hall').textContent = S.state.catalog ? S.state.catalog.hallName : '';
  $('lang').textContent = tt.lang;
  $('elderly').textContent = tt.elderly;
  $('elderly').setAttribute('aria-pressed', String(elderly()));
  const off = $('offline');
  off.textContent = tt.offline;
  off.style.display = S.state.connected ? 'none' : 'block';
  if (v.screen === 'start' || v.screen === 'services') {
    if (S.nav.screen === 'search') renderSearch(screen);
    else renderBrowse(screen, v);
  } else if (v.screen === 'guide') {
    renderGuide(screen, v);
  } else {
    renderOutcome(screen, v);
  }
}
S.redraw = render;

$('lang').addEventListener('click', () => post('/api/language', { language: S.state && S.state.view.language === 'en' ? 'zh' : 'en' }));
$('elderly').addEventListener('click', () => post('/api/elderly', { on: !elderly() }));

// Browsing here changes nothing at the kiosk, so it is told the citizen is still there (at most
// every few seconds): its idle timeout then forgets only a citizen who walked away.
const touch = () => {
  if (Date.now() - touched < TOUCH_EVERY_MS) return;
  touched = Date.now();
  post('/api/touch');
};
document.addEventListener('pointerdown', touch, { capture: true });
document.addEventListener('keydown', touch, { capture: true });

// The state without what every ticket taken in the hall changes: the waiting counts, and today's
// 常办事项 (shown on the start screen only). When only they changed, the screen is not rebuilt.
const withoutCounts = s => JSON.stringify({ ...s, catalog: s.catalog && { ...s.catalog, common: [], queues: s.catalog.queues.map(q => ({ ...q, waiting: 0 })) } });
const atHome = s => (s.view.screen === 'start' || s.view.screen === 'services') && S.nav.screen === 'home';
const sameCommon = (a, b) => JSON.stringify(a.catalog && a.catalog.common) === JSON.stringify(b.catalog && b.catalog.common);

function connect() {
  const source = new EventSource('/api/events');
  // The kiosk repeats the state every 2 s; the screen is rebuilt only when it changed, so a
  // finger resting on a button is not pulled out from under it, and when only waiting counts
  // changed they are rewritten in place.
  source.onmessage = e => {
    if (e.data === S.shown) return;
    const next = JSON.parse(e.data);
    const countsOnly = S.state && withoutCounts(S.state) === withoutCounts(next) && (!atHome(next) || sameCommon(S.state, next));
    S.shown = e.data;
    S.state = next;
    if (countsOnly) refreshCounts($('screen'));
    else render();
  };
  source.onerror = () => { S.shown = ''; if (S.state) { S.state.connected = false; render(); } };
}
connect();
