// The global search box and its results, grouped: clients, contact persons, deals. A result opens
// its client's card. Typing searches after a short pause (2 characters at least); Enter at once.

import { h, replace } from '../../shell/dom.js';
import { formatMoney } from '../../shell/format.js';
import { SEARCH } from './queries.js';
import { highlightNodes } from './highlight.js';
import { formatPhone } from './phone.js';

const DELAY_MS = 250;
const GROUPS = [['Client', 'clients'], ['Contact', 'contacts'], ['Deal', 'deals']];

export function searchPanel({ ctx, onResults = () => {} }) {
  const { t } = ctx;
  const input = h('input', {
    type: 'search', id: 'client-search', name: 'q', autocomplete: 'off', spellcheck: 'false',
    placeholder: t('clients.placeholder'), 'aria-describedby': 'client-search-hint',
  });
  const results = h('div', { class: 'search-results', id: 'search-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'search-form', role: 'search', onsubmit: (event) => { event.preventDefault(); run(input.value, { now: true }); } },
    h('label', { for: 'client-search' }, t('clients.searchLabel')),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'primary' }, t('common.search'))),
    h('p', { id: 'client-search-hint', class: 'muted search-hint' }, t('clients.hint')));
  const element = h('section', { class: 'client-search', 'aria-label': t('clients.searchLabel') }, form, results);

  let timer = null;
  let ticket = 0;
  let shown = null;
  let selectedId = null;

  const linkTo = (clientId) => ctx.hashOf('clients', clientId);

  const clientOf = (node) => (node.__typename === 'Client' ? node : node.client);

  const row = (edge) => {
    const node = edge.node;
    const client = clientOf(node);
    const title = node.__typename === 'Deal' ? node.title : node.name;
    const details = [];
    if (node.__typename === 'Client') {
      if (node.phones[0]) details.push(formatPhone(node.phones[0].number));
      if (node.inn) details.push(`${t('clients.inn')} ${node.inn}`);
    } else if (node.__typename === 'Contact') {
      details.push(client ? client.name : t('clients.noClient'));
      if (node.position) details.push(node.position);
    } else {
      if (client) details.push(client.name);
      details.push(node.stage.name);
      if (node.amount != null) details.push(formatMoney(node.amount, node.currency, ctx.locale));
    }
    // The title already reads the name; a phone's highlight holds the indexed digits, not the
    // number, so it shows for e-mail, INN and web domain matches only.
    const showHighlight = edge.highlight && edge.matchedFields.some((field) => !['name', 'title', 'phone'].includes(field));
    const body = [
      h('span', { class: 'result-title' }, title),
      h('span', { class: 'result-details muted' }, details.join(' · ')),
      showHighlight ? h('span', { class: 'result-highlight' }, highlightNodes(edge.highlight)) : null,
    ];
    return h('li', { class: 'search-result', dataset: { kind: node.__typename, id: node.id, clientId: client?.id ?? '' } },
      client ? h('a', { href: linkTo(client.id), 'aria-current': client.id === selectedId ? 'true' : null }, body) : h('div', { class: 'result-orphan' }, body));
  };

  const more = async () => {
    const { query, search } = shown;
    const mine = ++ticket;
    try {
      const data = await ctx.api.query(SEARCH, { query, after: search.pageInfo.endCursor });
      if (mine !== ticket) return;
      render(query, { ...data.search, edges: [...search.edges, ...data.search.edges] });
    } catch (error) {
      if (mine === ticket) ctx.notify.error(error);
    }
  };

  const render = (query, search) => {
    shown = { query, search };
    if (!search.edges.length) { replace(results, h('p', { class: 'empty' }, t('clients.nothing', { query }))); return; }
    replace(results,
      h('p', { class: 'muted results-count' }, t('clients.found', { n: search.totalCount })),
      GROUPS.map(([type, key]) => {
        const edges = search.edges.filter((edge) => edge.node.__typename === type);
        return edges.length ? h('section', { class: 'result-group', dataset: { group: key } },
          h('h2', {}, t(`clients.group.${key}`)),
          h('ul', { class: 'result-list' }, edges.map(row))) : null;
      }),
      search.pageInfo.hasNextPage ? h('button', { type: 'button', class: 'secondary more-results', onclick: more }, t('clients.moreResults')) : null);
  };

  const run = (value, { now = false } = {}) => {
    clearTimeout(timer);
    const query = value.trim();
    if (query.length < 2) {
      ticket += 1;
      shown = null;
      replace(results, query ? h('p', { class: 'muted search-hint' }, t('clients.tooShort')) : null);
      return;
    }
    if (shown?.query === query && !now) return;
    const go = async () => {
      const mine = ++ticket;
      results.setAttribute('aria-busy', 'true');
      try {
        const data = await ctx.api.query(SEARCH, { query });
        if (mine !== ticket) return;
        render(query, data.search);
        onResults(query, data.search);
      } catch (error) {
        if (mine === ticket) replace(results, h('p', { class: 'empty error' }, t('common.error', { message: error.message })));
      } finally {
        if (mine === ticket) results.removeAttribute('aria-busy');
      }
    };
    if (now) go(); else timer = setTimeout(go, DELAY_MS);
  };

  input.addEventListener('input', () => run(input.value));
  ctx.onCleanup(() => clearTimeout(timer));

  return {
    element,
    input,
    /** Searches for `query` as if typed. */
    search(query) { input.value = query; run(query, { now: true }); },
    /** Marks the result of the open client. */
    select(clientId) {
      selectedId = clientId;
      for (const link of results.querySelectorAll('.search-result a')) {
        link.setAttribute('aria-current', String(link.closest('.search-result').dataset.clientId === clientId));
      }
    },
  };
}
