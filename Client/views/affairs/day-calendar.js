// A day of time slots: a 24-hour grid with a block per time-bound task, placed by its start and
// length in the user's time zone. Overlapping blocks share the width side by side; the current
// time is a line across the grid when the day is today.

import { h, replace } from '../../shell/dom.js';
import { formatClock, startOfDay, addDays } from './zoned-time.js';

export const HOUR_HEIGHT = 44; // px per hour
const MINUTE = 60_000;

/** Lays blocks out in columns: each overlapping group shares the width. */
function layout(slots) {
  const sorted = [...slots].sort((a, b) => a.top - b.top || b.bottom - a.bottom);
  const placed = [];
  let group = [];
  let groupEnd = -Infinity;
  const closeGroup = () => {
    const columns = Math.max(1, ...group.map((slot) => slot.column + 1));
    for (const slot of group) slot.columns = columns;
    group = [];
  };
  for (const slot of sorted) {
    if (slot.top >= groupEnd) { closeGroup(); groupEnd = -Infinity; }
    const taken = new Set(group.filter((other) => other.bottom > slot.top).map((other) => other.column));
    let column = 0;
    while (taken.has(column)) column += 1;
    slot.column = column;
    group.push(slot);
    placed.push(slot);
    groupEnd = Math.max(groupEnd, slot.bottom);
  }
  closeGroup();
  return placed;
}

/**
 * The grid of `date` with its `tasks` (time-bound, overlapping the day). `onSelect(task)` when a
 * block is chosen (click, Enter or Space).
 */
export function dayCalendar({ ctx, date, timeZone, tasks, today, selectedId, onSelect }) {
  const { t, locale } = ctx;
  const dayStart = startOfDay(date, timeZone).getTime();
  const dayEnd = startOfDay(addDays(date, 1), timeZone).getTime();
  const hours = Math.round((dayEnd - dayStart) / 3_600_000) || 24;
  const minutesInto = (instant) => (instant - dayStart) / MINUTE;

  const slots = layout(tasks.filter((task) => task.startAt).map((task) => {
    const start = Math.max(minutesInto(new Date(task.startAt).getTime()), 0);
    const end = Math.min(minutesInto(new Date(task.dueAt ?? task.startAt).getTime() || 0), hours * 60);
    return { task, start, end, top: start, bottom: Math.max(end, start + 20) };
  }));

  const grid = h('div', { class: 'day-grid', style: { height: `${hours * HOUR_HEIGHT}px` } });
  for (let hour = 0; hour < hours; hour += 1) {
    grid.append(h('div', { class: 'hour-line', style: { top: `${hour * HOUR_HEIGHT}px` }, 'aria-hidden': 'true' },
      h('span', { class: 'hour-label' }, formatClock(dayStart + hour * 3_600_000, timeZone, locale))));
  }
  for (const slot of slots) {
    const { task } = slot;
    const time = `${formatClock(task.startAt, timeZone, locale)}–${formatClock(task.dueAt, timeZone, locale)}`;
    const width = 100 / slot.columns;
    grid.append(h('button', {
      type: 'button',
      class: 'slot', 'aria-pressed': String(task.id === selectedId),
      dataset: { taskId: task.id, startMinute: String(Math.round(slot.start)), endMinute: String(Math.round(slot.end)), overdue: String(task.overdue), kind: task.kind },
      style: {
        top: `${(slot.top / 60) * HOUR_HEIGHT}px`,
        height: `${Math.max(((slot.bottom - slot.top) / 60) * HOUR_HEIGHT - 2, 18)}px`,
        left: `calc(3.6rem + (100% - 3.8rem) * ${slot.column * width / 100})`,
        width: `calc((100% - 3.8rem) * ${width / 100} - 3px)`,
      },
      'aria-label': t('affairs.slotLabel', { time, title: task.title }),
      onclick: () => onSelect(task),
    },
    h('span', { class: 'slot-time' }, time),
    h('span', { class: 'slot-title' }, task.title)));
  }

  const nowLine = h('div', { class: 'now-line', 'aria-hidden': 'true' });
  const placeNow = () => {
    const minutes = minutesInto(Date.now());
    nowLine.hidden = date !== today || minutes < 0 || minutes > hours * 60;
    nowLine.style.top = `${(minutes / 60) * HOUR_HEIGHT}px`;
  };
  placeNow();
  grid.append(nowLine);

  const empty = slots.length ? null : h('p', { class: 'muted calendar-empty' }, t('affairs.noSlots'));
  const element = h('div', { class: 'day-calendar', dataset: { date } }, empty, grid);

  /** Scrolls its scroller to the first block, else to the current hour (today), else to 8:00. */
  const scrollInto = (scroller) => {
    const first = slots.length ? Math.min(...slots.map((slot) => slot.top)) : (date === today ? minutesInto(Date.now()) : 8 * 60);
    scroller.scrollTop = Math.max(0, (first / 60 - 1) * HOUR_HEIGHT);
  };
  return { element, placeNow, scrollInto };
}

/** Replaces a container's calendar. */
export function showCalendar(container, calendar) {
  replace(container, calendar.element);
}
