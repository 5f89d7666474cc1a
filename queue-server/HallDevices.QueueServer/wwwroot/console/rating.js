// 好差评 at the window (GB/T 39734-2020, 一次一评). After a finish the staff member may turn the
// screen to the citizen (请评价), who taps one of the five national levels; a bad one (不满意,
// 非常不满意) shows the hall's reasons and a text box. Nobody may steer a rating, so the staff
// member gets only the counts per level (GET …/ratings): the panel forgets the choice when it
// closes, and the notice afterwards says only that the case was rated.
import { S, $, t, el } from './state.js';
import { post, refused } from './server.js';
import { show, switchLanguage } from './view.js';

const ThanksMs = 3000;
const RefusalMs = 8000;
const CountsMaxAgeMs = 30000; // ratings from the evaluator and phones arrive without a change of the counter's own figures

let terms = null;    // GET /api/halls/{hallId}/evaluation: levels, reasons, text length
let seen = null;     // { counterId, number, served } at the last drawing
let rateable = null; // { counterId, number, next } the case just finished here, until the next citizen is called
let panel = null;    // while the panel is open: { counterId, number, step, score, reasons, code, timer }
let panelKey = '';
let counts = null, countsKey = '', countsAt = 0, countsLoading = false;

const hallPath = () => `/api/halls/${encodeURIComponent(S.hall)}`;
const name = x => S.lang === 'en' ? x.nameEn : x.name;

async function loadTerms() {
  if (terms) return terms;
  const response = await fetch(`${hallPath()}/evaluation`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`evaluation terms: ${response.status}`);
  return terms = await response.json();
}

/**
 * Called with every drawing of the work panel. A case counts as just finished here when the ticket
 * the counter was serving has gone and the counter's served count went up (a skip or a transfer
 * does not count one) — whether the finish came from this page, its hotkeys or the keypad.
 */
export function observe(counter) {
  const number = counter.ticket ? counter.ticket.number : null;
  if (!seen || seen.counterId !== counter.id) rateable = null;
  else if (seen.number && seen.number !== number && counter.day.served > seen.served) rateable = { counterId: counter.id, number: seen.number, next: number };
  else if (rateable && number && number !== rateable.next) rateable = null; // the next citizen is at the desk
  seen = { counterId: counter.id, number, served: counter.day.served };
  renderPrompt();
  if (countsKey !== `${counter.id} ${counter.day.served}` || Date.now() - countsAt > CountsMaxAgeMs) loadCounts(counter.id, `${counter.id} ${counter.day.served}`);
  renderCounts();
}

function renderPrompt() {
  const button = $('rate-prompt');
  button.hidden = !rateable || !!panel;
  if (rateable) {
    button.textContent = t().ratePrompt(rateable.number);
    button.dataset.ticket = rateable.number;
  }
}

// ---- the counter's figures ----------------------------------------------------------------
async function loadCounts(counterId, key) {
  if (countsLoading) return;
  countsLoading = true;
  countsKey = key;
  countsAt = Date.now();
  try {
    const response = await fetch(`${hallPath()}/counters/${encodeURIComponent(counterId)}/ratings`, { credentials: 'same-origin', cache: 'no-store' });
    if (response.ok) counts = await response.json();
  } catch {
    // The next drawing tries again; the live feed says when the server is away.
  } finally {
    countsLoading = false;
  }
  renderCounts();
}

function renderCounts() {
  const table = $('ratings'), tt = t();
  if (!counts) { table.tBodies[0].replaceChildren(); return; }
  table.dataset.counter = counts.counterId;
  const levels = counts.counter.levels;
  table.tHead.rows[0].replaceChildren(el('th'), ...levels.map(l => el('th', { textContent: name(l) })), el('th', { textContent: tt.ratingsRated }));
  const row = (kind, label, figures) => {
    const tr = el('tr', {}, el('th', { textContent: label }), ...figures.levels.map(l => {
      const td = el('td', { textContent: String(l.count) });
      td.dataset.score = l.score;
      return td;
    }), el('td', { className: 'rated', textContent: `${figures.rated} / ${figures.served}` }));
    tr.dataset.row = kind;
    return tr;
  };
  const rows = [row('counter', tt.ratingsCounter, counts.counter)];
  if (counts.staff) rows.push(row('staff', tt.ratingsStaff, counts.staff));
  table.tBodies[0].replaceChildren(...rows);
}

// ---- the citizen's panel --------------------------------------------------------------------
async function open() {
  if (!rateable || panel) return;
  panel = { counterId: rateable.counterId, number: rateable.number, step: 'levels', score: null, reasons: new Set(), code: null, timer: 0 };
  panelKey = '';
  renderPrompt();
  $('rate-dialog').showModal();
  try {
    await loadTerms();
  } catch {
    if (panel) { panel.step = 'error'; panel.code = 'unavailable'; }
  }
  renderPanel();
}

