"""Telephony over HTTP: phone lines and call queues (admins only, secrets write-only), the generic
PBX webhook (`POST /hooks/telephony/{lineId}`, HMAC-signed, idempotent), calls made from its
events — matched to the caller's client, taken by the user at the answering extension, missed
calls with one call-back task for the client's owner (else the queue's call-back assignee, else
its next operator) — who sees which call, linking a call by hand, the call filters and ordering,
calls on the client's timeline, recordings served with the API's authorization, and inquiries and
notes on calls.

Every test makes its own line (a unique number) and its own clients with unique phones, so the
demo calls and the other tests do not get in the way; lists filter on the test's line."""

import base64
import hashlib
import hmac
import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from e2e_support import SwitchboardServer, switchboard_bin

ADMIN = "anna.smirnova@switchboard.test"
SALES_HEAD = "boris.ivanov@switchboard.test"          # supervisor, sales
MANAGER = "victoria.kuznetsova@switchboard.test"       # sales, extension 103
OTHER_MANAGER = "grigory.popov@switchboard.test"       # sales, extension 104
THIRD_MANAGER = "dmitry.sokolov@switchboard.test"      # sales, extension 105
SUPPORT_HEAD = "elena.lebedeva@switchboard.test"       # supervisor, support
OPERATOR = "zhanna.kozlova@switchboard.test"           # support, extension 107
OTHER_OPERATOR = "igor.novikov@switchboard.test"       # support, extension 108
THIRD_OPERATOR = "kate.morozova@switchboard.test"      # support, extension 109
#: Readers who see only their own records (no department view).
PLAIN_READERS = (MANAGER, OTHER_MANAGER, THIRD_MANAGER, OPERATOR, OTHER_OPERATOR, THIRD_OPERATOR)

LINE_FIELDS = """id name number provider enabled version webhookUrl settings credentialKeys
  queue { id name } createdBy { user { email } }"""
QUEUE_FIELDS = "id name version ringTimeoutSeconds members { email } callbackAssignee { email }"
CREATE_LINE = f"""mutation($input: CreatePhoneLineInput!) {{
  createPhoneLine(input: $input) {{ phoneLine {{ {LINE_FIELDS} }} userErrors {{ field code message }} }} }}"""
UPDATE_LINE = f"""mutation($input: UpdatePhoneLineInput!) {{
  updatePhoneLine(input: $input) {{ phoneLine {{ {LINE_FIELDS} }} userErrors {{ field code message }} }} }}"""
DELETE_LINE = """mutation($input: DeleteInput!) {
  deletePhoneLine(input: $input) { phoneLine { id deletedAt } userErrors { field code } } }"""
CREATE_QUEUE = f"""mutation($input: CreateCallQueueInput!) {{
  createCallQueue(input: $input) {{ callQueue {{ {QUEUE_FIELDS} }} userErrors {{ field code message }} }} }}"""
DELETE_QUEUE = """mutation($input: DeleteInput!) {
  deleteCallQueue(input: $input) { callQueue { id deletedAt } userErrors { field code message } } }"""
CALL_FIELDS = """id direction status from to fromExtension toExtension provider providerCallId version
  startedAt answeredAt endedAt durationSeconds waitSeconds recordingUrl failureReason
  line { id } queue { id } user { email onCall } client { id name } contact { id }"""
CALL = f"""query($id: ID!) {{ node(id: $id) {{ __typename ... on Call {{ {CALL_FIELDS} }} }} }}"""
CALLS = """query($filter: CallFilter, $orderBy: CallOrder, $first: Int, $after: String) {
  calls(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id providerCallId durationSeconds status } } } }"""
UPDATE_CALL = """mutation($input: UpdateCallInput!) {
  updateCall(input: $input) { call { id version client { id } contact { id } } userErrors { field code } } }"""
TASKS = """query($filter: TaskFilter) { tasks(first: 100, filter: $filter) { totalCount edges { node { id assignee { email } } } } }"""
SIGNATURE_HEADER = "X-Switchboard-Signature"


# --- helpers ------------------------------------------------------------------------------------

def unique(prefix):
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def global_id(type_name, number):
    return base64.urlsafe_b64encode(f"{type_name}:{number}".encode()).decode().rstrip("=")


def row_id(gid):
    return int(base64.urlsafe_b64decode(gid + "=" * (-len(gid) % 4)).decode().split(":")[1])


def random_digits(count):
    return str(uuid.uuid4().int)[-count:].zfill(count)


def fresh_mobile():
    """A Russian mobile number nobody has: (E.164, the same written `8 (9xx) xxx-xx-xx`)."""
    d = "9" + random_digits(9)
    return f"+7{d}", f"8 ({d[:3]}) {d[3:6]}-{d[6:8]}-{d[8:]}"


def fresh_line_number():
    """A Moscow number for a new line: (E.164, the same written `+7 495 xxx-xx-xx`)."""
    d = "1" + random_digits(6)  # never the demo line's +7 495 000-00-00
    return f"+7495{d}", f"+7 495 {d[:3]}-{d[3:5]}-{d[5:]}"


def stamp(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(ts):
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


def base_time(minutes_ago=30):
    return datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=minutes_ago)


def ok(body, name):
    assert "errors" not in body, body
    payload = body["data"][name]
    assert payload["userErrors"] == [], payload
    return payload


def user_ids(server, admin):
    edges = server.graphql('{ users(first: 100, filter: {query: "@switchboard.test"}) { edges { node { id email } } } }',
                           token=admin)["data"]["users"]["edges"]
    return {e["node"]["email"]: e["node"]["id"] for e in edges}


def make_queue(server, admin, members, **fields):
    ids = user_ids(server, admin)
    made = server.graphql(CREATE_QUEUE, {"input": {"name": unique("E2E Queue"), "memberIds": [ids[m] for m in members], **fields}},
                          token=admin)
    return ok(made, "createCallQueue")["callQueue"]


