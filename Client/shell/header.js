// The console's header: brand, views, connection state, presence, language, user, sign-out.

import { h, replace } from './dom.js';
import { hashOf } from './router.js';
import { languageSwitch } from './language-switch.js';
import { icon } from './icons.js';
import { makeContext } from './view-host.js';
import { Scope } from './scope.js';

const SET_PRESENCE = `mutation SetPresence($input: SetPresenceInput!) {
  setPresence(input: $input) { user { id presence presenceChoice } userErrors { field message code } }
}`;

const PRESENCE_CHANGED = `subscription PresenceChanged($after: ID) {
  presenceChanged(after: $after) { eventId user { id presence presenceChoice } presence }
}`;

const MY_PRESENCE = `query MyPresence { me { id presence presenceChoice } }`;

const CHOICES = ['AVAILABLE', 'BUSY', 'AWAY'];

/**
 * Renders the header into `root` and keeps it current. Returns a function that stops it.
 * `session`: { me, api, live, i18n, router, views, notify, signOut }.
 */
export function mountHeader(root, session) {
  const { me, api, live, i18n, router, views } = session;
  const { t } = i18n;
  let presenceChoice = me.presenceChoice ?? 'AVAILABLE';
  let presence = me.presence ?? 'OFFLINE';

  const connection = h('span', { class: 'connection', role: 'status', 'aria-live': 'polite', id: 'connection-state' });
  const showConnection = () => {
    connection.dataset.state = live.state;
    connection.title = t('header.connection');
    replace(connection, h('span', { class: 'dot', 'aria-hidden': 'true' }), t(`connection.${live.state}`));
  };

  const presenceSelect = h('select', {
    id: 'presence-select',
    'aria-label': t('header.presence'),
    onchange: async () => {
      const wanted = presenceSelect.value;
      try {
        const data = await api.mutate(SET_PRESENCE, { input: { presence: wanted } });
        presenceChoice = data.setPresence.user.presenceChoice;
        presence = data.setPresence.user.presence;
      } catch (error) {
        session.notify.error(error);
      }
      showPresence();
    },
  }, CHOICES.map((choice) => h('option', { value: choice }, t(`presence.${choice}`))));
  const presenceBox = h('label', { class: 'presence' }, h('span', { class: 'presence-dot', 'aria-hidden': 'true' }), presenceSelect);
  const showPresence = () => {
    presenceSelect.value = presenceChoice;
    presenceBox.dataset.presence = presence;
    presenceBox.title = `${t('header.presence')}: ${t(`presence.${presence}`)}`;
  };

  const nav = h('nav', { class: 'views-nav', 'aria-label': t('header.nav') });
  const badges = new Map(); // view id → count shown beside its name
  const showNav = () => {
    const current = router.route.view;
    replace(nav, h('ul', {}, views.map((view) => h('li', {},
      h('a', { href: hashOf(view.id), 'aria-current': view.id === current ? 'page' : null,
        dataset: { view: view.id, ...(badges.has(view.id) ? { badge: String(badges.get(view.id)) } : {}) } },
        view.icon ? icon(view.icon) : null,
        h('span', { class: 'nav-label' }, i18n.pick(view.label)),
        badges.get(view.id) ? h('span', { class: 'badge nav-badge', 'aria-label': t('header.badge', { n: badges.get(view.id) }) }, badges.get(view.id)) : null)))));
  };
  // A view may keep a count in the navigation: `badge(ctx, show)` runs for the whole session.
  const badgeScope = new Scope();
  for (const view of views) {
    if (typeof view.badge !== 'function') continue;
    try {
      view.badge(makeContext(session, badgeScope), (count) => { badges.set(view.id, count); showNav(); });
    } catch (error) {
      console.warn('badge failed', view.id, error);
    }
  }

  const header = h('header', { class: 'app-header' },
    h('a', { class: 'skip-link', id: 'skip-link', href: '#main', onclick: (event) => { event.preventDefault(); document.getElementById('main')?.focus(); } }, t('app.skip')),
    h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, icon('phone', 18)), t('app.name')),
    nav,
    h('div', { class: 'header-tools' },
      connection,
      presenceBox,
      languageSwitch(i18n),
      h('span', { class: 'user', title: me.email }, h('span', { class: 'user-name' }, me.name),
        h('span', { class: 'user-role' }, t(`role.${me.role}`))),
      h('button', { type: 'button', id: 'sign-out', class: 'secondary', onclick: () => session.signOut() }, t('header.signOut'))));

  replace(root, header);
  showConnection();
  showPresence();
  showNav();

  // Going live makes the user online; the event may come before the subscription does, so read it.
  const refreshPresence = async () => {
    try {
      const { me: current } = await api.query(MY_PRESENCE);
      presence = current.presence;
      presenceChoice = current.presenceChoice;
      showPresence();
    } catch { /* the header keeps what it showed */ }
  };
  const offState = live.onStateChange((state) => {
    showConnection();
    if (state === 'live') refreshPresence();
  });
  if (live.state === 'live') refreshPresence();
  const offRoute = router.onChange(showNav);
  const stopPresence = live.subscribe({ query: PRESENCE_CHANGED }, {
    next: ({ data }) => {
      const event = data?.presenceChanged;
      if (event?.user.id !== me.id) return;
      presence = event.presence;
      presenceChoice = event.user.presenceChoice;
      showPresence();
    },
  });
  return () => { offState(); offRoute(); stopPresence(); badgeScope.dispose(); };
}
