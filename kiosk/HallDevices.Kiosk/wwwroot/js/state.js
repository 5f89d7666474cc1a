// What the page's modules share: the kiosk's last state (pushed by /api/events), where the citizen
// is browsing (kept in the page: categories, pages and searches are the page's business; the kiosk
// only hears /api/touch so its idle timeout waits), and small helpers.
import { TEXTS } from './texts.js';

export const S = {
  state: null,            // { view, catalog, guide, connected } from the kiosk
  shown: '',              // the last event's text: the screen is rebuilt only when it changes
  visit: null,            // view.visit: a new citizen starts browsing from the top
  nav: { screen: 'home' }, // home | category {id} | list {id, page} | search {query, results, page}
  redraw: () => {},       // set by kiosk.js
};

export const $ = id => document.getElementById(id);
export const el = (tag, props, ...kids) => { const e = document.createElement(tag); Object.assign(e, props || {}); e.append(...kids); return e; };
export const lang = () => (S.state && S.state.view.language === 'en' ? 'en' : 'zh');
export const t = () => TEXTS[lang()];
export const elderly = () => !!(S.state && S.state.view.elderly);
export const perPage = () => (elderly() ? 4 : 8);
export const catalog = () => (S.state && S.state.catalog) || { hallName: '', queues: [], services: [], categories: [], common: [] };
export const nameOf = x => (lang() === 'en' && x.nameEn ? x.nameEn : x.name);
export const service = id => catalog().services.find(s => s.id === id) || null;
export const category = id => catalog().categories.find(c => c.id === id) || null;
export const children = id => catalog().categories.filter(c => (c.parentId || null) === id);
export const servicesIn = id => catalog().services.filter(s => s.categoryId === id);
export const waitingFor = svc => (catalog().queues.find(q => q.id === svc.queueId) || { waiting: 0 }).waiting;

// Moves within the page's browsing and draws it.
export function go(nav) { S.nav = nav; S.redraw(); }

// A tap that the kiosk did not take is said on screen, never silently dropped.
export const post = (path, body) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) })
  .then(r => { if (!r.ok) throw new Error(r.status); })
  .catch(() => { const off = $('offline'); off.textContent = t().offline; off.style.display = 'block'; });

// A button with data-* attributes for tests and a tap handler.
export function button(className, text, data, onTap) {
  const b = el('button', { className, type: 'button' });
  if (text !== null) b.textContent = text;
  for (const [k, v] of Object.entries(data || {})) b.dataset[k] = v;
  if (onTap) b.addEventListener('click', onTap);
  return b;
}
