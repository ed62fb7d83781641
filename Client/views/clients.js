// Clients: the global search box (name, phone in any notation, e-mail, INN — the API's `search`)
// and the client card — profile, contacts, deals and the timeline, which loads more as it
// scrolls. `#/clients?q=…` searches (the header's search field goes there), `#/clients/<id>`
// opens a card.

import { h, replace } from '../shell/dom.js';
import { searchPanel } from './clients/search-panel.js';
import { clientCard } from './clients/client-card.js';

const KINDS = {
  en: { PROFILE: 'Profile', NOTE: 'Note', TASK: 'Task', DEAL: 'Deal', FILE: 'File', CALL: 'Call', MESSAGE: 'Message', EMAIL: 'E-mail', DIALOGUE: 'Dialogue', INQUIRY: 'Inquiry', PROJECT: 'Project' },
  ru: { PROFILE: 'Карточка', NOTE: 'Заметка', TASK: 'Задача', DEAL: 'Сделка', FILE: 'Файл', CALL: 'Звонок', MESSAGE: 'Сообщение', EMAIL: 'Письмо', DIALOGUE: 'Диалог', INQUIRY: 'Обращение', PROJECT: 'Проект' },
};
const ACTIONS = {
  en: { CREATED: 'created', UPDATED: 'changed', COMPLETED: 'completed', STAGE_CHANGED: 'stage changed', WON: 'won', LOST: 'lost', REOPENED: 'reopened',
    RECEIVED: 'received', SENT: 'sent', MISSED: 'missed', CONVERTED: 'converted', ASSIGNED: 'assigned', RESOLVED: 'resolved', CLOSED: 'closed', DELETED: 'deleted', RESTORED: 'restored' },
  ru: { CREATED: 'создано', UPDATED: 'изменено', COMPLETED: 'выполнено', STAGE_CHANGED: 'смена этапа', WON: 'выиграна', LOST: 'проиграна', REOPENED: 'открыто снова',
    RECEIVED: 'входящее', SENT: 'исходящее', MISSED: 'пропущен', CONVERTED: 'стал клиентом', ASSIGNED: 'назначено', RESOLVED: 'решено', CLOSED: 'закрыто', DELETED: 'удалено', RESTORED: 'восстановлено' },
};

