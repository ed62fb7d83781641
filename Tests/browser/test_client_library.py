"""The reusable client library (`Client/lib/`) in the browser, on its own: a subscription over
`LiveSocket` survives a dropped connection — while the network is down it reports
`reconnecting`, and once back it subscribes again with `after:` its last event id, so the events
of the outage arrive, in order, once each. Also GraphQLClient's errors and UserErrors."""

from browser_helpers import ok, unique
from e2e_support import MANAGER_EMAIL

SETUP = """
const [token, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const { LiveSocket } = await import('/lib/graphql-ws.js');
  const net = window.__net = { down: false, sockets: [], sent: [], states: [], events: [] };
  // A WebSocket whose network the test can cut: while down, connecting fails at once.
  function FlakyWebSocket(url, protocols) {
    if (net.down) {
      const fake = { readyState: 3, send() {}, close() {} };
      setTimeout(() => fake.onclose?.({ code: 1006, reason: 'network down' }), 20);
      return fake;
    }
    const socket = new WebSocket(url, protocols);
    const send = socket.send.bind(socket);
    socket.send = (data) => { net.sent.push(JSON.parse(data)); send(data); };
    net.sockets.push(socket);
    return socket;
  }
  const live = window.__live = new LiveSocket({
    connectionParams: () => ({ authorization: `Bearer ${token}` }),
    WebSocket: FlakyWebSocket,
    retry: { initialDelayMs: 100, maxDelayMs: 400 },
  });
  live.onStateChange((state) => net.states.push(state));
  live.subscribe({ query: `subscription($after: ID) { dealChanged(after: $after) { eventId change changedFields deal { id title } } }` },
    { next: ({ data }) => net.events.push(data.dealChanged), error: (e) => net.events.push({ error: e.message }) });
  done(true);
})().catch((error) => done(String(error)));
"""

DEAL = 'mutation($i: CreateDealInput!) { createDeal(input: $i) { deal { id version } userErrors { code } } }'
RENAME = 'mutation($i: UpdateDealInput!) { updateDeal(input: $i) { deal { id version } userErrors { code } } }'


def test_a_dropped_socket_resumes_after_the_last_event(console, server):
    token = server.sign_in(MANAGER_EMAIL)
    console.find("#sign-in-email")
    assert console.driver.execute_async_script(SETUP, token) is True
    net = lambda key: console.driver.execute_script(f"return window.__net.{key}")  # noqa: E731
    console.wait_until(lambda: console.driver.execute_script("return window.__live.state") == "live")

    pipeline = server.graphql('{ pipelines(first: 1) { edges { node { id } } } }', token=token)["data"]["pipelines"]["edges"][0]["node"]
    title = unique("Library deal")
    deal = ok(server.graphql(DEAL, {"i": {"title": title, "pipelineId": pipeline["id"]}}, token=token), "createDeal")["deal"]
    console.wait_until(lambda: len([e for e in net("events") if e.get("deal", {}).get("id") == deal["id"]]) == 1)
    first = net("events")[-1]
    assert first["change"] == "CREATED"

    # The network goes down; the socket notices and keeps retrying.
    console.driver.execute_script("window.__net.down = true; window.__net.sockets.at(-1).close(4000, 'test: network lost')")
    console.wait_until(lambda: console.driver.execute_script("return window.__live.state") == "reconnecting")
    version = deal["version"]
    for name in ("renamed once", "renamed twice"):
        version = ok(server.graphql(RENAME, {"i": {"id": deal["id"], "version": version, "title": f"{title} {name}"}}, token=token),
                     "updateDeal")["deal"]["version"]
    console.wait_until(lambda: len(net("sockets")) == 1 and net("states").count("reconnecting") >= 1)

    # Back online: subscribed again after the last event seen; the missed events arrive once each.
    console.driver.execute_script("window.__net.down = false")
    console.wait_until(lambda: console.driver.execute_script("return window.__live.state") == "live", timeout=10)
    mine = lambda: [e for e in net("events") if e.get("deal", {}).get("id") == deal["id"]]  # noqa: E731
    console.wait_until(lambda: len(mine()) == 3, message=f"missed events not replayed: {net('events')}")
    events = mine()
    assert [e["change"] for e in events] == ["CREATED", "UPDATED", "UPDATED"]
    assert [e["changedFields"] for e in events[1:]] == [["title"], ["title"]]
    # (A replayed event shows the deal as it is when delivered: both carry the latest title.)
    assert events[-1]["deal"]["title"] == f"{title} renamed twice"
    ids = [int(e["eventId"]) for e in events]
    assert ids == sorted(set(ids))
    resubscribe = [m for m in net("sent") if m["type"] == "subscribe"][-1]
    assert int(resubscribe["payload"]["variables"]["after"]) >= int(first["eventId"])
    assert net("states")[:2] == ["connecting", "live"] and "reconnecting" in net("states")

    # Closing for good: no retry, and the server sees the socket go.
    console.driver.execute_script("window.__live.close()")
    assert console.driver.execute_script("return window.__live.state") == "closed"


