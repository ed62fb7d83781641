// The keyboard (and touch) way to move a card: a "Move to…" button opening a menu of the other
// stages. Arrow keys walk the menu, Enter picks, Escape closes it and returns to the button.

import { h } from '../../shell/dom.js';

let openMenu = null; // one menu at a time: { close }

/** Closes the open menu, if any. */
export function closeMoveMenu() { openMenu?.close(); }

/**
 * A "Move to…" button for one card. `stages()` gives the pipeline's stages; `onPick(stage)` moves.
 */
export function moveMenuButton({ t, deal, stages, onPick }) {
  const wrapper = h('div', { class: 'move-menu' });
  const menuId = `move-menu-${deal.id}`;
  const button = h('button', {
    type: 'button', class: 'move-button chip', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    dataset: { action: 'move' },
    'aria-label': t('sales.moveLabel', { title: deal.title }),
  }, t('sales.moveTo'));

  const close = ({ focus = false } = {}) => {
    wrapper.querySelector('[role="menu"]')?.remove();
    button.setAttribute('aria-expanded', 'false');
    button.removeAttribute('aria-controls');
    document.removeEventListener('pointerdown', outside, true);
    if (openMenu?.button === button) openMenu = null;
    if (focus) button.focus();
  };
  const outside = (event) => { if (!wrapper.contains(event.target)) close(); };

  const open = () => {
    closeMoveMenu();
    const current = deal.stage.id;
    const items = stages().filter((stage) => stage.id !== current).map((stage) => h('button', {
      type: 'button', role: 'menuitem', class: 'move-item', tabindex: '-1', dataset: { stageId: stage.id },
      onclick: () => { close(); onPick(stage); },
    }, h('span', { class: 'stage-swatch', style: { background: stage.color }, 'aria-hidden': 'true' }), stage.name));
    const menu = h('div', { role: 'menu', id: menuId, class: 'move-list', 'aria-label': t('sales.moveTo'),
      onkeydown: (event) => {
        const index = items.indexOf(document.activeElement);
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const step = event.key === 'ArrowDown' ? 1 : -1;
          items[(index + step + items.length) % items.length]?.focus();
        } else if (event.key === 'Home' || event.key === 'End') {
          event.preventDefault();
          items[event.key === 'Home' ? 0 : items.length - 1]?.focus();
        } else if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          close({ focus: true });
        } else if (event.key === 'Tab') {
          event.preventDefault();
          close({ focus: true });   // back on the button, not lost with the removed menu
        }
      } }, items);
    wrapper.append(menu);
    button.setAttribute('aria-expanded', 'true');
    button.setAttribute('aria-controls', menuId);
    openMenu = { button, close };
    document.addEventListener('pointerdown', outside, true);
    // Open upwards when the column's scroll area has no room below the card.
    const area = wrapper.closest('.column-cards')?.getBoundingClientRect();
    if (area && menu.getBoundingClientRect().bottom > area.bottom) menu.classList.add('opens-up');
    menu.scrollIntoView({ block: 'nearest' });
    items[0]?.focus({ preventScroll: true });
  };

  button.addEventListener('click', () => (button.getAttribute('aria-expanded') === 'true' ? close() : open()));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && button.getAttribute('aria-expanded') !== 'true') { event.preventDefault(); open(); }
  });
  wrapper.append(button);
  return wrapper;
}
