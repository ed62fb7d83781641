// The reusable client in one import: HTTP, the live socket and sign-in, wired together.
//
//   import { createSwitchboardClient } from './lib/index.js';
//   const sb = createSwitchboardClient();                  // same origin: /graphql
//   await sb.auth.signIn(email, password);
//   const { me } = await sb.api.query('{ me { name } }');
//   sb.live.subscribe({ query: SUBSCRIPTION }, { next: show });
//   await sb.signOut();                                    // ends the session and the socket

import { GraphQLClient } from './graphql-http.js';
import { LiveSocket } from './graphql-ws.js';
import { Auth } from './auth.js';

export { GraphQLClient, GraphQLError, UserErrors } from './graphql-http.js';
export { LiveSocket, ConnectionState, PROTOCOL, compareEventIds } from './graphql-ws.js';
export { Auth, SignInError } from './auth.js';

/**
 * @param {object} [options]
 * @param {string} [options.httpUrl] `/graphql` by default
 * @param {string} [options.wsUrl] `ws(s)://<this host>/graphql` by default
 * @param {Storage} [options.storage] where the session is kept (sessionStorage)
 * @param {object} [options.socket] further LiveSocket options (retry, keepAlive, WebSocket)
 */
export function createSwitchboardClient({ httpUrl = '/graphql', wsUrl, storage, socket = {} } = {}) {
  const auth = new Auth(storage ? { storage } : {});
  const api = new GraphQLClient({ url: httpUrl, token: () => auth.token });
  auth.attach(api);
  let live = null;
  return {
    auth,
    api,
    /** The live socket of the current session, made on first use. */
    get live() {
      if (!live) {
        live = new LiveSocket({
          ...socket,
          ...(wsUrl ? { url: wsUrl } : {}),
          connectionParams: () => ({ authorization: `Bearer ${auth.token}` }),
        });
      }
      return live;
    },
    /** Closes the socket and ends the session. */
    async signOut(options) {
      live?.close();
      live = null;
      await auth.signOut(options);
    },
  };
}
