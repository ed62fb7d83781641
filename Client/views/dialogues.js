// Dialogues: the inbox of the user's assigned dialogues (and the queue of unassigned ones), live
// through messageReceived, dialogueAssigned and messageStatusChanged; a conversation with its
// history, the reply box (templates, emoji) and knowledge base search beside it.

import { h, replace } from '../shell/dom.js';
import { renderInbox } from './dialogues/inbox.js';
import { Conversation } from './dialogues/conversation.js';
import { knowledgePanel } from './dialogues/knowledge-panel.js';
import {
  INBOX, MESSAGE_RECEIVED, MESSAGE_STATUS_CHANGED, DIALOGUE_ASSIGNED, MARK_READ, ASSIGN,
  UNREAD_DIALOGUES, DIALOGUE_TOUCHED, DIALOGUE_REASSIGNED,
} from './dialogues/queries.js';

/** Sent on `document` when the view marks a dialogue read (no server event tells of it). */
const READ_EVENT = 'switchboard:dialogue-read';

const ACTIVE = new Set(['OPEN', 'WAITING']);

const CHANNELS = {
  en: { TELEGRAM: 'Telegram', VIBER: 'Viber', VK: 'VK', VK_SHOP: 'VK shop', EMAIL: 'E-mail', WEB_CHAT: 'Web chat', INTERNAL: 'Team chat' },
  ru: { TELEGRAM: 'Telegram', VIBER: 'Viber', VK: 'ВКонтакте', VK_SHOP: 'Магазин ВК', EMAIL: 'Почта', WEB_CHAT: 'Чат на сайте', INTERNAL: 'Чат команды' },
};