def make_line(server, admin, *, secret=None, queue=None, **fields):
    """A GENERIC line with a unique number; with a fresh `webhookSecret` unless `secret=False`.
    Returns the line (as `createPhoneLine` answers it) with `secret` added."""
    if secret is None:
        secret = f"e2e-secret-{uuid.uuid4().hex}"
    e164, written = fresh_line_number()
    data = {"name": unique("E2E Line"), "number": written, "provider": "GENERIC", **fields}
    if secret:
        data["credentials"] = {"webhookSecret": secret}
    if queue is not None:
        data["queueId"] = queue
    line = ok(server.graphql(CREATE_LINE, {"input": data}, token=admin), "createPhoneLine")["phoneLine"]
    assert line["number"] == e164
    return {**line, "secret": secret}


def make_client(server, admin, owner, *, phone=None, name=None):
    """An organisation owned by `owner` (an e-mail) with one work phone; returns {id, name, phone}."""
    phone = phone or fresh_mobile()[0]
    owner_id = user_ids(server, admin)[owner]
    made = server.graphql('mutation($input: CreateClientInput!) { createClient(input: $input) { client { id name phones { number } owner { email } } userErrors { field code } } }',
                          {"input": {"kind": "ORGANISATION", "name": name or unique("E2E Caller"), "ownerId": owner_id,
                                     "phones": [{"number": phone, "kind": "WORK"}]}}, token=admin)
    client = ok(made, "createClient")["client"]
    assert client["phones"] == [{"number": phone}] and client["owner"] == {"email": owner}
    return {"id": client["id"], "name": client["name"], "phone": phone}


