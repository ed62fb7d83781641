// Signing in and out with the `signIn` / `signOut` mutations; the session token is kept in
// sessionStorage (per browser tab, gone when the tab closes).
//
//   import { GraphQLClient } from './lib/graphql-http.js';
//   import { Auth } from './lib/auth.js';
//   const auth = new Auth();
//   const api = new GraphQLClient({ token: () => auth.token });
//   auth.attach(api);
//   await auth.signIn('anna.smirnova@switchboard.test', 'switchboard-demo');  // throws SignInError
//   auth.user;   // { id, name, email, role }
//   await auth.signOut();

import { UserErrors } from './graphql-http.js';

const SIGN_IN = `mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    token
    user { id name email role }
    userErrors { field message code }
  }
}`;

const SIGN_OUT = `mutation SignOut($input: SignOutInput!) {
  signOut(input: $input) { userErrors { field message code } }
}`;

/** A refused sign-in: `code` is the server's (`INVALID_CREDENTIALS`, `REQUIRED`, ...). */
export class SignInError extends Error {
  constructor(userErrors) {
    super(userErrors[0]?.message ?? 'Sign-in refused');
    this.name = 'SignInError';
    this.code = userErrors[0]?.code ?? null;
    this.userErrors = userErrors;
  }
}

export class Auth {
  /**
   * @param {object} [options]
   * @param {Storage} [options.storage] sessionStorage by default
   * @param {string} [options.key] storage key
   */
  constructor({ storage = globalThis.sessionStorage, key = 'switchboard.session' } = {}) {
    this.storage = storage;
    this.key = key;
    this.api = null;
    this.listeners = new Set();
    this.session = this.load();
  }

  /** The GraphQLClient to send signIn / signOut through. */
  attach(api) {
    this.api = api;
    return this;
  }

  get token() { return this.session?.token ?? null; }
  get user() { return this.session?.user ?? null; }
  get signedIn() { return this.token !== null; }

  /** Calls `listener(user | null)` after every sign-in and sign-out; returns an unsubscribe. */
  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Signs in; resolves with the user, or throws `SignInError` (or a `GraphQLError`). */
  async signIn(email, password, deviceName = defaultDeviceName()) {
    let data;
    try {
      data = await this.api.mutate(SIGN_IN, { input: { email, password, deviceName } });
    } catch (error) {
      if (error instanceof UserErrors) throw new SignInError(error.userErrors);
      throw error;
    }
    this.session = { token: data.signIn.token, user: data.signIn.user };
    this.save();
    this.emit();
    return this.session.user;
  }

  /**
   * Ends the session on the server (best effort) and forgets it here. `everywhere: true` ends
   * every session of the user.
   */
  async signOut({ everywhere = false } = {}) {
    if (!this.session) return;
    try {
      if (this.api) await this.api.mutate(SIGN_OUT, { input: { everywhere } });
    } catch {
      // The session may already be gone on the server; forgetting it here is what matters.
    }
    this.forget();
  }

  /** Forgets the session locally (e.g. after the server answered UNAUTHENTICATED). */
  forget() {
    if (!this.session) return;
    this.session = null;
    this.storage?.removeItem(this.key);
    this.emit();
  }

  /** Updates the stored user (e.g. after `me` was fetched). */
  updateUser(user) {
    if (!this.session) return;
    this.session = { ...this.session, user: { ...this.session.user, ...user } };
    this.save();
  }

  load() {
    try {
      const stored = JSON.parse(this.storage?.getItem(this.key) ?? 'null');
      return stored?.token ? stored : null;
    } catch {
      return null;
    }
  }

  save() {
    this.storage?.setItem(this.key, JSON.stringify(this.session));
  }

  emit() {
    for (const listener of [...this.listeners]) listener(this.user);
  }
}

function defaultDeviceName() {
  const agent = globalThis.navigator?.userAgent ?? '';
  const browser = /Firefox\//.test(agent) ? 'Firefox' : /Edg\//.test(agent) ? 'Edge'
    : /Chrom(e|ium)\//.test(agent) ? 'Chromium' : /Safari\//.test(agent) ? 'Safari' : 'Browser';
  return `Console (${browser})`;
}
