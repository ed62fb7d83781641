// Time tracking on an inquiry: a stopwatch that fills in the minutes, and a form that logs them
// (`createTimeEntry`).

import { h, replace } from '../../shell/dom.js';
import { formatCountdown, formatDate, formatMinutes, localDate } from '../../shell/format.js';
import { LOG_TIME } from './queries.js';

/** `onLogged(entry)` after each entry is stored. */
export function timeTracker({ ctx, inquiry, entries, onLogged }) {
  const { t } = ctx;
  const list = h('ul', { class: 'time-entries' });
  const total = h('p', { class: 'time-total' });
  const minutes = h('input', { type: 'number', id: 'time-minutes', min: 1, max: 1440, step: 1, required: true, inputmode: 'numeric' });
  const note = h('input', { type: 'text', id: 'time-note', maxlength: 500 });
  const log = h('button', { type: 'submit', class: 'primary', id: 'time-log' }, t('support.log'));
  const watch = h('button', { type: 'button', class: 'stopwatch', 'aria-pressed': 'false' }, t('support.start'));
  const watchTime = h('span', { class: 'stopwatch-time', 'aria-live': 'off' }, '0:00');
  let startedAt = null;
  let ticker = null;
  let spent = inquiry.timeSpentMinutes ?? 0;
  const shown = [...entries];

  const renderEntries = () => {
    total.textContent = t('support.spent', { time: formatMinutes(spent, t) });
    replace(list, shown.length ? shown.map((entry) => h('li', { dataset: { entryId: entry.id } },
      h('span', { class: 'entry-minutes' }, formatMinutes(entry.minutes, t)),
      h('span', { class: 'muted' }, ` · ${entry.user.name} · ${formatDate(entry.date, ctx.locale)}`),
      entry.note ? h('span', { class: 'entry-note' }, ` — ${entry.note}`) : null))
      : h('li', { class: 'muted' }, t('support.noEntries')));
  };

  watch.addEventListener('click', () => {
    if (startedAt === null) {
      startedAt = Date.now();
      watch.textContent = t('support.stop');
      watch.setAttribute('aria-pressed', 'true');
      ticker = setInterval(() => { watchTime.textContent = formatCountdown(Date.now() - startedAt); }, 1000);
    } else {
      minutes.value = String(Math.max(1, Math.round((Date.now() - startedAt) / 60_000)));
      startedAt = null;
      clearInterval(ticker);
      watch.textContent = t('support.start');
      watch.setAttribute('aria-pressed', 'false');
      minutes.focus();
    }
  });
  ctx.onCleanup(() => clearInterval(ticker));

  const form = h('form', {
    class: 'time-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const value = Number(minutes.value);
      if (!Number.isInteger(value) || value < 1) { minutes.focus(); return; }
      log.disabled = true;
      try {
        const data = await ctx.api.mutate(LOG_TIME, { input: {
          inquiryId: inquiry.id, minutes: value, date: localDate(), ...(note.value.trim() ? { note: note.value.trim() } : {}) } });
        const entry = data.createTimeEntry.timeEntry;
        shown.unshift(entry);
        spent = entry.inquiry?.timeSpentMinutes ?? spent + value;
        minutes.value = '';
        note.value = '';
        renderEntries();
        onLogged(entry, spent);
        ctx.notify.show(t('support.logged', { time: formatMinutes(value, t) }), 'success');
      } catch (error) {
        ctx.notify.error(error);
      } finally {
        log.disabled = false;
      }
    },
  },
  h('div', { class: 'stopwatch-row' }, watch, watchTime),
  h('div', { class: 'time-fields' },
    h('label', { for: 'time-minutes' }, t('support.minutes')), minutes,
    h('label', { for: 'time-note' }, t('support.note')), note),
  log);

  renderEntries();
  return h('section', { class: 'time-tracker', 'aria-labelledby': 'time-title' },
    h('h3', { id: 'time-title' }, t('support.timeTracking')), total, form, list);
}