def make_contact(server, admin, client_id, owner, phone=None):
    """A contact person of the client, owned by `owner` (an e-mail)."""
    made = server.graphql('mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { field code } } }',
                          {"input": {"firstName": unique("E2E Contact"), "clientId": client_id, "ownerId": user_ids(server, admin)[owner],
                                     **({"phones": [{"number": phone}]} if phone else {})}}, token=admin)
    return ok(made, "createContact")["contact"]["id"]


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(server, line_id, body, *, secret=None, signature=None):
    """POST a raw body to the line's webhook, signed with `secret` (or the given signature)."""
    if isinstance(body, dict):
        body = json.dumps(body, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json"}
    if signature is None and secret is not None:
        signature = sign(body, secret)
    if signature is not None:
        headers[SIGNATURE_HEADER] = signature
    return server.request("POST", f"/hooks/telephony/{line_id}", body=body, headers=headers)


def event(server, line, **fields):
    """Delivers one event to the line (signed with its secret); it must be stored (200)."""
    answer = deliver(server, line["id"], fields, secret=line["secret"])
    assert answer.status == 200, answer
    assert answer.media_type == "application/json", answer
    reply = answer.json()
    assert reply["ok"] is True and isinstance(reply["callId"], str), reply
    return reply


def incoming_missed(server, line, caller, at, call_id=None):
    """ringing, then ended without an answer; returns the `ended` answer."""
    call_id = call_id or f"e2e-{uuid.uuid4().hex}"
    event(server, line, event="ringing", callId=call_id, direction="incoming", **{"from": caller}, to=line["number"], timestamp=stamp(at))
    return event(server, line, event="ended", callId=call_id, timestamp=stamp(at + timedelta(seconds=25)))


def incoming_answered(server, line, caller, at, extension, talk, call_id=None, wait=5):
    """ringing, answered at `extension` after `wait` seconds, ended after `talk` seconds."""
    call_id = call_id or f"e2e-{uuid.uuid4().hex}"
    event(server, line, event="ringing", callId=call_id, **{"from": caller}, to=line["number"], timestamp=stamp(at))
    event(server, line, event="answered", callId=call_id, extension=extension, timestamp=stamp(at + timedelta(seconds=wait)))
    return event(server, line, event="ended", callId=call_id, durationSeconds=talk,
                 timestamp=stamp(at + timedelta(seconds=wait + talk)))


def outgoing_answered(server, line, callee, at, extension, talk, call_id=None):
    call_id = call_id or f"e2e-{uuid.uuid4().hex}"
    event(server, line, event="ringing", callId=call_id, direction="outgoing", **{"from": line["number"]}, to=callee,
          fromExtension=extension, extension=extension, timestamp=stamp(at))
    event(server, line, event="answered", callId=call_id, direction="outgoing", extension=extension,
          timestamp=stamp(at + timedelta(seconds=4)))
    return event(server, line, event="ended", callId=call_id, direction="outgoing", durationSeconds=talk,
                 timestamp=stamp(at + timedelta(seconds=4 + talk)))


def get_call(server, token, call_id):
    body = server.graphql(CALL, {"id": call_id}, token=token)
    assert "errors" not in body, body
    return body["data"]["node"]


def call_ids(server, token, **filter_):
    body = server.graphql(CALLS, {"filter": filter_, "first": 100}, token=token)
    assert "errors" not in body, body
    calls = body["data"]["calls"]
    assert calls["totalCount"] == len(calls["edges"]), calls
    return [e["node"]["id"] for e in calls["edges"]]


def callback_tasks(server, admin, client_id):
    body = server.graphql(TASKS, {"filter": {"clientIds": [client_id], "kinds": ["CALL_BACK"]}}, token=admin)
    assert "errors" not in body, body
    return body["data"]["tasks"]


def on_call(server, admin, email):
    body = server.graphql('query($id: ID!) { node(id: $id) { ... on User { onCall } } }',
                          {"id": user_ids(server, admin)[email]}, token=admin)
    return body["data"]["node"]["onCall"]


# --- 1. lines and queues: admins only, checked, secrets write-only -------------------------------

def test_only_admins_set_up_lines_and_queues(server):
    manager = server.sign_in(MANAGER)
    e164, written = fresh_line_number()
    refused = server.graphql(CREATE_LINE, {"input": {"name": "E2E Not mine", "number": written, "provider": "GENERIC"}}, token=manager)
    assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"], refused
    assert refused["data"]["createPhoneLine"] is None
    refused_queue = server.graphql(CREATE_QUEUE, {"input": {"name": "E2E Not mine"}}, token=manager)
    assert [e["extensions"]["code"] for e in refused_queue["errors"]] == ["FORBIDDEN"], refused_queue

    admin = server.sign_in(ADMIN)
    queue = make_queue(server, admin, [OPERATOR, OTHER_OPERATOR], ringTimeoutSeconds=25)
    assert queue["members"] == [{"email": OPERATOR}, {"email": OTHER_OPERATOR}]
    assert queue["ringTimeoutSeconds"] == 25 and queue["callbackAssignee"] is None and queue["version"] == 1

    secret = f"e2e-top-secret-{uuid.uuid4().hex}"
    name = unique("E2E Sales line")
    answer = server.post({"query": CREATE_LINE, "variables": {"input": {
        "name": name, "number": written, "provider": "GENERIC", "queueId": queue["id"],
        "settings": {"apiBaseUrl": "https://pbx.example/api", "region": "msk"},
        "credentials": {"webhookSecret": secret}}}}, token=admin, accept="application/json")
    assert answer.status == 200, answer
    assert secret not in answer.text
    line = ok(answer.json(), "createPhoneLine")["phoneLine"]
    assert line["name"] == name and line["number"] == e164 and line["provider"] == "GENERIC" and line["enabled"] is True
    assert line["queue"] == {"id": queue["id"], "name": queue["name"]}
    assert line["settings"] == {"apiBaseUrl": "https://pbx.example/api", "region": "msk"}
    assert line["credentialKeys"] == ["webhookSecret"]
    assert line["webhookUrl"].endswith(f"/hooks/telephony/{line['id']}") and line["webhookUrl"].startswith("http")
    assert line["version"] == 1 and line["createdBy"] == {"user": {"email": ADMIN}}

    # Settings and secrets are merge patches; the secret stays write-only in the history too.
    other_secret = f"e2e-api-secret-{uuid.uuid4().hex}"
    answer = server.post({"query": UPDATE_LINE, "variables": {"input": {
        "id": line["id"], "version": 1, "settings": {"region": None, "apiKey": "key-1"},
        "credentials": {"apiSecret": other_secret}}}}, token=admin, accept="application/json")
    assert answer.status == 200 and secret not in answer.text and other_secret not in answer.text, answer
    updated = ok(answer.json(), "updatePhoneLine")["phoneLine"]
    assert updated["settings"] == {"apiBaseUrl": "https://pbx.example/api", "apiKey": "key-1"}
    assert updated["credentialKeys"] == ["apiSecret", "webhookSecret"] and updated["version"] == 2
    read = server.post({"query": 'query($id: ID!) { node(id: $id) { ... on PhoneLine { credentialKeys settings '
                                 'history { totalCount edges { node { field oldValue newValue } } } } } }',
                        "variables": {"id": line["id"]}}, token=admin, accept="application/json")
    assert read.status == 200, read
    assert secret not in read.text and other_secret not in read.text, read
    history = read.json()["data"]["node"]["history"]
    assert {e["node"]["field"] for e in history["edges"]} >= {"settings", "credentialKeys"}, history
    listed = server.graphql('{ phoneLines(first: 100) { edges { node { id credentialKeys } } } }', token=admin)
    assert {"id": line["id"], "credentialKeys": ["apiSecret", "webhookSecret"]} in [e["node"] for e in listed["data"]["phoneLines"]["edges"]]


def test_line_and_queue_input_is_checked(server):
    admin = server.sign_in(ADMIN)
    bad_number = server.graphql(CREATE_LINE, {"input": {"name": "E2E Bad", "number": "12", "provider": "GENERIC"}}, token=admin)
    assert bad_number["data"]["createPhoneLine"]["phoneLine"] is None
    assert [(e["field"], e["code"]) for e in bad_number["data"]["createPhoneLine"]["userErrors"]] == [(["input", "number"], "INVALID_PHONE")]

    queue = make_queue(server, admin, [OPERATOR])
    line = make_line(server, admin, queue=queue["id"])
    digits = line["number"][2:]
    same_number = f"8 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}"
    taken = server.graphql(CREATE_LINE, {"input": {"name": "E2E Twin", "number": same_number, "provider": "GENERIC"}}, token=admin)
    assert taken["data"]["createPhoneLine"] == {"phoneLine": None, "userErrors": [
        {"field": ["input", "number"], "code": "TAKEN", "message": taken["data"]["createPhoneLine"]["userErrors"][0]["message"]}]}

    ids = user_ids(server, admin)
    duplicate = server.graphql(CREATE_QUEUE, {"input": {"name": "E2E Twice", "memberIds": [ids[OPERATOR], ids[OPERATOR]]}}, token=admin)
    assert duplicate["data"]["createCallQueue"]["callQueue"] is None
    assert [(e["field"], e["code"]) for e in duplicate["data"]["createCallQueue"]["userErrors"]] == [(["input", "memberIds"], "INVALID")]
    too_short = server.graphql(CREATE_QUEUE, {"input": {"name": "E2E Quick", "ringTimeoutSeconds": 1}}, token=admin)
    assert too_short["data"]["createCallQueue"]["callQueue"] is None
    assert [(e["field"], e["code"]) for e in too_short["data"]["createCallQueue"]["userErrors"]] == [(["input", "ringTimeoutSeconds"], "OUT_OF_RANGE")]

    in_use = server.graphql(DELETE_QUEUE, {"input": {"id": queue["id"]}}, token=admin)["data"]["deleteCallQueue"]
    assert [(e["field"], e["code"]) for e in in_use["userErrors"]] == [(["input", "id"], "IN_USE")]
    assert in_use["callQueue"] == {"id": queue["id"], "deletedAt": None}

    # Removing the secret: the key goes, and the line no longer accepts events.
    removed = ok(server.graphql(UPDATE_LINE, {"input": {"id": line["id"], "version": 1, "credentials": {"webhookSecret": None}}},
                                token=admin), "updatePhoneLine")["phoneLine"]
    assert removed["credentialKeys"] == [] and removed["version"] == 2
    assert deliver(server, line["id"], {"event": "ringing", "callId": f"e2e-{uuid.uuid4().hex}"}, secret=line["secret"]).status == 403

    stale = server.graphql(UPDATE_LINE, {"input": {"id": line["id"], "version": 1, "name": "E2E Stale"}}, token=admin)["data"]["updatePhoneLine"]
    assert [(e["field"], e["code"]) for e in stale["userErrors"]] == [(["input", "version"], "CONFLICT")]
    assert stale["phoneLine"]["version"] == 2 and stale["phoneLine"]["name"] == line["name"]

    # Once the line is gone, its queue may go, and the number is free again.
    ok(server.graphql(DELETE_LINE, {"input": {"id": line["id"]}}, token=admin), "deletePhoneLine")
    gone = ok(server.graphql(DELETE_QUEUE, {"input": {"id": queue["id"]}}, token=admin), "deleteCallQueue")
    assert gone["callQueue"]["deletedAt"] is not None
    again = ok(server.graphql(CREATE_LINE, {"input": {"name": "E2E Reborn", "number": line["number"], "provider": "GENERIC"}}, token=admin),
               "createPhoneLine")
    assert again["phoneLine"]["number"] == line["number"]


# --- 2. the webhook: who may post, and what -----------------------------------------------------

def test_the_webhook_refuses_what_it_cannot_trust(server):
    admin = server.sign_in(ADMIN)
    line = make_line(server, admin)
    good = {"event": "ringing", "callId": f"e2e-{uuid.uuid4().hex}", "from": fresh_mobile()[0], "to": line["number"]}

    def refused(answer, status):
        assert answer.status == status, answer
        assert answer.media_type == "application/json", answer
        reply = answer.json()
        assert isinstance(reply.get("error"), str) and reply["error"], reply
        return reply

    refused(deliver(server, global_id("PhoneLine", 987654321), good, secret=line["secret"]), 404)
    refused(deliver(server, "not-a-line", good, secret=line["secret"]), 404)
    refused(deliver(server, global_id("Client", row_id(line["id"])), good, secret=line["secret"]), 404)  # not a line's id
    refused(deliver(server, line["id"], good, secret="not the secret"), 401)
    refused(deliver(server, line["id"], good), 401)  # unsigned
    refused(deliver(server, line["id"], good, signature="sha256=zz"), 401)
    body = json.dumps(good).encode()
    refused(deliver(server, line["id"], body + b" ", signature=sign(body, line["secret"])), 401)  # signs another body

    no_secret = make_line(server, admin, secret=False)
    assert no_secret["credentialKeys"] == []
    refused(deliver(server, no_secret["id"], good, secret=line["secret"]), 403)
    disabled = make_line(server, admin, enabled=False)
    assert disabled["enabled"] is False
    refused(deliver(server, disabled["id"], good, secret=disabled["secret"]), 403)

    not_json = refused(deliver(server, line["id"], b"event=ringing&callId=1", secret=line["secret"]), 400)
    assert "JSON" in not_json["error"]
    refused(deliver(server, line["id"], b"[1, 2]", secret=line["secret"]), 400)
    refused(deliver(server, line["id"], {**good, "event": "exploded"}, secret=line["secret"]), 400)
    refused(deliver(server, line["id"], {"event": "ringing"}, secret=line["secret"]), 400)  # no callId
    refused(deliver(server, line["id"], {**good, "durationSeconds": -3}, secret=line["secret"]), 400)
    refused(deliver(server, line["id"], {**good, "timestamp": "yesterday"}, secret=line["secret"]), 400)

    # Nothing of that was stored; the good event itself is.
    assert call_ids(server, admin, lineIds=[line["id"]]) == []
    stored = event(server, line, **good)
    assert stored["status"] == "RINGING" and stored["changed"] is True
    assert call_ids(server, admin, lineIds=[line["id"]]) == [stored["callId"]]
    assert call_ids(server, admin, lineIds=[no_secret["id"], disabled["id"]]) == []


# --- 3. a call's life ---------------------------------------------------------------------------

def test_a_call_rings_is_answered_and_ends(server):
    admin = server.sign_in(ADMIN)
    queue = make_queue(server, admin, [OPERATOR, OTHER_OPERATOR])
    line = make_line(server, admin, queue=queue["id"])
    phone, written = fresh_mobile()
    client = make_client(server, admin, MANAGER, phone=phone)
    pbx_id = f"e2e-{uuid.uuid4().hex}"
    t0 = base_time(10)
    ringing = {"event": "ringing", "callId": pbx_id, "direction": "incoming", "from": written, "to": line["number"], "timestamp": stamp(t0)}

    first = event(server, line, **ringing)
    assert first == {"ok": True, "callId": first["callId"], "status": "RINGING", "changed": True}
    call = get_call(server, admin, first["callId"])
    assert call["__typename"] == "Call" and call["id"] == first["callId"]
    assert (call["direction"], call["status"], call["from"], call["to"]) == ("INCOMING", "RINGING", phone, line["number"])
    assert call["client"] == {"id": client["id"], "name": client["name"]} and call["contact"] is None
    assert call["line"] == {"id": line["id"]} and call["queue"] == {"id": queue["id"]}
    assert (call["provider"], call["providerCallId"]) == ("GENERIC", pbx_id)
    assert parse(call["startedAt"]) == t0
    assert call["user"] is None and call["answeredAt"] is None and call["endedAt"] is None
    assert call["waitSeconds"] is None and call["durationSeconds"] is None and call["recordingUrl"] is None

    again = event(server, line, **ringing)
    assert again == {"ok": True, "callId": first["callId"], "status": "RINGING", "changed": False}
    assert get_call(server, admin, first["callId"])["version"] == call["version"]

    assert on_call(server, admin, MANAGER) is False
    answered = event(server, line, event="answered", callId=pbx_id, extension="103", timestamp=stamp(t0 + timedelta(seconds=7)))
    assert answered == {"ok": True, "callId": first["callId"], "status": "ANSWERED", "changed": True}
    call = get_call(server, admin, first["callId"])
    assert call["status"] == "ANSWERED" and call["user"] == {"email": MANAGER, "onCall": True}
    assert call["toExtension"] == "103" and parse(call["answeredAt"]) == t0 + timedelta(seconds=7)
    assert call["waitSeconds"] == 7 and call["durationSeconds"] is None
    assert on_call(server, admin, MANAGER) is True

    ended = event(server, line, event="ended", callId=pbx_id, durationSeconds=42, timestamp=stamp(t0 + timedelta(seconds=49)))
    assert ended == {"ok": True, "callId": first["callId"], "status": "ENDED", "changed": True}
    call = get_call(server, admin, first["callId"])
    assert call["status"] == "ENDED" and call["durationSeconds"] == 42 and call["waitSeconds"] == 7
    assert parse(call["endedAt"]) == t0 + timedelta(seconds=49)
    assert call["user"] == {"email": MANAGER, "onCall": False}
    assert on_call(server, admin, MANAGER) is False
    assert server.graphql('query($id: ID!) { node(id: $id) { ... on Call { callbackTask { id } } } }',
                          {"id": first["callId"]}, token=admin)["data"]["node"] == {"callbackTask": None}

    # Late and repeated events change nothing.
    late = event(server, line, event="answered", callId=pbx_id, extension="104", timestamp=stamp(t0 + timedelta(seconds=60)))
    assert late == {"ok": True, "callId": first["callId"], "status": "ENDED", "changed": False}
    repeated = event(server, line, event="ended", callId=pbx_id, durationSeconds=42, timestamp=stamp(t0 + timedelta(seconds=49)))
    assert repeated["changed"] is False
    final = get_call(server, admin, first["callId"])
    assert final == call
    assert call_ids(server, admin, lineIds=[line["id"]]) == [first["callId"]]

    # The manager whose client it is sees it too.
    assert get_call(server, server.sign_in(MANAGER), first["callId"])["status"] == "ENDED"


def test_an_ended_event_alone_makes_the_whole_call(server):
    admin = server.sign_in(ADMIN)
    line = make_line(server, admin)
    t0 = base_time(20)
    pbx_id = f"e2e-{uuid.uuid4().hex}"
    made = event(server, line, event="ended", callId=pbx_id, **{"from": fresh_mobile()[1]}, to=line["number"], extension="105",
                 durationSeconds=30, timestamp=stamp(t0))
    assert made["status"] == "ENDED" and made["changed"] is True
    call = get_call(server, admin, made["callId"])
    assert call["status"] == "ENDED" and call["durationSeconds"] == 30 and call["user"]["email"] == THIRD_MANAGER
    failed = event(server, line, event="failed", callId=f"e2e-{uuid.uuid4().hex}", to=line["number"], **{"from": "anonymous"},
                   failureReason="Busy here", timestamp=stamp(t0))
    assert failed["status"] == "FAILED"
    failed_call = get_call(server, admin, failed["callId"])
    assert failed_call["failureReason"] == "Busy here" and failed_call["from"] is None and failed_call["durationSeconds"] == 0


# --- 4. missed calls and their call-back tasks --------------------------------------------------

CALLBACK = """query($id: ID!) { node(id: $id) { ... on Call { status endedAt durationSeconds waitSeconds
  callbackTask { id kind status priority assignee { email } dueAt title client { id } call { id } } } } }"""


def test_a_missed_call_gets_one_call_back_task_for_the_clients_owner(server):
    admin = server.sign_in(ADMIN)
    queue = make_queue(server, admin, [OPERATOR, OTHER_OPERATOR], callbackAssigneeId=user_ids(server, admin)[THIRD_OPERATOR])
    line = make_line(server, admin, queue=queue["id"])
    client = make_client(server, admin, OTHER_MANAGER)
    assert callback_tasks(server, admin, client["id"])["totalCount"] == 0
    t0 = base_time(15)
    pbx_id = f"e2e-{uuid.uuid4().hex}"

    missed = incoming_missed(server, line, client["phone"], t0, call_id=pbx_id)
    assert missed["status"] == "MISSED" and missed["changed"] is True
    call = server.graphql(CALLBACK, {"id": missed["callId"]}, token=admin)["data"]["node"]
    assert call["status"] == "MISSED" and call["durationSeconds"] == 0 and call["waitSeconds"] == 25
    task = call["callbackTask"]
    assert task is not None, call
    assert (task["kind"], task["status"], task["priority"]) == ("CALL_BACK", "OPEN", "HIGH")
    assert task["assignee"] == {"email": OTHER_MANAGER}  # the owner, not the queue's call-back assignee
    assert task["client"] == {"id": client["id"]} and task["call"] == {"id": missed["callId"]}
    assert parse(task["dueAt"]) == parse(call["endedAt"]) + timedelta(minutes=30)
    assert client["name"] in task["title"]
    tasks = callback_tasks(server, admin, client["id"])
    assert tasks["totalCount"] == 1 and tasks["edges"][0]["node"] == {"id": task["id"], "assignee": {"email": OTHER_MANAGER}}
    owners = server.graphql(TASKS, {"filter": {"clientIds": [client["id"]], "kinds": ["CALL_BACK"]}}, token=server.sign_in(OTHER_MANAGER))
    assert owners["data"]["tasks"]["totalCount"] == 1

    again = event(server, line, event="ended", callId=pbx_id, timestamp=stamp(t0 + timedelta(seconds=25)))
    assert again == {"ok": True, "callId": missed["callId"], "status": "MISSED", "changed": False}
    late = event(server, line, event="ended", callId=pbx_id, timestamp=stamp(t0 + timedelta(seconds=90)))
    assert late["changed"] is False
    assert callback_tasks(server, admin, client["id"])["totalCount"] == 1
    assert server.graphql(CALLBACK, {"id": missed["callId"]}, token=admin)["data"]["node"]["callbackTask"]["id"] == task["id"]


def test_an_unknown_callers_missed_call_goes_to_the_queues_call_back_assignee(server):
    admin = server.sign_in(ADMIN)
    queue = make_queue(server, admin, [OPERATOR, OTHER_OPERATOR], callbackAssigneeId=user_ids(server, admin)[THIRD_OPERATOR])
    assert queue["callbackAssignee"] == {"email": THIRD_OPERATOR}
    line = make_line(server, admin, queue=queue["id"])
    caller = fresh_mobile()[0]
    missed = incoming_missed(server, line, caller, base_time(12))
    call = server.graphql('query($id: ID!) { node(id: $id) { ... on Call { status client { id } queue { id } '
                          'callbackTask { kind priority assignee { email } client { id } title } } } }',
                          {"id": missed["callId"]}, token=admin)["data"]["node"]
    assert call["status"] == "MISSED" and call["client"] is None and call["queue"] == {"id": queue["id"]}
    task = call["callbackTask"]
    assert (task["kind"], task["priority"], task["assignee"], task["client"]) == ("CALL_BACK", "HIGH", {"email": THIRD_OPERATOR}, None)
    assert caller in task["title"]


def test_without_a_call_back_assignee_the_queues_operators_take_turns(server):
    admin = server.sign_in(ADMIN)
    queue = make_queue(server, admin, [OTHER_OPERATOR, OPERATOR])
    line = make_line(server, admin, queue=queue["id"])
    t0 = base_time(40)
    assignees = []
    for i in range(3):
        missed = incoming_missed(server, line, fresh_mobile()[0], t0 + timedelta(minutes=i))
        task = server.graphql('query($id: ID!) { node(id: $id) { ... on Call { callbackTask { assignee { email } } } } }',
                              {"id": missed["callId"]}, token=admin)["data"]["node"]["callbackTask"]
        assignees.append(task["assignee"]["email"])
    assert assignees == [OTHER_OPERATOR, OPERATOR, OTHER_OPERATOR]


# --- 5. who sees a call -------------------------------------------------------------------------

def test_who_sees_a_call(server):
    admin = server.sign_in(ADMIN)
    line = make_line(server, admin)
    client = make_client(server, admin, MANAGER)
    t0 = base_time(25)
    missed = incoming_missed(server, line, client["phone"], t0)["callId"]          # the client's; nobody took it
    taken = incoming_answered(server, line, client["phone"], t0 + timedelta(minutes=1), "107", 20)["callId"]  # Zhanna took it
    unknown = incoming_missed(server, line, fresh_mobile()[0], t0 + timedelta(minutes=2))["callId"]  # nobody's business yet

    def sees(email):
        token = server.sign_in(email)
        listed = set(call_ids(server, token, lineIds=[line["id"]]))
        by_client = set(call_ids(server, token, clientIds=[client["id"]]))
        assert by_client == listed & {missed, taken}, email
        for call_id in (missed, taken, unknown):  # node(id:) agrees with the list
            node = server.graphql('query($id: ID!) { node(id: $id) { id } }', {"id": call_id}, token=token)["data"]["node"]
            assert (node is not None) == (call_id in listed), (email, call_id)
        return listed

    assert sees(ADMIN) == {missed, taken, unknown}
    assert sees(MANAGER) == {missed, taken, unknown}          # the client's owner
    assert sees(SALES_HEAD) == {missed, taken, unknown}       # the owner's supervisor
    assert sees(OTHER_MANAGER) == {unknown}                   # a colleague who does not own the client
    assert sees(OPERATOR) == {taken, unknown}                 # took one of them
    assert sees(OTHER_OPERATOR) == {unknown}
    assert sees(SUPPORT_HEAD) == {taken, unknown}             # the supervisor of the operator who took it


# --- 6. linking a call by hand ------------------------------------------------------------------

def test_update_call_links_a_client_and_contact(server):
    admin = server.sign_in(ADMIN)
    line = make_line(server, admin)
    ours = make_client(server, admin, MANAGER)
    theirs = make_client(server, admin, MANAGER)
    our_contact = make_contact(server, admin, ours["id"], MANAGER)
    their_contact = make_contact(server, admin, theirs["id"], MANAGER)
    manager = server.sign_in(MANAGER)
    call_id = incoming_answered(server, line, fresh_mobile()[0], base_time(18), "103", 15)["callId"]
    call = get_call(server, manager, call_id)
    assert call["client"] is None and call["user"]["email"] == MANAGER
    version = call["version"]

    mixed = server.graphql(UPDATE_CALL, {"input": {"id": call_id, "version": version, "clientId": ours["id"], "contactId": their_contact}},
                           token=manager)["data"]["updateCall"]
    assert [(e["field"], e["code"]) for e in mixed["userErrors"]] == [(["input", "contactId"], "INVALID")]
    assert mixed["call"] == {"id": call_id, "version": version, "client": None, "contact": None}

    linked = ok(server.graphql(UPDATE_CALL, {"input": {"id": call_id, "version": version, "contactId": our_contact}}, token=manager),
                "updateCall")["call"]
    assert linked == {"id": call_id, "version": version + 1, "client": {"id": ours["id"]}, "contact": {"id": our_contact}}

    stale = server.graphql(UPDATE_CALL, {"input": {"id": call_id, "version": version, "clientId": theirs["id"]}}, token=manager)["data"]["updateCall"]
    assert [(e["field"], e["code"]) for e in stale["userErrors"]] == [(["input", "version"], "CONFLICT")]
    assert stale["call"] == linked

    both = ok(server.graphql(UPDATE_CALL, {"input": {"id": call_id, "version": version + 1, "clientId": theirs["id"], "contactId": their_contact}},
                             token=manager), "updateCall")["call"]
    assert both == {"id": call_id, "version": version + 2, "client": {"id": theirs["id"]}, "contact": {"id": their_contact}}
    assert call_ids(server, manager, clientIds=[theirs["id"]]) == [call_id]
    assert call_ids(server, manager, contactIds=[their_contact]) == [call_id]
    assert call_ids(server, manager, clientIds=[ours["id"]]) == []
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Call { history(filter: {fields: ["client"]}) { edges { node { newValue actor { user { email } } } } } } } }',
                             {"id": call_id}, token=admin)["data"]["node"]["history"]["edges"]
    assert [e["node"]["newValue"] for e in history] == [theirs["id"], ours["id"]]
    assert {e["node"]["actor"]["user"]["email"] for e in history} == {MANAGER}

    cleared = ok(server.graphql(UPDATE_CALL, {"input": {"id": call_id, "version": version + 2, "clientId": None}}, token=manager),
                 "updateCall")["call"]
    assert cleared["client"] is None and cleared["contact"] is None


