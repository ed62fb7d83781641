// The client card: profile, ways to reach them, contact persons, deals and the timeline.

import { h } from '../../shell/dom.js';
import { formatDate, formatMoney } from '../../shell/format.js';
import { CLIENT_CARD } from './queries.js';
import { formatPhone } from './phone.js';
import { clientTimeline } from './timeline.js';

function channels(record, t) {
  const items = [
    ...record.phones.map((phone) => h('li', { class: 'channel channel-phone' },
      h('a', { href: `tel:${phone.number}` }, formatPhone(phone.number)),
      h('span', { class: 'muted' }, ` ${t(`clients.phoneKind.${phone.kind}`)}${phone.primary ? ` · ${t('clients.primary')}` : ''}`))),
    ...record.emails.map((email) => h('li', { class: 'channel channel-email' },
      h('a', { href: `mailto:${email.address}` }, email.address),
      h('span', { class: 'muted' }, ` ${t(`clients.emailKind.${email.kind}`)}${email.primary ? ` · ${t('clients.primary')}` : ''}`))),
    ...record.messengers.map((handle) => h('li', { class: 'channel channel-messenger' },
      h('span', {}, `${t(`clients.messenger.${handle.messenger}`)}: ${handle.handle}`))),
  ];
  return items.length ? h('ul', { class: 'channels' }, items) : null;
}

function fact(label, value) {
  return value ? [h('dt', {}, label), h('dd', {}, value)] : null;
}

/** Loads and builds the card; `{ element, start(), stop() }` (start begins the timeline), or null when not visible. */
export async function clientCard({ ctx, id, backHash }) {
  const { t } = ctx;
  const data = await ctx.api.query(CLIENT_CARD, { id });
  const client = data.node;
  if (!client || !client.kind) return null;
  const timeline = clientTimeline({ ctx, clientId: client.id });
  const contacts = client.contacts.edges.map((edge) => edge.node);
  const deals = client.deals.edges.map((edge) => edge.node);

  const element = h('article', { class: 'client-card', dataset: { clientId: client.id }, 'aria-labelledby': 'client-name' },
    h('header', { class: 'client-head' },
      h('a', { class: 'back-to-search', href: backHash }, `← ${t('clients.backToSearch')}`),
      h('h1', { id: 'client-name' }, client.name),
      h('p', { class: 'client-badges' },
        h('span', { class: 'pill' }, t(`clients.clientKind.${client.kind}`)),
        h('span', { class: `pill status-${client.status.toLowerCase()}` }, t(`clients.clientStatus.${client.status}`)),
        client.tags.map((tag) => h('span', { class: 'pill tag' }, tag)))),
    h('div', { class: 'client-columns' },
      h('div', { class: 'client-details' },
        h('section', { class: 'client-profile', 'aria-labelledby': 'profile-title' },
          h('h2', { id: 'profile-title' }, t('clients.profile')),
          h('dl', { class: 'facts' },
            fact(t('clients.legalName'), client.legalName),
            fact(t('clients.inn'), client.inn),
            fact(t('clients.owner'), client.owner?.name ?? t('common.none')),
            fact(t('clients.industry'), client.industry),
            fact(t('clients.webDomain'), client.webDomain ? h('a', { href: `https://${client.webDomain}`, rel: 'noopener noreferrer', target: '_blank' }, client.webDomain) : null),
            fact(t('clients.address'), client.address),
            fact(t('clients.source'), [client.source, client.campaign].filter(Boolean).join(' · ')),
            fact(t('clients.since'), formatDate(client.createdAt, ctx.locale))),
          channels(client, t)),
        h('section', { class: 'client-contacts', 'aria-labelledby': 'contacts-title' },
          h('h2', { id: 'contacts-title' }, t('clients.contacts'), ' ', h('span', { class: 'muted' }, String(client.contacts.totalCount))),
          contacts.length ? h('ul', { class: 'contact-list' }, contacts.map((contact) => h('li', { class: 'contact', dataset: { contactId: contact.id } },
            h('div', {}, h('strong', {}, contact.name), contact.position ? h('span', { class: 'muted' }, ` · ${contact.position}`) : null),
            channels(contact, t))))
            : h('p', { class: 'muted' }, t('clients.noContacts'))),
        h('section', { class: 'client-deals', 'aria-labelledby': 'deals-title' },
          h('h2', { id: 'deals-title' }, t('clients.deals'), ' ', h('span', { class: 'muted' }, String(client.deals.totalCount))),
          deals.length ? h('ul', { class: 'client-deal-list' }, deals.map((deal) => h('li', { class: 'client-deal', dataset: { dealId: deal.id, status: deal.status } },
            h('div', { class: 'client-deal-title' }, deal.title),
            h('div', { class: 'client-deal-facts' },
              h('span', { class: `pill deal-status-${deal.status.toLowerCase()}` }, t(`clients.dealStatus.${deal.status}`)),
              h('span', {}, h('span', { class: 'stage-swatch', style: { background: deal.stage.color }, 'aria-hidden': 'true' }), ` ${deal.pipeline.name} · ${deal.stage.name}`),
              deal.amount != null ? h('span', { class: 'client-deal-amount' }, formatMoney(deal.amount, deal.currency, ctx.locale)) : null,
              deal.status === 'OPEN' && deal.expectedCloseDate ? h('span', { class: 'muted' }, t('clients.expected', { date: formatDate(deal.expectedCloseDate, ctx.locale) })) : null,
              deal.owner ? h('span', { class: 'muted' }, deal.owner.name) : null))))
            : h('p', { class: 'muted' }, t('clients.noDeals')))),
      timeline.element));
  return { element, start: () => timeline.start(), stop: () => timeline.stop() };
}
