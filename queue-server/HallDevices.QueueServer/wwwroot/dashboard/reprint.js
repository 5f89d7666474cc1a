// The guide desk's reprint (hall managers only; the server refuses anyone else anyway): the slip
// as the kiosk printed it, for the browser to print.
import { S, $, T, enc, offsetMinutes, clockText, dateText, hallNowMs } from './state.js';

let slip = null, refusal = null;

/** Forgets the slip and the refusal (another hall was picked). */
export function resetReprint() {
  slip = null;
  refusal = null;
  renderReprint();
}

export async function reprint(e) {
  e.preventDefault();
  const number = $('reprint-number').value.trim().toUpperCase();
  if (!number) return;
  slip = null;
  refusal = null;
  renderReprint();
  let r, reply = null;
  try {
    r = await fetch(`/api/halls/${enc(S.hallId)}/tickets/${enc(number)}/reprint`, { method: 'POST', headers: { 'X-CSRF-TOKEN': S.session.csrfToken } });
    reply = await r.json().catch(() => null);
  } catch {
    refusal = { code: 'network', number };
    renderReprint();
    return;
  }
  if (reply && reply.ok && reply.ticket) {
    slip = { ticket: reply.ticket, at: hallNowMs(), by: S.session.name, hall: S.snap ? S.snap.hallName : '' };
  } else {
    refusal = { code: reply && reply.error ? reply.error.code : `http-${r.status}`, number };
  }
  renderReprint();
}

export function renderReprint() {
  const t = T();
  const error = $('reprint-error');
  error.hidden = !refusal;
  if (refusal) {
    const say = t.refusals[refusal.code] || t.refusals.other;
    error.dataset.code = refusal.code;
    error.textContent = say(refusal.number, refusal.code);
  }
  $('slip').hidden = $('print').hidden = !slip;
  if (!slip) return;
  const k = slip.ticket, offset = offsetMinutes(k.issuedAt);
  const issued = Date.parse(k.issuedAt);
  $('slip-hall').textContent = slip.hall;
  $('slip-number').textContent = k.number;
  $('slip-service').textContent = k.serviceName;
  $('slip-time').textContent = t.slipIssued(`${dateText(issued, offset)} ${clockText(issued, offset, false)}`);
  const waiting = k.status === 'waiting' || k.status === 'transferred';
  $('slip-ahead').textContent = waiting ? t.slipAhead(k.waitingAhead, k.estimatedWaitMinutes) : (t.ticketStatus[k.status] || k.status);
  $('slip-url').textContent = k.trackUrl || '';
  $('slip-note').textContent = t.slipNote(clockText(slip.at, offset, false), slip.by);
}
