// "Complete with a result": a small form that marks a task done (`completeTask`) with what came
// of it. A stale version (someone changed the task meanwhile) is said in words; nothing is saved.

import { h } from '../../shell/dom.js';
import { UserErrors } from '../../lib/graphql-http.js';
import { COMPLETE_TASK } from './queries.js';

let forms = 0;

/**
 * `onDone(task)` after the server stored it; `onCancel()` when the user closes the form;
 * `onStale()` when the task had changed since it was read (the caller reads it again).
 */
export function completeForm({ ctx, task, onDone, onCancel, onStale, focus = true }) {
  const { t } = ctx;
  const id = `task-result-${forms += 1}`;
  const result = h('textarea', { id, class: 'task-result', rows: 2, maxlength: 2000, placeholder: t('affairs.resultHint') });
  const submit = h('button', { type: 'submit', class: 'primary task-complete-submit' }, t('affairs.markDone'));
  const message = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', {
    class: 'complete-form', dataset: { taskId: task.id },
    onsubmit: async (event) => {
      event.preventDefault();
      submit.disabled = true;
      message.textContent = '';
      try {
        const text = result.value.trim();
        const data = await ctx.api.mutate(COMPLETE_TASK, { input: { id: task.id, version: task.version, ...(text ? { result: text } : {}) } });
        ctx.notify.show(t('affairs.completed', { title: task.title }), 'success');
        onDone(data.completeTask.task);
      } catch (error) {
        const conflict = error instanceof UserErrors && error.userErrors.some((e) => e.code === 'CONFLICT');
        submit.disabled = false;
        if (conflict && onStale) {
          ctx.notify.show(t('affairs.conflict'), 'error');
          onStale();
        } else {
          message.textContent = conflict ? t('affairs.conflict') : t('common.error', { message: error.message });
        }
      }
    },
    onkeydown: (event) => { if (event.key === 'Escape') { event.stopPropagation(); onCancel(); } },
  },
  h('label', { for: id }, t('affairs.result')),
  result,
  message,
  h('div', { class: 'complete-actions' },
    submit,
    h('button', { type: 'button', class: 'secondary', onclick: () => onCancel() }, t('common.cancel'))));
  if (focus) queueMicrotask(() => result.focus());
  return form;
}
