// What the console's modules share: who is signed in, the hall as last pushed, the message shown,
// and the small helpers every part uses. One object, so each module sees the others' changes.
import { TEXTS } from './texts.js';

export const params = new URLSearchParams(location.search);

export const S = {
  lang: params.get('lang') === 'en' || (params.get('lang') !== 'zh' && /(?:^|;\s*)hall\.lang=en(?:;|$)/.test(document.cookie)) ? 'en' : 'zh',
  session: null, hall: null, snap: null, skew: 0, connected: false, source: null,
  message: null, // { kind: 'error' | 'notice', code, text: t => string }
  chosen: null, optionsKey: '', leaving: false,
};

export const $ = id => document.getElementById(id);
export const t = () => TEXTS[S.lang];
export const storageKey = () => `hall.console.counter.${S.hall}`;
export const now = () => Date.now() + S.skew; // the hall clock, as far as the last snapshot tells it
export const el = (tag, props, ...kids) => { const e = document.createElement(tag); Object.assign(e, props || {}); e.append(...kids); return e; };

// ---- time and numbers ---------------------------------------------------------------------
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
  const two = n => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(r)}` : `${m}:${two(r)}`;
}
export const clock = iso => iso.slice(11, 16); // HH:mm as the hall reads it: the snapshot's times carry the hall's offset

// ---- what this staff member works -----------------------------------------------------------
export const mine = () => S.snap && S.session ? S.snap.counters.find(c => c.staffId === S.session.id) || null : null;
export const counterName = id => (S.snap && S.snap.counters.find(c => c.id === id) || { name: id }).name;
export function workable() {
  if (!S.snap) return [];
  const allowed = S.session.role === 'window-staff' && S.session.counters.length > 0 ? S.session.counters : null;
  return S.snap.counters.filter(c => !allowed || allowed.includes(c.id));
}
