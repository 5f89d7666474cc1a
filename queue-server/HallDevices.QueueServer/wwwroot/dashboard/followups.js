// 好差评 follow-up (差评回访整改): the hall's cases of bad ratings with their due dates, overdue ones
// marked, and the forms to record the call-back (回访), the rectification (整改) and the citizen's
// satisfaction with it, to appeal a rating and to decide an appeal. The list is read from
// GET …/follow-ups whenever the live feed shows the hall changed (a rating or a step is a change),
// and once a minute, since a case falls overdue at midnight without any event.
import { S, $, T, el, enc } from './state.js';

const RefreshMs = 60000;
const MinGapMs = 1000;

let cases = [], loadedFor = null, lastSequence = null, lastLoad = -Infinity, loading = false, again = false, scheduled = 0;
let openCase = null, formError = null;

const isManager = () => !!S.session && S.session.role === 'hall-manager';
const mayReview = () => !!S.session && (S.session.role === 'hall-manager' || S.session.role === 'district-viewer');
const name = x => S.lang === 'en' ? x.nameEn : x.name;
const day = iso => iso ? iso.slice(0, 10) : '';
const stamp = iso => iso ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : '';

/** Called with every snapshot: reads the cases again when the hall moved on (or a minute passed). */
export function onSnapshot() {
  if (!S.snap) return;
  const changed = loadedFor !== S.hallId || lastSequence !== S.snap.sequence;
  if (changed || performance.now() - lastLoad > RefreshMs) load();
}

/** Forgets the cases of the hall shown before. */
export function resetFollowUps() {
  cases = [];
  loadedFor = null;
  lastSequence = null;
  openCase = null;
  formError = null;
  renderFollowUps();
}

export async function load() {
  if (loading) { again = true; return; }
  if (performance.now() - lastLoad < MinGapMs) { // a busy hall changes often: at most one read a second
    if (!scheduled) scheduled = setTimeout(() => { scheduled = 0; load(); }, MinGapMs);
    return;
  }
  loading = true;
  const hallId = S.hallId, sequence = S.snap ? S.snap.sequence : null, state = $('followup-state').value;
  lastLoad = performance.now();
  try {
    const r = await fetch(`/api/halls/${enc(hallId)}/follow-ups?state=${enc(state)}`, { cache: 'no-store' });
    if (r.ok && hallId === S.hallId) {
      cases = await r.json();
      loadedFor = hallId;
      lastSequence = sequence;
      $('followups-box').dataset.loaded = state;
    }
  } catch {
    // The live feed shows the server is away; the next snapshot reads again.
  } finally {
    loading = false;
  }
  renderFollowUps();
  if (again) { again = false; load(); }
}

/** Draws the list; while a form is open it waits, so a note being typed is not wiped by a push. */
export function renderFollowUps() {
  if (openCase && cases.some(c => c.ticketId === openCase)) { renderForm(); return; }
  const t = T();
  const open = cases.filter(c => !c.closed).length, overdue = cases.filter(c => c.overdue).length;
  $('followup-count').textContent = overdue ? t.fuOverdueCount(overdue) : '';
  $('followup-count').dataset.severity = overdue ? 'warning' : 'none';
  $('followups-box').dataset.open = String(open);
  const rows = cases.map(c => caseRow(c, t));
  $('followups').replaceChildren(...(rows.length ? rows : [el('tr', { class: 'empty-row' }, el('td', { colSpan: 7, class: 'empty' }, t.fuNone))]));
}

