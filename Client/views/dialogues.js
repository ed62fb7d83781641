import { h } from '../shell/dom.js';
export default {
  id: 'dialogues', label: { en: 'Dialogues', ru: 'Диалоги' }, icon: 'chat',
  mount(container) { container.append(h('p', { class: 'empty' }, '…')); },
};
