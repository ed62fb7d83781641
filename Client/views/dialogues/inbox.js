// The inbox: the user's dialogues, latest first, with unread counts.

import { h, replace } from '../../shell/dom.js';
import { formatTime } from '../../shell/format.js';
import { dialogueName } from './labels.js';

export function renderInbox(list, { dialogues, selectedId, ctx }) {
  const { t } = ctx;
  const sorted = [...dialogues.values()].sort((a, b) => String(b.lastMessageAt ?? '').localeCompare(String(a.lastMessageAt ?? '')));
  if (!sorted.length) {
    replace(list, h('li', { class: 'empty inbox-empty' }, t('dialogues.inboxEmpty')));
    return;
  }
  replace(list, sorted.map((dialogue) => {
    const unread = dialogue.unreadCount > 0;
    const last = dialogue.lastMessage;
    return h('li', {},
      h('a', {
        href: ctx.hashOf('dialogues', dialogue.id),
        class: `inbox-item${unread ? ' unread' : ''}`,
        'aria-current': dialogue.id === selectedId ? 'true' : null,
        dataset: { dialogueId: dialogue.id, status: dialogue.status },
      },
      h('span', { class: 'inbox-top' },
        h('span', { class: 'inbox-name' }, dialogueName(dialogue, t)),
        h('time', { class: 'inbox-time muted', datetime: dialogue.lastMessageAt ?? '' }, formatTime(dialogue.lastMessageAt, ctx.locale))),
      h('span', { class: 'inbox-bottom' },
        h('span', { class: 'inbox-channel' }, dialogue.channel?.kind ? t(`dialogues.channel.${dialogue.channel.kind}`) : ''),
        h('span', { class: 'inbox-preview muted' }, last ? `${last.direction === 'OUTGOING' ? `${t('dialogues.you')}: ` : ''}${last.text ?? ''}` : ''),
        unread ? h('span', { class: 'badge unread-count', 'aria-label': t('dialogues.unread', { n: dialogue.unreadCount }) }, dialogue.unreadCount) : null)));
  }));
}