def test_a_new_call_is_matched_to_the_contact_first(server):
    admin = server.sign_in(ADMIN)
    line = make_line(server, admin)
    phone, written = fresh_mobile()
    client = make_client(server, admin, MANAGER)
    contact = make_contact(server, admin, client["id"], MANAGER, phone=phone)
    call_id = incoming_missed(server, line, written, base_time(14))["callId"]
    call = get_call(server, admin, call_id)
    assert call["contact"] == {"id": contact} and call["client"]["id"] == client["id"]


# --- 7. filters, order and paging ---------------------------------------------------------------

def test_calls_filter_order_and_page(server):
    admin = server.sign_in(ADMIN)
    queue = make_queue(server, admin, [OPERATOR])
    line = make_line(server, admin, queue=queue["id"])
    other_line = make_line(server, admin)
    regular, regular_written = fresh_mobile()
    t0 = base_time(50)
    first = incoming_answered(server, line, regular, t0, "104", 30)["callId"]
    missed = incoming_missed(server, line, fresh_mobile()[0], t0 + timedelta(minutes=1))["callId"]
    outgoing = outgoing_answered(server, line, fresh_mobile()[1], t0 + timedelta(minutes=2), "104", 90)["callId"]
    second = incoming_answered(server, line, regular_written, t0 + timedelta(minutes=3), "105", 5)["callId"]
    elsewhere = incoming_answered(server, other_line, regular, t0 + timedelta(minutes=4), "104", 12)["callId"]
    mine = [first, missed, outgoing, second]

    assert call_ids(server, admin, lineIds=[line["id"]]) == [second, outgoing, missed, first]  # latest first
    assert set(call_ids(server, admin, lineIds=[line["id"], other_line["id"]])) == set(mine) | {elsewhere}
    digits = regular[2:]
    for notation in (regular, regular_written, f"+7 ({digits[:3]}) {digits[3:6]}-{digits[6:]}", f"7{digits}"):
        assert call_ids(server, admin, lineIds=[line["id"]], number=notation) == [second, first], notation
    assert call_ids(server, admin, number=regular) == [elsewhere, second, first]
    assert call_ids(server, admin, lineIds=[line["id"]], number=line["number"]) == [second, outgoing, missed, first]
    assert call_ids(server, admin, lineIds=[line["id"]], number="no digits") == []
    assert call_ids(server, admin, lineIds=[line["id"]], statuses=["MISSED"]) == [missed]
    assert call_ids(server, admin, lineIds=[line["id"]], statuses=["ENDED", "RINGING"]) == [second, outgoing, first]
    assert call_ids(server, admin, lineIds=[line["id"]], directions=["OUTGOING"]) == [outgoing]
    assert call_ids(server, admin, lineIds=[line["id"]], directions=["INCOMING"]) == [second, missed, first]
    assert call_ids(server, admin, lineIds=[line["id"]], queueIds=[queue["id"]]) == [second, missed, first]
    ids = user_ids(server, admin)
    assert call_ids(server, admin, lineIds=[line["id"]], userIds=[ids[OTHER_MANAGER]]) == [outgoing, first]
    assert call_ids(server, admin, lineIds=[line["id"]], hasRecording=True) == []
    assert call_ids(server, admin, lineIds=[line["id"]], hasRecording=False) == [second, outgoing, missed, first]
    assert call_ids(server, admin, lineIds=[line["id"]], startedAt={"from": stamp(t0 + timedelta(minutes=1)),
                                                                     "to": stamp(t0 + timedelta(minutes=3))}) == [outgoing, missed]

    def ordered(direction):
        body = server.graphql(CALLS, {"filter": {"lineIds": [line["id"]]}, "orderBy": {"field": "DURATION", "direction": direction}},
                              token=admin)
        assert "errors" not in body, body
        return [(e["node"]["id"], e["node"]["durationSeconds"]) for e in body["data"]["calls"]["edges"]]

    assert ordered("DESC") == [(outgoing, 90), (first, 30), (second, 5), (missed, 0)]
    assert ordered("ASC") == [(missed, 0), (second, 5), (first, 30), (outgoing, 90)]

    for order in (None, {"field": "DURATION", "direction": "DESC"}, {"field": "STARTED_AT", "direction": "ASC"}):
        seen, after, pages = [], None, 0
        while True:
            page = server.graphql(CALLS, {"filter": {"lineIds": [line["id"]]}, "orderBy": order, "first": 3, "after": after},
                                  token=admin)["data"]["calls"]
            assert page["totalCount"] == 4
            seen += [e["node"]["id"] for e in page["edges"]]
            pages += 1
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert pages == 2 and len(seen) == 4 and set(seen) == set(mine), order


