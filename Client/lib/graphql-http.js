// GraphQL over HTTP: POST a document, get `data` back or a thrown error that says what went wrong.
//
//   import { GraphQLClient } from './lib/graphql-http.js';
//   const api = new GraphQLClient({ url: '/graphql', token: () => sessionToken });
//   const { me } = await api.query('query { me { name } }');
//   const { createClient } = await api.mutate(CREATE_CLIENT, { input }); // throws UserErrors
//
// No dependencies; works in any browser with `fetch` (or pass `fetch` in the options).

/** Media type that makes the server answer with meaningful status codes (GraphQL over HTTP). */
const ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

/**
 * A request-level failure: the transport failed, or the response carries GraphQL `errors`.
 * `errors` is the list as the server sent it; `code`, `path` and `message` are the first one's.
 */
export class GraphQLError extends Error {
  constructor(errors, { status = 0, data = null } = {}) {
    const first = errors[0] ?? { message: 'Unknown GraphQL error' };
    super(first.message);
    this.name = 'GraphQLError';
    this.errors = errors;
    this.status = status;
    this.data = data;
    this.code = first.extensions?.code ?? null;
    this.path = first.path ?? null;
  }

  /** Whether any of the errors has this `extensions.code` (e.g. `UNAUTHENTICATED`). */
  hasCode(code) {
    return this.errors.some((error) => error.extensions?.code === code);
  }
}

/**
 * Expected failures of a mutation: the payload's `userErrors` (`{ field, message, code }`), one
 * list per mutation field that reported any.
 */
export class UserErrors extends Error {
  constructor(userErrors, { data = null } = {}) {
    super(userErrors.map((error) => error.message).join('; ') || 'The input was refused');
    this.name = 'UserErrors';
    this.userErrors = userErrors;
    this.data = data;
    this.code = userErrors[0]?.code ?? null;
    this.field = userErrors[0]?.field ?? null;
  }
}

export class GraphQLClient {
  /**
   * @param {object} options
   * @param {string} [options.url] endpoint, `/graphql` by default
   * @param {() => (string|null)} [options.token] returns the bearer token to send, if any
   * @param {(error: GraphQLError) => void} [options.onUnauthenticated] called when the server
   *   answers `UNAUTHENTICATED` (e.g. the session ended elsewhere)
   * @param {typeof fetch} [options.fetch]
   */
  constructor({ url = '/graphql', token = () => null, onUnauthenticated = null, fetch: fetchImpl } = {}) {
    this.url = url;
    this.token = token;
    this.onUnauthenticated = onUnauthenticated;
    this.fetch = fetchImpl ?? globalThis.fetch.bind(globalThis);
  }

  /**
   * Runs one operation and returns the whole response body (`{ data, errors, extensions }`)
   * without judging it. Transport failures still throw a `GraphQLError` (code `NETWORK_ERROR`,
   * or `HTTP_<status>` for a non-GraphQL answer).
   */
  async execute(query, variables = undefined, { operationName, signal } = {}) {
    const headers = { 'Content-Type': 'application/json', Accept: ACCEPT };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    const body = JSON.stringify({ query, variables, operationName });
    let response;
    try {
      response = await this.fetch(this.url, { method: 'POST', headers, body, signal });
    } catch (error) {
      if (error?.name === 'AbortError') throw error;
      throw new GraphQLError([{ message: `Network error: ${error.message}`, extensions: { code: 'NETWORK_ERROR' } }]);
    }
    const type = response.headers.get('Content-Type') ?? '';
    if (!/json/.test(type)) {
      throw new GraphQLError([{ message: `HTTP ${response.status} ${response.statusText}`.trim(),
        extensions: { code: `HTTP_${response.status}` } }], { status: response.status });
    }
    const result = await response.json();
    if (!response.ok && !result.errors) {
      throw new GraphQLError([{ message: `HTTP ${response.status}`, extensions: { code: `HTTP_${response.status}` } }],
        { status: response.status });
    }
    result.status = response.status;
    return result;
  }

  /** Runs an operation; returns `data`, or throws `GraphQLError` when the answer has errors. */
  async query(query, variables = undefined, options = {}) {
    const result = await this.execute(query, variables, options);
    if (result.errors?.length) {
      const error = new GraphQLError(result.errors, { status: result.status, data: result.data ?? null });
      if (error.hasCode('UNAUTHENTICATED')) this.onUnauthenticated?.(error);
      throw error;
    }
    return result.data;
  }

  /**
   * Runs a mutation; returns `data`, or throws `GraphQLError` (request errors) or `UserErrors`
   * (any root payload with a non-empty `userErrors` list; select `userErrors { field message code }`).
   */
  async mutate(query, variables = undefined, options = {}) {
    const data = await this.query(query, variables, options);
    const userErrors = Object.values(data ?? {}).flatMap((payload) => payload?.userErrors ?? []);
    if (userErrors.length) throw new UserErrors(userErrors, { data });
    return data;
  }
}
