// Project Gantt (K1): pick a project and see its plan as an SVG chart — stages, tasks and
// milestones, dependency arrows, the critical path the API computed, float, today, zoom by day,
// week or month. Dragging a bar (or the keyboard: arrows then Enter, or "shift by N working days")
// moves the task through `moveProjectTask` with the version read; the chart is drawn again from the
// server's answer, so dependants follow. A refusal — a stale version above all — snaps the bar back
// and says so.

import { h, replace } from '../shell/dom.js';
import { UserErrors } from '../lib/graphql-http.js';
import { PROJECTS, PROJECT_PLAN, MOVE_TASK } from './gantt/queries.js';
import { WorkingDays, todayIn, formatDate } from './gantt/dates.js';
import { ganttChart, ZOOMS, ROW_HEIGHT, HEADER_HEIGHT } from './gantt/chart.js';
import { rowDetail } from './gantt/row-detail.js';

export default {
  id: 'gantt',
  label: { en: 'Projects', ru: 'Проекты' },
  icon: 'template',
  strings: {
    en: {
      title: 'Project plan', project: 'Project', zoom: 'Scale', noProjects: 'No projects are visible to you.', notFound: 'This project is not visible.',
      zooms: { day: 'Days', week: 'Weeks', month: 'Months' },
      managedBy: 'manager {name}', done: '{n}% done', nameColumn: 'Stage, task, milestone',
      legendCritical: 'Critical path', legendTask: 'Task', legendFloat: 'Float', legendMilestone: 'Milestone', legendToday: 'Today',
      today: 'Today', rows: 'Plan rows', chart: 'Gantt chart of {name}',
      kind: { STAGE: 'Stage', TASK: 'Task', MILESTONE: 'Milestone' },
      type: { FS: 'finish-to-start', SS: 'start-to-start', FF: 'finish-to-finish', SF: 'start-to-finish' },
      status: { PLANNED: 'Planned', ACTIVE: 'Active', ON_HOLD: 'On hold', COMPLETED: 'Completed', CANCELLED: 'Cancelled' },
      barLabel: '{kind} {name}: {start} – {finish}, {critical}', onCriticalPath: 'on the critical path', float: 'float {n} working days',
      linkTitle: '{from} → {to}: {type}, lag {lag}',
      criticalShort: 'critical',
      saving: 'Moving “{name}” to {start}…',
      moved: '“{name}” starts on {start}; {n} other rows rescheduled.',
      placedLater: '“{name}” starts on {start}, not {asked}: its dependencies, the project start or the calendar allow no earlier working day.',
      conflict: '“{name}” was changed by someone else meanwhile; nothing was saved. The plan has been read again.',
      refused: '“{name}” was not moved: {message}',
      preview: 'New start: {start} — Enter saves, Esc cancels.',
      help: 'Drag a bar sideways to move it; or focus a bar, move it with ← → (Shift: a week) and press Enter.',
      select: 'Select a row to see its dates and shift it.',
      dates: 'Dates', duration: 'Duration', durationDays: '{n} working days', floatLabel: 'Float', early: 'Early start – finish', late: 'Late start – finish',
      notBefore: 'Starts no earlier than', assignees: 'Assignees', predecessors: 'Depends on', none: '—',
      shiftBy: 'Shift by working days', shift: 'Shift', close: 'Close',
    },
    ru: {
      title: 'План проекта', project: 'Проект', zoom: 'Масштаб', noProjects: 'Видимых вам проектов нет.', notFound: 'Этот проект недоступен.',
      zooms: { day: 'Дни', week: 'Недели', month: 'Месяцы' },
      managedBy: 'менеджер {name}', done: 'готово {n}%', nameColumn: 'Этап, задача, веха',
      legendCritical: 'Критический путь', legendTask: 'Задача', legendFloat: 'Резерв', legendMilestone: 'Веха', legendToday: 'Сегодня',
      today: 'Сегодня', rows: 'Строки плана', chart: 'Диаграмма Ганта: {name}',
      kind: { STAGE: 'Этап', TASK: 'Задача', MILESTONE: 'Веха' },
      type: { FS: 'окончание–начало', SS: 'начало–начало', FF: 'окончание–окончание', SF: 'начало–окончание' },
      status: { PLANNED: 'Запланирован', ACTIVE: 'Идёт', ON_HOLD: 'Приостановлен', COMPLETED: 'Завершён', CANCELLED: 'Отменён' },
      barLabel: '{kind} {name}: {start} – {finish}, {critical}', onCriticalPath: 'на критическом пути', float: 'резерв {n} раб. дн.',
      linkTitle: '{from} → {to}: {type}, задержка {lag}',
      criticalShort: 'критическая',
      saving: 'Переносим «{name}» на {start}…',
      moved: '«{name}» начинается {start}; перенесено других строк: {n}.',
      placedLater: '«{name}» начинается {start}, а не {asked}: зависимости, начало проекта или календарь не дают начать раньше.',
      conflict: '«{name}» успели изменить; ничего не сохранено. План перечитан.',
      refused: '«{name}» не перенесена: {message}',
      preview: 'Новое начало: {start} — Enter сохраняет, Esc отменяет.',
      help: 'Перетащите полосу вбок, чтобы перенести задачу; или выберите полосу, двигайте стрелками ← → (Shift — на неделю) и нажмите Enter.',
      select: 'Выберите строку, чтобы увидеть её сроки и сдвинуть её.',
      dates: 'Сроки', duration: 'Длительность', durationDays: '{n} раб. дн.', floatLabel: 'Резерв', early: 'Раннее начало – окончание', late: 'Позднее начало – окончание',
      notBefore: 'Начало не раньше', assignees: 'Исполнители', predecessors: 'Зависит от', none: '—',
      shiftBy: 'Сдвинуть на рабочих дней', shift: 'Сдвинуть', close: 'Закрыть',
    },
  },

  async mount(container, ctx) {
    const { t, locale } = ctx;
    let projectId = ctx.route.params[0] ?? null;
    let zoom = ZOOMS[ctx.route.query.zoom] ? ctx.route.query.zoom : 'day';
    let plan = null;       // the project as last answered by the server
    let rows = [];         // its Gantt rows with version and late dates merged in
    let workingDays = new WorkingDays(null);
    let selectedId = null;
    let pendingId = null;
    let chart = null;
    let loadTicket = 0;

    // --- the page ---------------------------------------------------------------------------
    const picker = h('select', { id: 'gantt-project', onchange: () => ctx.navigate('gantt', picker.value) });
    const zoomGroup = h('div', { class: 'gantt-zoom', role: 'group', 'aria-label': t('gantt.zoom') });
    const summary = h('p', { class: 'gantt-summary muted' });
    const message = h('p', { class: 'gantt-message', role: 'status', 'aria-live': 'polite' });
    const names = h('ol', { class: 'gantt-names', 'aria-label': t('gantt.rows') });
    const timeline = h('div', { class: 'gantt-timeline' });
    const scroller = h('div', { class: 'gantt-scroll' }, h('div', { class: 'gantt-body' }, names, timeline));
    const detail = h('div', { class: 'gantt-detail' });
    const legend = h('ul', { class: 'gantt-legend', 'aria-hidden': 'true' },
      h('li', {}, h('span', { class: 'swatch critical' }), t('gantt.legendCritical')),
      h('li', {}, h('span', { class: 'swatch task' }), t('gantt.legendTask')),
      h('li', {}, h('span', { class: 'swatch float' }), t('gantt.legendFloat')),
      h('li', {}, h('span', { class: 'swatch milestone' }), t('gantt.legendMilestone')),
      h('li', {}, h('span', { class: 'swatch today' }), t('gantt.legendToday')));
    const help = h('p', { class: 'gantt-help muted', id: 'gantt-help' }, t('gantt.help'));

    container.append(h('div', { class: 'gantt-layout' },
      h('header', { class: 'gantt-head' },
        h('h1', {}, t('gantt.title')),
        h('label', { for: 'gantt-project', class: 'visually-hidden' }, t('gantt.project')),
        picker,
        zoomGroup),
      summary,
      h('div', { class: 'gantt-bar-line' }, legend, message),
      scroller,
      help,
      detail));

    const fmt = (date) => formatDate(date, locale);
    const say = (text, kind = 'info') => {
      message.textContent = text;
      message.dataset.kind = kind;
      message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    };

    const renderZoom = () => replace(zoomGroup, Object.keys(ZOOMS).map((name) => h('button', {
      type: 'button', class: 'chip', 'aria-pressed': String(zoom === name), dataset: { zoom: name },
      onclick: () => {
        if (zoom === name) return;
        zoom = name;
        renderZoom();
        render({ keepScroll: false });
      },
    }, t(`gantt.zooms.${name}`))));

    // --- the plan ---------------------------------------------------------------------------
    const applyPlan = (project) => {
      plan = project;
      workingDays = new WorkingDays(project.calendar);
      const details = new Map(project.tasks.edges.map((edge) => [edge.node.id, edge.node]));
      rows = project.gantt.map((row) => ({ ...details.get(row.id), ...row }));
      if (selectedId && !rows.some((row) => row.id === selectedId)) selectedId = null;
      summary.textContent = [
        project.client?.name,
        project.manager ? t('gantt.managedBy', { name: project.manager.name }) : null,
        `${fmt(project.start)} – ${fmt(project.finish)}`,
        t('gantt.done', { n: project.progress }),
        t(`gantt.status.${project.status}`),
      ].filter(Boolean).join(' · ');
    };

    const depth = (row) => {
      let level = 0;
      for (let parent = row.parentId; parent && level < 10; level += 1) parent = rows.find((other) => other.id === parent)?.parentId;
      return level;
    };

    /** Draws the chart again; keeps the scroll position (or shows the plan's start) and the focus. */
    function render({ keepScroll = true, focusId = null } = {}) {
      if (!plan) return;
      const hadFocus = focusId ?? (timeline.contains(document.activeElement) ? document.activeElement.dataset?.taskId : null);
      const { scrollLeft, scrollTop } = scroller;
      chart = ganttChart({
        rows, zoom, today: todayIn(plan.calendar.timeZone), workingDays, locale, t, selectedId, pendingId,
        onSelect: (row) => select(row.id),
        onMove: (row, start) => move(row, start),
        onPreview: (row, start) => (start ? say(t('gantt.preview', { start: fmt(start) }), 'info') : say('')),
      });
      chart.element.setAttribute('aria-label', t('gantt.chart', { name: plan.name }));
      chart.element.setAttribute('aria-describedby', 'gantt-help');
      replace(timeline, chart.element);
      replace(names, h('li', { class: 'gantt-names-head', style: { height: `${HEADER_HEIGHT}px` }, 'aria-hidden': 'true' }, t('gantt.nameColumn')),
        rows.map((row) => h('li', {
          class: `gantt-name kind-${row.kind.toLowerCase()}${row.id === selectedId ? ' selected' : ''}`,
          style: { height: `${ROW_HEIGHT}px`, paddingLeft: `${0.6 + depth(row) * 1.1}rem` },
          dataset: { taskId: row.id, critical: String(row.critical) },
          onclick: () => select(row.id),
        },
        h('span', { class: 'name-marker', 'aria-hidden': 'true' }),
        h('span', { class: 'name-text', title: row.name }, row.name),
        row.critical ? h('span', { class: 'visually-hidden' }, ` (${t('gantt.criticalShort')})`) : null)));
      if (keepScroll) { scroller.scrollLeft = scrollLeft; scroller.scrollTop = scrollTop; } else {
        scroller.scrollLeft = Math.max(0, chart.xOf(plan.start) - 3 * ZOOMS[zoom].dayWidth);
      }
      renderDetail();
      if (hadFocus) chart.barOf(hadFocus)?.focus({ preventScroll: true });
    }

    function renderDetail() {
      const row = rows.find((candidate) => candidate.id === selectedId);
      replace(detail, row
        ? rowDetail({ ctx, row, rows, fmt, workingDays, pending: Boolean(pendingId),
          onShift: (start) => move(row, start), onClose: () => select(null) })
        : h('p', { class: 'muted gantt-select-hint' }, t('gantt.select')));
    }

    function select(id) {
      selectedId = id === selectedId ? null : id;
      render({ focusId: selectedId });
      reveal(selectedId);
    }

    /** Scrolls the chart sideways so that a row's bar is in sight beside the names. */
    function reveal(id) {
      const bar = id && chart?.barOf(id);
      if (!bar) return;
      const box = bar.getBBox();
      const visible = scroller.clientWidth - names.offsetWidth;
      if (box.x < scroller.scrollLeft || box.x + box.width > scroller.scrollLeft + visible) {
        scroller.scrollLeft = Math.max(0, box.x - 3 * ZOOMS[zoom].dayWidth);
      }
    }

    async function loadPlan() {
      const ticket = ++loadTicket;
      const data = await ctx.api.query(PROJECT_PLAN, { id: projectId });
      if (ticket !== loadTicket) return;
      if (!data.node) { plan = null; replace(timeline, h('p', { class: 'empty' }, t('gantt.notFound'))); replace(names); return; }
      applyPlan(data.node);
    }

    async function open(id) {
      projectId = id;
      picker.value = id;
      selectedId = null;
      say('');
      await loadPlan();
      render({ keepScroll: false });
    }

    // --- moving -----------------------------------------------------------------------------
    async function move(row, start) {
      if (pendingId) return;
      pendingId = row.id;
      render({ focusId: row.id });
      say(t('gantt.saving', { name: row.name, start: fmt(start) }), 'info');
      try {
        const data = await ctx.api.mutate(MOVE_TASK, { input: { id: row.id, version: row.version, start } });
        const payload = data.moveProjectTask;
        pendingId = null;
        applyPlan(payload.project);
        render({ focusId: row.id });
        const placed = payload.projectTask.start;
        if (placed !== start) say(t('gantt.placedLater', { name: row.name, start: fmt(placed), asked: fmt(start) }), 'warning');
        else say(t('gantt.moved', { name: row.name, start: fmt(placed), n: payload.rescheduled.length }), 'success');
      } catch (error) {
        pendingId = null;
        if (error instanceof UserErrors && error.userErrors.some((e) => e.code === 'CONFLICT')) {
          const current = error.data?.moveProjectTask?.project;
          if (current) applyPlan(current); else await loadPlan().catch(() => {});
          render({ focusId: row.id });
          say(t('gantt.conflict', { name: row.name }), 'error');
        } else {
          render({ focusId: row.id });   // the bar snaps back to where the server has it
          say(t('gantt.refused', { name: row.name, message: error.message }), 'error');
        }
      }
    }

    // --- start --------------------------------------------------------------------------------
    ctx.scope.listen(window, 'resize', () => reveal(selectedId));
    renderZoom();
    const { projects } = await ctx.api.query(PROJECTS);
    const list = projects.edges.map((edge) => edge.node);
    if (!list.length) {
      replace(timeline, h('p', { class: 'empty' }, t('gantt.noProjects')));
      picker.disabled = true;
      return undefined;
    }
    replace(picker, list.map((project) => h('option', { value: project.id }, `${project.name} · ${t(`gantt.status.${project.status}`)}`)));
    if (!projectId || !list.some((project) => project.id === projectId)) {
      projectId = (list.find((project) => project.status === 'ACTIVE') ?? list[0]).id;
    }
    await open(projectId);
    return {
      update(route) {
        const id = route.params[0];
        if (id && id !== projectId) open(id).catch((error) => ctx.notify.error(error));
      },
    };
  },
};
