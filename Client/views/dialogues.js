import { h } from '../shell/dom.js';
export default {
  id: 'dialogues', label: { en: 'Dialogues', ru: 'Диалоги' }, icon: '💬',
  mount(container) { container.append(h('p', { class: 'empty' }, '…')); },
};
