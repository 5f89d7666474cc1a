// The transfer dialog: the current ticket to another queue or to another counter.
import { S, $, t, el, mine } from './state.js';
import { act } from './server.js';

export function openTransfer(counter) {
  const tt = t(), snap = S.snap, select = $('transfer-target');
  const queues = el('optgroup', { label: tt.toQueues }, ...snap.queues.map(q => el('option', { value: 'q:' + q.id, textContent: `${q.prefix} · ${q.name}` })));
  const counters = el('optgroup', { label: tt.toCounters },
    ...snap.counters.filter(c => c.id !== counter.id).map(c => el('option', { value: 'c:' + c.id, textContent: c.name })));
  select.replaceChildren(queues, counters);
  const elsewhere = snap.queues.find(q => !counter.queueIds.includes(q.id)); // sending it back to its own queue is rarely meant
  if (elsewhere) select.value = 'q:' + elsewhere.id;
  const dialog = $('transfer-dialog');
  dialog.returnValue = '';
  dialog.showModal();
  select.focus();
}

$('transfer-dialog').addEventListener('close', () => {
  const dialog = $('transfer-dialog'), counter = mine(), target = $('transfer-target').value;
  if (dialog.returnValue !== 'ok' || !counter || !target) return;
  act(counter.id, 'transfer', target.startsWith('q:') ? { toQueueId: target.slice(2) } : { toCounterId: target.slice(2) });
});