export default {
  id: 'clients',
  label: { en: 'Clients', ru: 'Клиенты' },
  icon: 'search',
  strings: {
    en: {
      searchLabel: 'Find a client', placeholder: 'Name, phone, e-mail or INN', hint: 'A phone in any format: +7 912…, 8 (912) …, 912-…',
      tooShort: 'Type at least 2 characters.', nothing: 'Nothing found for “{query}”.', found: '{n} found', moreResults: 'More results',
      group: { clients: 'Clients', contacts: 'Contact persons', deals: 'Deals' }, noClient: 'No client',
      choose: 'Search for a client, then open their card.', notFound: 'This client is not visible to you.', backToSearch: 'Search',
      profile: 'Profile', legalName: 'Legal name', inn: 'INN', owner: 'Owner', industry: 'Industry', webDomain: 'Website', address: 'Address',
      source: 'Source', since: 'Client since', primary: 'primary',
      contacts: 'Contacts', noContacts: 'No contact persons.', deals: 'Deals', noDeals: 'No deals.', expected: 'close {date}',
      timeline: 'Timeline', loadMore: 'Load more', shown: '{n} of {total}', timelineEnd: 'That is the whole history.', timelineEmpty: 'Nothing has happened yet.',
      clientKind: { ORGANISATION: 'Organisation', INDIVIDUAL: 'Individual' },
      clientStatus: { PROSPECT: 'Prospect', CLIENT: 'Client' },
      dealStatus: { OPEN: 'Open', WON: 'Won', LOST: 'Lost' },
      phoneKind: { MOBILE: 'mobile', WORK: 'work', HOME: 'home', FAX: 'fax', OTHER: 'other' },
      emailKind: { WORK: 'work', PERSONAL: 'personal', OTHER: 'other' },
      messenger: { TELEGRAM: 'Telegram', VIBER: 'Viber', VK: 'VK', WHATSAPP: 'WhatsApp', OTHER: 'Messenger' },
      kind: KINDS.en, action: ACTIONS.en,
    },
    ru: {
      searchLabel: 'Найти клиента', placeholder: 'Имя, телефон, e-mail или ИНН', hint: 'Телефон в любом виде: +7 912…, 8 (912) …, 912-…',
      tooShort: 'Введите хотя бы 2 символа.', nothing: 'По запросу «{query}» ничего не нашлось.', found: 'Найдено: {n}', moreResults: 'Ещё результаты',
      group: { clients: 'Клиенты', contacts: 'Контактные лица', deals: 'Сделки' }, noClient: 'Без клиента',
      choose: 'Найдите клиента и откройте его карточку.', notFound: 'Этот клиент вам недоступен.', backToSearch: 'Поиск',
      profile: 'Профиль', legalName: 'Юр. название', inn: 'ИНН', owner: 'Ответственный', industry: 'Отрасль', webDomain: 'Сайт', address: 'Адрес',
      source: 'Источник', since: 'Клиент с', primary: 'основной',
      contacts: 'Контакты', noContacts: 'Контактных лиц нет.', deals: 'Сделки', noDeals: 'Сделок нет.', expected: 'закрытие {date}',
      timeline: 'История', loadMore: 'Показать ещё', shown: '{n} из {total}', timelineEnd: 'Это вся история.', timelineEmpty: 'Пока ничего не происходило.',
      clientKind: { ORGANISATION: 'Организация', INDIVIDUAL: 'Частное лицо' },
      clientStatus: { PROSPECT: 'Потенциальный', CLIENT: 'Клиент' },
      dealStatus: { OPEN: 'В работе', WON: 'Выиграна', LOST: 'Проиграна' },
      phoneKind: { MOBILE: 'мобильный', WORK: 'рабочий', HOME: 'домашний', FAX: 'факс', OTHER: 'другой' },
      emailKind: { WORK: 'рабочий', PERSONAL: 'личный', OTHER: 'другой' },
      messenger: { TELEGRAM: 'Telegram', VIBER: 'Viber', VK: 'ВКонтакте', WHATSAPP: 'WhatsApp', OTHER: 'Мессенджер' },
      kind: KINDS.ru, action: ACTIONS.ru,
    },
  },

  async mount(container, ctx) {
    const { t } = ctx;
    let selectedId = null;
    let card = null;
    let opening = 0;
    let lastQuery = null;

    const search = searchPanel({ ctx });
    const cardArea = h('div', { class: 'client-card-area', id: 'client-card-area' });
    const layout = h('div', { class: 'clients-layout', dataset: { selected: 'false' } }, search.element, cardArea);
    container.append(layout);

    const open = async (id) => {
      const ticket = ++opening;
      card?.stop();
      card = null;
      selectedId = id;
      layout.dataset.selected = String(Boolean(id));
      search.select(id);
      if (!id) { replace(cardArea, h('p', { class: 'empty' }, t('clients.choose'))); return; }
      cardArea.setAttribute('aria-busy', 'true');
      try {
        const built = await clientCard({ ctx, id, backHash: ctx.hashOf('clients') });
        if (ticket !== opening) { built?.stop(); return; }
        if (!built) { replace(cardArea, h('p', { class: 'empty' }, t('clients.notFound'))); return; }
        card = built;
        replace(cardArea, built.element);
        cardArea.scrollTop = 0;
        built.start();
      } catch (error) {
        if (ticket === opening) replace(cardArea, h('p', { class: 'empty error' }, t('common.error', { message: error.message })));
      } finally {
        if (ticket === opening) cardArea.removeAttribute('aria-busy');
      }
    };

    const follow = (route) => {
      const query = route.query.q;
      if (query && query !== lastQuery) { lastQuery = query; search.search(query); }
      const id = route.params[0] ?? null;
      if (id !== selectedId) open(id);
    };

    ctx.onCleanup(() => card?.stop());
    follow(ctx.route);
    if (!ctx.route.params[0] && !ctx.route.query.q) search.input.focus({ preventScroll: true });
    return { update: follow };
  },
};
