// The operator console: signs in, opens the live socket, shows the header, the view the hash
// names and the always-on overlays (the incoming call pop-up). Views and overlays are listed in
// views/registry.js and overlays/registry.js.

import { GraphQLClient } from './lib/graphql-http.js';
import { LiveSocket, ConnectionState } from './lib/graphql-ws.js';
import { Auth } from './lib/auth.js';
import { I18n } from './shell/i18n.js';
import { HashRouter, hashOf } from './shell/router.js';
import { Notifications } from './shell/notifications.js';
import { showSignIn } from './shell/sign-in-screen.js';
import { mountHeader } from './shell/header.js';
import { ViewHost, makeContext } from './shell/view-host.js';
import { Scope } from './shell/scope.js';
import { h, replace } from './shell/dom.js';
import { loadViews } from './views/registry.js';
import { loadOverlays } from './overlays/registry.js';

const ME = `query Me { me { id name email role extension presence presenceChoice department { id name } } }`;

const root = document.getElementById('app');
const notify = new Notifications(document.getElementById('notifications'));
const i18n = new I18n();
const router = new HashRouter();
const auth = new Auth();
const api = new GraphQLClient({ token: () => auth.token, onUnauthenticated: () => endSession({ serverEnded: true }) });
auth.attach(api);

let session = null;   // { me, live, views, overlays, scope, host, ... } while signed in
let hideSignIn = null;

async function start() {
  const [views, overlays] = await Promise.all([loadViews(), loadOverlays()]);
  for (const module of [...views, ...overlays]) if (module.strings) i18n.register(module.id, module.strings);
  i18n.onChange(() => session && renderSession());
  router.onChange((route) => session && showRoute(route));
  if (auth.signedIn) await beginSession(views, overlays);
  else askToSignIn(views, overlays);
}

function askToSignIn(views, overlays) {
  document.title = i18n.t('app.name');
  hideSignIn = showSignIn(root, {
    auth, i18n,
    onSignedIn: () => { hideSignIn?.(); hideSignIn = null; beginSession(views, overlays); },
  });
}

async function beginSession(views, overlays) {
  let me;
  try {
    ({ me } = await api.query(ME));
  } catch (error) {
    auth.forget();
    askToSignIn(views, overlays);
    return;
  }
  if (!me) { auth.forget(); askToSignIn(views, overlays); return; }
  auth.updateUser(me);
  const live = new LiveSocket({ connectionParams: () => ({ authorization: `Bearer ${auth.token}` }) });
  live.onStateChange((state) => {
    if (state === ConnectionState.UNAUTHORIZED) endSession({ serverEnded: true });
  });
  session = { me, api, live, i18n, router, notify, views, overlays, signOut: () => endSession() };
  window.switchboard = { live, api }; // a handle for the browser's developer tools and tests
  live.connect();
  // Views load their lists once the socket is acknowledged: the server's work at connection
  // (going online, handing queued dialogues to the user) is then in what they load, and their
  // subscriptions follow from there. Offline, they load anyway after a few seconds.
  await firstLive(live, 4000);
  if (session?.live === live) renderSession();
}

function firstLive(live, timeoutMs) {
  return new Promise((resolve) => {
    if (live.state === ConnectionState.LIVE) { resolve(); return; }
    const timer = setTimeout(done, timeoutMs);
    const off = live.onStateChange((state) => { if (state === ConnectionState.LIVE) done(); });
    function done() { clearTimeout(timer); off(); resolve(); }
  });
}

/** Renders header, main area and overlays (again after a language change). */
function renderSession() {
  session.scope?.dispose();
  session.host?.leave();
  const scope = new Scope();
  session.scope = scope;
  const headerRoot = h('div', { class: 'header-root' });
  const main = h('main', { id: 'main', class: 'app-main', tabindex: '-1' });
  const overlayRoot = h('div', { class: 'overlay-root' });
  replace(root, h('div', { class: 'app-shell', dataset: { user: session.me.email } }, headerRoot, main, overlayRoot));
  scope.add(mountHeader(headerRoot, session));
  session.host = new ViewHost(main, session);
  scope.add(() => session.host?.leave());
  for (const overlay of session.overlays) {
    const overlayScope = new Scope();
    const container = h('div', { class: 'overlay', dataset: { overlay: overlay.id } });
    overlayRoot.append(container);
    const handle = overlay.mount(container, makeContext(session, overlayScope));
    scope.add(() => { (typeof handle === 'function' ? handle : handle?.unmount)?.(); overlayScope.dispose(); });
  }
  showRoute(router.route);
}

function showRoute(route) {
  if (!route.view) {
    router.navigate(hashOf(session.views[0].id), { replace: true });
    return;
  }
  session.host.show(route);
}

/** Signs out (or reacts to the server ending the session): closes the socket, shows sign-in. */
async function endSession({ serverEnded = false } = {}) {
  if (!session) return;
  const { views, overlays, live } = session;
  session.scope?.dispose();
  live.close();
  session = null;
  delete window.switchboard;
  if (serverEnded) auth.forget();
  else await auth.signOut();
  askToSignIn(views, overlays);
  if (serverEnded) notify.show(i18n.t('connection.unauthorized'), 'error');
}

start().catch((error) => {
  console.warn(error);
  replace(root, h('p', { class: 'empty error' }, i18n.t('common.error', { message: error.message })));
});
