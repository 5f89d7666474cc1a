// What the dashboard's modules share: who is signed in, the hall shown, its last pushed snapshot,
// and the helpers every part uses. Times are the hall's (its offset read from the snapshot's `at`).
import { TEXTS } from './texts.js';

export const $ = id => document.getElementById(id);
export const enc = encodeURIComponent;
export const params = new URLSearchParams(location.search);

export function cookie(name) {
  const hit = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
}

export const S = {
  lang: params.get('lang') === 'en' || (params.get('lang') !== 'zh' && cookie('hall.lang') === 'en') ? 'en' : 'zh',
  session: null, hallId: null, halls: [],
  snap: null, receivedAt: 0, source: null, conn: 'connecting',
};

export const T = () => TEXTS[S.lang];

export function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

// --- time, in the hall's offset (taken from the snapshot's `at`) -----------------------------
export function offsetMinutes(iso) {
  const m = /([+-])(\d\d):(\d\d)$/.exec(iso || '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}
const pad = n => String(n).padStart(2, '0');
export function clockText(ms, offset, seconds) {
  const d = new Date(ms + offset * 60000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` + (seconds ? `:${pad(d.getUTCSeconds())}` : '');
}
export function dateText(ms, offset) {
  const d = new Date(ms + offset * 60000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
export const hallOffset = () => S.snap ? offsetMinutes(S.snap.at) : -new Date().getTimezoneOffset();
export const sinceReceipt = () => S.snap ? (performance.now() - S.receivedAt) / 1000 : 0;
export const hallNowMs = () => S.snap ? Date.parse(S.snap.at) + sinceReceipt() * 1000 : Date.now();
// Seconds from `iso` to the snapshot's `at`: the base a ticking element adds the local elapsed time to.
export const secondsAtSnapshot = iso => Math.max(0, (Date.parse(S.snap.at) - Date.parse(iso)) / 1000);
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return T().duration(Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60);
}