export default {
  id: 'dialogues',
  label: { en: 'Dialogues', ru: 'Диалоги' },
  icon: 'chat',
  strings: {
    en: {
      inbox: 'Inbox', mine: 'Mine', queue: 'Queue', inboxEmpty: 'No dialogues here.', choose: 'Choose a dialogue on the left.',
      unknownParty: 'Unknown', you: 'You', unread: '{n} unread', history: 'Messages', earlier: 'Earlier messages',
      reply: 'Reply', replyPlaceholder: 'Write a reply…', send: 'Send', sendHint: 'Ctrl+Enter sends',
      templates: 'Templates', templateSearch: 'Find a template', noTemplates: 'No templates.',
      emoji: 'Emoji', take: 'Take', taken: 'The dialogue is yours now.', notFound: 'This dialogue is not visible.',
      kbSearch: 'Knowledge base', kbPlaceholder: 'Search articles…', kbInsert: 'Insert into reply', kbNothing: 'No articles found.',
      status: { OPEN: 'Open', WAITING: 'Waiting for the client', CLOSED: 'Closed' },
      delivery: { QUEUED: 'Queued', SENT: 'Sent', DELIVERED: 'Delivered', READ: 'Read', FAILED: 'Not delivered' },
      channel: CHANNELS.en,
    },
    ru: {
      inbox: 'Входящие', mine: 'Мои', queue: 'Очередь', inboxEmpty: 'Диалогов нет.', choose: 'Выберите диалог слева.',
      unknownParty: 'Неизвестный', you: 'Вы', unread: 'Непрочитанных: {n}', history: 'Сообщения', earlier: 'Ранние сообщения',
      reply: 'Ответ', replyPlaceholder: 'Напишите ответ…', send: 'Отправить', sendHint: 'Ctrl+Enter — отправить',
      templates: 'Шаблоны', templateSearch: 'Найти шаблон', noTemplates: 'Шаблонов нет.',
      emoji: 'Эмодзи', take: 'Взять', taken: 'Диалог теперь ваш.', notFound: 'Этот диалог недоступен.',
      kbSearch: 'База знаний', kbPlaceholder: 'Поиск по статьям…', kbInsert: 'Вставить в ответ', kbNothing: 'Статей не нашлось.',
      status: { OPEN: 'Открыт', WAITING: 'Ждёт клиента', CLOSED: 'Закрыт' },
      delivery: { QUEUED: 'В очереди', SENT: 'Отправлено', DELIVERED: 'Доставлено', READ: 'Прочитано', FAILED: 'Не доставлено' },
      channel: CHANNELS.ru,
    },
  },

  /** The navigation's count: the user's dialogues with unread messages, whatever view is open. */
  badge(ctx, show) {
    const filter = { assigneeIds: [ctx.me.id], statuses: ['OPEN', 'WAITING'], kinds: ['CLIENT'], hasUnread: true };
    let timer = null;
    const refresh = async () => {
      try {
        show((await ctx.api.query(UNREAD_DIALOGUES, { filter })).dialogues.totalCount);
      } catch { /* the count stays as it was */ }
    };
    const soon = () => { clearTimeout(timer); timer = setTimeout(refresh, 250); };
    ctx.subscribe({ query: DIALOGUE_TOUCHED }, { next: soon });
    ctx.subscribe({ query: DIALOGUE_REASSIGNED }, { next: soon });
    ctx.scope.listen(document, READ_EVENT, soon);
    ctx.onCleanup(() => clearTimeout(timer));
    refresh();
  },

  async mount(container, ctx) {
    const { t, me } = ctx;
    const dialogues = new Map();
    let tab = ctx.route.query.tab === 'queue' ? 'queue' : 'mine';
    let selectedId = ctx.route.params[0] ?? null;
    let conversation = null;
    let opening = 0;

    const inboxList = h('ul', { class: 'inbox-list', 'aria-label': t('dialogues.inbox') });
    const tabs = h('div', { class: 'inbox-tabs', role: 'group', 'aria-label': t('dialogues.inbox') });
    const conversationArea = h('div', { class: 'conversation-area' });
    const layout = h('div', { class: 'dialogues-layout', dataset: { selected: selectedId ? 'true' : 'false' } },
      h('section', { class: 'inbox', 'aria-label': t('dialogues.inbox') }, h('h1', {}, t('dialogues.inbox')), tabs, inboxList),
      conversationArea,
      knowledgePanel({ ctx, onInsert: (text) => conversation?.reply.insert(text) }));
    container.append(layout);

    const belongs = (dialogue) => ACTIVE.has(dialogue.status)
      && (tab === 'mine' ? dialogue.assignee?.id === me.id : !dialogue.assignee);
    const showInbox = () => renderInbox(inboxList, { dialogues, selectedId, ctx });
    const upsert = (dialogue) => {
      if (belongs(dialogue)) dialogues.set(dialogue.id, { ...dialogues.get(dialogue.id), ...dialogue });
      else dialogues.delete(dialogue.id);
      showInbox();
    };

    const renderTabs = () => replace(tabs, ['mine', 'queue'].map((name) => h('button', {
      type: 'button', class: 'chip', 'aria-pressed': String(tab === name), dataset: { tab: name },
      onclick: () => { tab = name; renderTabs(); loadInbox(); },
    }, t(`dialogues.${name}`))));

    const loadInbox = async () => {
      const filter = tab === 'mine' ? { assigneeIds: [me.id], statuses: ['OPEN', 'WAITING'] } : { unassigned: true, statuses: ['OPEN', 'WAITING'] };
      const data = await ctx.api.query(INBOX, { filter: { ...filter, kinds: ['CLIENT'] } });
      dialogues.clear();
      for (const { node } of data.dialogues.edges) dialogues.set(node.id, node);
      showInbox();
    };

    const markRead = async (id) => {
      const summary = dialogues.get(id);
      if (summary && !summary.unreadCount) return;
      try {
        const data = await ctx.api.mutate(MARK_READ, { input: { id } });
        document.dispatchEvent(new CustomEvent(READ_EVENT, { detail: { id } }));
        const current = dialogues.get(id);
        if (current) { current.unreadCount = data.markDialogueRead.dialogue.unreadCount; showInbox(); }
      } catch (error) {
        ctx.notify.error(error);
      }
    };

    const take = async (dialogue) => {
      try {
        const data = await ctx.api.mutate(ASSIGN, { input: { id: dialogue.id, version: dialogue.version, assigneeId: me.id } });
        conversation?.update(data.assignDialogue.dialogue);
        upsert(data.assignDialogue.dialogue);
        ctx.notify.show(t('dialogues.taken'), 'success');
      } catch (error) {
        ctx.notify.error(error);
      }
    };

    const open = async (id) => {
      selectedId = id;
      layout.dataset.selected = id ? 'true' : 'false';
      showInbox();
      const ticket = ++opening;
      if (!id) {
        conversation = null;
        replace(conversationArea, h('p', { class: 'empty choose' }, t('dialogues.choose')));
        return;
      }
      try {
        const loaded = await Conversation.load(ctx, id, {
          onSent: (message, dialogue) => dialogue && upsert(dialogue),
          onTake: take,
        });
        if (ticket !== opening) return;
        conversation = loaded;
        replace(conversationArea, loaded ? loaded.element : h('p', { class: 'empty' }, t('dialogues.notFound')));
        if (loaded) { loaded.reply.focus(); markRead(id); }
      } catch (error) {
        if (ticket === opening) replace(conversationArea, h('p', { class: 'empty error' }, t('common.error', { message: error.message })));
      }
    };

    ctx.subscribe({ query: MESSAGE_RECEIVED }, {
      next: ({ data }) => {
        const event = data?.messageReceived;
        if (!event || event.dialogue.kind !== 'CLIENT') return;
        upsert(event.dialogue);
        if (conversation?.dialogue.id === event.dialogue.id) {
          conversation.add(event.message);
          conversation.update(event.dialogue);
          if (event.message.direction === 'INCOMING' && document.visibilityState === 'visible') markRead(event.dialogue.id);
        }
      },
      reset: () => loadInbox(),
    });
    ctx.subscribe({ query: MESSAGE_STATUS_CHANGED }, {
      next: ({ data }) => {
        const event = data?.messageStatusChanged;
        if (event && conversation?.dialogue.id === event.message.dialogue.id) {
          conversation.setStatus(event.message.id, event.message.deliveryStatus, event.message.failureReason);
        }
      },
    });
    ctx.subscribe({ query: DIALOGUE_ASSIGNED }, {
      next: ({ data }) => {
        const event = data?.dialogueAssigned;
        if (!event) return;
        upsert(event.dialogue);
        if (conversation?.dialogue.id === event.dialogue.id) conversation.update(event.dialogue);
      },
    });
    ctx.scope.listen(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible' && selectedId) markRead(selectedId);
    });

    renderTabs();
    await loadInbox();
    await open(selectedId);
    return {
      update(route) {
        const id = route.params[0] ?? null;
        if (id !== selectedId) open(id);
      },
    };
  },
};