# --- 8. calls on the client's timeline ----------------------------------------------------------

def test_calls_on_the_clients_timeline(server):
    admin = server.sign_in(ADMIN)
    line = make_line(server, admin)
    client = make_client(server, admin, MANAGER)
    t0 = base_time(35)
    missed = incoming_missed(server, line, client["phone"], t0)["callId"]
    received = incoming_answered(server, line, client["phone"], t0 + timedelta(minutes=1), "103", 65)["callId"]
    sent = outgoing_answered(server, line, client["phone"], t0 + timedelta(minutes=2), "103", 30)["callId"]
    manager = server.sign_in(MANAGER)
    items = server.graphql("""query($id: ID!) { node(id: $id) { ... on Client { timeline(filter: {kinds: [CALL]}) {
        totalCount edges { node { kind action occurredAt summary actor { kind user { email } } record { __typename ... on Call { id } } } } } } } }""",
                           {"id": client["id"]}, token=manager)["data"]["node"]["timeline"]
    assert items["totalCount"] == 3
    nodes = [e["node"] for e in items["edges"]]
    assert [(n["kind"], n["action"], n["record"]) for n in nodes] == [
        ("CALL", "SENT", {"__typename": "Call", "id": sent}),
        ("CALL", "RECEIVED", {"__typename": "Call", "id": received}),
        ("CALL", "MISSED", {"__typename": "Call", "id": missed})]
    assert [parse(n["occurredAt"]) for n in nodes] == [t0 + timedelta(minutes=2), t0 + timedelta(minutes=1), t0]
    assert nodes[0]["actor"] == {"kind": "USER", "user": {"email": MANAGER}}  # she made the outgoing call
    assert nodes[1]["actor"] is None and nodes[2]["actor"] is None
    assert client["phone"] in nodes[2]["summary"] and client["phone"] in nodes[1]["summary"]
    assert "1:05" in nodes[1]["summary"]  # the talk time


