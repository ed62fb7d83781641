// Short messages at the corner of the screen (errors, confirmations), read out by screen readers.

import { h } from './dom.js';

export class Notifications {
  constructor(root) {
    this.root = root;
  }

  /** Shows a message for a few seconds. `kind`: info, success, error. */
  show(message, kind = 'info', ms = kind === 'error' ? 8000 : 4000) {
    const close = () => item.remove();
    const item = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
      h('span', {}, message),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': '×', onclick: close }, '×'));
    this.root.append(item);
    setTimeout(close, ms);
  }

  /** Shows an error thrown by the API in words. */
  error(error) {
    this.show(error?.message ?? String(error), 'error');
  }
}