/** Draws the open panel; called again by view.js after every push and a language switch. */
export function renderPanel() {
  if (!panel) return;
  const tt = t(), dialog = $('rate-dialog');
  const key = `${S.lang} ${panel.step} ${panel.code} ${!!terms}`;
  dialog.dataset.step = panel.step;
  $('rate-lang').textContent = tt.lang;
  $('rate-ticket').textContent = tt.rateTicket(panel.number);
  $('rate-skip').hidden = panel.step === 'sending' || panel.step === 'thanks';
  $('rate-skip').textContent = panel.step === 'error' ? tt.rateClose : tt.rateSkip;
  if (key === panelKey) return; // rebuilt only when it changed, so a finger on a button keeps its button
  panelKey = key;
  const levels = panel.step === 'levels' && terms ? terms.levels : [];
  $('rate-levels').hidden = panel.step !== 'levels';
  $('rate-levels').replaceChildren(...levels.map(l => {
    const b = el('button', { type: 'button', className: 'btn level' + (l.bad ? ' bad' : ''), textContent: name(l) });
    b.dataset.score = l.score;
    b.onclick = () => choose(l);
    return b;
  }));
  $('rate-reasons-step').hidden = panel.step !== 'reasons';
  if (panel.step === 'reasons') {
    $('rate-reasons').replaceChildren(...terms.reasons.map(r => {
      const box = el('input', { type: 'checkbox', value: r.id, checked: panel.reasons.has(r.id) });
      box.onchange = () => { if (box.checked) panel.reasons.add(r.id); else panel.reasons.delete(r.id); };
      const label = el('label', { className: 'reason' }, box, el('span', { textContent: name(r) }));
      label.dataset.reason = r.id;
      return label;
    }));
    $('rate-text').maxLength = terms.maxReasonTextLength;
  }
  const result = $('rate-result');
  result.hidden = !['sending', 'thanks', 'error'].includes(panel.step);
  result.className = 'rate-result ' + panel.step;
  result.dataset.code = panel.code || '';
  result.textContent = panel.step === 'sending' ? tt.rateSending : panel.step === 'thanks' ? tt.rateThanks
    : panel.code === 'unavailable' ? tt.rateUnavailable
    : typeof tt.errors[panel.code] === 'string' ? tt.errors[panel.code] : tt.errors.other(panel.code);
}

function choose(level) {
  if (!panel || panel.step !== 'levels') return;
  panel.score = level.score;
  if (level.bad) { panel.step = 'reasons'; renderPanel(); return; }
  submit();
}

async function submit() {
  if (!panel || panel.step === 'sending') return;
  const shown = panel, bad = terms.levels.some(l => l.bad && l.score === shown.score);
  const text = $('rate-text').value.trim();
  const body = { ticketNumber: shown.number, score: shown.score };
  if (bad && shown.reasons.size) body.reasonIds = [...shown.reasons];
  if (bad && text) body.reasonText = text;
  shown.step = 'sending';
  renderPanel();
  let code = null;
  try {
    const { status, reply } = await post(`${hallPath()}/counters/${encodeURIComponent(shown.counterId)}/evaluation`, body);
    if (!reply || !reply.ok) code = reply && reply.error ? reply.error.code : `http-${status}`;
  } catch {
    code = 'network';
  }
  if (panel !== shown) return; // closed meanwhile
  // Rated, or never to be rated here: either way the prompt goes.
  if (!code || ['already-evaluated', 'evaluation-closed', 'not-served-here', 'invalid-ticket-state'].includes(code)) {
    if (rateable && rateable.number === shown.number) rateable = null;
  }
  shown.step = code ? 'error' : 'thanks';
  shown.code = code;
  renderPanel();
  shown.timer = setTimeout(close, code ? RefusalMs : ThanksMs);
  loadCounts(shown.counterId, countsKey);
}

function close() {
  if ($('rate-dialog').open) $('rate-dialog').close();
}

// However it closes (thanks, 暂不评价, Esc), the panel forgets what was chosen.
$('rate-dialog').addEventListener('close', () => {
  const closed = panel;
  panel = null;
  panelKey = '';
  if (closed) clearTimeout(closed.timer);
  for (const id of ['rate-levels', 'rate-reasons']) $(id).replaceChildren();
  $('rate-text').value = '';
  $('rate-result').hidden = true;
  $('rate-result').textContent = '';
  delete $('rate-dialog').dataset.step;
  renderPrompt();
  if (closed && closed.step === 'thanks') show('notice', 'done-rated', tt => tt.done.rated(closed.number));
  else if (closed && ['not-signed-in', 'antiforgery-failed'].includes(closed.code)) refused(closed.code);
});

$('rate-prompt').addEventListener('click', open);
$('rate-submit').addEventListener('click', submit);
$('rate-back').addEventListener('click', () => { if (panel) { panel.step = 'levels'; panel.score = null; renderPanel(); } });
$('rate-skip').addEventListener('click', close);
$('rate-lang').addEventListener('click', switchLanguage);
