// Support: the queue of inquiries with live SLA countdowns — amber when slaDeadlineApproaching
// warns, red when slaBreached says a deadline passed — and time tracking on an inquiry.

import { h, replace } from '../shell/dom.js';
import { formatMinutes } from '../shell/format.js';
import { INQUIRY_CHANGED, QUEUE, SLA_APPROACHING, SLA_BREACHED } from './support/queries.js';
import { SlaAlarms, Level, currentDeadline, countdownText } from './support/sla.js';
import { inquiryDetail, deadlineItem } from './support/inquiry-detail.js';

const OPEN_STATUSES = ['NEW', 'OPEN', 'WAITING'];
const TABS = ['mine', 'unassigned', 'all'];

export default {
  id: 'support',
  label: { en: 'Support', ru: 'Поддержка' },
  icon: 'support',
  strings: {
    en: {
      title: 'Support queue', mine: 'Mine', unassigned: 'Unassigned', all: 'All', count: '{n} open',
      number: 'No.', subject: 'Subject', client: 'Client', priorityLabel: 'Priority', statusLabel: 'Status', sla: 'SLA', spentLabel: 'Time',
      empty: 'No open inquiries here.', noSla: 'No SLA', paused: 'Paused', met: 'Met', notFound: 'This inquiry is not visible.',
      contact: 'Contact', assignee: 'Assignee', unassignedPerson: 'Nobody', policy: 'SLA policy', openDialogue: 'Open the dialogue',
      deadlines: 'Deadlines', timeTracking: 'Time tracking', spent: 'Spent: {time}', log: 'Log time', logged: 'Logged {time}.',
      minutes: 'Minutes', note: 'Note', start: 'Start', stop: 'Stop', noEntries: 'No time logged yet.',
      warned: 'SLA warning: {number} “{subject}” — {n} min left', breached: 'SLA breached: {number} “{subject}”',
      levels: { ok: 'On time', approaching: 'Deadline approaching', breached: 'Deadline missed', paused: 'Paused', met: 'Met', none: 'No SLA' },
      priority: { LOW: 'Low', NORMAL: 'Normal', HIGH: 'High', URGENT: 'Urgent' },
      status: { NEW: 'New', OPEN: 'Open', WAITING: 'Waiting', RESOLVED: 'Resolved', CLOSED: 'Closed' },
      state: { RUNNING: 'running', PAUSED: 'paused', MET: 'met', MISSED: 'missed' },
      metric: { FIRST_RESPONSE: 'First response', NEXT_RESPONSE: 'Next response', RESOLUTION: 'Resolution' },
    },
    ru: {
      title: 'Очередь обращений', mine: 'Мои', unassigned: 'Без исполнителя', all: 'Все', count: 'Открыто: {n}',
      number: '№', subject: 'Тема', client: 'Клиент', priorityLabel: 'Приоритет', statusLabel: 'Статус', sla: 'SLA', spentLabel: 'Время',
      empty: 'Открытых обращений нет.', noSla: 'Без SLA', paused: 'На паузе', met: 'Выполнено', notFound: 'Это обращение недоступно.',
      contact: 'Контакт', assignee: 'Исполнитель', unassignedPerson: 'Никто', policy: 'Политика SLA', openDialogue: 'Открыть диалог',
      deadlines: 'Сроки', timeTracking: 'Учёт времени', spent: 'Затрачено: {time}', log: 'Записать время', logged: 'Записано {time}.',
      minutes: 'Минуты', note: 'Комментарий', start: 'Старт', stop: 'Стоп', noEntries: 'Время ещё не записывали.',
      warned: 'SLA: {number} «{subject}» — осталось {n} мин', breached: 'SLA нарушен: {number} «{subject}»',
      levels: { ok: 'В срок', approaching: 'Срок подходит', breached: 'Срок нарушен', paused: 'На паузе', met: 'Выполнено', none: 'Без SLA' },
      priority: { LOW: 'Низкий', NORMAL: 'Обычный', HIGH: 'Высокий', URGENT: 'Срочный' },
      status: { NEW: 'Новое', OPEN: 'В работе', WAITING: 'Ждёт клиента', RESOLVED: 'Решено', CLOSED: 'Закрыто' },
      state: { RUNNING: 'идёт', PAUSED: 'на паузе', MET: 'выполнен', MISSED: 'нарушен' },
      metric: { FIRST_RESPONSE: 'Первый ответ', NEXT_RESPONSE: 'Следующий ответ', RESOLUTION: 'Решение' },
    },
  },

  async mount(container, ctx) {
    const { t, me } = ctx;
    const inquiries = new Map();
    const alarms = new SlaAlarms();
    let tab = TABS.includes(ctx.route.query.tab) ? ctx.route.query.tab : 'mine';
    let selectedId = ctx.route.params[0] ?? null;
    let opening = 0;

    const count = h('span', { class: 'muted queue-count' });
    const tabs = h('div', { class: 'queue-tabs', role: 'group', 'aria-label': t('support.title') });
    const body = h('tbody', {});
    const table = h('table', { class: 'queue' },
      h('thead', {}, h('tr', {}, ['number', 'subject', 'client', 'priorityLabel', 'statusLabel', 'sla', 'spentLabel']
        .map((key) => h('th', { scope: 'col', class: `col-${key}` }, t(`support.${key}`))))),
      body);
    const detail = h('div', { class: 'inquiry-panel' });
    const layout = h('div', { class: 'support-layout', dataset: { selected: String(Boolean(selectedId)) } },
      h('section', { class: 'queue-area', 'aria-labelledby': 'queue-title' },
        h('div', { class: 'queue-head' }, h('h1', { id: 'queue-title' }, t('support.title')), count, tabs),
        h('div', { class: 'queue-scroll' }, table)),
      detail);
    container.append(layout);

    const belongs = (inquiry) => OPEN_STATUSES.includes(inquiry.status)
      && (tab === 'all' || (tab === 'mine' ? inquiry.assignee?.id === me.id : !inquiry.assignee));

    const sorted = () => [...inquiries.values()].sort((a, b) => {
      const da = currentDeadline(a)?.dueAt ?? '9999';
      const db = currentDeadline(b)?.dueAt ?? '9999';
      return da.localeCompare(db);
    });

    const renderRow = (inquiry) => {
      const deadline = currentDeadline(inquiry);
      const level = alarms.level(deadline, inquiry);
      return h('tr', {
        class: 'queue-row', dataset: { inquiryId: inquiry.id, level }, 'aria-selected': String(inquiry.id === selectedId),
        onclick: (event) => { if (!event.target.closest('a')) ctx.navigate('support', inquiry.id); },
      },
      h('td', { class: 'col-number' }, inquiry.number),
      h('td', { class: 'col-subject' }, h('a', { href: ctx.hashOf('support', inquiry.id) }, inquiry.subject)),
      h('td', { class: 'col-client' }, inquiry.client?.name ?? ''),
      h('td', {}, h('span', { class: `priority priority-${inquiry.priority.toLowerCase()}` }, t(`support.priority.${inquiry.priority}`))),
      h('td', {}, t(`support.status.${inquiry.status}`)),
      h('td', {}, h('span', { class: 'sla', dataset: { level, deadlineId: deadline?.id ?? '' }, title: t(`support.levels.${level}`) },
        h('span', { class: 'sla-dot', 'aria-hidden': 'true' }),
        h('span', { class: 'sla-time' }, countdownText(deadline, t)),
        h('span', { class: 'visually-hidden' }, ` ${t(`support.levels.${level}`)}`),
        deadline ? h('span', { class: 'sla-metric muted' }, t(`support.metric.${deadline.metric}`)) : null)),
      h('td', { class: 'col-spent' }, inquiry.timeSpentMinutes ? formatMinutes(inquiry.timeSpentMinutes, t) : ''));
    };

    const render = () => {
      const rows = sorted();
      count.textContent = t('support.count', { n: rows.length });
      replace(body, rows.length ? rows.map(renderRow) : h('tr', {}, h('td', { colspan: 7, class: 'empty' }, t('support.empty'))));
    };

    const tick = () => {
      for (const row of body.querySelectorAll('tr[data-inquiry-id]')) {
        const inquiry = inquiries.get(row.dataset.inquiryId);
        const time = row.querySelector('.sla-time');
        if (inquiry && time) time.textContent = countdownText(currentDeadline(inquiry), t);
      }
    };

    const renderTabs = () => replace(tabs, TABS.map((name) => h('button', {
      type: 'button', class: 'chip', 'aria-pressed': String(tab === name), dataset: { tab: name },
      onclick: () => { tab = name; renderTabs(); load(); },
    }, t(`support.${name}`))));

    const load = async () => {
      const filter = { statuses: OPEN_STATUSES, ...(tab === 'mine' ? { assigneeIds: [me.id] } : tab === 'unassigned' ? { unassigned: true } : {}) };
      const data = await ctx.api.query(QUEUE, { filter });
      inquiries.clear();
      for (const { node } of data.inquiries.edges) inquiries.set(node.id, node);
      render();
    };

    const upsert = (inquiry) => {
      if (belongs(inquiry)) inquiries.set(inquiry.id, inquiry);
      else inquiries.delete(inquiry.id);
      render();
      if (inquiry.id === selectedId) {
        for (const deadline of inquiry.slaDeadlines) {
          detail.querySelector(`.deadlines li[data-deadline-id="${CSS.escape(deadline.id)}"]`)?.replaceWith(deadlineItem(deadline, ctx));
        }
      }
    };

    const open = async (id) => {
      selectedId = id;
      layout.dataset.selected = String(Boolean(id));
      for (const row of body.querySelectorAll('tr[data-inquiry-id]')) row.setAttribute('aria-selected', String(row.dataset.inquiryId === id));
      const ticket = ++opening;
      if (!id) { replace(detail); return; }
      try {
        const element = await inquiryDetail({ ctx, id, onLogged: (entry, spent) => {
          const inquiry = inquiries.get(id);
          if (inquiry) { inquiry.timeSpentMinutes = spent; render(); }
        } });
        if (ticket === opening) replace(detail, element);
      } catch (error) {
        if (ticket === opening) replace(detail, h('p', { class: 'empty error' }, t('common.error', { message: error.message })));
      }
    };

    ctx.subscribe({ query: SLA_APPROACHING }, {
      next: ({ data }) => {
        const event = data?.slaDeadlineApproaching;
        if (!event) return;
        alarms.warn(event.deadline.id);
        upsert(event.inquiry);
        ctx.notify.show(t('support.warned', { number: event.inquiry.number, subject: event.inquiry.subject, n: event.minutesLeft }), 'info');
      },
      reset: () => load(),
    });
    ctx.subscribe({ query: SLA_BREACHED }, {
      next: ({ data }) => {
        const event = data?.slaBreached;
        if (!event) return;
        alarms.breach(event.deadline.id);
        upsert(event.inquiry);
        ctx.notify.show(t('support.breached', { number: event.inquiry.number, subject: event.inquiry.subject }), 'error');
      },
      reset: () => load(),
    });
    // New inquiries, reassignments and status changes: the queue follows without a reload.
    ctx.subscribe({ query: INQUIRY_CHANGED }, {
      next: ({ data }) => {
        const event = data?.inquiryChanged;
        if (!event) return;
        if (event.change === 'DELETED') {
          inquiries.delete(event.inquiry.id);
          render();
        } else {
          upsert(event.inquiry);
        }
      },
      reset: () => load(),
    });
    ctx.scope.interval(tick, 1000);

    renderTabs();
    await load();
    await open(selectedId);
    return {
      update(route) {
        const id = route.params[0] ?? null;
        if (id !== selectedId) open(id);
      },
    };
  },
};