# --- 9. recordings ------------------------------------------------------------------------------

def test_a_recording_is_served_to_those_who_see_the_call(server):
    admin = server.sign_in(ADMIN)
    body = server.graphql('{ calls(first: 20, filter: {hasRecording: true}) { totalCount edges { node { id recordingUrl '
                          'user { email } client { owner { email } } } } } }', token=admin)
    calls = body["data"]["calls"]
    assert calls["totalCount"] > 0, body
    call = calls["edges"][0]["node"]
    assert call["recordingUrl"] == f"/calls/{call['id']}/recording"

    got = server.request("GET", call["recordingUrl"], headers={"Authorization": f"Bearer {admin}"})
    assert got.status == 200, got
    assert got.media_type == "audio/wav" and got.body[:4] == b"RIFF" and got.body[8:12] == b"WAVE"
    assert int(got.header("Content-Length")) == len(got.body)

    anonymous = server.request("GET", call["recordingUrl"])
    assert anonymous.status == 401 and b"RIFF" not in anonymous.body
    assert server.request("GET", call["recordingUrl"], headers={"Authorization": "Bearer not-a-token"}).status == 401

    involved = {call["user"] and call["user"]["email"], call["client"] and call["client"]["owner"] and call["client"]["owner"]["email"]}
    outsider = next(email for email in PLAIN_READERS if email not in involved)
    outsider_token = server.sign_in(outsider)
    assert server.graphql('query($id: ID!) { node(id: $id) { id } }', {"id": call["id"]}, token=outsider_token)["data"]["node"] is None
    hidden = server.request("GET", call["recordingUrl"], headers={"Authorization": f"Bearer {outsider_token}"})
    assert hidden.status == 404 and b"RIFF" not in hidden.body

    # A call without a recording, and an id that is no call, are 404 too.
    line = make_line(server, admin)
    plain = incoming_answered(server, line, fresh_mobile()[0], base_time(5), "103", 10)["callId"]
    assert get_call(server, admin, plain)["recordingUrl"] is None
    assert server.request("GET", f"/calls/{plain}/recording", headers={"Authorization": f"Bearer {admin}"}).status == 404
    assert server.request("GET", f"/calls/{global_id('Client', 1)}/recording", headers={"Authorization": f"Bearer {admin}"}).status == 404


