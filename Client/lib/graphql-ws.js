// The `graphql-transport-ws` protocol (the graphql-ws library's protocol) over one WebSocket:
// connection_init / connection_ack, subscribe / next / error / complete, ping / pong, reconnect
// with backoff, and — on reconnect — each subscription subscribed again with `after:` the last
// event id it saw, so a dropped connection loses no event.
//
//   import { LiveSocket } from './lib/graphql-ws.js';
//   const live = new LiveSocket({ connectionParams: () => ({ authorization: `Bearer ${token}` }) });
//   live.onStateChange((state) => console.log(state));   // connecting, live, reconnecting, ...
//   const stop = live.subscribe(
//     { query: 'subscription($after: ID) { dealChanged(after: $after) { eventId deal { title } } }' },
//     { next: ({ data }) => show(data.dealChanged), error: (e) => alert(e.message) });
//   stop();          // ends that subscription
//   live.close();    // ends the connection for good (sign-out)
//
// Resuming needs two things from each subscription document: a variable for the resume point
// (`$after: ID`, passed to the field as `after: $after`) and `eventId` selected on the event.

import { GraphQLError } from './graphql-http.js';

export const PROTOCOL = 'graphql-transport-ws';

/** Connection states reported to `onStateChange` listeners. */
export const ConnectionState = Object.freeze({
  IDLE: 'idle',                 // not started yet
  CONNECTING: 'connecting',     // first connection being made
  LIVE: 'live',                 // acknowledged: subscriptions flow
  RECONNECTING: 'reconnecting', // dropped; trying again after a backoff
  OFFLINE: 'offline',           // the browser is offline; retries when it comes back
  UNAUTHORIZED: 'unauthorized', // the server refused the credentials (4403): no retry
  CLOSED: 'closed',             // closed by `close()`: no retry
});

/** Close codes after which reconnecting cannot help. */
const FATAL_CLOSE_CODES = new Set([4403, 4406]);

