// The selected row under the chart: its dates as the API scheduled them (early and late dates,
// float, a start-no-earlier-than set by earlier moves), who does it, what it depends on, and the
// keyboard's way to move it: shift by a number of working days of the project's calendar.

import { h } from '../../shell/dom.js';

export function rowDetail({ ctx, row, rows, fmt, workingDays, pending, onShift, onClose }) {
  const { t } = ctx;
  const names = new Map(rows.map((other) => [other.id, other.name]));
  const range = (a, b) => (a && b ? (a === b ? fmt(a) : `${fmt(a)} – ${fmt(b)}`) : t('gantt.none'));
  const days = h('input', { type: 'number', id: 'gantt-shift-days', step: 1, min: -365, max: 365, value: 1, required: true, inputmode: 'numeric' });
  const submit = h('button', { type: 'submit', class: 'primary', disabled: pending }, t('gantt.shift'));
  const facts = [
    ['dates', range(row.start, row.finish)],
    row.kind !== 'MILESTONE' ? ['duration', t('gantt.durationDays', { n: row.durationDays ?? 0 })] : null,
    ['floatLabel', row.critical ? `0 · ${t('gantt.onCriticalPath')}` : t('gantt.durationDays', { n: row.totalFloat })],
    ['early', range(row.earlyStart, row.earlyFinish)],
    ['late', range(row.lateStart, row.lateFinish)],
    row.startNoEarlierThan ? ['notBefore', fmt(row.startNoEarlierThan)] : null,
    ['assignees', row.assignees?.map((user) => user.name).join(', ') || t('gantt.none')],
    ['predecessors', row.dependencies.map((link) => `${names.get(link.predecessorId) ?? '?'} (${link.type}${link.lagDays ? ` ${link.lagDays > 0 ? '+' : ''}${link.lagDays}` : ''})`).join(', ') || t('gantt.none')],
  ].filter(Boolean);

  return h('section', { class: 'gantt-row-detail', dataset: { taskId: row.id, critical: String(row.critical) }, 'aria-labelledby': 'gantt-detail-title' },
    h('header', { class: 'gantt-detail-head' },
      h('h2', { id: 'gantt-detail-title' }, h('span', { class: 'muted' }, `${t(`gantt.kind.${row.kind}`)} · `), row.name),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': t('gantt.close'), onclick: onClose }, '×')),
    h('dl', { class: 'facts' }, facts.map(([key, value]) => [h('dt', {}, t(`gantt.${key}`)), h('dd', { dataset: { fact: key } }, value)])),
    h('form', {
      class: 'gantt-shift',
      onsubmit: (event) => {
        event.preventDefault();
        const count = Number(days.value);
        if (!Number.isInteger(count) || count === 0) { days.focus(); return; }
        onShift(workingDays.shift(row.start, count));
      },
    },
    h('label', { for: 'gantt-shift-days' }, t('gantt.shiftBy')), days, submit));
}
