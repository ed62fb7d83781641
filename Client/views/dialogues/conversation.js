// One conversation: its messages (earlier ones on demand), each outgoing one with its delivery
// status, and the reply box.

import { h, replace } from '../../shell/dom.js';
import { formatDateTime, formatTime } from '../../shell/format.js';
import { dialogueName, STATUS_SYMBOL } from './labels.js';
import { replyBox } from './reply-box.js';
import { CONVERSATION } from './queries.js';

export class Conversation {
  /** `onSent(message, dialogue)` after the user sends; `onTake(dialogue)` takes an unassigned one. */
  constructor({ ctx, dialogue, messages, pageInfo, onSent, onTake }) {
    this.ctx = ctx;
    this.dialogue = dialogue;
    this.pageInfo = pageInfo;
    this.items = new Map(); // message id → li
    this.list = h('ol', { class: 'messages', 'aria-live': 'polite', 'aria-label': ctx.t('dialogues.history') });
    this.earlier = h('button', { type: 'button', class: 'load-earlier link-button', onclick: () => this.loadEarlier() }, ctx.t('dialogues.earlier'));
    this.reply = replyBox({ ctx, dialogue, onSent: (message, updated) => { this.add(message); onSent(message, updated); } });
    this.header = h('header', { class: 'conversation-head' });
    this.onTake = onTake;
    this.element = h('section', { class: 'conversation', dataset: { dialogueId: dialogue.id }, 'aria-label': dialogueName(dialogue, ctx.t) },
      this.header,
      h('div', { class: 'messages-scroll' }, this.earlier, this.list),
      this.reply.element);
    this.renderHeader();
    this.earlier.hidden = !pageInfo.hasPreviousPage;
    for (const message of messages) this.add(message, { scroll: false });
    requestAnimationFrame(() => this.scrollToEnd());
  }

  static async load(ctx, id, handlers) {
    const data = await ctx.api.query(CONVERSATION, { id });
    const dialogue = data.node;
    if (!dialogue) return null;
    return new Conversation({ ctx, dialogue, messages: dialogue.messages.edges.map((edge) => edge.node), pageInfo: dialogue.messages.pageInfo, ...handlers });
  }

  renderHeader() {
    const { t } = this.ctx;
    const dialogue = this.dialogue;
    replace(this.header,
      h('a', { href: this.ctx.hashOf('dialogues'), class: 'back-link' }, `← ${t('dialogues.inbox')}`),
      h('div', { class: 'conversation-title' },
        h('h2', {}, dialogueName(dialogue, t)),
        h('p', { class: 'muted' }, [
          dialogue.channel ? `${t(`dialogues.channel.${dialogue.channel.kind}`)} · ${dialogue.channel.name}` : '',
          dialogue.party?.handle ? ` · @${dialogue.party.handle}` : '',
          dialogue.client && dialogue.contact ? ` · ${dialogue.client.name}` : '',
        ])),
      h('span', { class: `status-pill status-${dialogue.status.toLowerCase()}` }, t(`dialogues.status.${dialogue.status}`)),
      !dialogue.assignee && this.onTake ? h('button', { type: 'button', class: 'primary take-dialogue', onclick: () => this.onTake(dialogue) }, t('dialogues.take')) : null);
  }

  update(dialogue) {
    this.dialogue = { ...this.dialogue, ...dialogue };
    this.renderHeader();
  }

  /** Adds a message (or refreshes it when already shown). */
  add(message, { scroll = true } = {}) {
    const nearEnd = this.isNearEnd();
    const item = this.renderMessage(message);
    const existing = this.items.get(message.id);
    if (existing) existing.replaceWith(item);
    else this.insertInOrder(item, message);
    this.items.set(message.id, item);
    if (scroll && (nearEnd || message.direction === 'OUTGOING')) this.scrollToEnd();
  }

  insertInOrder(item, message) {
    const later = [...this.list.children].find((li) => li.dataset.sentAt > message.sentAt);
    if (later) later.before(item);
    else this.list.append(item);
  }

  setStatus(messageId, deliveryStatus, failureReason) {
    const item = this.items.get(messageId);
    if (!item) return;
    const status = item.querySelector('.delivery');
    if (!status) return;
    status.replaceWith(this.renderStatus({ deliveryStatus, failureReason }));
    item.dataset.deliveryStatus = deliveryStatus;
  }

  renderStatus(message) {
    const { t } = this.ctx;
    const status = message.deliveryStatus;
    return h('span', { class: 'delivery', dataset: { status }, title: message.failureReason ?? '' },
      h('span', { 'aria-hidden': 'true' }, STATUS_SYMBOL[status] ?? ''), ' ', t(`dialogues.delivery.${status}`),
      status === 'FAILED' && message.failureReason ? `: ${message.failureReason}` : '');
  }

  renderMessage(message) {
    const { locale } = this.ctx;
    const mine = message.direction === 'OUTGOING' || message.direction === 'INTERNAL' && message.author?.id === this.ctx.me.id;
    return h('li', {
      class: `message ${mine ? 'mine' : 'theirs'}`,
      dataset: { messageId: message.id, direction: message.direction, sentAt: message.sentAt, deliveryStatus: message.deliveryStatus ?? '' },
    },
    h('div', { class: 'message-meta' },
      h('span', { class: 'message-author' }, message.authorName),
      h('time', { datetime: message.sentAt, title: formatDateTime(message.sentAt, locale) }, formatTime(message.sentAt, locale))),
    h('div', { class: 'message-text' }, message.text ?? ''),
    message.attachments?.length ? h('ul', { class: 'attachments' }, message.attachments.map((file) => h('li', { class: 'attachment' }, file.name))) : null,
    message.direction === 'OUTGOING' && message.deliveryStatus ? this.renderStatus(message) : null);
  }

  async loadEarlier() {
    if (!this.pageInfo?.hasPreviousPage) return;
    this.earlier.disabled = true;
    try {
      const data = await this.ctx.api.query(CONVERSATION, { id: this.dialogue.id, before: this.pageInfo.startCursor });
      const connection = data.node.messages;
      const scroller = this.list.parentElement;
      const fromBottom = scroller.scrollHeight - scroller.scrollTop;
      for (const { node } of connection.edges) if (!this.items.has(node.id)) this.add(node, { scroll: false });
      scroller.scrollTop = scroller.scrollHeight - fromBottom;
      this.pageInfo = connection.pageInfo;
      this.earlier.hidden = !connection.pageInfo.hasPreviousPage;
    } catch (error) {
      this.ctx.notify.error(error);
    } finally {
      this.earlier.disabled = false;
    }
  }

  isNearEnd() {
    const scroller = this.list.parentElement;
    return !scroller || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  }

  scrollToEnd() {
    const scroller = this.list.parentElement;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }
}
