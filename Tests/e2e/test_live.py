"""Live over WebSocket: `graphql-transport-ws` at /graphql (subprotocol, initialisation with
credentials, queries and mutations over the socket, the protocol's close codes), and
subscriptions fed by the transactional outbox — deals, incoming calls from the PBX webhook,
messages, dialogue assignments — each filtered by the subscriber's permissions, and resumable
with `after:`."""

import asyncio
import hashlib
import hmac
import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import websockets

from live_support import Socket, ws_url
from test_telephony import user_ids

ADMIN = "anna.smirnova@switchboard.test"
MANAGER = "victoria.kuznetsova@switchboard.test"
OTHER_MANAGER = "grigory.popov@switchboard.test"
OPERATOR = "zhanna.kozlova@switchboard.test"
SUPPORT_HEAD = "elena.lebedeva@switchboard.test"
OTHER_OPERATOR = "igor.novikov@switchboard.test"
DEMO_SECRET = "demo-telephony-secret"


def run(coroutine):
    return asyncio.run(coroutine)


def unique(prefix):
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def ok(body, field):
    assert not body.get("errors"), body
    payload = body["data"][field]
    assert payload.get("userErrors", []) == [], payload
    return payload


# --- Transport ---------------------------------------------------------------------------------

def test_the_protocol_is_spoken_exactly(server):
    token = server.sign_in(MANAGER)

    async def scenario():
        # No acceptable subprotocol: 4406.
        async with websockets.connect(ws_url(server)) as ws:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 5)
            assert closed.value.rcvd.code == 4406
        # Bad credentials: 4403; subscribe before ack: 4401; nothing in time: 4408.
        for first, code in ((json.dumps({"type": "connection_init", "payload": {"authorization": "Bearer nope"}}), 4403),
                            (json.dumps({"type": "subscribe", "id": "1", "payload": {"query": "{ me { id } }"}}), 4401),
                            ("{not json", 4400), (None, 4408)):
            async with websockets.connect(ws_url(server), subprotocols=["graphql-transport-ws"]) as ws:
                assert ws.subprotocol == "graphql-transport-ws"
                if first is not None:
                    await ws.send(first)
                with pytest.raises(websockets.ConnectionClosed) as closed:
                    await asyncio.wait_for(ws.recv(), 6)
                assert closed.value.rcvd.code == code, first
        # The upgrade's Authorization header is enough; a second init is 4429.
        async with websockets.connect(ws_url(server), subprotocols=["graphql-transport-ws"],
                                      additional_headers={"Authorization": f"Bearer {token}"}) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            ack = json.loads(await ws.recv())
            # The acknowledgement says where streams start: the newest event id, to resume after.
            assert ack["type"] == "connection_ack" and int(ack["payload"]["lastEventId"]) >= 0, ack
            await ws.send(json.dumps({"type": "ping"}))
            assert json.loads(await ws.recv()) == {"type": "pong"}
            await ws.send(json.dumps({"type": "subscribe", "id": "q", "payload": {"query": "{ me { email } }"}}))
            assert json.loads(await ws.recv()) == {"type": "next", "id": "q", "payload": {"data": {"me": {"email": MANAGER}}}}
            assert json.loads(await ws.recv()) == {"type": "complete", "id": "q"}
            await ws.send(json.dumps({"type": "subscribe", "id": "bad", "payload": {"query": "{ nope }"}}))
            error = json.loads(await ws.recv())
            assert error["type"] == "error" and error["id"] == "bad" and error["payload"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
            await ws.send(json.dumps({"type": "connection_init"}))
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await ws.recv()
            assert closed.value.rcvd.code == 4429

    run(scenario())


def test_mutations_run_over_the_socket(server):
    token = server.sign_in(MANAGER)

    async def scenario():
        socket = await Socket.open(server, token)
        name = unique("E2E Socket client")
        await socket.subscribe("m", 'mutation($n: String!) { createClient(input: {kind: ORGANISATION, name: $n}) { client { name } userErrors { code } } }',
                               {"n": name})
        assert await socket.next("m") == {"data": {"createClient": {"client": {"name": name}, "userErrors": []}}}
        await socket.close()

    run(scenario())


# --- Deals -------------------------------------------------------------------------------------

DEAL_EVENTS = """subscription($p: ID, $after: ID) { dealChanged(pipelineId: $p, after: $after) {
  eventId occurredAt change changedFields deal { title } stageChange { toStage { name } } actor { kind user { email } } } }"""


def test_deal_changes_reach_those_who_see_the_deal(server):
    token = server.sign_in(MANAGER)
    colleague = server.sign_in(OTHER_MANAGER)
    pipeline = server.graphql('{ pipelines(first: 1) { edges { node { id stages { id name } } } } }', token=token)
    pipeline = pipeline["data"]["pipelines"]["edges"][0]["node"]
    title = unique("E2E Live deal")

    async def scenario():
        mine = await Socket.open(server, token)
        theirs = await Socket.open(server, colleague)
        await mine.subscribe("d", DEAL_EVENTS, {"p": pipeline["id"]})
        await theirs.subscribe("d", DEAL_EVENTS, {"p": pipeline["id"]})
        await asyncio.sleep(0.3)
        created = ok(server.graphql('mutation($t: String!, $p: ID!) { createDeal(input: {title: $t, pipelineId: $p}) { deal { id version } userErrors { code } } }',
                                    {"t": title, "p": pipeline["id"]}, token=token), "createDeal")["deal"]
        first = (await mine.next("d"))["data"]["dealChanged"]
        assert (first["change"], first["deal"]["title"], first["actor"]["user"]["email"]) == ("CREATED", title, MANAGER)
        moved = ok(server.graphql('mutation($id: ID!, $v: Int!, $s: ID!) { moveDeal(input: {id: $id, version: $v, stageId: $s}) { deal { version } userErrors { code } } }',
                                  {"id": created["id"], "v": created["version"], "s": pipeline["stages"][1]["id"]}, token=token), "moveDeal")["deal"]
        second = (await mine.next("d"))["data"]["dealChanged"]
        assert (second["change"], second["stageChange"]["toStage"]["name"]) == ("MOVED", pipeline["stages"][1]["name"])
        ok(server.graphql('mutation($id: ID!, $v: Int!) { updateDeal(input: {id: $id, version: $v, title: "E2E renamed live deal"}) { deal { version } userErrors { code } } }',
                          {"id": created["id"], "v": moved["version"]}, token=token), "updateDeal")
        third = (await mine.next("d"))["data"]["dealChanged"]
        assert (third["change"], third["changedFields"], third["deal"]["title"]) == ("UPDATED", ["title"], "E2E renamed live deal")
        assert int(first["eventId"]) < int(second["eventId"]) < int(third["eventId"])
        # A colleague of another owner's deal hears nothing of it.
        await theirs.nothing_for("d", 1.0)
        await theirs.close()
        await mine.close()
        # Reconnecting after the first event replays what was missed, in order.
        again = await Socket.open(server, token)
        await again.subscribe("r", DEAL_EVENTS, {"p": pipeline["id"], "after": first["eventId"]})
        replayed = [(await again.next("r"))["data"]["dealChanged"]["eventId"] for _ in range(2)]
        assert replayed == [second["eventId"], third["eventId"]]
        await again.close()

    run(scenario())


def test_one_users_identical_subscriptions_each_get_every_event_in_order(server):
    """Identical subscriptions of one user share each event's admission and execution (the
    first delivers, the rest follow): every one of them still gets every event, in order, and a
    different selection of the same field gets its own result."""
    token = server.sign_in(MANAGER)
    pipeline = server.graphql('{ pipelines(first: 1) { edges { node { id } } } }', token=token)["data"]["pipelines"]["edges"][0]["node"]
    created = ok(server.graphql('mutation($t: String!, $p: ID!) { createDeal(input: {title: $t, pipelineId: $p}) { deal { id version } userErrors { code } } }',
                                {"t": unique("E2E shared"), "p": pipeline["id"]}, token=token), "createDeal")["deal"]
    titles = [unique("E2E shared rename") for _ in range(4)]
    brief = "subscription { dealChanged { eventId deal { id title } } }"
    other = "subscription { dealChanged { eventId change deal { id } } }"

    async def scenario():
        sockets = await Socket.subscribed(server, [token] * 3, {**{f"s{n}": brief for n in range(5)}, "o": other})
        version = created["version"]
        for title in titles:  # one after another, without waiting for the deliveries
            version = ok(server.graphql('mutation($id: ID!, $v: Int!, $t: String) { updateDeal(input: {id: $id, version: $v, title: $t}) { deal { version } userErrors { code } } }',
                                        {"id": created["id"], "v": version, "t": title}, token=token), "updateDeal")["deal"]["version"]
        for socket in sockets:
            received = {}
            while sum(len(v) for v in received.values()) < 6 * len(titles):
                message = json.loads(await asyncio.wait_for(socket.ws.recv(), 10))
                assert message["type"] == "next", message
                event = message["payload"]["data"]["dealChanged"]
                if event["deal"]["id"] == created["id"]:
                    received.setdefault(message["id"], []).append(event)
            for n in range(5):
                assert [e["deal"]["title"] for e in received[f"s{n}"]] == titles, received[f"s{n}"]
            assert [e["change"] for e in received["o"]] == ["UPDATED"] * len(titles)
            assert [e["eventId"] for e in received["o"]] == [e["eventId"] for e in received["s0"]]
            assert sorted(received["s0"], key=lambda e: int(e["eventId"])) == received["s0"]
            await socket.close()

    run(scenario())


# --- Calls -------------------------------------------------------------------------------------

def test_an_incoming_call_rings_for_the_clients_owner(server):
    admin = server.sign_in(ADMIN)
    token = server.sign_in(MANAGER)
    phone = "+7916" + str(uuid.uuid4().int % 10_000_000).zfill(7)
    name = unique("E2E Caller")
    ok(server.graphql('mutation($n: String!, $p: String!) { createClient(input: {kind: ORGANISATION, name: $n, phones: [{number: $p}]}) { client { id } userErrors { code } } }',
                      {"n": name, "p": phone}, token=token), "createClient")
    line = server.graphql('{ phoneLines(first: 100) { edges { node { id number provider } } } }', token=admin)
    line = next(e["node"] for e in line["data"]["phoneLines"]["edges"] if e["node"]["number"] == "+74950000000")  # the demo line
    call_id = f"e2e-live-{uuid.uuid4().hex}"
    body = json.dumps({"event": "ringing", "callId": call_id, "from": phone, "to": line["number"]}).encode()
    signature = "sha256=" + hmac.new(DEMO_SECRET.encode(), body, hashlib.sha256).hexdigest()

    async def scenario():
        owner = await Socket.open(server, token)
        stranger = await Socket.open(server, server.sign_in(OTHER_MANAGER))
        query = "subscription { callIncoming { eventId call { providerCallId status client { name } } routedTo { email } } }"
        await owner.subscribe("c", query)
        await stranger.subscribe("c", query)
        await asyncio.sleep(0.3)
        answer = await asyncio.to_thread(server.request, "POST", f"/hooks/telephony/{line['id']}", body=body,
                                         headers={"Content-Type": "application/json", "X-Switchboard-Signature": signature})
        assert answer.status == 200, answer
        ringing = (await owner.next("c"))["data"]["callIncoming"]
        assert ringing["call"] == {"providerCallId": call_id, "status": "RINGING", "client": {"name": name}}
        assert ringing["routedTo"] == {"email": MANAGER}
        await stranger.nothing_for("c", 1.0)
        await owner.close()
        await stranger.close()

    run(scenario())


# --- Messages and dialogues --------------------------------------------------------------------

def test_messages_and_assignments_reach_the_members(server):
    mine = server.sign_in(OPERATOR)
    colleague = server.sign_in(OTHER_OPERATOR)
    users = server.graphql('{ users(first: 100) { edges { node { id email } } } }', token=mine)
    ids = {e["node"]["email"]: e["node"]["id"] for e in users["data"]["users"]["edges"]}
    chat = ok(server.graphql('mutation($m: [ID!]!) { createGroupChat(input: {title: "E2E live chat", memberIds: $m}) { dialogue { id } userErrors { code } } }',
                             {"m": [ids[OTHER_OPERATOR]]}, token=mine), "createGroupChat")["dialogue"]

    async def scenario():
        socket = await Socket.open(server, mine)
        await socket.subscribe("m", 'subscription($d: ID) { messageReceived(dialogueId: $d) { message { text authorName } dialogue { id } } }',
                               {"d": chat["id"]})
        await asyncio.sleep(0.3)
        ok(server.graphql('mutation($d: ID!) { sendMessage(input: {dialogueId: $d, text: "Привет из e2e"}) { message { id } userErrors { code } } }',
                          {"d": chat["id"]}, token=colleague), "sendMessage")
        event = (await socket.next("m"))["data"]["messageReceived"]
        assert event["message"]["text"] == "Привет из e2e" and event["dialogue"] == {"id": chat["id"]}
        await socket.close()

    run(scenario())


# --- Presence ----------------------------------------------------------------------------------

def test_a_live_connection_makes_its_user_online(server):
    admin = server.sign_in(ADMIN)
    token = server.sign_in(OTHER_MANAGER)
    presence = 'query($e: String!) { users(filter: {query: $e}) { edges { node { email presence presenceChoice } } } }'

    def shown():
        edges = server.graphql(presence, {"e": OTHER_MANAGER}, token=admin)["data"]["users"]["edges"]
        return next(e["node"]["presence"] for e in edges if e["node"]["email"] == OTHER_MANAGER)

    async def about(watcher):
        """The next presence change of the watched user (others' connections come and go too)."""
        while True:
            change = (await watcher.next("p"))["data"]["presenceChanged"]
            if change["user"]["email"] == OTHER_MANAGER:
                return change

    async def scenario():
        watcher = await Socket.open(server, admin)
        await watcher.subscribe("p", "subscription { presenceChanged { user { email } presence previousPresence } }")
        await asyncio.sleep(0.3)
        assert await asyncio.to_thread(shown) == "OFFLINE"
        console = await Socket.open(server, token)
        online = await about(watcher)
        assert online == {"user": {"email": OTHER_MANAGER}, "presence": "AVAILABLE", "previousPresence": "OFFLINE"}
        assert await asyncio.to_thread(shown) == "AVAILABLE"
        busy = await asyncio.to_thread(server.graphql, 'mutation { setPresence(input: {presence: BUSY}) { user { presence presenceChoice } userErrors { code } } }',
                                       token=token)
        assert busy["data"]["setPresence"] == {"user": {"presence": "BUSY", "presenceChoice": "BUSY"}, "userErrors": []}
        assert (await about(watcher))["presence"] == "BUSY"
        # A second console of the same user changes nothing; the user is online until the last closes.
        second = await Socket.open(server, token)
        await console.close()
        await asyncio.sleep(0.5)
        assert await asyncio.to_thread(shown) == "BUSY"
        await second.close()
        offline = await about(watcher)
        assert (offline["presence"], offline["previousPresence"]) == ("OFFLINE", "BUSY")
        # Chosen presence stays for next time; the filter reads the effective one.
        listed = await asyncio.to_thread(server.graphql, '{ users(filter: {presences: [OFFLINE]}) { edges { node { email } } } }', token=admin)
        assert OTHER_MANAGER in [e["node"]["email"] for e in listed["data"]["users"]["edges"]]
        await asyncio.to_thread(server.graphql, 'mutation { setPresence(input: {presence: AVAILABLE}) { userErrors { code } } }', token=token)
        await watcher.close()

    run(scenario())


# --- Alarms: SLA and tasks ---------------------------------------------------------------------

def make_sla_policy(server, admin, targets, leads):
    """A 24/7 UTC calendar and an SLA policy over it with the given targets and warning leads."""
    week = [{"weekday": d, "intervals": [{"start": "00:00", "end": "24:00"}]}
            for d in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")]
    calendar = ok(server.graphql('mutation($i: CreateWorkingCalendarInput!) { createWorkingCalendar(input: $i) { workingCalendar { id } userErrors { code } } }',
                                 {"i": {"name": unique("E2E live 24/7"), "timeZone": "UTC", "week": week}}, token=admin), "createWorkingCalendar")
    policy = ok(server.graphql('mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { slaPolicy { id } userErrors { code } } }',
                               {"i": {"name": unique("E2E live SLA"), "calendarId": calendar["workingCalendar"]["id"], "warningLeadMinutes": leads,
                                      "targets": targets}}, token=admin), "createSlaPolicy")
    return policy["slaPolicy"]["id"]


def test_an_sla_deadline_moved_by_priority_warns_then_breaches_at_its_instant(server):
    from datetime import datetime, timezone
    admin = server.sign_in(ADMIN)
    token = server.sign_in(OPERATOR)
    policy = make_sla_policy(server, admin, [{"priority": "URGENT", "firstResponseMinutes": 1}, {"priority": "LOW", "firstResponseMinutes": 600}], [1, 300])
    me = server.graphql("{ me { id } }", token=token)["data"]["me"]["id"]

    async def scenario():
        warn = "subscription { slaDeadlineApproaching(within: 5) { inquiry { subject } deadline { metric state } minutesLeft } }"
        breached = "subscription { slaBreached { inquiry { subject } deadline { metric state dueAt } } }"
        # The operator, their supervisor, another operator.
        mine, head, other = await Socket.subscribed(server, [token, server.sign_in(SUPPORT_HEAD), server.sign_in(OTHER_OPERATOR)],
                                                    {"w": warn, "b": breached})
        subject = unique("E2E low, then urgent")
        made = await asyncio.to_thread(server.graphql, 'mutation($i: CreateInquiryInput!) { createInquiry(input: $i) { inquiry { id version } userErrors { code } } }',
                                       {"i": {"subject": subject, "priority": "LOW", "assigneeId": me, "slaPolicyId": policy}}, token=token)
        inquiry = ok(made, "createInquiry")["inquiry"]
        await mine.nothing_for("w", 1.0)  # ten hours ahead: nothing to say yet
        # Raising the priority moves the deadline to a minute from now: the timers follow.
        raised = await asyncio.to_thread(server.graphql, 'mutation($i: UpdateInquiryInput!) { updateInquiry(input: $i) { userErrors { code } } }',
                                         {"i": {"id": inquiry["id"], "version": inquiry["version"], "priority": "URGENT"}}, token=token)
        assert raised["data"]["updateInquiry"]["userErrors"] == []
        warning = (await mine.next("w", timeout=10))["data"]["slaDeadlineApproaching"]
        assert warning["inquiry"] == {"subject": subject} and warning["deadline"]["metric"] == "FIRST_RESPONSE"
        assert warning["minutesLeft"] <= 1
        assert (await head.next("w", timeout=5))["data"]["slaDeadlineApproaching"]["inquiry"] == {"subject": subject}
        await other.nothing_for("w", 0.5)  # another operator's inquiry is not theirs
        breach = (await mine.next("b", timeout=80))["data"]["slaBreached"]
        arrived = datetime.now(timezone.utc)
        due = datetime.fromisoformat(breach["deadline"].pop("dueAt").replace("Z", "+00:00"))
        assert breach == {"inquiry": {"subject": subject}, "deadline": {"metric": "FIRST_RESPONSE", "state": "MISSED"}}
        # At the instant it passes, not on some later sweep.
        assert due <= arrived and (arrived - due).total_seconds() < 1.5, (due, arrived)
        assert (await head.next("b", timeout=5))["data"]["slaBreached"]["inquiry"] == {"subject": subject}
        await other.nothing_for("b", 0.5)
        for socket in (mine, head, other):
            await socket.close()

    run(scenario())


def test_a_task_reminds_and_falls_due(server):
    from datetime import datetime, timedelta, timezone
    token = server.sign_in(MANAGER)

    def stamp(delta):
        return (datetime.now(timezone.utc) + timedelta(seconds=delta)).strftime("%Y-%m-%dT%H:%M:%SZ")

    async def scenario():
        socket = await Socket.open(server, token)
        await socket.subscribe("t", "subscription { taskDue { task { title } reason reminder { remindAt } } }")
        await asyncio.sleep(0.3)
        title = unique("E2E due soon")
        await asyncio.to_thread(server.graphql, 'mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } userErrors { field code } } }',
                                {"i": {"title": title, "schedule": {"dueAt": stamp(6)}, "reminders": [{"at": stamp(3)}]}}, token=token)
        first = (await socket.next("t", timeout=15))["data"]["taskDue"]
        second = (await socket.next("t", timeout=15))["data"]["taskDue"]
        assert (first["task"]["title"], first["reason"]) == (title, "REMINDER") and first["reminder"]["remindAt"]
        assert (second["task"]["title"], second["reason"], second["reminder"]) == (title, "DUE", None)
        await socket.close()

    run(scenario())


def test_resuming_after_an_event_that_never_happened_is_refused(server):
    token = server.sign_in(ADMIN)

    async def scenario():
        socket = await Socket.open(server, token)
        await socket.subscribe("d", "subscription { dealChanged(after: \"999999999\") { eventId } }")
        while True:
            message = json.loads(await asyncio.wait_for(socket.ws.recv(), 5))
            if message.get("id") == "d":
                break
        assert message["type"] == "next", message
        errors = message["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT" and errors[0]["path"] == ["dealChanged"], errors
        await socket.close()

    run(scenario())


def test_ending_a_session_closes_its_live_connections(server):
    """signOut closes the sockets of that session (4403); changePassword those of the user's
    other sessions; a socket of another session stays."""
    email = f"e2e-live-{uuid.uuid4().hex[:8]}@e2e.example"
    admin = server.sign_in(ADMIN)
    made = server.graphql('mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } userErrors { code } } }',
                          {"i": {"name": "E2E Live", "email": email, "role": "OPERATOR", "password": "first password 123"}}, token=admin)
    assert made["data"]["createUser"]["userErrors"] == [], made

    first, second, third = (server.sign_in(email, "first password 123") for _ in range(3))

    async def closed_with(socket):
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await asyncio.wait_for(socket.ws.recv(), 5)
        return closed.value.rcvd.code

    async def scenario():
        sockets = [await Socket.open(server, token) for token in (first, first, second, third)]
        await asyncio.to_thread(server.graphql, 'mutation { signOut(input: {}) { endedSessionCount } }', token=first)
        assert [await closed_with(s) for s in sockets[:2]] == [4403, 4403]
        await sockets[2].ws.send(json.dumps({"type": "ping"}))
        assert json.loads(await asyncio.wait_for(sockets[2].ws.recv(), 5)) == {"type": "pong"}
        changed = await asyncio.to_thread(server.graphql, 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { userErrors { code } } }',
                                          {"i": {"currentPassword": "first password 123", "newPassword": "second password 456"}}, token=third)
        assert changed["data"]["changePassword"]["userErrors"] == [], changed
        assert await closed_with(sockets[2]) == 4403  # another session of the user: ended
        await sockets[3].ws.send(json.dumps({"type": "ping"}))  # the session that changed it stays
        assert json.loads(await asyncio.wait_for(sockets[3].ws.recv(), 5)) == {"type": "pong"}
        await sockets[3].close()

    run(scenario())


def test_a_deal_handed_to_another_owner_is_told_to_its_former_owner_once_more(server):
    """The former owner no longer sees the deal, but hears of the handover once — the deal as it is
    now, with its new owner — so that their board drops it; the new owner hears of it too, and
    a colleague who never saw it hears nothing."""
    admin = server.sign_in(ADMIN)
    token = server.sign_in(MANAGER)
    other_id = user_ids(server, admin)[OTHER_MANAGER]
    pipeline = server.graphql('{ pipelines(first: 1) { edges { node { id } } } }', token=token)["data"]["pipelines"]["edges"][0]["node"]
    deal = ok(server.graphql('mutation($t: String!, $p: ID!) { createDeal(input: {title: $t, pipelineId: $p}) { deal { id version } userErrors { code } } }',
                             {"t": unique("E2E Handed deal"), "p": pipeline["id"]}, token=token), "createDeal")["deal"]
    query = "subscription { dealChanged { change changedFields deal { id owner { email } } } }"

    async def scenario():
        former, new, stranger = await Socket.subscribed(server, [token, server.sign_in(OTHER_MANAGER), server.sign_in(OPERATOR)],
                                                        {"d": query})
        await asyncio.to_thread(lambda: ok(server.graphql(
            'mutation($id: ID!, $v: Int!, $o: ID!) { updateDeal(input: {id: $id, version: $v, ownerId: $o}) { deal { version } userErrors { code } } }',
            {"id": deal["id"], "v": deal["version"], "o": other_id}, token=admin), "updateDeal"))
        for socket in (former, new):
            told = (await socket.next("d"))["data"]["dealChanged"]
            assert (told["change"], told["changedFields"], told["deal"]) == ("UPDATED", ["owner"], {"id": deal["id"], "owner": {"email": OTHER_MANAGER}})
        await stranger.nothing_for("d", 1.0)
        # Later changes of the deal are the new owner's alone.
        renamed = await asyncio.to_thread(
            server.graphql, 'mutation($id: ID!, $v: Int!) { updateDeal(input: {id: $id, version: $v, title: "E2E handed, renamed"}) { deal { version } } }',
            {"id": deal["id"], "v": deal["version"] + 1}, token=admin)
        assert renamed["data"]["updateDeal"]["deal"], renamed
        assert (await new.next("d"))["data"]["dealChanged"]["changedFields"] == ["title"]
        await former.nothing_for("d", 1.0)
        for socket in (former, new, stranger):
            await socket.close()

    run(scenario())


def test_an_inquiry_handed_to_another_operator_leaves_the_former_assignees_queue(server):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    made = server.graphql('mutation($i: CreateInquiryInput!) { createInquiry(input: $i) { inquiry { id version } userErrors { code } } }',
                          {"i": {"subject": unique("E2E handed inquiry"), "priority": "NORMAL", "assigneeId": ids[OPERATOR]}}, token=admin)
    inquiry = ok(made, "createInquiry")["inquiry"]
    query = "subscription { inquiryChanged { change changedFields inquiry { id assignee { email } } } }"

    async def scenario():
        former = await Socket.open(server, server.sign_in(OPERATOR))
        await former.subscribe("i", query)
        await asyncio.sleep(0.3)
        await asyncio.to_thread(lambda: ok(server.graphql(
            'mutation($i: AssignInquiryInput!) { assignInquiry(input: $i) { inquiry { version } userErrors { code } } }',
            {"i": {"id": inquiry["id"], "version": inquiry["version"], "assigneeId": ids[OTHER_OPERATOR]}}, token=admin), "assignInquiry"))
        told = (await former.next("i"))["data"]["inquiryChanged"]
        assert (told["change"], told["inquiry"]) == ("UPDATED", {"id": inquiry["id"], "assignee": {"email": OTHER_OPERATOR}})
        await former.close()

    run(scenario())


def test_a_credential_that_expires_closes_its_live_connections(server):
    """An API token that expires closes its sockets (4403) at its expiry, not later and not
    before; the server does not wait for the client's next message to notice."""
    admin = server.sign_in(ADMIN)
    expires = datetime.now(timezone.utc) + timedelta(seconds=3)
    made = server.graphql('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token userErrors { code } } }',
                          {"i": {"name": unique("E2E expiring"), "scopes": ["READ"],
                                 "expiresAt": expires.isoformat(timespec="milliseconds").replace("+00:00", "Z")}}, token=admin)
    token = ok(made, "createApiToken")["token"]

    async def scenario():
        socket = await Socket.open(server, token)
        await socket.ws.send(json.dumps({"type": "ping"}))
        assert json.loads(await asyncio.wait_for(socket.ws.recv(), 5)) == {"type": "pong"}
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await asyncio.wait_for(socket.ws.recv(), 8)
        assert closed.value.rcvd.code == 4403
        # Closed at the expiry (give or take the machine's scheduling), not before it.
        assert datetime.now(timezone.utc) >= expires
        assert datetime.now(timezone.utc) - expires < timedelta(seconds=2)

    run(scenario())


def test_inquiries_registered_and_changed_reach_those_who_see_them(server):
    token = server.sign_in(OPERATOR)
    me = server.graphql("{ me { id } }", token=token)["data"]["me"]["id"]
    query = "subscription { inquiryChanged { eventId change changedFields actor { kind user { email } } inquiry { subject priority assignee { email } } } }"

    async def scenario():
        mine, head, other = await Socket.subscribed(server, [token, server.sign_in(SUPPORT_HEAD), server.sign_in(OTHER_OPERATOR)],
                                                    {"i": query})
        subject = unique("E2E queue")
        made = await asyncio.to_thread(server.graphql, 'mutation($i: CreateInquiryInput!) { createInquiry(input: $i) { inquiry { id version } userErrors { code } } }',
                                       {"i": {"subject": subject, "priority": "NORMAL", "assigneeId": me}}, token=token)
        inquiry = ok(made, "createInquiry")["inquiry"]
        created = (await mine.next("i"))["data"]["inquiryChanged"]
        assert (created["change"], created["changedFields"], created["inquiry"]) == (
            "CREATED", [], {"subject": subject, "priority": "NORMAL", "assignee": {"email": OPERATOR}})
        assert (await head.next("i"))["data"]["inquiryChanged"]["inquiry"]["subject"] == subject
        await asyncio.to_thread(server.graphql, 'mutation($i: UpdateInquiryInput!) { updateInquiry(input: $i) { userErrors { code } } }',
                                {"i": {"id": inquiry["id"], "version": inquiry["version"], "priority": "HIGH"}}, token=token)
        updated = (await mine.next("i"))["data"]["inquiryChanged"]
        assert updated["change"] == "UPDATED" and "priority" in updated["changedFields"], updated
        assert updated["actor"] == {"kind": "USER", "user": {"email": OPERATOR}} and updated["inquiry"]["priority"] == "HIGH"
        await other.nothing_for("i", 0.5)  # another operator's inquiry is not theirs
        for socket in (mine, head, other):
            await socket.close()

    run(scenario())
