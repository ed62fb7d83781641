"""Mango Office VPBX events at `/hooks/telephony/{lineId}/events/{kind}` of a MANGO line: form posts
of `vpbx_api_key`, `sign` (hex SHA-256 of key + json + the line's webhookSecret, the API salt) and
`json`; call legs (`events/call`) ring and answer the call, keyed by `entry_id`, and the summary
(`events/summary`) ends it with its talk time. Call control of a Mango line goes to Mango's
commands (a local stand-in), signed the same way and naming the call's newest leg."""

import hashlib
import json
import time
import urllib.parse
import uuid

import pytest

from stand_in import StandIn

from test_telephony import ADMIN, CALL, CREATE_LINE, MANAGER, TASKS, fresh_line_number, fresh_mobile, make_client, ok, unique

API_KEY = "e2e-vpbx-key"


def mango_line(server, admin, settings=None):
    salt = f"e2e-salt-{uuid.uuid4().hex}"
    e164, written = fresh_line_number()
    made = server.graphql(CREATE_LINE, {"input": {"name": unique("E2E Mango"), "number": written, "provider": "MANGO",
                                                  "settings": settings or {},
                                                  "credentials": {"webhookSecret": salt, "apiKey": API_KEY}}}, token=admin)
    return {**ok(made, "createPhoneLine")["phoneLine"], "salt": salt}


def post(server, line, kind, event, *, key=API_KEY, salt=None, sign=None):
    text = json.dumps(event, separators=(",", ":"))
    signature = sign or hashlib.sha256((key + text + (salt or line["salt"])).encode()).hexdigest()
    body = urllib.parse.urlencode({"vpbx_api_key": key, "sign": signature, "json": text}).encode()
    return server.request("POST", f"/hooks/telephony/{line['id']}/events/{kind}", body=body,
                          headers={"Content-Type": "application/x-www-form-urlencoded"})


def calls_of(server, token, line_id):
    edges = server.graphql('query($l: ID!) { calls(first: 50, filter: {lineIds: [$l]}) { totalCount edges { node { id providerCallId } } } }',
                           {"l": line_id}, token=token)["data"]["calls"]
    return edges


def call(server, token, line_id, entry_id):
    found = next(e["node"]["id"] for e in calls_of(server, token, line_id)["edges"] if e["node"]["providerCallId"] == entry_id)
    return server.graphql(CALL, {"id": found}, token=token)["data"]["node"]


