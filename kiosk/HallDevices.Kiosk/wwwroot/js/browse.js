// Browsing in the page: the start screen (hint, 常办事项, category tiles, search), a category's
// sub-category tiles, and a leaf category's services, paged.
import { S, el, t, go, button, nameOf, catalog, category, children, servicesIn, service, elderly } from './state.js';
import { serviceButton, pagedServices } from './services.js';

const COMMON = { normal: 8, elderly: 4 };

// Every service of a category, its sub-categories' included (a parent holds none of its own).
const countIn = id => servicesIn(id).length + children(id).reduce((n, c) => n + countIn(c.id), 0);

function open(cat) {
  if (children(cat.id).length > 0) go({ screen: 'category', id: cat.id });
  else go({ screen: 'list', id: cat.id, page: 0 });
}

function tile(cat) {
  const b = button('tile', null, { category: cat.id }, () => open(cat));
  b.append(el('span', { className: 'tile-name', textContent: nameOf(cat) }), el('small', { textContent: t().count(countIn(cat.id)) }));
  return b;
}

function title(text, onBack) {
  const h = el('h2', { className: 'title', textContent: text });
  h.dataset.testid = 'title';
  return el('div', { className: 'bar' }, button('back', t().back, { action: 'back' }, onBack), h);
}

function home(screen, view) {
  const tt = t();
  screen.dataset.screen = view.screen; // start, or services once a card or pass code is known
  const hint = view.citizenName ? tt.hello(view.citizenName) : view.passColor ? tt.pass : tt.start;
  screen.append(el('div', { className: 'bar' },
    el('p', { className: 'hint', textContent: hint }),
    button('search-open', tt.search, { action: 'search', testid: 'search' }, () => go({ screen: 'search', query: '', results: null, page: 0 }))));
  const common = catalog().common.map(service).filter(Boolean).slice(0, elderly() ? COMMON.elderly : COMMON.normal);
  if (common.length) {
    const row = el('section', { className: 'common' }, el('h2', { textContent: tt.common }), el('div', { className: 'services' }, ...common.map(serviceButton)));
    row.dataset.testid = 'common';
    screen.append(row);
  }
  const tiles = el('section', { className: 'categories' }, el('h2', { textContent: tt.categories }),
    el('div', { className: 'tiles' }, ...children(null).map(tile)));
  tiles.dataset.testid = 'categories';
  screen.append(tiles);
}

function subCategories(screen, cat) {
  screen.dataset.screen = 'category';
  screen.append(title(nameOf(cat), () => go({ screen: 'home' })), el('div', { className: 'tiles' }, ...children(cat.id).map(tile)));
}

function list(screen, cat) {
  screen.dataset.screen = 'list';
  const up = () => (cat.parentId ? go({ screen: 'category', id: cat.parentId }) : go({ screen: 'home' }));
  screen.append(title(nameOf(cat), up), pagedServices(servicesIn(cat.id), S.nav.page, page => go({ ...S.nav, page })));
}

// Draws the browsing screen S.nav names; one whose category left the catalogue falls back home.
export function renderBrowse(screen, view) {
  const nav = S.nav, cat = nav.id ? category(nav.id) : null;
  screen.replaceChildren();
  if (nav.screen === 'category' && cat) subCategories(screen, cat);
  else if (nav.screen === 'list' && cat) list(screen, cat);
  else home(screen, view);
}