/** Compares two event ids: numerically when both are decimal strings, else as strings. */
export function compareEventIds(a, b) {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) {
    if (a.length !== b.length) return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `eventId` of a subscription payload: the first root field's `eventId`, if selected. */
function eventIdOf(payload) {
  const data = payload?.data;
  if (!data || typeof data !== 'object') return null;
  for (const value of Object.values(data)) {
    if (value && typeof value === 'object' && value.eventId != null) return String(value.eventId);
  }
  return null;
}

function defaultUrl() {
  const { protocol, host } = globalThis.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}

export class LiveSocket {
  /**
   * @param {object} [options]
   * @param {string} [options.url] `ws(s)://<this host>/graphql` by default
   * @param {() => (object|Promise<object>)} [options.connectionParams] payload of
   *   `connection_init`, asked for at every (re)connection
   * @param {{initialDelayMs?: number, maxDelayMs?: number, factor?: number}} [options.retry]
   * @param {{intervalMs?: number, timeoutMs?: number}} [options.keepAlive] our own pings
   * @param {number} [options.ackTimeoutMs] how long to wait for `connection_ack`
   * @param {typeof WebSocket} [options.WebSocket] implementation (tests inject one)
   */
  constructor({
    url = defaultUrl(),
    connectionParams = () => ({}),
    retry = {},
    keepAlive = {},
    ackTimeoutMs = 10_000,
    WebSocket: WebSocketImpl = globalThis.WebSocket,
  } = {}) {
    this.url = url;
    this.connectionParams = connectionParams;
    this.retry = { initialDelayMs: 500, maxDelayMs: 15_000, factor: 2, ...retry };
    this.keepAlive = { intervalMs: 20_000, timeoutMs: 10_000, ...keepAlive };
    this.ackTimeoutMs = ackTimeoutMs;
    this.WebSocket = WebSocketImpl;

    this.state = ConnectionState.IDLE;
    this.lastClose = null;          // { code, reason } of the last closed connection
    this.attempt = 0;               // failed connections in a row
    this.highestEventId = null;     // over every stream of this socket
    this.socket = null;
    this.acknowledged = false;
    this.everAcknowledged = false;
    this.operations = new Map();    // id → operation
    this.nextId = 1;
    this.listeners = new Set();
    this.timers = { retry: null, ack: null, ping: null, pong: null };
    this.onBrowserOnline = () => { if (this.state === ConnectionState.OFFLINE) this.openSocket(); };
    globalThis.addEventListener?.('online', this.onBrowserOnline);
  }

  // --- public API ------------------------------------------------------------------------------

  /** Listens to state changes; returns a function that stops listening. */
  onStateChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens the connection (subscribe does it too). */
  connect() {
    if (this.state === ConnectionState.CLOSED) throw new Error('LiveSocket is closed');
    if (this.state === ConnectionState.IDLE) this.openSocket();
  }

  /**
   * Starts an operation. For subscriptions `observer.next(payload)` is called per event
   * (`payload` is `{ data, errors? }`); `error(GraphQLError)` ends it; `complete()` when the
   * server ends it. `reset()`, if given, is called when resuming is impossible (`EVENTS_EXPIRED`):
   * the subscription continues live, and the caller should reload what it shows.
   *
   * @param {{query: string, variables?: object, operationName?: string,
   *          resume?: boolean, resumeVariable?: string}} request
   * @returns {() => void} stops the operation
   */
  subscribe(request, observer = {}) {
    if (this.state === ConnectionState.CLOSED) throw new Error('LiveSocket is closed');
    const id = String(this.nextId++);
    const resumeVariable = request.resumeVariable ?? 'after';
    const given = request.variables?.[resumeVariable];
    const operation = {
      id,
      request,
      observer,
      resume: request.resume !== false,
      resumeVariable,
      cursor: given != null ? String(given) : null,
      sent: false,
    };
    this.operations.set(id, operation);
    if (this.acknowledged) this.sendSubscribe(operation);
    else this.connect();
    return () => this.stop(id);
  }

  /** Runs a query or mutation over the socket; resolves with `{ data, errors? }`. */
  execute(request) {
    return new Promise((resolve, reject) => {
      let result = null;
      this.subscribe({ ...request, resume: false }, {
        next: (payload) => { result = payload; },
        error: reject,
        complete: () => resolve(result),
      });
    });
  }

  /** Drops the current connection and connects again at once (e.g. after new credentials). */
  reconnect() {
    if (this.state === ConnectionState.CLOSED) return;
    this.dropSocket(4000, 'Reconnecting');
    this.attempt = 0;
    this.openSocket();
  }

  /** Closes for good: no reconnect, every operation forgotten. */
  close() {
    if (this.state === ConnectionState.CLOSED) return;
    globalThis.removeEventListener?.('online', this.onBrowserOnline);
    this.operations.clear();
    this.dropSocket(1000, 'Normal Closure');
    this.clearTimer('retry');
    this.setState(ConnectionState.CLOSED);
  }

  // --- connection ------------------------------------------------------------------------------

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    for (const listener of [...this.listeners]) listener(state, this.lastClose);
  }

  clearTimer(name) {
    clearTimeout(this.timers[name]);
    clearInterval(this.timers[name]);
    this.timers[name] = null;
  }

  openSocket() {
    this.clearTimer('retry');
    if (globalThis.navigator?.onLine === false) {
      this.setState(ConnectionState.OFFLINE);
      return;
    }
    this.setState(!this.everAcknowledged && this.attempt === 0 ? ConnectionState.CONNECTING : ConnectionState.RECONNECTING);
    let socket;
    try {
      socket = new this.WebSocket(this.url, PROTOCOL);
    } catch (error) {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.acknowledged = false;
    socket.onopen = () => this.onOpen(socket);
    socket.onmessage = (event) => this.onMessage(socket, event);
    socket.onclose = (event) => this.onClose(socket, event.code, event.reason);
    socket.onerror = () => {}; // the close event that follows says what happened
  }

  async onOpen(socket) {
    let payload;
    try {
      payload = await this.connectionParams();
    } catch (error) {
      payload = {};
    }
    if (socket !== this.socket) return;
    this.send({ type: 'connection_init', payload: payload ?? {} });
    this.timers.ack = setTimeout(() => this.abandon(socket, 4504, 'No connection_ack in time'), this.ackTimeoutMs);
  }

  onMessage(socket, event) {
    if (socket !== this.socket) return;
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      this.abandon(socket, 4400, 'Invalid message received');
      return;
    }
    switch (message.type) {
      case 'connection_ack': return this.onAcknowledged(message.payload);
      case 'ping': return this.send({ type: 'pong' });
      case 'pong': return this.clearTimer('pong');
      case 'next': return this.onNext(message.id, message.payload);
      case 'error': return this.onOperationError(message.id, message.payload);
      case 'complete': return this.onComplete(message.id);
      default: return undefined;
    }
  }

  onAcknowledged(payload) {
    this.clearTimer('ack');
    // Switchboard's acknowledgement names the newest event: streams that have seen nothing yet
    // resume from there after a drop, so what happened in between is not lost.
    if (this.highestEventId === null && payload?.lastEventId != null) this.highestEventId = String(payload.lastEventId);
    this.acknowledged = true;
    this.everAcknowledged = true;
    this.attempt = 0;
    this.lastClose = null;
    // Subscribe first: a listener told of LIVE may start operations, which then go out once.
    for (const operation of this.operations.values()) if (!operation.sent) this.sendSubscribe(operation);
    this.startKeepAlive();
    this.setState(ConnectionState.LIVE);
  }

  startKeepAlive() {
    this.clearTimer('ping');
    const { intervalMs, timeoutMs } = this.keepAlive;
    if (!intervalMs) return;
    const socket = this.socket;
    this.timers.ping = setInterval(() => {
      if (socket !== this.socket || this.timers.pong) return;
      this.send({ type: 'ping' });
      this.timers.pong = setTimeout(() => this.abandon(socket, 4408, 'No pong in time'), timeoutMs);
    }, intervalMs);
  }

  onClose(socket, code, reason) {
    if (socket !== this.socket) return;
    this.socket = null;
    this.acknowledged = false;
    for (const name of ['ack', 'ping', 'pong']) this.clearTimer(name);
    for (const operation of this.operations.values()) operation.sent = false;
    this.lastClose = { code, reason };
    if (this.state === ConnectionState.CLOSED) return;
    if (FATAL_CLOSE_CODES.has(code)) {
      this.setState(ConnectionState.UNAUTHORIZED);
      return;
    }
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    const { initialDelayMs, maxDelayMs, factor } = this.retry;
    const ceiling = Math.min(maxDelayMs, initialDelayMs * factor ** this.attempt);
    const delay = ceiling / 2 + Math.random() * ceiling / 2;
    this.attempt += 1;
    this.setState(globalThis.navigator?.onLine === false ? ConnectionState.OFFLINE : ConnectionState.RECONNECTING);
    if (this.state === ConnectionState.OFFLINE) return;
    this.timers.retry = setTimeout(() => this.openSocket(), delay);
  }

  /** Gives up on a connection that stopped answering: treated as closed at once. */
  abandon(socket, code, reason) {
    if (socket !== this.socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    try { socket.close(code, reason); } catch { /* already closing */ }
    this.onClose(socket, code, reason);
  }

  /** Closes the current connection, if any, without reacting to its close event. */
  dropSocket(code, reason) {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    this.acknowledged = false;
    for (const name of ['ack', 'ping', 'pong']) this.clearTimer(name);
    for (const operation of this.operations.values()) operation.sent = false;
    socket.onmessage = socket.onclose = null;
    if (socket.readyState === 0) {
      // Closing while the handshake runs makes the browser log an error: close once it opens.
      socket.onopen = () => socket.close(code, reason);
    } else {
      socket.onopen = null;
      socket.close(code, reason);
    }
  }

  send(message) {
    if (this.socket?.readyState === 1) this.socket.send(JSON.stringify(message));
  }

  // --- operations ------------------------------------------------------------------------------

  sendSubscribe(operation) {
    const { request } = operation;
    const variables = { ...(request.variables ?? {}) };
    if (operation.resume) {
      const after = operation.cursor ?? this.highestEventId;
      if (after != null) variables[operation.resumeVariable] = after;
    }
    operation.sent = true;
    this.send({
      type: 'subscribe',
      id: operation.id,
      payload: { query: request.query, variables, ...(request.operationName ? { operationName: request.operationName } : {}) },
    });
  }

  stop(id) {
    const operation = this.operations.get(id);
    if (!operation) return;
    this.operations.delete(id);
    if (operation.sent && this.acknowledged) this.send({ type: 'complete', id });
  }

  onNext(id, payload) {
    const operation = this.operations.get(id);
    if (!operation) return;
    const eventId = eventIdOf(payload);
    if (eventId !== null) {
      if (operation.resume && operation.lastSeen != null && compareEventIds(eventId, operation.lastSeen) <= 0) {
        return; // replayed twice: already delivered
      }
      operation.lastSeen = eventId;
      operation.cursor = eventId;
      if (this.highestEventId === null || compareEventIds(eventId, this.highestEventId) > 0) this.highestEventId = eventId;
    }
    operation.observer.next?.(payload);
  }

  onOperationError(id, errors) {
    const operation = this.operations.get(id);
    if (!operation) return;
    const error = new GraphQLError(Array.isArray(errors) && errors.length ? errors : [{ message: 'Subscription failed' }]);
    if (operation.resume && error.hasCode('EVENTS_EXPIRED')) {
      // Too far behind to replay: continue live from now and let the owner reload.
      operation.cursor = null;
      operation.lastSeen = null;
      operation.resume = false;
      this.sendSubscribe(operation);
      operation.resume = true;
      operation.observer.reset?.();
      return;
    }
    this.operations.delete(id);
    operation.observer.error?.(error);
  }

  onComplete(id) {
    const operation = this.operations.get(id);
    if (!operation) return;
    this.operations.delete(id);
    operation.observer.complete?.();
  }
}
