// The guide screen (办事指南) of the service the kiosk's view names: what to bring, who can apply,
// the time limits (0 → 即办件), the fee (none → 不收费), 最多跑一次, 全程网办 with its link and a QR
// code drawn by the kiosk (GET /api/qr), 代收代办; and 取号, 取号并打印办事指南, 朗读, 返回.
import { S, el, t, button, nameOf, service, catalog, post, lang } from './state.js';
import { factsOf } from './services.js';

function section(testid, heading, ...body) {
  const s = el('section', { className: 'guide-part' }, el('h3', { textContent: heading }), ...body);
  s.dataset.testid = testid;
  return s;
}

function badge(testid, text, extra) {
  const b = el('span', { className: 'badge' + (extra ? ' ' + extra : ''), textContent: text });
  b.dataset.testid = testid;
  return b;
}

const days = (tt, n) => (n === 0 ? tt.onTheSpot : tt.days(n));

function limits(tt, g) {
  const rows = [];
  if (g.legalDays !== null && g.legalDays !== undefined) rows.push([tt.legal, days(tt, g.legalDays), 'legal']);
  if (g.promisedDays !== null && g.promisedDays !== undefined) rows.push([tt.promised, days(tt, g.promisedDays), 'promised']);
  rows.push([tt.fee, g.fee || tt.free, 'fee']);
  return el('dl', { className: 'facts' }, ...rows.flatMap(([k, v, id]) => {
    const d = el('dd', { textContent: v });
    d.dataset.testid = id;
    return [el('dt', { textContent: k }), d];
  }));
}

function online(tt, g) {
  const app = catalog().onlineApp;
  const appName = app ? (lang() === 'en' && app.nameEn ? app.nameEn : app.name) : null;
  const link = el('p', { className: 'link', textContent: g.onlineUrl });
  link.dataset.testid = 'online-url';
  return section('online', tt.onlineBadge, el('div', { className: 'online-box' }, el('p', { className: 'online-says', textContent: tt.online }),
    ...(appName ? [el('p', { textContent: tt.onlineVia(appName) })] : []), link));
}

// The QR code stays beside the buttons, in sight however long the guide is.
function qrCode(g) {
  const qr = el('img', { className: 'qr', alt: g.onlineUrl, src: '/api/qr?text=' + encodeURIComponent(g.onlineUrl) });
  qr.dataset.testid = 'online-qr';
  return qr;
}

export function renderGuide(screen, view) {
  const tt = t(), svc = service(view.guideServiceId), g = S.state.guide;
  screen.replaceChildren();
  screen.dataset.screen = 'guide';
  if (!svc) return;
  const name = el('h2', { className: 'guide-name', textContent: nameOf(svc) });
  name.dataset.testid = 'guide-name';
  const facts = el('p', { className: 'guide-facts', textContent: factsOf(svc) });
  facts.dataset.testid = 'guide-facts';
  const badges = el('div', { className: 'badges' });
  const parts = [];
  if (g) {
    if (g.oneTrip) badges.append(badge('badge-one-trip', tt.oneTrip));
    if (g.onlineUrl) badges.append(badge('badge-online', tt.onlineBadge, 'online'));
    if (g.agency) badges.append(badge('badge-agency', tt.agency, 'agency'));
    parts.push(section('materials', tt.materials, el('ol', {}, ...g.materials.map(m => el('li', { textContent: m })))));
    if (g.conditions.length) parts.push(section('conditions', tt.conditions, el('ul', {}, ...g.conditions.map(c => el('li', { textContent: c })))));
    parts.push(limits(tt, g));
    if (g.onlineUrl) parts.push(online(tt, g));
  } else {
    const none = el('p', { className: 'message', textContent: tt.noGuide });
    none.dataset.testid = 'no-guide';
    parts.push(none);
  }
  const id = svc.id;
  // 取号 refused here (id-required): said above the buttons, the guide staying open for the card.
  const refusal = [];
  if (view.messageCode) {
    const m = el('p', { className: 'guide-refusal', role: 'alert', textContent: tt.messages[view.messageCode] || tt.messages.refused });
    m.dataset.testid = 'guide-message';
    m.dataset.code = view.messageCode;
    refusal.push(m);
  }
  const actions = el('div', { className: 'actions' }, ...refusal, ...(g && g.onlineUrl ? [qrCode(g)] : []),
    button('action', tt.takeTicket, { action: 'take' }, () => post('/api/choose', { serviceId: id })),
    ...(g ? [button('action', tt.takeWithGuide, { action: 'take-with-guide' }, () => post('/api/choose', { serviceId: id, printGuide: true }))] : []),
    button('action secondary', tt.speak, { action: 'speak' }, () => post('/api/speak', { serviceId: id })),
    button('action secondary', tt.back, { action: 'back' }, () => post('/api/browse')));
  screen.append(el('div', { className: 'guide-screen' },
    el('div', { className: 'guide' }, el('p', { className: 'guide-label', textContent: tt.guide }), name, facts, badges, ...parts), actions));
}
