// Answer templates: a searchable list; a choice is rendered for the open dialogue
// (`renderTemplate`, placeholders filled from its client, contact, deal) and put in the reply.

import { h, replace } from '../../shell/dom.js';
import { icon } from '../../shell/icons.js';
import { TEMPLATES, RENDER_TEMPLATE } from './queries.js';

/** Returns `{ button, panel }`; `onPick({ templateId, text })` receives the rendered template. */
export function templatesMenu({ ctx, dialogueId, channelKind, onPick }) {
  const { t } = ctx;
  const list = h('ul', { class: 'template-list', role: 'listbox', 'aria-label': t('dialogues.templates') });
  const search = h('input', { type: 'search', class: 'template-search', placeholder: t('dialogues.templateSearch'),
    'aria-label': t('dialogues.templateSearch') });
  const panel = h('div', { class: 'popover templates-panel', role: 'dialog', 'aria-label': t('dialogues.templates'), hidden: true }, search, list);
  const close = () => { panel.hidden = true; button.setAttribute('aria-expanded', 'false'); };
  let timer = null;

  const load = async () => {
    const query = search.value.trim();
    try {
      const data = await ctx.api.query(TEMPLATES, { filter: { ...(query ? { query } : {}), ...(channelKind ? { channelKind } : {}) } });
      const templates = data.answerTemplates.edges.map((edge) => edge.node);
      replace(list, templates.length ? templates.map((template) => h('li', {},
        h('button', { type: 'button', class: 'template-item', role: 'option', dataset: { templateId: template.id },
          onclick: () => pick(template) },
          h('span', { class: 'template-name' }, template.name),
          template.shortcut ? h('span', { class: 'muted' }, ` ${template.shortcut}`) : null,
          h('span', { class: 'template-body muted' }, template.body))))
        : h('li', { class: 'muted' }, t('dialogues.noTemplates')));
    } catch (error) {
      ctx.notify.error(error);
    }
  };

  const pick = async (template) => {
    try {
      const data = await ctx.api.query(RENDER_TEMPLATE, { source: { templateId: template.id }, context: { dialogueId } });
      onPick({ templateId: template.id, text: data.renderTemplate.text });
      close();
    } catch (error) {
      ctx.notify.error(error);
    }
  };

  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 200); });
  panel.addEventListener('keydown', (event) => { if (event.key === 'Escape') { close(); button.focus(); } });
  const button = h('button', {
    type: 'button', class: 'tool-button templates-toggle', 'aria-label': t('dialogues.templates'), title: t('dialogues.templates'),
    'aria-expanded': 'false',
    onclick: () => {
      panel.hidden = !panel.hidden;
      button.setAttribute('aria-expanded', String(!panel.hidden));
      if (!panel.hidden) { load(); search.focus(); }
    },
  }, icon('template'), h('span', { class: 'tool-label' }, t('dialogues.templates')));
  return { button, panel, close };
}
