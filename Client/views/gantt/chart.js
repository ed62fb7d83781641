// The Gantt chart as SVG: a date scale, a row per stage, task and milestone (bars positioned by
// their start and finish, diamonds for milestones), dependency arrows of every type, the critical
// path (as the API computed it) in red, each task's float after its bar, days off shaded and a
// line for today. Bars are focusable; pointer dragging and the arrow keys preview a new start,
// handed to `onMove(row, start)`.

import { dayNumber, dateOf, addDays, formatDate, weekday } from './dates.js';

const SVG = 'http://www.w3.org/2000/svg';
export const ROW_HEIGHT = 34;
export const HEADER_HEIGHT = 46;
export const ZOOMS = Object.freeze({
  day: { dayWidth: 32, pad: 2 },
  week: { dayWidth: 12, pad: 7 },
  month: { dayWidth: 4, pad: 20 },
});

/** An SVG element: `svg('rect', { x: 1 }, child…)`. */
function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) if (child != null && child !== false) element.append(child);
  return element;
}

/** The first and last day shown: the plan, its float, today if near, padded to the zoom's units. */
function span(rows, zoom, today) {
  const days = rows.flatMap((row) => [dayNumber(row.start), dayNumber(row.finish), row.lateFinish ? dayNumber(row.lateFinish) : null]).filter((n) => n != null);
  let first = Math.min(...days);
  let last = Math.max(...days);
  const now = dayNumber(today);
  if (now >= first - 60 && now <= last + 60) { first = Math.min(first, now); last = Math.max(last, now); }
  first -= ZOOMS[zoom].pad;
  last += ZOOMS[zoom].pad;
  if (zoom === 'week') { first -= (weekday(dateOf(first)) + 6) % 7; last += 6 - ((weekday(dateOf(last)) + 6) % 7); }
  if (zoom === 'month') {
    const start = dateOf(first);
    first = dayNumber(`${start.slice(0, 8)}01`);
    const end = dateOf(last);
    const [year, month] = end.split('-').map(Number);
    last = dayNumber(dateOf(dayNumber(`${month === 12 ? year + 1 : year}-${String(month === 12 ? 1 : month + 1).padStart(2, '0')}-01`) - 1));
  }
  return { first, last };
}

/** The two tiers of the scale: `[{ x, width, label, date }]` above, the same below. */
function scale({ first, last, dayWidth, zoom, locale }) {
  const top = [];
  const bottom = [];
  let topKey = null;
  for (let n = first; n <= last; n += 1) {
    const date = dateOf(n);
    const x = (n - first) * dayWidth;
    const key = zoom === 'month' ? date.slice(0, 4) : date.slice(0, 7);
    if (key !== topKey) {
      topKey = key;
      top.push({ x, date, label: zoom === 'month' ? key : formatDate(date, locale, { month: 'long', year: 'numeric' }) });
    }
    if (zoom === 'day') bottom.push({ x, date, label: String(Number(date.slice(8))) });
    else if (zoom === 'week' && weekday(date) === 1) bottom.push({ x, date, label: formatDate(date, locale) });
    else if (zoom === 'month' && date.endsWith('-01')) bottom.push({ x, date, label: formatDate(date, locale, { month: 'short' }) });
  }
  return { top, bottom };
}

/**
 * Draws the chart. `rows`: the API's Gantt rows with `version`, `lateFinish`… merged in.
 * Returns `{ element, barOf(id), xOf(date) }`.
 */
