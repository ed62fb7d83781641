// The manager's figures above the board: open amount, average deal, won this month — per
// currency when deals are in several.

import { h, replace } from '../../shell/dom.js';
import { divideDecimal, formatAmount, totalsByCurrency } from './money.js';

function money(totals, ctx, pick = (entry) => entry.sum) {
  if (!totals.length) return formatAmount('0', null, ctx.locale);
  return totals.map((entry) => formatAmount(pick(entry), entry.currency, ctx.locale)).join(' + ');
}

function figure(id, label, value, note) {
  return h('div', { class: 'figure', id },
    h('dt', {}, label),
    h('dd', {}, h('span', { class: 'figure-value' }, value), note ? h('span', { class: 'figure-note muted' }, note) : null));
}

/** Renders the figures into `element` (a `<dl>`): `open` are the open deals, `won` this month's won ones. */
export function renderFigures(element, { ctx, open, won }) {
  const { t } = ctx;
  const openTotals = totalsByCurrency(open);
  const wonTotals = totalsByCurrency(won ?? []);
  replace(element,
    figure('figure-open', t('sales.openAmount'), money(openTotals.totals, ctx), t('sales.dealCount', { n: open.length })),
    figure('figure-average', t('sales.averageDeal'),
      openTotals.totals.length ? money(openTotals.totals, ctx, (entry) => divideDecimal(entry.sum, entry.count)) : t('common.none'),
      t('sales.averageNote')),
    figure('figure-won', t('sales.wonThisMonth'), won ? money(wonTotals.totals, ctx) : '…',
      won ? t('sales.dealCount', { n: won.length }) : null));
}
