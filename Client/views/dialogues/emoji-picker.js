// A small emoji picker: a button that opens a grid; a choice is inserted at the reply's cursor.

import { h } from '../../shell/dom.js';
import { icon } from '../../shell/icons.js';

export const EMOJI = [
  '😀', '😊', '🙂', '😉', '😍', '🤝', '👍', '👌', '🙏', '👏',
  '🎉', '✅', '❗', '❓', '⏳', '📦', '🚚', '💳', '📄', '📞',
  '✉️', '💬', '🔧', '⚠️', '😔', '😅', '🤔', '👋', '🌟', '❤️',
];

/** Returns `{ button, panel }`; `onPick(emoji)` is called with the chosen emoji. */
export function emojiPicker({ t, onPick }) {
  const panel = h('div', { class: 'popover emoji-panel', role: 'dialog', 'aria-label': t('dialogues.emoji'), hidden: true });
  const close = () => { panel.hidden = true; button.setAttribute('aria-expanded', 'false'); };
  const grid = h('div', { class: 'emoji-grid', role: 'group' }, EMOJI.map((emoji) => h('button', {
    type: 'button', class: 'emoji', 'aria-label': emoji, dataset: { emoji },
    onclick: () => { onPick(emoji); close(); },
  }, emoji)));
  panel.append(grid);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { close(); button.focus(); }
  });
  const button = h('button', {
    type: 'button', class: 'tool-button emoji-toggle', 'aria-label': t('dialogues.emoji'), title: t('dialogues.emoji'),
    'aria-expanded': 'false',
    onclick: () => {
      panel.hidden = !panel.hidden;
      button.setAttribute('aria-expanded', String(!panel.hidden));
      if (!panel.hidden) grid.querySelector('button')?.focus();
    },
  }, icon('smile'));
  return { button, panel, close };
}
