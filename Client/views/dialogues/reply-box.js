// The reply box: text (Ctrl+Enter sends), answer templates, emoji; sends with `sendMessage`
// (an idempotency key per message, so a retried click never sends twice).

import { h } from '../../shell/dom.js';
import { templatesMenu } from './templates-menu.js';
import { emojiPicker } from './emoji-picker.js';
import { SEND_MESSAGE } from './queries.js';

/** Returns `{ element, insert(text), focus() }`; `onSent(message, dialogue)` after each send. */
export function replyBox({ ctx, dialogue, onSent }) {
  const { t } = ctx;
  let templateId = null;
  const text = h('textarea', { id: 'reply-text', rows: 3, placeholder: t('dialogues.replyPlaceholder'), 'aria-label': t('dialogues.reply') });
  const send = h('button', { type: 'submit', class: 'primary', id: 'reply-send' }, t('dialogues.send'));

  const insert = (value) => {
    const start = text.selectionStart ?? text.value.length;
    const end = text.selectionEnd ?? text.value.length;
    text.setRangeText(value, start, end, 'end');
    text.focus();
  };

  const templates = templatesMenu({
    ctx, dialogueId: dialogue.id, channelKind: dialogue.channel?.kind === 'INTERNAL' ? null : dialogue.channel?.kind,
    onPick: (picked) => { templateId = picked.templateId; text.value = picked.text; text.focus(); },
  });
  const emoji = emojiPicker({ t, onPick: insert });

  const submit = async () => {
    const value = text.value.trim();
    if (!value) { text.focus(); return; }
    send.disabled = true;
    try {
      const data = await ctx.api.mutate(SEND_MESSAGE, { input: {
        dialogueId: dialogue.id, text: value, idempotencyKey: crypto.randomUUID(), ...(templateId ? { templateId } : {}) } });
      text.value = '';
      templateId = null;
      onSent(data.sendMessage.message, data.sendMessage.dialogue);
    } catch (error) {
      ctx.notify.error(error);
    } finally {
      send.disabled = false;
      text.focus();
    }
  };

  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); submit(); }
  });
  const element = h('form', { class: 'reply-box', onsubmit: (event) => { event.preventDefault(); submit(); } },
    h('div', { class: 'reply-tools' }, templates.button, emoji.button, h('span', { class: 'muted reply-hint' }, t('dialogues.sendHint'))),
    templates.panel, emoji.panel,
    h('div', { class: 'reply-row' }, text, send));
  return { element, insert, focus: () => text.focus() };
}