ERRORS = """
const [token, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const { GraphQLClient, GraphQLError, UserErrors } = await import('/lib/graphql-http.js');
  const api = new GraphQLClient({ token: () => token });
  const out = {};
  try { await api.query('query($id: ID!) { node(id: $id) { id } }', {}); } catch (e) {
    out.invalid = { isGraphQLError: e instanceof GraphQLError, code: e.code, status: e.status }; }
  const anonymous = new GraphQLClient();
  try { await anonymous.query('{ clients(first: 1) { totalCount } }'); } catch (e) { out.anonymous = { code: e.code, path: e.path }; }
  try {
    await api.mutate('mutation($i: CreateClientInput!) { createClient(input: $i) { client { id } userErrors { field message code } } }',
      { i: { kind: 'INDIVIDUAL', name: 'Library test', phones: [{ number: '12ab' }] } });
  } catch (e) { out.userErrors = { isUserErrors: e instanceof UserErrors, code: e.code, field: e.field }; }
  out.me = (await api.query('{ me { email } }')).me.email;
  done(out);
})().catch((error) => done(String(error)));
"""


def test_http_errors_are_surfaced_with_code_and_path(console, server):
    token = server.sign_in(MANAGER_EMAIL)
    console.find("#sign-in-email")
    out = console.driver.execute_async_script(ERRORS, token)
    assert out["invalid"] == {"isGraphQLError": True, "code": "BAD_USER_INPUT", "status": 400}, out
    assert out["anonymous"]["code"] == "UNAUTHENTICATED" and out["anonymous"]["path"] == ["clients"], out
    assert out["userErrors"] == {"isUserErrors": True, "code": "INVALID_PHONE", "field": ["input", "phones", "0", "number"]}, out
    assert out["me"] == MANAGER_EMAIL
    # The 400 of the invalid request is logged by the browser as a failed resource: expected here.
    console.driver.get_log("browser")


KEEP_ALIVE = """
const [token, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const { LiveSocket } = await import('/lib/graphql-ws.js');
  const sent = [], received = [];
  function RecordingWebSocket(url, protocols) {
    const socket = new WebSocket(url, protocols);
    const send = socket.send.bind(socket);
    socket.send = (data) => { sent.push(JSON.parse(data).type); send(data); };
    socket.addEventListener('message', (event) => received.push(JSON.parse(event.data).type));
    return socket;
  }
  const live = new LiveSocket({ connectionParams: () => ({ authorization: `Bearer ${token}` }),
    WebSocket: RecordingWebSocket, keepAlive: { intervalMs: 250, timeoutMs: 1000 } });
  const result = await live.execute({ query: '{ me { email } }' });
  await new Promise((resolve) => setTimeout(resolve, 1400));
  const state = live.state;
  live.close();
  done({ result, state, sent, received });
})().catch((error) => done(String(error)));
"""


def test_queries_run_over_the_socket_and_pings_are_answered(console, server):
    token = server.sign_in(MANAGER_EMAIL)
    console.find("#sign-in-email")
    out = console.driver.execute_async_script(KEEP_ALIVE, token)
    assert out["result"] == {"data": {"me": {"email": MANAGER_EMAIL}}}, out
    assert out["sent"][:2] == ["connection_init", "subscribe"], out
    assert out["received"][:3] == ["connection_ack", "next", "complete"], out
    # Our pings every 250 ms were answered: the connection stayed live, no ping left unanswered.
    assert out["sent"].count("ping") >= 3 and out["received"].count("pong") >= out["sent"].count("ping") - 1, out
    assert out["state"] == "live", out
