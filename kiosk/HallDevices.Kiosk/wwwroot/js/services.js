// A service as a button (name, waiting count, 需身份证, badges) and a paged list of them with
// 上一页/下一页 big enough for a finger: 8 a page, 4 in elderly mode.
import { S, el, t, button, nameOf, waitingFor, perPage, post, service } from './state.js';

// 等候 N 人 · 需身份证: the line under a service's name, on its button and on its guide.
export const factsOf = svc => t().waiting(waitingFor(svc)) + (svc.needsIdCard ? ' · ' + t().needsId : '');

// Only waiting counts changed (every ticket taken in the hall): the lines are rewritten in place,
// so a finger on a button keeps it and a guide's QR code is not fetched again.
export function refreshCounts(screen) {
  for (const small of screen.querySelectorAll('button[data-service] > small, [data-testid=guide-facts]')) {
    const id = small.dataset.testid === 'guide-facts' ? S.state.view.guideServiceId : small.parentElement.dataset.service;
    const svc = service(id);
    if (svc) small.textContent = factsOf(svc);
  }
}

export function serviceButton(svc) {
  const tt = t();
  const b = button('service', nameOf(svc), { service: svc.id }, () => post('/api/guide', { serviceId: svc.id }));
  b.append(el('small', { textContent: factsOf(svc) }));
  const badges = [];
  if (svc.oneTrip) badges.push(el('span', { className: 'badge', textContent: tt.oneTrip }));
  if (svc.online) badges.push(el('span', { className: 'badge online', textContent: tt.onlineBadge }));
  if (badges.length) b.append(el('span', { className: 'badges' }, ...badges));
  return b;
}

// services: the whole list; page: 0-based (clamped); onPage(n) moves to page n.
export function pagedServices(services, page, onPage) {
  const tt = t(), size = perPage(), pages = Math.max(1, Math.ceil(services.length / size));
  const at = Math.min(Math.max(0, page || 0), pages - 1);
  const grid = el('div', { className: 'services' }, ...services.slice(at * size, (at + 1) * size).map(serviceButton));
  grid.dataset.testid = 'services';
  const prev = button('pager', tt.prev, { action: 'prev-page' }, () => onPage(at - 1));
  const next = button('pager', tt.next, { action: 'next-page' }, () => onPage(at + 1));
  prev.disabled = at === 0;
  next.disabled = at >= pages - 1;
  const info = el('span', { className: 'page-info', textContent: tt.page(at + 1, pages) });
  info.dataset.testid = 'page-info';
  info.dataset.page = String(at + 1);
  info.dataset.pages = String(pages);
  const pager = el('div', { className: 'pager' }, prev, info, next);
  if (pages === 1) pager.classList.add('single');
  return el('div', { className: 'paged' }, grid, pager);
}