# --- 10. inquiries and notes on calls -----------------------------------------------------------

def test_an_inquiry_registered_for_a_call(server):
    admin = server.sign_in(ADMIN)
    line = make_line(server, admin)
    phone = fresh_mobile()[0]
    client = make_client(server, admin, MANAGER, phone=phone)
    contact = make_contact(server, admin, client["id"], MANAGER, phone=phone)
    call_id = incoming_answered(server, line, phone, base_time(8), "103", 40)["callId"]
    manager = server.sign_in(MANAGER)
    made = server.graphql('mutation($input: CreateInquiryInput!) { createInquiry(input: $input) { '
                          'inquiry { id origin subject client { id } contact { id } call { id } } userErrors { field code } } }',
                          {"input": {"subject": "Не проходит оплата", "callId": call_id}}, token=manager)
    inquiry = ok(made, "createInquiry")["inquiry"]
    assert inquiry == {"id": inquiry["id"], "origin": "PHONE", "subject": "Не проходит оплата", "client": {"id": client["id"]},
                       "contact": {"id": contact}, "call": {"id": call_id}}
    back = server.graphql('query($id: ID!) { node(id: $id) { ... on Call { inquiry { id } } } }', {"id": call_id}, token=admin)
    assert back["data"]["node"] == {"inquiry": {"id": inquiry["id"]}}

    unknown = server.graphql('mutation($input: CreateInquiryInput!) { createInquiry(input: $input) { inquiry { id } userErrors { field code } } }',
                             {"input": {"subject": "x", "callId": global_id("Call", 987654321)}}, token=manager)["data"]["createInquiry"]
    assert unknown["inquiry"] is None and [(e["field"], e["code"]) for e in unknown["userErrors"]] == [(["input", "callId"], "NOT_FOUND")]


