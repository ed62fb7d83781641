// One deal on the board: title, client (a link to its card), amount, expected close date coloured
// by deadline (overdue, today, later), and the "Move to…" menu.

import { h } from '../../shell/dom.js';
import { formatDate } from '../../shell/format.js';
import { formatAmount } from './money.js';
import { deadlineOf } from './dates.js';
import { moveMenuButton } from './move-menu.js';

export function dealCard({ ctx, deal, today, stages, onPick }) {
  const { t } = ctx;
  const deadline = deadlineOf(deal.expectedCloseDate, today);
  const titleId = `deal-title-${deal.id}`;
  return h('article', {
    class: 'deal-card', id: `deal-${deal.id}`, 'aria-labelledby': titleId,
    dataset: { dealId: deal.id, stageId: deal.stage.id, deadline, version: String(deal.version) },
  },
  h('h3', { class: 'deal-title', id: titleId }, deal.title),
  deal.client ? h('a', { class: 'deal-client', href: ctx.hashOf('clients', deal.client.id) }, deal.client.name) : null,
  h('div', { class: 'deal-facts' },
    h('span', { class: 'deal-amount' }, deal.amount == null ? t('sales.noAmount') : formatAmount(deal.amount, deal.currency, ctx.locale)),
    h('span', { class: 'deal-deadline', title: t(`sales.deadline.${deadline}`) },
      h('span', { class: 'deadline-dot', 'aria-hidden': 'true' }),
      deal.expectedCloseDate ? formatDate(deal.expectedCloseDate, ctx.locale) : t('sales.noDate'),
      h('span', { class: 'visually-hidden' }, ` — ${t(`sales.deadline.${deadline}`)}`))),
  h('div', { class: 'deal-actions' },
    deal.stalled ? h('span', { class: 'deal-stalled' }, t('sales.stalled')) : null,
    moveMenuButton({ t, deal, stages, onPick: (stage) => onPick(deal, stage, { keyboard: true }) })));
}
