// The API reference page: reads the generated OpenAPI document and lists each operation under its
// tag. Only the page's own labels are translated; the endpoints' texts are the document's (English).
const TEXTS = {
  zh: {
    lang: 'English', raw: 'OpenAPI 文档 (JSON)', loading: '正在加载接口文档…', failed: s => `无法加载接口文档（${s}）`,
    loaded: n => `共 ${n} 个接口`, about: '说明', security: '身份认证', parameters: '参数', body: '请求体', responses: '响应',
    name: '名称', in: '位置', type: '类型', required: '必填', yes: '是', no: '否', public: '公开，无需认证', needs: '认证：',
    untagged: '其他', locations: { path: '路径', query: '查询', header: '请求头', cookie: 'Cookie' },
  },
  en: {
    lang: '中文', raw: 'OpenAPI document (JSON)', loading: 'Loading the API document…', failed: s => `The API document could not be loaded (${s})`,
    loaded: n => `${n} endpoints`, about: 'About', security: 'Authentication', parameters: 'Parameters', body: 'Request body', responses: 'Responses',
    name: 'Name', in: 'In', type: 'Type', required: 'Required', yes: 'yes', no: 'no', public: 'Public: no authentication', needs: 'Authentication: ',
    untagged: 'Other', locations: { path: 'path', query: 'query', header: 'header', cookie: 'cookie' },
  },
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
let lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
let doc = null;
let failure = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

const refName = schema => schema?.$ref ? schema.$ref.split('/').pop()
  : schema?.type === 'array' ? `${refName(schema.items)}[]`
  : Array.isArray(schema?.type) ? schema.type.filter(t => t !== 'null').join(' | ')
  : schema?.type ?? '';

/** Operations grouped by their first tag, in the document's order. */
function groups() {
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? TEXTS[lang].untagged;
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ method, path, op, shared: item.parameters ?? [] });
    }
  }
  return byTag;
}

function operation(t, { method, path, op, shared }) {
  const key = `${method.toUpperCase()} ${path}`;
  const card = el('article', { class: 'op', 'data-testid': 'op', 'data-op': key },
    el('h3', {}, el('span', { class: `method ${method}` }, method.toUpperCase()), path),
    el('p', { class: 'summary' }, op.summary ?? ''));
  if (op.description) card.append(el('p', { class: 'description' }, op.description));
  const security = (op.security ?? []).flatMap(r => Object.keys(r));
  card.append(el('p', { class: 'lock' }, security.length ? t.needs + security.join(' / ') : t.public));

  const params = [...shared, ...(op.parameters ?? [])];
  if (params.length) {
    const table = el('table', { 'data-testid': 'parameters' },
      el('tr', {}, el('th', {}, t.name), el('th', {}, t.in), el('th', {}, t.type), el('th', {}, t.required)));
    for (const p of params) {
      table.append(el('tr', {}, el('td', {}, p.name), el('td', {}, t.locations[p.in] ?? p.in), el('td', {}, refName(p.schema)), el('td', {}, p.required ? t.yes : t.no)));
    }
    card.append(el('h4', {}, t.parameters), table);
  }

  const body = op.requestBody?.content;
  if (body) {
    const list = el('ul', { 'data-testid': 'body' });
    for (const [type, media] of Object.entries(body)) list.append(el('li', {}, `${type}${media.schema ? ' — ' + refName(media.schema) : ''}`));
    card.append(el('h4', {}, t.body), list);
  }

  const responses = el('ul', { 'data-testid': 'responses' });
  for (const [status, r] of Object.entries(op.responses ?? {})) {
    const kinds = Object.entries(r.content ?? {}).map(([type, media]) => media.schema ? `${type} ${refName(media.schema)}` : type);
    responses.append(el('li', { 'data-status': status }, `${status} ${r.description ?? ''}${kinds.length ? ' — ' + kinds.join(', ') : ''}`));
  }
  card.append(el('h4', {}, t.responses), responses);
  return card;
}

function render() {
  const t = TEXTS[lang];
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const node of document.querySelectorAll('[data-t]')) {
    const text = t[node.dataset.t];
    if (typeof text === 'string') node.textContent = text;
  }
  document.getElementById('lang').textContent = t.lang;
  const status = document.getElementById('status');
  if (failure) { status.textContent = t.failed(failure); status.dataset.state = 'failed'; return; }
  if (!doc) return;

  document.getElementById('doc-title').textContent = doc.info?.title ?? '';
  document.getElementById('doc-version').textContent = `v${doc.info?.version ?? ''} · OpenAPI ${doc.openapi}`;
  document.getElementById('doc-description').textContent = doc.info?.description ?? '';
  const schemes = document.getElementById('schemes');
  schemes.replaceChildren(...Object.entries(doc.components?.securitySchemes ?? {}).map(([name, s]) =>
    el('li', {}, el('b', {}, name), ` (${s.in} ${s.name}): ${s.description ?? ''}`)));
  document.getElementById('intro').hidden = false;

  const byTag = groups();
  const toc = document.getElementById('toc');
  const sections = document.getElementById('groups');
  toc.replaceChildren();
  sections.replaceChildren();
  let count = 0;
  let i = 0;
  for (const [tag, ops] of byTag) {
    const id = `tag-${i++}`;
    toc.append(el('a', { href: `#${id}` }, `${tag} (${ops.length})`));
    const section = el('section', { class: 'tag', id, 'data-testid': 'tag', 'data-tag': tag }, el('h2', {}, tag));
    for (const op of ops) section.append(operation(t, op));
    sections.append(section);
    count += ops.length;
  }
  status.textContent = t.loaded(count);
  status.dataset.state = 'loaded';
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh' : 'en';
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(null, '', url);
  render();
});

render();
try {
  const response = await fetch('/openapi/v1.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  doc = await response.json();
} catch (e) {
  failure = e.message;
}
render();
