import { h } from '../shell/dom.js';
export default {
  id: 'support', label: { en: 'Support', ru: 'Поддержка' }, icon: 'support',
  mount(container) { container.append(h('p', { class: 'empty' }, '…')); },
};
