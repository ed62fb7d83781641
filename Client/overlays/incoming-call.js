// The incoming call pop-up: `callIncoming` brings the ringing call with the caller's card (client,
// company, owner, open deals, last activities) in the same event; an unknown number gets a
// one-click "register client". Answer, transfer and hang up ask the PBX through the API;
// `callUpdated` follows the call until it ends.

import { h, replace } from '../shell/dom.js';
import { formatMoney, formatTime } from '../shell/format.js';
import { icon } from '../shell/icons.js';

const CLIENT_CARD = `
  id name legalName kind inn
  owner { id name }
  phones { number }
  deals(first: 5, filter: {statuses: [OPEN]}, orderBy: {field: UPDATED_AT, direction: DESC}) {
    totalCount edges { node { id title amount currency stage { name } } } }
  timeline(first: 5) { edges { node { id kind summary occurredAt } } }`;

const CALL_FIELDS = `
  id version status direction from to startedAt
  line { id name }
  user { id name }
  contact { id name position }
  client { ${CLIENT_CARD} }`;

const CALL_INCOMING = `subscription CallIncoming($after: ID) {
  callIncoming(after: $after) { eventId call { ${CALL_FIELDS} } routedTo { id name } } }`;

const CALL_UPDATED = `subscription CallUpdated($after: ID) {
  callUpdated(after: $after) { eventId changedFields call { ${CALL_FIELDS} } } }`;

const CALL = `query Call($id: ID!) { node(id: $id) { ... on Call { ${CALL_FIELDS} } } }`;

const ANSWER = `mutation AnswerCall($input: AnswerCallInput!) {
  answerCall(input: $input) { call { id status } userErrors { field message code } } }`;
const TRANSFER = `mutation TransferCall($input: TransferCallInput!) {
  transferCall(input: $input) { call { id status } userErrors { field message code } } }`;
const HANG_UP = `mutation HangUpCall($input: HangUpCallInput!) {
  hangUpCall(input: $input) { call { id status } userErrors { field message code } } }`;
const CREATE_CLIENT = `mutation RegisterCaller($input: CreateClientInput!) {
  createClient(input: $input) { client { id } userErrors { field message code } } }`;
const LINK_CALL = `mutation LinkCall($input: UpdateCallInput!) {
  updateCall(input: $input) { call { ${CALL_FIELDS} } userErrors { field message code } } }`;
const COLLEAGUES = `query Colleagues { users(first: 100, orderBy: {field: NAME}) {
  edges { node { id name extension presence } } } }`;

/** Statuses after which the call is over. */
const OVER = new Set(['ENDED', 'MISSED', 'FAILED']);
/** How long a finished call's card stays (to read who took it). */
const LINGER_MS = 4000;