export function ganttChart({ rows, zoom, today, workingDays, locale, t, selectedId, pendingId, onSelect, onMove, onPreview }) {
  const { dayWidth } = ZOOMS[zoom];
  const { first, last } = span(rows, zoom, today);
  const labelRoom = zoom === 'month' ? 16 : 190; // assignees' names after the last bars
  const width = (last - first + 1) * dayWidth + labelRoom;
  const height = HEADER_HEIGHT + rows.length * ROW_HEIGHT;
  const index = new Map(rows.map((row, i) => [row.id, i]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const x0 = (date) => (dayNumber(date) - first) * dayWidth;
  const x1 = (date) => (dayNumber(date) - first + 1) * dayWidth;
  const mid = (row) => HEADER_HEIGHT + index.get(row.id) * ROW_HEIGHT + ROW_HEIGHT / 2;
  const isMilestone = (row) => row.kind === 'MILESTONE';
  const anchorStart = (row) => (isMilestone(row) ? (x0(row.start) + x1(row.start)) / 2 - 7 : x0(row.start));
  const anchorEnd = (row) => (isMilestone(row) ? (x0(row.start) + x1(row.start)) / 2 + 7 : x1(row.finish));

  const root = svg('svg', {
    class: 'gantt-chart', width, height, viewBox: `0 0 ${width} ${height}`,
    dataset: { zoom, dayWidth: String(dayWidth), first: dateOf(first), last: dateOf(last) },
  });
  root.append(svg('defs', {},
    svg('marker', { id: 'gantt-arrow', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrow-head' })),
    svg('marker', { id: 'gantt-arrow-critical', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrow-head critical' }))));

  // Grid: row stripes, days off, unit lines.
  const grid = svg('g', { class: 'gantt-grid' });
  rows.forEach((row, i) => grid.append(svg('rect', {
    class: `row-stripe${row.id === selectedId ? ' selected' : ''}${i % 2 ? ' odd' : ''}`, x: 0, y: HEADER_HEIGHT + i * ROW_HEIGHT, width, height: ROW_HEIGHT,
    dataset: { taskId: row.id },
  })));
  if (zoom !== 'month') {
    for (let n = first; n <= last; n += 1) {
      if (!workingDays.isWorking(dateOf(n))) grid.append(svg('rect', { class: 'day-off', x: (n - first) * dayWidth, y: HEADER_HEIGHT, width: dayWidth, height: height - HEADER_HEIGHT }));
    }
  }
  const ticks = scale({ first, last, dayWidth, zoom, locale });
  for (const tick of ticks.bottom) grid.append(svg('line', { class: 'unit-line', x1: tick.x, x2: tick.x, y1: HEADER_HEIGHT - 18, y2: height }));
  for (const tick of ticks.top) grid.append(svg('line', { class: 'unit-line major', x1: tick.x, x2: tick.x, y1: 0, y2: height }));
  root.append(grid);

  // The scale.
  const scaleGroup = svg('g', { class: 'gantt-scale', 'aria-hidden': 'true' },
    svg('rect', { class: 'scale-bg', x: 0, y: 0, width, height: HEADER_HEIGHT }),
    ticks.top.map((tick) => svg('text', { class: 'scale-top', x: tick.x + 4, y: 16, dataset: { date: tick.date } }, tick.label)),
    ticks.bottom.map((tick) => svg('text', {
      class: 'scale-unit', x: zoom === 'day' ? tick.x + dayWidth / 2 : tick.x + 3, y: HEADER_HEIGHT - 8,
      'text-anchor': zoom === 'day' ? 'middle' : 'start', dataset: { date: tick.date },
    }, tick.label)));
  root.append(scaleGroup);

  // Dependency arrows.
  const links = svg('g', { class: 'gantt-links' });
  for (const row of rows) {
    for (const link of row.dependencies) {
      const from = byId.get(link.predecessorId);
      if (!from) continue;
      const fromEnd = link.type === 'FS' || link.type === 'FF';
      const toEnd = link.type === 'FF' || link.type === 'SF';
      const xa = fromEnd ? anchorEnd(from) : anchorStart(from);
      const xb = toEnd ? anchorEnd(row) : anchorStart(row);
      const ya = mid(from);
      const yb = mid(row);
      const out = fromEnd ? xa + 8 : xa - 8;
      const approach = toEnd ? xb + 8 : xb - 8;
      const direct = toEnd ? out >= approach : out <= approach;
      const between = yb - Math.sign(yb - ya || 1) * (ROW_HEIGHT / 2);
      const d = direct
        ? `M${xa},${ya} H${out} V${yb} H${xb}`
        : `M${xa},${ya} H${out} V${between} H${approach} V${yb} H${xb}`;
      const critical = from.critical && row.critical;
      links.append(svg('path', {
        class: `gantt-link${critical ? ' critical' : ''}`, d, 'marker-end': `url(#${critical ? 'gantt-arrow-critical' : 'gantt-arrow'})`,
        dataset: { from: from.id, to: row.id, type: link.type, lag: String(link.lagDays) },
      }, svg('title', {}, t('gantt.linkTitle', { from: from.name, to: row.name, type: t(`gantt.type.${link.type}`), lag: link.lagDays }))));
    }
  }
  root.append(links);

  // Bars.
  const bars = svg('g', { class: 'gantt-bars' });
  const barElements = new Map();
  rows.forEach((row, i) => {
    const top = HEADER_HEIGHT + i * ROW_HEIGHT;
    const start = x0(row.start);
    const end = x1(row.finish);
    const label = t('gantt.barLabel', {
      name: row.name, kind: t(`gantt.kind.${row.kind}`),
      start: formatDate(row.start, locale), finish: formatDate(row.finish, locale),
      critical: row.critical ? t('gantt.onCriticalPath') : t('gantt.float', { n: row.totalFloat }),
    });
    const group = svg('g', {
      class: `gantt-bar kind-${row.kind.toLowerCase()}${row.critical ? ' critical' : ''}${row.id === selectedId ? ' selected' : ''}${row.id === pendingId ? ' pending' : ''}`,
      tabindex: 0, role: 'button', 'aria-label': label, 'aria-pressed': String(row.id === selectedId),
      dataset: { taskId: row.id, kind: row.kind, critical: String(row.critical), start: row.start, finish: row.finish, float: String(row.totalFloat) },
    });
    if (row.totalFloat > 0 && row.lateFinish && row.lateFinish > row.finish && !isMilestone(row)) {
      const floatEnd = x1(row.lateFinish);
      group.append(svg('path', { class: 'float', d: `M${end},${top + ROW_HEIGHT / 2} H${floatEnd} M${floatEnd},${top + ROW_HEIGHT / 2 - 4} V${top + ROW_HEIGHT / 2 + 4}` }));
    }
    if (row.kind === 'MILESTONE') {
      const cx = (start + end) / 2;
      const cy = top + ROW_HEIGHT / 2;
      group.append(svg('path', { class: 'bar milestone', d: `M${cx},${cy - 8} L${cx + 8},${cy} L${cx},${cy + 8} L${cx - 8},${cy} Z` }));
    } else if (row.kind === 'STAGE') {
      const y = top + 10;
      group.append(svg('path', {
        class: 'bar stage',
        d: `M${start},${y} H${end} V${y + 12} L${end - 5},${y + 7} H${start + 5} L${start},${y + 12} Z`,
      }));
    } else {
      group.append(svg('rect', { class: 'bar task', x: start, y: top + 8, width: Math.max(end - start, 3), height: ROW_HEIGHT - 16, rx: 4 }));
      if (row.progress > 0) {
        group.append(svg('rect', { class: 'progress', x: start, y: top + ROW_HEIGHT - 12, width: Math.max(end - start, 3) * row.progress / 100, height: 4, rx: 2 }));
      }
    }
    if (zoom !== 'month' && row.assignees?.length) {
      const after = (row.totalFloat > 0 && row.lateFinish && !isMilestone(row)) ? Math.max(end, x1(row.lateFinish)) : end;
      group.append(svg('text', { class: 'bar-note', x: after + (isMilestone(row) ? 6 : 6), y: top + ROW_HEIGHT / 2 + 4 },
        row.assignees.map((user) => user.name).join(', ')));
    }
    group.append(svg('title', {}, label));
    attachMoving(group, row);
    barElements.set(row.id, group);
    bars.append(group);
  });
  root.append(bars);

  // Today.
  const now = dayNumber(today);
  if (now >= first && now <= last) {
    const x = (now - first + 0.5) * dayWidth;
    root.append(svg('g', { class: 'today', dataset: { date: today } },
      svg('line', { class: 'today-line', x1: x, x2: x, y1: HEADER_HEIGHT - 4, y2: height }),
      svg('rect', { class: 'today-tag', x: x - 1, y: HEADER_HEIGHT - 29, width: t('gantt.today').length * 6 + 8, height: 12, rx: 3 }),
      svg('text', { class: 'today-label', x: x + 3, y: HEADER_HEIGHT - 20 }, t('gantt.today'))));
  }

  /** Dragging with a pointer, or arrow keys then Enter, previews a new start and hands it over. */
  function attachMoving(group, row) {
    let drag = null;   // { pointerId, x, days }
    let keyed = 0;     // days shifted with the keyboard, not yet saved
    const preview = (days) => {
      group.setAttribute('transform', days ? `translate(${days * dayWidth},0)` : '');
      group.classList.toggle('dragging', Boolean(days));
      onPreview?.(row, days ? addDays(row.start, days) : null);
    };
    group.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || pendingId) return;
      event.preventDefault();
      group.focus({ preventScroll: true });
      drag = { pointerId: event.pointerId, x: event.clientX, days: 0, moved: false };
      group.setPointerCapture?.(event.pointerId);
    });
    group.addEventListener('pointermove', (event) => {
      if (!drag || event.pointerId !== drag.pointerId) return;
      const dx = event.clientX - drag.x;
      if (Math.abs(dx) > 3) drag.moved = true;
      const days = Math.round(dx / dayWidth);
      if (days !== drag.days) { drag.days = days; preview(days); }
    });
    const finish = (event, cancelled = false) => {
      if (!drag || (event && event.pointerId !== drag.pointerId)) return;
      const { days, moved } = drag;
      drag = null;
      if (cancelled || !days) {
        preview(0);
        if (!moved && !cancelled) onSelect(row);
        return;
      }
      onMove(row, addDays(row.start, days));
    };
    group.addEventListener('pointerup', (event) => finish(event));
    group.addEventListener('pointercancel', (event) => finish(event, true));
    group.addEventListener('keydown', (event) => {
      if (pendingId) return;
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        event.preventDefault();
        keyed += (event.key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? 7 : 1);
        preview(keyed);
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        if (keyed) { const days = keyed; keyed = 0; onMove(row, addDays(row.start, days)); } else onSelect(row);
      } else if (event.key === 'Escape') {
        if (drag) { drag = null; }
        if (keyed || group.classList.contains('dragging')) { event.stopPropagation(); keyed = 0; preview(0); }
      }
    });
    group.addEventListener('blur', () => { if (keyed && !pendingId) { keyed = 0; preview(0); } });
  }

  return {
    element: root,
    barOf: (id) => barElements.get(id),
    xOf: x0,
  };
}
