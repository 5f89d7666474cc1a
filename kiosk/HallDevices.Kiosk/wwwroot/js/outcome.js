// The screens after 取号: printing, the ticket, and a refusal or failure in plain words.
import { el, t, button, post, service, nameOf } from './state.js';

const back = tt => button('action', tt.back, { action: 'back' }, () => post('/api/cancel'));

export function renderOutcome(screen, view) {
  const tt = t();
  screen.replaceChildren();
  screen.dataset.screen = view.screen;
  if (view.screen === 'working') {
    screen.append(el('div', { className: 'center message', textContent: tt.working }));
  } else if (view.screen === 'ticket') {
    const tk = view.ticket, svc = service(tk.serviceId);
    screen.append(el('div', { className: 'center' },
      el('div', { className: 'big', textContent: tk.number }),
      el('p', { className: 'message', textContent: svc ? nameOf(svc) : tk.serviceName }),
      el('p', { className: 'message', textContent: tt.ahead(tk.waitingAhead, tk.estimatedWaitMinutes) }),
      el('p', { className: 'message', textContent: tt.take }), back(tt)));
  } else {
    const m = el('p', { className: 'message', textContent: tt.messages[view.messageCode] || tt.messages.refused });
    m.dataset.code = view.messageCode || '';
    screen.append(el('div', { className: 'center' }, m, back(tt)));
  }
}
