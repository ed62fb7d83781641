// My affairs (P2): the signed-in user's overdue and today's tasks, each completed with a result in
// place, and a chosen day's time slots as an hours grid. `taskDue` brings reminders live: a notice
// at the top of the view (and at the corner), and the lists are read again.

import { h, replace } from '../shell/dom.js';
import { icon } from '../shell/icons.js';
import { ME_ZONE, TASK_LISTS, DAY_SLOTS, TASK_DUE } from './affairs/queries.js';
import { dateIn, dayRange, addDays, formatDay, formatClock } from './affairs/zoned-time.js';
import { renderTaskList, dueText } from './affairs/task-list.js';
import { dayCalendar } from './affairs/day-calendar.js';
import { completeForm } from './affairs/complete-form.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default {
  id: 'affairs',
  label: { en: 'My affairs', ru: 'Мои дела' },
  icon: 'clock',
  strings: {
    en: {
      title: 'My affairs', overdue: 'Overdue', today: 'Today', calendar: 'Day calendar',
      noOverdue: 'Nothing overdue.', noToday: 'Nothing else due today.', noSlots: 'No time slots on this day.',
      prevDay: 'Previous day', nextDay: 'Next day', goToday: 'Today', day: 'Day',
      complete: 'Complete…', completeNamed: 'Complete “{title}”', markDone: 'Mark done', result: 'Result',
      resultHint: 'What came of it (optional)', completed: 'Done: {title}',
      conflict: 'The task had changed meanwhile; nothing was saved. It has been read again.',
      allDay: 'All day', unscheduled: 'No date', overdueTag: 'overdue',
      slotLabel: '{time}: {title}', invitees: 'Invited', close: 'Close',
      reminders: 'Reminders', dismiss: 'Dismiss',
      reminderNotice: 'Reminder: {title} — {when}', dueNotice: 'Now: {title} — {when}',
      kind: { TODO: 'To-do', CALL: 'Call', CALL_BACK: 'Call back', MEETING: 'Meeting', EMAIL: 'E-mail' },
      priority: { LOW: 'Low', NORMAL: 'Normal', HIGH: 'High', URGENT: 'Urgent' },
    },
    ru: {
      title: 'Мои дела', overdue: 'Просроченные', today: 'Сегодня', calendar: 'Календарь дня',
      noOverdue: 'Просроченных дел нет.', noToday: 'На сегодня больше ничего.', noSlots: 'В этот день встреч и слотов нет.',
      prevDay: 'Предыдущий день', nextDay: 'Следующий день', goToday: 'Сегодня', day: 'День',
      complete: 'Выполнить…', completeNamed: 'Выполнить «{title}»', markDone: 'Готово', result: 'Результат',
      resultHint: 'Чем закончилось (необязательно)', completed: 'Выполнено: {title}',
      conflict: 'Задачу успели изменить; ничего не сохранено. Она перечитана.',
      allDay: 'Весь день', unscheduled: 'Без срока', overdueTag: 'просрочено',
      slotLabel: '{time}: {title}', invitees: 'Приглашены', close: 'Закрыть',
      reminders: 'Напоминания', dismiss: 'Скрыть',
      reminderNotice: 'Напоминание: {title} — {when}', dueNotice: 'Пора: {title} — {when}',
      kind: { TODO: 'Дело', CALL: 'Звонок', CALL_BACK: 'Перезвонить', MEETING: 'Встреча', EMAIL: 'Письмо' },
      priority: { LOW: 'Низкий', NORMAL: 'Обычный', HIGH: 'Высокий', URGENT: 'Срочный' },
    },
  },

  async mount(container, ctx) {
    const { t, me, locale } = ctx;
    const { me: zone } = await ctx.api.query(ME_ZONE);
    const timeZone = zone?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
    const todayNow = () => dateIn(new Date(), timeZone);
    let today = todayNow();
    let day = DATE.test(ctx.route.params[0] ?? '') ? ctx.route.params[0] : today;
    let selectedId = null;
    let daySlots = [];
    let loading = 0;
    let calendar = null;

    // --- the page ---------------------------------------------------------------------------
    const reminders = h('ul', { class: 'reminder-list' });
    const reminderArea = h('section', { class: 'affairs-reminders', 'aria-label': t('affairs.reminders'), 'aria-live': 'assertive', hidden: true }, reminders);
    const todayLabel = h('span', { class: 'muted affairs-date' });
    const overdueCount = h('span', { class: 'count' });
    const todayCount = h('span', { class: 'count' });
    const overdueList = h('ul', { class: 'task-list' });
    const todayList = h('ul', { class: 'task-list' });
    const dayInput = h('input', { type: 'date', id: 'affairs-day', class: 'day-input', value: day, 'aria-label': t('affairs.day') });
    const dayTitle = h('h2', { id: 'affairs-calendar-title' });
    const scroller = h('div', { class: 'calendar-scroll', tabindex: '-1' });
    const detail = h('div', { class: 'slot-detail', 'aria-live': 'polite' });

    container.append(h('div', { class: 'affairs-layout' },
      reminderArea,
      h('section', { class: 'affairs-lists', 'aria-labelledby': 'affairs-title' },
        h('header', { class: 'affairs-head' }, h('h1', { id: 'affairs-title' }, t('affairs.title')), todayLabel),
        h('section', { class: 'affairs-today', 'aria-labelledby': 'affairs-today-title' },
          h('h2', { id: 'affairs-today-title' }, t('affairs.today'), ' ', todayCount), todayList),
        h('section', { class: 'affairs-overdue', 'aria-labelledby': 'affairs-overdue-title' },
          h('h2', { id: 'affairs-overdue-title' }, t('affairs.overdue'), ' ', overdueCount), overdueList)),
      h('section', { class: 'affairs-calendar', 'aria-labelledby': 'affairs-calendar-title' },
        h('header', { class: 'calendar-head' },
          dayTitle,
          h('div', { class: 'day-nav' },
            h('button', { type: 'button', class: 'day-prev', 'aria-label': t('affairs.prevDay'), title: t('affairs.prevDay'), onclick: () => go(addDays(day, -1)) }, '‹'),
            dayInput,
            h('button', { type: 'button', class: 'day-next', 'aria-label': t('affairs.nextDay'), title: t('affairs.nextDay'), onclick: () => go(addDays(day, 1)) }, '›'),
            h('button', { type: 'button', class: 'day-today chip', onclick: () => go(todayNow()) }, t('affairs.goToday')))),
        scroller,
        detail)));
    dayInput.addEventListener('change', () => { if (DATE.test(dayInput.value)) go(dayInput.value); });

    const listOptions = () => ({ ctx, timeZone, today, onCompleted: (task) => completed(task), onStale: () => reload() });

    // --- loading ----------------------------------------------------------------------------
    const loadLists = async () => {
      today = todayNow();
      todayLabel.textContent = formatDay(today, locale);
      const range = dayRange(today, timeZone);
      const data = await ctx.api.query(TASK_LISTS, {
        overdue: { assigneeIds: [me.id], overdue: true },
        today: { assigneeIds: [me.id], due: range },
      });
      // A due date counts as the whole day in the API's terms: keep exactly today's.
      const dueToday = data.today.edges.map((edge) => edge.node).filter((task) => !task.dueDate || task.dueDate === today);
      const todayIds = new Set(dueToday.map((task) => task.id));
      const overdue = data.overdue.edges.map((edge) => edge.node).filter((task) => !todayIds.has(task.id));
      // Only the first 100 of each list are read: say so when there are more.
      overdueCount.textContent = data.overdue.totalCount > data.overdue.edges.length ? `${overdue.length}+` : String(overdue.length);
      todayCount.textContent = String(dueToday.length);
      renderTaskList(overdueList, overdue, listOptions(), t('affairs.noOverdue'));
      renderTaskList(todayList, dueToday, listOptions(), t('affairs.noToday'));
    };

    const loadDay = async ({ scroll = true } = {}) => {
      const ticket = ++loading;
      const data = await ctx.api.query(DAY_SLOTS, { filter: { participantIds: [me.id], timeBound: true, due: dayRange(day, timeZone) } });
      if (ticket !== loading) return;
      daySlots = data.tasks.edges.map((edge) => edge.node);
      dayTitle.textContent = `${t('affairs.calendar')} · ${formatDay(day, locale)}`;
      dayInput.value = day;
      calendar = dayCalendar({ ctx, date: day, timeZone, tasks: daySlots, today: todayNow(), selectedId, onSelect: select });
      replace(scroller, calendar.element);
      if (scroll) calendar.scrollInto(scroller);
      showDetail();
    };

    const reload = async () => {
      try {
        await Promise.all([loadLists(), loadDay({ scroll: false })]);
      } catch (error) {
        ctx.notify.error(error);
      }
    };

    // --- the selected time slot -------------------------------------------------------------
    function select(task) {
      selectedId = selectedId === task.id ? null : task.id;
      for (const slot of scroller.querySelectorAll('.slot')) slot.setAttribute('aria-pressed', String(slot.dataset.taskId === selectedId));
      showDetail();
    }

    function showDetail() {
      const task = daySlots.find((candidate) => candidate.id === selectedId);
      if (!task) { selectedId = null; replace(detail); return; }
      const close = () => { const id = selectedId; select(task); scroller.querySelector(`.slot[data-task-id="${CSS.escape(id)}"]`)?.focus(); };
      replace(detail, h('article', { class: 'slot-card', dataset: { taskId: task.id } },
        h('div', { class: 'slot-card-head' },
          h('div', {},
            h('p', { class: 'muted' }, `${dueText(task, { ctx, timeZone, today: day })} · ${t(`affairs.kind.${task.kind}`)}`),
            h('h3', {}, task.title)),
          h('button', { type: 'button', class: 'icon-button', 'aria-label': t('affairs.close'), onclick: close }, '×')),
        [task.client?.name, task.deal?.title, task.project?.name].filter(Boolean).length
          ? h('p', { class: 'muted' }, [task.client?.name, task.deal?.title, task.project?.name].filter(Boolean).join(' · ')) : null,
        task.invitees?.length ? h('p', {}, `${t('affairs.invitees')}: ${task.invitees.map((user) => user.name).join(', ')}`) : null,
        task.assignee?.id === me.id || !task.assignee
          ? completeForm({ ctx, task, onDone: (done) => completed({ ...task, ...done }), onCancel: close, onStale: () => reload(), focus: false })
          : null));
    }

    // --- completing, reminders, days --------------------------------------------------------
    function completed(task) {
      for (const item of container.querySelectorAll(`[data-task-id="${CSS.escape(task.id)}"]`)) {
        if (item.matches('.task-item, .slot')) item.remove();
      }
      if (selectedId === task.id) { selectedId = null; replace(detail); }
      reload();
    }

    function remind(event) {
      const { task, reason } = event;
      const when = task.timeBound && task.startAt ? formatClock(task.startAt, timeZone, locale) : dueText(task, { ctx, timeZone, today });
      const text = t(reason === 'DUE' ? 'affairs.dueNotice' : 'affairs.reminderNotice', { title: task.title, when });
      reminders.querySelector(`li[data-task-id="${CSS.escape(task.id)}"]`)?.remove();
      const item = h('li', { class: 'reminder', dataset: { taskId: task.id, reason, eventId: event.eventId }, role: 'alert' },
        h('span', { class: 'reminder-icon' }, icon('clock')),
        h('span', { class: 'reminder-text' }, text),
        h('button', { type: 'button', class: 'icon-button reminder-dismiss', 'aria-label': t('affairs.dismiss'),
          onclick: () => { item.remove(); reminderArea.hidden = !reminders.children.length; } }, '×'));
      reminders.prepend(item);
      reminderArea.hidden = false;
      ctx.notify.show(text, 'info');
    }

    /** Shows another day in the calendar (through the hash: `#/affairs/2026-12-01`). */
    function go(date) {
      if (DATE.test(date)) ctx.navigate('affairs', ...(date === todayNow() ? [] : [date]));
    }

    ctx.subscribe({ query: TASK_DUE }, {
      next: ({ data }) => {
        if (!data?.taskDue) return;
        remind(data.taskDue);
        reload();
      },
      reset: () => reload(),
    });
    // The clock: the now line every minute; at midnight the lists are today's again.
    ctx.scope.interval(() => {
      calendar?.placeNow();
      if (todayNow() !== today) reload();
    }, 60_000);

    await Promise.all([loadLists(), loadDay()]);
    return {
      update(route) {
        const wanted = DATE.test(route.params[0] ?? '') ? route.params[0] : todayNow();
        if (wanted !== day) { day = wanted; selectedId = null; loadDay().catch((error) => ctx.notify.error(error)); }
      },
    };
  },
};
