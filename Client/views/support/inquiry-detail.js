// One inquiry beside the queue: what it is about, its SLA deadlines, and time tracking.

import { h } from '../../shell/dom.js';
import { formatDateTime } from '../../shell/format.js';
import { INQUIRY } from './queries.js';
import { timeTracker } from './time-tracker.js';

export async function inquiryDetail({ ctx, id, onLogged, onClose }) {
  const { t } = ctx;
  const data = await ctx.api.query(INQUIRY, { id });
  const inquiry = data.node;
  if (!inquiry) return h('p', { class: 'empty' }, t('support.notFound'));
  return h('article', { class: 'inquiry-detail', dataset: { inquiryId: inquiry.id }, 'aria-labelledby': 'inquiry-title' },
    h('header', { class: 'detail-head' },
      h('div', {},
        h('p', { class: 'muted' }, `${inquiry.number} · ${t(`support.priority.${inquiry.priority}`)} · ${t(`support.status.${inquiry.status}`)}`),
        h('h2', { id: 'inquiry-title' }, inquiry.subject)),
      h('a', { href: ctx.hashOf('support'), class: 'icon-button', 'aria-label': t('common.close'), onclick: onClose }, '×')),
    inquiry.description ? h('p', { class: 'inquiry-description' }, inquiry.description) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('support.client')), h('dd', {}, inquiry.client?.name ?? t('common.none')),
      inquiry.contact ? [h('dt', {}, t('support.contact')), h('dd', {}, inquiry.contact.name)] : null,
      h('dt', {}, t('support.assignee')), h('dd', {}, inquiry.assignee?.name ?? t('support.unassignedPerson')),
      h('dt', {}, t('support.policy')), h('dd', {}, inquiry.slaPolicy?.name ?? t('common.none'))),
    inquiry.dialogue ? h('p', {}, h('a', { href: ctx.hashOf('dialogues', inquiry.dialogue.id) }, t('support.openDialogue'))) : null,
    inquiry.slaDeadlines.length ? h('section', { 'aria-labelledby': 'deadlines-title' },
      h('h3', { id: 'deadlines-title' }, t('support.deadlines')),
      h('ul', { class: 'deadlines' }, inquiry.slaDeadlines.map((deadline) => deadlineItem(deadline, ctx))))
      : null,
    timeTracker({ ctx, inquiry, entries: inquiry.timeEntries.edges.map((edge) => edge.node), onLogged }));
}

/** One deadline of the list; `data-deadline-id` lets the view replace it when an SLA event comes. */
export function deadlineItem(deadline, ctx) {
  const { t } = ctx;
  return h('li', { dataset: { state: deadline.state, deadlineId: deadline.id } },
    h('span', {}, t(`support.metric.${deadline.metric}`)),
    h('span', { class: 'muted' }, ` · ${t(`support.state.${deadline.state}`)} · ${formatDateTime(deadline.metAt ?? deadline.missedAt ?? deadline.dueAt, ctx.locale)}`));
}
