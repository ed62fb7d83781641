// A list of tasks (overdue, today): when each is due, what it concerns, and "Complete…" which
// opens the complete-with-result form in place.

import { h, replace } from '../../shell/dom.js';
import { completeForm } from './complete-form.js';
import { formatClock, formatDay, dateIn } from './zoned-time.js';

/** When a task is due, in words: `14:00–15:30`, `10:00`, `All day`, `27 Nov, 14:00`. */
export function dueText(task, { ctx, timeZone, today }) {
  const { t, locale } = ctx;
  const clock = (value) => formatClock(value, timeZone, locale);
  const dayOf = (value) => (dateIn(new Date(value), timeZone) === today ? '' : `${formatDay(dateIn(new Date(value), timeZone), locale, { day: 'numeric', month: 'short' })}, `);
  if (task.timeBound && task.startAt) return `${dayOf(task.startAt)}${clock(task.startAt)}–${clock(task.dueAt)}`;
  if (task.dueAt) return `${dayOf(task.dueAt)}${clock(task.dueAt)}`;
  if (task.dueDate) return task.dueDate === today ? t('affairs.allDay') : formatDay(task.dueDate, locale, { day: 'numeric', month: 'short' });
  return t('affairs.unscheduled');
}

/** What the task concerns: client, deal, project. */
function concerns(task) {
  return [task.client?.name, task.deal?.title, task.project?.name].filter(Boolean).join(' · ');
}

/**
 * One task as a list item. `onCompleted(task)` after the server marked it done; `onStale()` when
 * it had changed since it was read.
 */
export function taskItem(task, { ctx, timeZone, today, onCompleted, onStale }) {
  const { t } = ctx;
  const formSlot = h('div', { class: 'task-form-slot' });
  const open = h('button', {
    type: 'button', class: 'task-complete', 'aria-expanded': 'false',
    'aria-label': t('affairs.completeNamed', { title: task.title }),
    onclick: () => toggle(),
  }, h('span', { class: 'check', 'aria-hidden': 'true' }), t('affairs.complete'));
  const item = h('li', {
    class: 'task-item', dataset: { taskId: task.id, overdue: String(task.overdue), kind: task.kind, timeBound: String(task.timeBound) },
  },
  h('div', { class: 'task-main' },
    h('span', { class: 'task-due', dataset: { overdue: String(task.overdue) } }, dueText(task, { ctx, timeZone, today })),
    h('span', { class: 'task-title' }, task.title),
    h('span', { class: 'task-tags' },
      h('span', { class: 'task-kind' }, t(`affairs.kind.${task.kind}`)),
      task.priority !== 'NORMAL' ? h('span', { class: `priority priority-${task.priority.toLowerCase()}` }, t(`affairs.priority.${task.priority}`)) : null,
      task.overdue ? h('span', { class: 'overdue-tag' }, t('affairs.overdueTag')) : null),
    concerns(task) ? h('span', { class: 'task-concerns muted' }, concerns(task)) : null),
  open,
  formSlot);

  function toggle(show = open.getAttribute('aria-expanded') !== 'true') {
    open.setAttribute('aria-expanded', String(show));
    if (!show) { replace(formSlot); open.focus(); return; }
    replace(formSlot, completeForm({
      ctx, task,
      onDone: (done) => onCompleted({ ...task, ...done }),
      onCancel: () => toggle(false),
      onStale,
    }));
  }
  return item;
}

/** Fills a `<ul>` with tasks, or an empty line. */
export function renderTaskList(list, tasks, options, emptyText) {
  replace(list, tasks.length ? tasks.map((task) => taskItem(task, options)) : h('li', { class: 'empty' }, emptyText));
}