export default {
  id: 'incomingCall',
  label: { en: 'Incoming call', ru: 'Входящий звонок' },
  strings: {
    en: {
      title: 'Incoming call', inCall: 'In call', ended: 'Call ended', missed: 'Missed call',
      answeredBy: 'Answered by {name}', line: 'Line: {name}',
      unknown: 'Unknown number', register: 'Register client', registerName: 'Name (optional)',
      registered: 'Client registered', company: 'Company', owner: 'Owner', contact: 'Contact',
      openDeals: 'Open deals ({count})', noDeals: 'No open deals', activities: 'Last activities', noActivities: 'Nothing yet',
      answer: 'Answer', transfer: 'Transfer', hangUp: 'Hang up', dismiss: 'Dismiss',
      transferTo: 'Transfer to', colleague: 'Colleague', orNumber: 'or a phone number', send: 'Transfer',
      asked: 'Asked the PBX to {action}…', actions: { answer: 'answer', transfer: 'transfer', hangUp: 'hang up' },
      openCard: 'Open the client',
    },
    ru: {
      title: 'Входящий звонок', inCall: 'Разговор', ended: 'Звонок завершён', missed: 'Пропущенный звонок',
      answeredBy: 'Ответил(а) {name}', line: 'Линия: {name}',
      unknown: 'Неизвестный номер', register: 'Зарегистрировать клиента', registerName: 'Имя (необязательно)',
      registered: 'Клиент зарегистрирован', company: 'Компания', owner: 'Ответственный', contact: 'Контакт',
      openDeals: 'Открытые сделки ({count})', noDeals: 'Открытых сделок нет', activities: 'Последние события', noActivities: 'Пока ничего',
      answer: 'Ответить', transfer: 'Перевести', hangUp: 'Завершить', dismiss: 'Скрыть',
      transferTo: 'Перевести на', colleague: 'Коллега', orNumber: 'или номер телефона', send: 'Перевести',
      asked: 'Запрос АТС: {action}…', actions: { answer: 'ответить', transfer: 'перевести', hangUp: 'завершить' },
      openCard: 'Открыть клиента',
    },
  },

  mount(container, ctx) {
    const { t } = ctx;
    const tt = (key, params) => t(`incomingCall.${key}`, params);
    const calls = new Map(); // call id → { call, routedTo, element, pending, transferOpen }
    const stack = h('div', { class: 'call-stack', 'aria-live': 'assertive' });
    container.append(stack);

    const render = (entry) => {
      const { call } = entry;
      const ringing = call.status === 'RINGING';
      const over = OVER.has(call.status);
      const status = ringing ? tt('title') : call.status === 'ANSWERED' ? tt('inCall')
        : call.status === 'MISSED' ? tt('missed') : tt('ended');
      const card = entry.element ?? h('section', { class: 'call-card', role: 'dialog', 'aria-modal': 'false' });
      entry.element = card;
      card.dataset.callId = call.id;
      card.dataset.status = call.status;
      const titleId = `call-title-${call.id}`;
      card.setAttribute('aria-labelledby', titleId);
      replace(card,
        h('header', { class: 'call-head' },
          h('span', { class: 'call-icon' }, icon(call.status === 'ANSWERED' ? 'headset' : 'phone', 26)),
          h('div', {},
            h('h2', { id: titleId }, status),
            h('p', { class: 'call-number' }, call.from ?? tt('unknown')),
            call.line ? h('p', { class: 'muted' }, tt('line', { name: call.line.name })) : null,
            call.user && call.status === 'ANSWERED' ? h('p', { class: 'muted' }, tt('answeredBy', { name: call.user.name })) : null),
          over ? h('button', { type: 'button', class: 'icon-button', 'aria-label': tt('dismiss'), onclick: () => remove(call.id) }, '×') : null),
        call.client ? clientCard(call) : unknownCaller(entry),
        entry.pending ? h('p', { class: 'call-pending', role: 'status' }, tt('asked', { action: tt(`actions.${entry.pending}`) })) : null,
        over ? null : controls(entry),
        entry.transferOpen && !over ? transferForm(entry) : null);
      if (!card.isConnected) stack.prepend(card);
    };

    const clientCard = (call) => {
      const client = call.client;
      const company = client.kind === 'ORGANISATION' ? (client.legalName || client.name) : null;
      const deals = client.deals;
      return h('div', { class: 'caller' },
        h('h3', { class: 'caller-name' }, call.contact ? call.contact.name : client.name),
        h('dl', { class: 'caller-facts' },
          call.contact ? [h('dt', {}, tt('contact')), h('dd', {}, [call.contact.name, call.contact.position ? ` · ${call.contact.position}` : ''])] : null,
          company ? [h('dt', {}, tt('company')), h('dd', { class: 'caller-company' }, company)] : null,
          [h('dt', {}, tt('owner')), h('dd', { class: 'caller-owner' }, client.owner?.name ?? t('common.none'))]),
        h('h4', {}, tt('openDeals', { count: deals.totalCount })),
        deals.edges.length
          ? h('ul', { class: 'caller-deals' }, deals.edges.map(({ node }) => h('li', {},
            h('span', { class: 'deal-title' }, node.title),
            h('span', { class: 'muted' }, [node.stage.name, node.amount ? ` · ${formatMoney(node.amount, node.currency, ctx.locale)}` : '']))))
          : h('p', { class: 'muted' }, tt('noDeals')),
        h('h4', {}, tt('activities')),
        client.timeline.edges.length
          ? h('ul', { class: 'caller-activities' }, client.timeline.edges.map(({ node }) => h('li', {},
            h('time', { datetime: node.occurredAt, class: 'muted' }, formatTime(node.occurredAt, ctx.locale)), ' ', node.summary)))
          : h('p', { class: 'muted' }, tt('noActivities')));
    };

    const unknownCaller = (entry) => {
      const name = h('input', { type: 'text', class: 'register-name', 'aria-label': tt('registerName'), placeholder: tt('registerName') });
      const button = h('button', { type: 'button', class: 'primary register-client', onclick: () => register(entry, name.value.trim(), button) }, tt('register'));
      return h('div', { class: 'caller caller-unknown' },
        h('h3', { class: 'caller-name' }, tt('unknown')),
        entry.call.from ? h('form', { class: 'register-form', onsubmit: (event) => { event.preventDefault(); button.click(); } }, name, button) : null);
    };

    const controls = (entry) => {
      const { call } = entry;
      const busy = Boolean(entry.pending);
      return h('div', { class: 'call-actions' },
        call.status === 'RINGING'
          ? h('button', { type: 'button', class: 'ok call-answer', disabled: busy, onclick: () => act(entry, 'answer', ANSWER, { id: call.id }) }, tt('answer'))
          : null,
        h('button', { type: 'button', class: 'call-transfer', disabled: busy, 'aria-expanded': String(Boolean(entry.transferOpen)),
          onclick: () => { entry.transferOpen = !entry.transferOpen; render(entry); } }, tt('transfer')),
        h('button', { type: 'button', class: 'danger call-hang-up', disabled: busy, onclick: () => act(entry, 'hangUp', HANG_UP, { id: call.id }) }, tt('hangUp')));
    };

    let colleagues = null;
    const transferForm = (entry) => {
      const select = h('select', { class: 'transfer-user', 'aria-label': tt('colleague') }, h('option', { value: '' }, '—'));
      const number = h('input', { type: 'tel', class: 'transfer-number', 'aria-label': tt('orNumber'), placeholder: tt('orNumber') });
      const fill = (users) => {
        for (const user of users) {
          if (user.id === ctx.me.id) continue;
          select.append(h('option', { value: user.id }, `${user.name}${user.extension ? ` (${user.extension})` : ''}`));
        }
      };
      if (colleagues) fill(colleagues);
      else {
        ctx.api.query(COLLEAGUES).then((data) => {
          colleagues = data.users.edges.map((edge) => edge.node);
          fill(colleagues);
        }, (error) => ctx.notify.error(error));
      }
      return h('form', {
        class: 'transfer-form',
        onsubmit: (event) => {
          event.preventDefault();
          const to = number.value.trim() ? { phoneNumber: number.value.trim() } : select.value ? { userId: select.value } : null;
          if (!to) { select.focus(); return; }
          entry.transferOpen = false;
          act(entry, 'transfer', TRANSFER, { id: entry.call.id, to });
        },
      }, h('label', {}, tt('transferTo')), select, number, h('button', { type: 'submit', class: 'primary' }, tt('send')));
    };

    const act = async (entry, action, mutation, input) => {
      entry.pending = action;
      render(entry);
      try {
        await ctx.api.mutate(mutation, { input });
      } catch (error) {
        ctx.notify.error(error);
      } finally {
        entry.pending = null;
        if (calls.has(entry.call.id)) render(entry);
      }
    };

    const register = async (entry, name, button) => {
      button.disabled = true;
      try {
        const phone = entry.call.from;
        const created = await ctx.api.mutate(CREATE_CLIENT, { input: { kind: 'INDIVIDUAL', name: name || phone, phones: [{ number: phone }] } });
        const fresh = await ctx.api.query(CALL, { id: entry.call.id });
        const linked = await ctx.api.mutate(LINK_CALL, {
          input: { id: entry.call.id, version: fresh.node.version, clientId: created.createClient.client.id } });
        entry.call = linked.updateCall.call;
        ctx.notify.show(tt('registered'), 'success');
        render(entry);
      } catch (error) {
        button.disabled = false;
        ctx.notify.error(error);
      }
    };

    const remove = (id) => {
      const entry = calls.get(id);
      if (!entry) return;
      clearTimeout(entry.lingerTimer);
      entry.element?.remove();
      calls.delete(id);
    };

    const show = (call, routedTo = null) => {
      const entry = calls.get(call.id) ?? { call, routedTo };
      entry.call = call;
      calls.set(call.id, entry);
      render(entry);
      if (OVER.has(call.status) && !entry.lingerTimer) entry.lingerTimer = setTimeout(() => remove(call.id), LINGER_MS);
    };

    ctx.subscribe({ query: CALL_INCOMING }, {
      next: ({ data }) => {
        const event = data?.callIncoming;
        if (event && event.call.status === 'RINGING') show(event.call, event.routedTo);
      },
      error: (error) => ctx.notify.error(error),
    });
    ctx.subscribe({ query: CALL_UPDATED }, {
      next: ({ data }) => {
        const call = data?.callUpdated?.call;
        if (!call || !calls.has(call.id)) return;
        // Answered by someone else: nothing left to do here.
        if (call.status === 'ANSWERED' && call.user && call.user.id !== ctx.me.id) {
          show(call);
          calls.get(call.id).lingerTimer = setTimeout(() => remove(call.id), LINGER_MS);
          return;
        }
        show(call);
      },
    });
    return () => { for (const id of [...calls.keys()]) remove(id); };
  },
};