def test_notes_on_a_call(server):
    admin = server.sign_in(ADMIN)
    line = make_line(server, admin)
    client = make_client(server, admin, MANAGER)
    call_id = incoming_answered(server, line, client["phone"], base_time(6), "103", 25)["callId"]
    manager = server.sign_in(MANAGER)
    made = server.graphql('mutation($c: ID!) { createNote(input: {subject: {callId: $c}, body: "Просит счёт на март"}) { '
                          'note { id body subject { __typename ... on Call { id } } } userErrors { field code } } }',
                          {"c": call_id}, token=manager)
    note = ok(made, "createNote")["note"]
    assert note["subject"] == {"__typename": "Call", "id": call_id} and note["body"] == "Просит счёт на март"
    listed = server.graphql('query($id: ID!) { node(id: $id) { ... on Call { notes { totalCount edges { node { id body } } } files { totalCount } } } }',
                            {"id": call_id}, token=manager)["data"]["node"]
    assert listed == {"notes": {"totalCount": 1, "edges": [{"node": {"id": note["id"], "body": "Просит счёт на март"}}]},
                      "files": {"totalCount": 0}}
    # A colleague who does not see the call cannot note on it.
    refused = server.graphql('mutation($c: ID!) { createNote(input: {subject: {callId: $c}, body: "x"}) { note { id } userErrors { field code } } }',
                             {"c": call_id}, token=server.sign_in(OTHER_MANAGER))
    assert refused["data"]["createNote"] == {"note": None, "userErrors": [{"field": ["input", "subject"], "code": "NOT_FOUND"}]}
