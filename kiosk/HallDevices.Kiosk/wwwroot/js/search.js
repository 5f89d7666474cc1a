// The search screen: the input field (a physical keyboard and typed Chinese work), an on-screen
// a–z keyboard for pinyin initials with 删除, 清空 and 返回, and the kiosk's ranked results
// (GET /api/search), paged like a category. The field and keyboard are built once and kept
// across redraws, so pushed state (waiting counts) never takes the text or the focus away.
import { S, el, t, go, button, service, lang } from './state.js';
import { pagedServices } from './services.js';

const LETTERS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
let root = null, input, hint, status, results, labels = [];
let asked = '';   // the query last sent: a slower, older answer is dropped
let timer = 0;
let composing = false; // an input method is composing in the field: its text is not S.nav.query yet

function search(now) {
  const query = input.value.trim();
  S.nav = { screen: 'search', query: input.value, results: query ? S.nav.results : null, for: query ? S.nav.for : '', page: 0 };
  clearTimeout(timer);
  if (!query) { asked = ''; S.redraw(); return; }
  const language = lang();
  timer = setTimeout(async () => {
    asked = query;
    try {
      const r = await fetch('/api/search?q=' + encodeURIComponent(query) + '&lang=' + language);
      if (!r.ok) throw new Error(r.status);
      const found = await r.json();
      if (asked !== query || S.nav.screen !== 'search') return;
      S.nav = { ...S.nav, results: found.services, for: query, forLang: language, page: 0 };
    } catch {
      if (asked !== query) return;
      S.nav = { ...S.nav, results: [], for: query, forLang: language, page: 0 };
    }
    S.redraw();
  }, now ? 0 : 150);
}

function key(letter) { input.value += letter; search(true); }

function build() {
  input = el('input', { type: 'search', className: 'search-input', autocomplete: 'off', spellcheck: false });
  input.dataset.testid = 'search-input';
  input.maxLength = 32;
  // An input method composes Chinese in several key strokes; search once the characters are there.
  // While it composes, the field holds letters S.nav.query has not seen; a redraw then leaves the field alone.
  input.addEventListener('compositionstart', () => { composing = true; });
  input.addEventListener('input', e => { if (!e.isComposing && !composing) search(false); });
  input.addEventListener('compositionend', () => { composing = false; search(false); });
  input.addEventListener('blur', () => { composing = false; });
  hint = el('p', { className: 'hint small' });
  const keys = LETTERS.map(row => el('div', { className: 'keys' },
    ...[...row].map(c => button('key', c, { key: c }, () => key(c)))));
  const erase = button('key wide', '', { action: 'backspace' }, () => { input.value = input.value.slice(0, -1); search(true); });
  const clear = button('key wide', '', { action: 'clear' }, () => { input.value = ''; search(true); });
  const back = button('key wide', '', { action: 'back' }, () => go({ screen: 'home' }));
  labels = [[erase, 'backspace'], [clear, 'clear'], [back, 'back']];
  keys[2].append(erase);
  const keyboard = el('div', { className: 'keyboard' }, ...keys, el('div', { className: 'keys' }, clear, back));
  keyboard.dataset.testid = 'keyboard';
  status = el('p', { className: 'status-line' });
  status.dataset.testid = 'search-status';
  results = el('div', { className: 'results' });
  root = el('div', { className: 'search' }, el('div', { className: 'bar' }, input), hint, keyboard, status, results);
}

export function renderSearch(screen) {
  const tt = t();
  if (!root) build();
  if (screen.firstElementChild !== root || screen.childElementCount !== 1) { composing = false; screen.replaceChildren(root); }
  screen.dataset.screen = 'search';
  // Typing updates S.nav.query at once, so this only clears the field for a new search or a new
  // citizen; never mid-composition, when pushed state (waiting counts) would wipe the input method's text.
  if (!composing && input.value !== (S.nav.query || '')) input.value = S.nav.query || '';
  // English names match only in English: results asked in the other language are asked again.
  if (!composing && S.nav.for && S.nav.forLang && S.nav.forLang !== lang()) search(true);
  input.placeholder = tt.searchPlaceholder;
  hint.textContent = tt.searchHint;
  for (const [b, label] of labels) b.textContent = tt[label];
  const ids = S.nav.results;
  const found = (ids || []).map(service).filter(Boolean);
  status.textContent = ids === null ? '' : found.length ? tt.found(found.length) : tt.notFound;
  status.dataset.query = S.nav.for || ''; // the query these results answer (tests wait for it)
  results.replaceChildren(...(found.length ? [pagedServices(found, S.nav.page, page => go({ ...S.nav, page }))] : []));
}