def test_an_incoming_call_rings_is_answered_and_ends_with_its_summary(server):
    admin = server.sign_in(ADMIN)
    line = mango_line(server, admin)
    client = make_client(server, admin, MANAGER)
    caller, did = client["phone"].lstrip("+"), line["number"].lstrip("+")
    entry = f"e2e-{uuid.uuid4().hex}"
    now = int(time.time())
    appeared = {"entry_id": entry, "call_id": "leg-1", "timestamp": now, "seq": 1, "call_state": "Appeared", "location": "ivr",
                "from": {"number": caller}, "to": {"number": did, "line_number": did}}

    # Unsigned, signed with another salt, naming another API key, or changed after signing: refused, nothing stored.
    assert post(server, line, "call", appeared, sign="0" * 64).status == 401
    assert post(server, line, "call", appeared, salt="another salt").status == 401
    assert post(server, line, "call", appeared, key="another key").status == 401
    assert calls_of(server, admin, line["id"])["totalCount"] == 0
    # Mango posts to sub-paths only.
    bare = server.request("POST", f"/hooks/telephony/{line['id']}", body=b"json=%7B%7D",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert bare.status == 404

    answer = post(server, line, "call", appeared)
    assert (answer.status, answer.json()) == (200, {})
    assert post(server, line, "call", appeared).status == 200  # a repeated delivery changes nothing
    ringing = call(server, admin, line["id"], entry)
    assert (ringing["direction"], ringing["status"], ringing["provider"], ringing["from"], ringing["to"], ringing["client"]["id"]) == (
        "INCOMING", "RINGING", "MANGO", client["phone"], line["number"], client["id"])

    # The IVR picking up is no answer; the employee at extension 103 (the manager) picking up is.
    assert post(server, line, "call", {**appeared, "seq": 2, "call_state": "Connected"}).status == 200
    assert call(server, admin, line["id"], entry)["status"] == "RINGING"
    picked = {"entry_id": entry, "call_id": "leg-2", "timestamp": now + 12, "seq": 4, "call_state": "Connected", "location": "abonent",
              "from": {"number": caller}, "to": {"extension": "103", "line_number": did, "number": "sip:manager@vpbx.mangosip.ru"}}
    assert post(server, line, "call", picked).status == 200
    answered = call(server, admin, line["id"], entry)
    assert (answered["status"], answered["user"]["email"]) == ("ANSWERED", MANAGER)
    # A leg that ends (or is put on hold) does not end the call.
    assert post(server, line, "call", {**picked, "seq": 5, "call_state": "OnHold"}).status == 200
    assert post(server, line, "call", {**picked, "seq": 6, "call_state": "Disconnected"}).status == 200
    assert call(server, admin, line["id"], entry)["status"] == "ANSWERED"

    summary = {"entry_id": entry, "call_direction": 1, "from": {"number": caller}, "to": {"extension": "103"}, "line_number": did,
               "create_time": now, "forward_time": now + 5, "talk_time": now + 12, "end_time": now + 54, "entry_result": 1,
               "disconnect_reason": 1110}
    assert post(server, line, "summary", summary).status == 200
    ended = call(server, admin, line["id"], entry)
    assert (ended["status"], ended["durationSeconds"]) == ("ENDED", 42)
    # Other event kinds are acknowledged and kept nowhere; unknown ones get a reason.
    assert post(server, line, "recording", {"entry_id": entry, "recording_id": "r1"}).json() == {}
    unknown = post(server, line, "nonsense", appeared)
    assert unknown.status == 400 and "Unknown Mango Office event" in unknown.body.decode()


def test_a_call_nobody_answered_is_missed_and_gets_a_call_back(server):
    admin = server.sign_in(ADMIN)
    line = mango_line(server, admin)
    client = make_client(server, admin, MANAGER)
    caller, did = client["phone"].lstrip("+"), line["number"].lstrip("+")
    entry = f"e2e-{uuid.uuid4().hex}"
    now = int(time.time())
    assert post(server, line, "call", {"entry_id": entry, "timestamp": now, "seq": 1, "call_state": "Appeared", "location": "queue",
                                       "from": {"number": caller}, "to": {"line_number": did}}).status == 200
    summary = {"entry_id": entry, "call_direction": 1, "from": {"number": caller}, "to": {}, "line_number": did, "create_time": now,
               "forward_time": 0, "talk_time": 0, "end_time": now + 30, "entry_result": 0, "disconnect_reason": 1100}
    assert post(server, line, "summary", summary).status == 200
    missed = call(server, admin, line["id"], entry)
    assert (missed["status"], missed["durationSeconds"]) == ("MISSED", 0)
    tasks = server.graphql(TASKS, {"filter": {"clientIds": [client["id"]]}}, token=admin)["data"]["tasks"]
    assert tasks["totalCount"] == 1 and tasks["edges"][0]["node"]["assignee"] == {"email": MANAGER}


def test_an_outgoing_call_from_an_extension(server):
    admin = server.sign_in(ADMIN)
    line = mango_line(server, admin)
    number, _ = fresh_mobile()
    entry = f"e2e-out-{uuid.uuid4().hex}"
    now = int(time.time())
    appeared = {"entry_id": entry, "timestamp": now, "seq": 1, "call_state": "Appeared", "location": "abonent",
                "from": {"extension": "103", "number": "sip:manager@vpbx.mangosip.ru"}, "to": {"number": number.lstrip("+")}}
    assert post(server, line, "call", appeared).status == 200
    assert post(server, line, "call", {**appeared, "seq": 2, "timestamp": now + 4, "call_state": "Connected"}).status == 200
    summary = {"entry_id": entry, "call_direction": 2, "from": {"extension": "103"}, "to": {"number": number.lstrip("+")},
               "create_time": now, "forward_time": now, "talk_time": now + 4, "end_time": now + 69, "entry_result": 1}
    assert post(server, line, "summary", summary).status == 200
    made = call(server, admin, line["id"], entry)
    assert (made["direction"], made["status"], made["to"], made["fromExtension"], made["durationSeconds"], made["user"]["email"]) == (
        "OUTGOING", "ENDED", number, "103", 65, MANAGER)


CONTROL = {
    "answer": 'mutation($i: AnswerCallInput!) { answerCall(input: $i) { userErrors { code message } } }',
    "transfer": 'mutation($i: TransferCallInput!) { transferCall(input: $i) { userErrors { code message } } }',
    "hangup": 'mutation($i: HangUpCallInput!) { hangUpCall(input: $i) { userErrors { code message } } }',
}


@pytest.fixture
def vpbx():
    """Mango's command API: answers {"result": 1000}, or a refusal when told."""
    holder = {"refuse": False}
    stand_in = StandIn(lambda path, raw: (200, {"result": 4001, "message": "call not found"} if holder["refuse"] else {"result": 1000}))
    stand_in.holder = holder
    yield stand_in
    stand_in.stop()


def control(server, token, name, given):
    """The userErrors of a call-control mutation."""
    body = server.graphql(CONTROL[name], {"i": given}, token=token)
    assert "errors" not in body, body
    return body["data"][{"answer": "answerCall", "transfer": "transferCall", "hangup": "hangUpCall"}[name]]["userErrors"]


def commands(vpbx, line):
    """(path, json) of each command, after checking its form and signature."""
    seen = []
    for path, headers, raw in vpbx.requests:
        form = dict(urllib.parse.parse_qsl(raw.decode()))
        assert headers["Content-Type"] == "application/x-www-form-urlencoded"
        assert form["vpbx_api_key"] == API_KEY
        assert form["sign"] == hashlib.sha256((API_KEY + form["json"] + line["salt"]).encode()).hexdigest()
        seen.append((path, json.loads(form["json"])))
    return seen


def test_the_console_controls_a_mango_call_through_its_commands(server, vpbx):
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    line = mango_line(server, admin, settings={"apiBaseUrl": vpbx.url})
    caller, did = fresh_mobile()[0].lstrip("+"), line["number"].lstrip("+")
    entry = f"e2e-{uuid.uuid4().hex}"
    now = int(time.time())
    appeared = {"entry_id": entry, "call_id": "leg-ivr", "timestamp": now, "seq": 1, "call_state": "Appeared", "location": "ivr",
                "from": {"number": caller}, "to": {"number": did, "line_number": did}}
    assert post(server, line, "call", appeared).status == 200
    call_id = call(server, admin, line["id"], entry)["id"]

    # Answering on the manager's extension routes the ringing leg there.
    assert control(server, manager, "answer", {"id": call_id}) == []
    (path, sent), = commands(vpbx, line)
    assert path == "/commands/route"
    assert (sent["call_id"], sent["to_number"]) == ("leg-ivr", "103") and sent["command_id"]

    # Once the manager is connected, a transfer and a hang-up name that leg.
    picked = {**appeared, "call_id": "leg-103", "seq": 3, "call_state": "Connected", "location": "abonent",
              "to": {"extension": "103", "line_number": did}}
    assert post(server, line, "call", picked).status == 200
    assert control(server, manager, "transfer", {"id": call_id, "to": {"extension": "104"}}) == []
    assert control(server, manager, "transfer", {"id": call_id, "to": {"phoneNumber": "+7 916 123-45-67"}}) == []
    assert control(server, manager, "hangup", {"id": call_id}) == []
    sent = commands(vpbx, line)
    assert [(p, j["call_id"]) for p, j in sent[1:]] == [("/commands/transfer", "leg-103"), ("/commands/transfer", "leg-103"),
                                                        ("/commands/call/hangup", "leg-103")]
    assert {k: sent[1][1][k] for k in ("method", "to_number", "initiator")} == {"method": "blind", "to_number": "104", "initiator": "103"}
    assert sent[2][1]["to_number"] == "79161234567"
    assert len({j["command_id"] for _, j in sent}) == len(sent)  # each command its own id

    # Mango refusing is EXTERNAL_FAILURE with its words.
    vpbx.holder["refuse"] = True
    refused = control(server, manager, "hangup", {"id": call_id})
    assert refused[0]["code"] == "EXTERNAL_FAILURE" and "4001" in refused[0]["message"] and "call not found" in refused[0]["message"]

    # Mango reports the end; the manager is no longer on a call (other tests count on it).
    summary = {"entry_id": entry, "call_direction": 1, "from": {"number": caller}, "to": {"extension": "103"}, "line_number": did,
               "create_time": now, "talk_time": now + 5, "end_time": now + 30, "entry_result": 1}
    assert post(server, line, "summary", summary).status == 200
    assert call(server, admin, line["id"], entry)["status"] == "ENDED"


def test_a_mango_line_without_its_api_key_cannot_control_calls(server, vpbx):
    admin = server.sign_in(ADMIN)
    salt = f"e2e-salt-{uuid.uuid4().hex}"
    e164, written = fresh_line_number()
    line = ok(server.graphql(CREATE_LINE, {"input": {"name": unique("E2E Mango keyless"), "number": written, "provider": "MANGO",
                                                     "settings": {"apiBaseUrl": vpbx.url}, "credentials": {"webhookSecret": salt}}},
                             token=admin), "createPhoneLine")["phoneLine"]
    line["salt"] = salt
    entry = f"e2e-{uuid.uuid4().hex}"
    event = {"entry_id": entry, "call_id": "leg-1", "timestamp": int(time.time()), "seq": 1, "call_state": "Appeared", "location": "ivr",
             "from": {"number": fresh_mobile()[0].lstrip("+")}, "to": {"number": line["number"].lstrip("+")}}
    assert post(server, line, "call", event, key="any key").status == 200  # no apiKey on the line: any key's events are taken
    refused = control(server, admin, "hangup", {"id": call(server, admin, line["id"], entry)["id"]})
    assert refused[0]["code"] == "EXTERNAL_FAILURE" and "apiKey" in refused[0]["message"]
    assert vpbx.requests == []