function caseRow(c, t) {
  const reasons = (c.reasons || []).map(name).concat(c.reasonText ? [`“${c.reasonText}”`] : []);
  const steps = el('ul', { class: 'steps' },
    el('li', { 'data-step': 'call-back', 'data-done': String(!!c.calledBackAt) }, c.calledBackAt ? t.fuCalledBack(stamp(c.calledBackAt)) : t.fuNoCallBack),
    el('li', { 'data-step': 'rectification', 'data-done': String(!!c.rectifiedAt) }, c.rectifiedAt ? t.fuRectified(stamp(c.rectifiedAt)) : t.fuNoRectification),
    el('li', { 'data-step': 'satisfaction', 'data-done': String(!!c.satisfaction) }, c.satisfaction ? t.fuSatisfaction(t.satisfactions[c.satisfaction]) : t.fuNoSatisfaction));
  const act = el('button', { type: 'button', class: 'small', 'data-testid': 'followup-open' }, t.fuHandle);
  act.onclick = () => { openCase = c.ticketId; formError = null; renderFollowUps(); };
  const actable = isManager() ? !c.closed || c.appeal === 'pending' : mayReview() && c.appeal === 'pending';
  return el('tr', { 'data-case': c.ticketId, 'data-overdue': String(!!c.overdue), 'data-closed': String(!!c.closed), 'data-appeal': c.appeal },
    el('td', {}, el('b', {}, c.number), el('small', {}, c.serviceName)),
    el('td', {}, c.counterName, el('small', {}, c.staffName || '')),
    el('td', {}, el('span', { class: 'level', 'data-score': String(c.score) }, S.lang === 'en' ? c.levelNameEn : c.levelName), el('small', {}, reasons.join('；') || t.none), el('small', {}, stamp(c.openedAt))),
    el('td', { 'data-field': 'due' }, day(c.dueDate), c.overdue ? el('span', { class: 'badge overdue' }, t.fuOverdue) : null, c.closed ? el('span', { class: 'badge closed' }, t.fuClosed) : null),
    el('td', {}, steps),
    el('td', { 'data-field': 'appeal' }, t.appeals[c.appeal] ? t.appeals[c.appeal](c.appealReason ? t.appealReasons[c.appealReason] : '') : c.appeal),
    el('td', {}, actable ? act : null));
}

// ---- the forms of one case ----------------------------------------------------------------
function renderForm() {
  const c = cases.find(x => x.ticketId === openCase), t = T();
  const box = $('followup-form');
  box.hidden = !c;
  if (!c) return;
  box.dataset.case = c.ticketId;
  $('followup-form-title').textContent = t.fuFormTitle(c.number, S.lang === 'en' ? c.levelNameEn : c.levelName);
  const error = $('followup-error');
  error.hidden = !formError;
  error.dataset.code = formError || '';
  error.textContent = formError ? (t.fuErrors[formError] || t.fuErrors.other(formError)) : '';
  const next = !c.calledBackAt ? 'call-back' : !c.rectifiedAt ? 'rectification' : 'satisfaction';
  $('fu-step').hidden = !isManager() || c.closed;
  $('fu-step').dataset.step = next;
  $('fu-step-label').textContent = t.fuStepNote[next];
  $('fu-step-submit').textContent = t.fuStepSubmit[next];
  $('fu-satisfaction-label').hidden = next !== 'satisfaction';
  $('fu-appeal').hidden = !isManager() || c.closed || c.appeal !== 'none';
  $('fu-review').hidden = !mayReview() || c.appeal !== 'pending';
}

function closeForm() {
  openCase = null;
  formError = null;
  for (const id of ['fu-step-note', 'fu-appeal-note', 'fu-review-note']) $(id).value = '';
  $('followup-form').hidden = true;
  renderFollowUps();
}

async function send(path, body) {
  const c = cases.find(x => x.ticketId === openCase);
  if (!c) return;
  let code = null;
  try {
    const r = await fetch(`/api/halls/${enc(S.hallId)}/follow-ups/${enc(c.ticketId)}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'X-CSRF-TOKEN': S.session.csrfToken }, body: JSON.stringify(body),
    });
    const reply = await r.json().catch(() => null);
    if (!reply || !reply.ok) code = reply && reply.error ? reply.error.code : `http-${r.status}`;
    else cases = cases.map(x => x.ticketId === c.ticketId ? reply.followUp : x);
  } catch {
    code = 'network';
  }
  if (code) { formError = code; renderForm(); return; }
  closeForm();
  load();
}

const note = id => $(id).value.trim() || undefined;

$('followup-state').addEventListener('change', () => { closeForm(); load(); });
$('fu-cancel').addEventListener('click', closeForm);
$('fu-step').addEventListener('submit', e => {
  e.preventDefault();
  const step = $('fu-step').dataset.step;
  send('', { step, note: note('fu-step-note'), satisfaction: step === 'satisfaction' ? $('fu-satisfaction').value : undefined });
});
$('fu-appeal').addEventListener('submit', e => {
  e.preventDefault();
  send('/appeal', { reason: $('fu-appeal-reason').value, note: note('fu-appeal-note') });
});
for (const b of document.querySelectorAll('#fu-review button[data-upheld]')) {
  b.addEventListener('click', () => send('/review', { upheld: b.dataset.upheld === 'true', note: note('fu-review-note') }));
}
