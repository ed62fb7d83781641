// Knowledge base search beside the conversation: full-text search over the articles
// (`knowledgeArticles(filter: {query})`), snippets with the matches marked, an article's text
// inserted into the reply.

import { h, replace } from '../../shell/dom.js';
import { icon } from '../../shell/icons.js';
import { KNOWLEDGE_SEARCH } from './queries.js';
import { snippetNodes } from './snippet.js';

export function knowledgePanel({ ctx, onInsert }) {
  const { t } = ctx;
  const input = h('input', { type: 'search', id: 'knowledge-query', placeholder: t('dialogues.kbPlaceholder'), 'aria-label': t('dialogues.kbSearch') });
  const results = h('ol', { class: 'kb-results', 'aria-live': 'polite' });
  let timer = null;
  let asked = 0;

  const search = async () => {
    const query = input.value.trim();
    const ticket = ++asked;
    if (!query) { replace(results); return; }
    try {
      const data = await ctx.api.query(KNOWLEDGE_SEARCH, { filter: { query } });
      if (ticket !== asked) return;
      const edges = data.knowledgeArticles.edges;
      replace(results, edges.length ? edges.map(({ node, snippet }) => {
        const body = h('div', { class: 'kb-body', hidden: true }, node.body);
        return h('li', { class: 'kb-article', dataset: { articleId: node.id } },
          h('button', { type: 'button', class: 'kb-title link-button', 'aria-expanded': 'false',
            onclick: (event) => { body.hidden = !body.hidden; event.currentTarget.setAttribute('aria-expanded', String(!body.hidden)); } },
          node.title),
          h('p', { class: 'kb-snippet' }, snippetNodes(snippet)),
          body,
          h('button', { type: 'button', class: 'kb-insert', onclick: () => onInsert(node.body) }, t('dialogues.kbInsert')));
      }) : h('li', { class: 'muted' }, t('dialogues.kbNothing')));
    } catch (error) {
      ctx.notify.error(error);
    }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 250); });
  input.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); clearTimeout(timer); search(); } });
  return h('aside', { class: 'kb-panel', 'aria-label': t('dialogues.kbSearch') },
    h('h2', {}, icon('book'), ' ', t('dialogues.kbSearch')), input, results);
}
