// 报表: a day's or a month's report of the hall, computed by the server from the event log — the
// key figures (GET …/reports, JSON), the four charts as PNG (GET …/reports/charts/{chart}.png) and
// the CSV and PDF to download. Read when asked (查看), not pushed: a report is a look back.
import { S, $, T, el, enc, dateText, hallOffset, hallNowMs } from './state.js';

const Charts = ['hourly', 'waits', 'counters', 'ratings'];
// Key figures: [key of report.total, how to show it].
const Figures = [
  ['issued', 'count'], ['served', 'count'], ['noShows', 'count'], ['waitMean', 'minutes'], ['waitP90', 'minutes'],
  ['handlingMean', 'minutes'], ['serviceLevelShare', 'share'], ['evaluationRate', 'share'], ['goodRate', 'share'],
  ['badRate', 'share'], ['badReplyRate', 'share'], ['rectificationSatisfactionRate', 'share'],
];

let shown = null; // { hallId, query } of the report on the page
let asked = 0;

/** The period query the picker says: day=YYYY-MM-DD or month=YYYY-MM. */
function query() {
  return $('report-kind').value === 'month' ? `month=${enc($('report-month').value)}` : `day=${enc($('report-day').value)}`;
}

/** Fills the picker with today and this month on the hall's clock, once the first snapshot tells it. */
export function initReports() {
  if ($('report-day').value || !S.snap) return;
  const today = dateText(hallNowMs(), hallOffset());
  $('report-day').value = today;
  $('report-month').value = today.slice(0, 7);
  renderLinks();
}

/** Forgets the report of the hall shown before. */
export function resetReports() {
  shown = null;
  $('report-day').value = '';
  $('report-month').value = '';
  $('report-figures').replaceChildren();
  $('report-error').hidden = true;
  for (const c of Charts) $(`chart-${c}`).removeAttribute('src');
  $('reports-box').removeAttribute('data-period');
}

function base() {
  return `/api/halls/${enc(S.hallId)}/reports`;
}

function renderLinks() {
  const q = query();
  $('report-csv').href = `${base()}?${q}&format=csv`;
  $('report-pdf').href = `${base()}?${q}&format=pdf`;
}

async function show(e) {
  if (e) e.preventDefault();
  if (!S.hallId) return;
  const q = query(), mine = ++asked;
  shown = { hallId: S.hallId, query: q };
  renderLinks();
  for (const c of Charts) $(`chart-${c}`).src = `${base()}/charts/${c}.png?${q}`;
  let report = null, code = null;
  try {
    const r = await fetch(`${base()}?${q}`, { cache: 'no-store' });
    report = r.ok ? await r.json() : null;
    if (!r.ok) code = (await r.json().catch(() => null))?.error?.code || `http-${r.status}`;
  } catch {
    code = 'network';
  }
  if (mine !== asked) return; // another period was asked meanwhile
  $('reports-box').dataset.period = q;
  shown.report = report;
  shown.code = code;
  renderReport();
}

export function renderReport() {
  const t = T(), error = $('report-error');
  for (const c of Charts) $(`chart-${c}`).alt = t[`ch${c[0].toUpperCase()}${c.slice(1)}`]; // the charts carry their own titles
  error.hidden = !shown || !shown.code;
  if (shown && shown.code) {
    error.dataset.code = shown.code;
    error.textContent = t.rpErrors[shown.code] || t.rpErrors.other(shown.code);
  }
  const total = shown && shown.report ? shown.report.total : null;
  $('report-figures').replaceChildren(...(total ? Figures.map(([key, kind]) => {
    const v = total[key];
    const text = v === null || v === undefined ? '—' : kind === 'share' ? `${(v * 100).toFixed(1)}%` : kind === 'minutes' ? t.minutes(v.toFixed(1)) : String(v);
    return el('div', { class: 'tile', 'data-report-figure': key }, el('b', {}, text), el('span', {}, t.rpFigures[key]));
  }) : []));
}

$('report-period').addEventListener('submit', show);
$('report-kind').addEventListener('change', () => {
  const month = $('report-kind').value === 'month';
  $('report-day').hidden = month;
  $('report-month').hidden = !month;
  renderLinks();
});
for (const id of ['report-day', 'report-month']) $(id).addEventListener('change', renderLinks);
