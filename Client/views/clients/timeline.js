// A client's timeline with infinite scroll: the first page, then the next one (keyset paging
// with `after:` the last end cursor) each time the sentinel at the end scrolls into view. A
// "Load more" button does the same by hand (keyboard, or a browser without IntersectionObserver).

import { h, replace } from '../../shell/dom.js';
import { formatDateTime } from '../../shell/format.js';
import { TIMELINE } from './queries.js';

export const PAGE_SIZE = 20;

export function clientTimeline({ ctx, clientId }) {
  const { t } = ctx;
  const list = h('ol', { class: 'timeline-list', id: 'timeline-list' });
  const count = h('span', { class: 'muted timeline-count' });
  const more = h('button', { type: 'button', class: 'secondary timeline-more', id: 'timeline-more', hidden: true }, t('clients.loadMore'));
  // The sentinel is the list's last child: it comes into view when the list is scrolled to its end.
  const sentinel = h('li', { class: 'timeline-sentinel', 'aria-hidden': 'true', role: 'presentation' });
  const state = h('p', { class: 'timeline-state muted', role: 'status' });
  const section = h('section', { class: 'client-timeline', 'aria-labelledby': 'timeline-title', 'aria-busy': 'false' },
    h('div', { class: 'section-head' }, h('h2', { id: 'timeline-title' }, t('clients.timeline')), count),
    list, state, more);

  let after = null;
  let hasNext = true;
  let loading = false;
  let pages = 0;
  let stopped = false;

  const item = (node) => h('li', { class: 'timeline-item', dataset: { kind: node.kind, action: node.action, itemId: node.id } },
    h('span', { class: 'timeline-dot', 'aria-hidden': 'true' }),
    h('div', { class: 'timeline-body' },
      h('div', { class: 'timeline-meta' },
        h('span', { class: 'timeline-kind' }, `${t(`clients.kind.${node.kind}`)} · ${t(`clients.action.${node.action}`)}`),
        h('time', { datetime: node.occurredAt, class: 'muted' }, formatDateTime(node.occurredAt, ctx.locale))),
      h('p', { class: 'timeline-summary' }, node.summary),
      node.actor ? h('p', { class: 'timeline-actor muted' }, node.actor.name) : null));

  const loadMore = async () => {
    if (loading || !hasNext || stopped) return;
    loading = true;
    section.setAttribute('aria-busy', 'true');
    state.textContent = t('view.loading');
    more.disabled = true;
    try {
      const data = await ctx.api.query(TIMELINE, { id: clientId, first: PAGE_SIZE, after });
      if (stopped) return;
      const timeline = data.node?.timeline;
      if (!timeline) { hasNext = false; state.textContent = ''; return; }
      pages += 1;
      sentinel.before(...timeline.edges.map((edge) => item(edge.node)));
      after = timeline.pageInfo.endCursor;
      hasNext = timeline.pageInfo.hasNextPage && timeline.edges.length > 0;
      list.dataset.pages = String(pages);
      count.textContent = t('clients.shown', { n: list.querySelectorAll('.timeline-item').length, total: timeline.totalCount });
      state.textContent = hasNext ? '' : (timeline.totalCount ? t('clients.timelineEnd') : t('clients.timelineEmpty'));
    } catch (error) {
      state.textContent = t('common.error', { message: error.message });
    } finally {
      loading = false;
      section.setAttribute('aria-busy', 'false');
      more.disabled = false;
      more.hidden = !hasNext;
      // Still in view after this page (a tall screen)? Watching again reports it at once.
      if (observer && hasNext && !stopped) { observer.unobserve(sentinel); observer.observe(sentinel); }
    }
  };

  more.addEventListener('click', loadMore);
  const observer = 'IntersectionObserver' in window
    ? new IntersectionObserver((entries) => { if (entries.some((entry) => entry.isIntersecting)) loadMore(); }, { rootMargin: '0px 0px 120px 0px' })
    : null;

  return {
    element: section,
    /** Starts loading: call once the section is in the document. */
    start() {
      replace(list, sentinel);
      if (observer) observer.observe(sentinel);
      else loadMore();
    },
    stop() { stopped = true; observer?.disconnect(); },
  };
}
