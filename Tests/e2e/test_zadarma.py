"""Zadarma's PBX notifications at `/hooks/telephony/{lineId}` of a ZADARMA line: the URL check
(`GET ?zd_echo=X` answers `X`), form-encoded `NOTIFY_*` events signed in the `Signature` header
(base64 of the hex HMAC-SHA1 of the event's signed fields, keyed with the line's webhookSecret),
calls made from them, and the answer to `NOTIFY_START` steering the call (`redirect`) to the
extension of the user the call is routed to."""

import base64
import hashlib
import hmac
import time
import urllib.parse
import uuid

from live_support import online
from test_telephony import (ADMIN, CALL, MANAGER, TASKS, fresh_mobile, make_client, make_line, row_id)

SIGNED = {
    "NOTIFY_START": ("caller_id", "called_did", "call_start"),
    "NOTIFY_END": ("caller_id", "called_did", "call_start"),
    "NOTIFY_ANSWER": ("caller_id", "destination", "call_start"),
    "NOTIFY_OUT_START": ("internal", "destination", "call_start"),
    "NOTIFY_OUT_END": ("internal", "destination", "call_start"),
    "NOTIFY_RECORD": ("pbx_call_id", "call_id_with_rec"),
}


def signature(fields, secret, raw=False):
    data = "".join(fields.get(k, "") for k in SIGNED[fields["event"]]).encode()
    digest = hmac.new(secret.encode(), data, hashlib.sha1)
    return base64.b64encode(digest.digest() if raw else digest.hexdigest().encode()).decode()


def notify(server, line, fields, *, sign=True, **options):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if sign:
        headers["Signature"] = signature(fields, line["secret"], **options) if sign is True else sign
    return server.request("POST", f"/hooks/telephony/{line['id']}", body=urllib.parse.urlencode(fields).encode(), headers=headers)


def zadarma_line(server, admin):
    return make_line(server, admin, provider="ZADARMA")


def call_by_provider_id(server, token, line_id, call_id):
    edges = server.graphql('query($l: ID!) { calls(first: 50, filter: {lineIds: [$l]}) { edges { node { id providerCallId } } } }',
                           {"l": line_id}, token=token)["data"]["calls"]["edges"]
    found = next(e["node"]["id"] for e in edges if e["node"]["providerCallId"] == call_id)
    return server.graphql(CALL, {"id": found}, token=token)["data"]["node"]


def test_the_url_check_echoes_for_zadarma_lines_only(server):
    admin = server.sign_in(ADMIN)
    line = zadarma_line(server, admin)
    echo = server.request("GET", f"/hooks/telephony/{line['id']}?zd_echo=abc123")
    assert (echo.status, echo.body) == (200, b"abc123")
    assert echo.media_type == "text/plain"
    assert server.request("GET", f"/hooks/telephony/{line['id']}").status == 405
    generic = make_line(server, admin)
    assert server.request("GET", f"/hooks/telephony/{generic['id']}?zd_echo=abc").status == 400
    assert server.request("GET", "/hooks/telephony/UGhvbmVMaW5lOjk5OTk5OQ?zd_echo=abc").status == 404


def test_an_incoming_call_is_steered_to_the_online_owner_and_recorded(server):
    admin = server.sign_in(ADMIN)
    line = zadarma_line(server, admin)
    client = make_client(server, admin, MANAGER)
    caller = client["phone"].lstrip("+")  # Zadarma writes numbers without the plus
    did = line["number"].lstrip("+")
    call_id = f"in_{uuid.uuid4().hex}"
    start = {"event": "NOTIFY_START", "call_start": time.strftime("%Y-%m-%d %H:%M:%S"), "pbx_call_id": call_id,
             "caller_id": caller, "called_did": did}

    # Unsigned, mis-signed or signed over other fields: refused, nothing stored.
    assert notify(server, line, start, sign=False).status == 401
    assert notify(server, line, start, sign="bm9wZQ==").status == 401
    assert notify(server, line, {**start, "caller_id": "79990000000"}, sign=signature(start, line["secret"])).status == 401
    edges = server.graphql('query($l: ID!) { calls(filter: {lineIds: [$l]}) { totalCount } }', {"l": line["id"]}, token=admin)
    assert edges["data"]["calls"]["totalCount"] == 0

    manager = server.sign_in(MANAGER)
    with online(server, manager):
        answer = notify(server, line, start)
        assert answer.status == 200 and answer.json() == {"redirect": "103"}  # the owner's extension
        # A repeated delivery changes nothing and steers the same way.
        assert notify(server, line, start).json() == {"redirect": "103"}

    call = call_by_provider_id(server, admin, line["id"], call_id)
    assert (call["direction"], call["status"], call["provider"], call["from"], call["to"], call["client"]["id"]) == (
        "INCOMING", "RINGING", "ZADARMA", client["phone"], line["number"], client["id"])

    answered = {"event": "NOTIFY_ANSWER", "call_start": start["call_start"], "pbx_call_id": call_id, "caller_id": caller,
                "destination": "103"}
    assert notify(server, line, answered).json() == {}
    end = {**start, "event": "NOTIFY_END", "internal": "103", "duration": "42", "disposition": "answered", "status_code": "16",
           "is_recorded": "0"}
    assert notify(server, line, end).status == 200
    call = call_by_provider_id(server, admin, line["id"], call_id)
    assert (call["status"], call["durationSeconds"], call["user"]["email"]) == ("ENDED", 42, MANAGER)
    # The raw-digest form of the signature is accepted too; the event changes nothing now.
    assert notify(server, line, end, raw=True).status == 200
    # Recording notices and IVR steps are acknowledged and kept nowhere.
    record = {"event": "NOTIFY_RECORD", "pbx_call_id": call_id, "call_id_with_rec": "1234.567"}
    assert notify(server, line, record).json() == {}


def test_a_call_nobody_can_take_is_not_steered_and_a_missed_one_gets_a_call_back(server):
    admin = server.sign_in(ADMIN)
    line = zadarma_line(server, admin)
    client = make_client(server, admin, MANAGER)  # the owner is offline
    caller, did = client["phone"].lstrip("+"), line["number"].lstrip("+")
    call_id = f"in_{uuid.uuid4().hex}"
    start = {"event": "NOTIFY_START", "call_start": time.strftime("%Y-%m-%d %H:%M:%S"), "pbx_call_id": call_id,
             "caller_id": caller, "called_did": did}
    assert notify(server, line, start).json() == {}
    end = {**start, "event": "NOTIFY_END", "duration": "0", "disposition": "no answer", "status_code": "19", "is_recorded": "0"}
    assert notify(server, line, end).status == 200
    call = call_by_provider_id(server, admin, line["id"], call_id)
    assert call["status"] == "MISSED"
    tasks = server.graphql(TASKS, {"filter": {"clientIds": [client["id"]]}}, token=admin)["data"]["tasks"]
    assert tasks["totalCount"] == 1 and tasks["edges"][0]["node"]["assignee"] == {"email": MANAGER}


def test_an_outgoing_call_from_an_extension(server):
    admin = server.sign_in(ADMIN)
    line = zadarma_line(server, admin)
    number, _ = fresh_mobile()
    call_id = f"out_{uuid.uuid4().hex}"
    out = {"event": "NOTIFY_OUT_START", "call_start": time.strftime("%Y-%m-%d %H:%M:%S"), "pbx_call_id": call_id,
           "internal": "103", "destination": number.lstrip("+")}
    assert notify(server, line, out).status == 200
    end = {**out, "event": "NOTIFY_OUT_END", "duration": "65", "disposition": "answered", "status_code": "16", "is_recorded": "0"}
    assert notify(server, line, end).status == 200
    call = call_by_provider_id(server, admin, line["id"], call_id)
    assert (call["direction"], call["status"], call["to"], call["fromExtension"], call["durationSeconds"], call["user"]["email"]) == (
        "OUTGOING", "ENDED", number, "103", 65, MANAGER)
    assert row_id(call["id"]) > 0


def test_bad_notifications_get_a_reason(server):
    admin = server.sign_in(ADMIN)
    line = zadarma_line(server, admin)
    unknown = {"event": "NOTIFY_SOMETHING", "pbx_call_id": "x"}
    answer = server.request("POST", f"/hooks/telephony/{line['id']}", body=urllib.parse.urlencode(unknown).encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded", "Signature": "eA=="})
    assert answer.status == 401  # no signature scheme for an unknown event: it cannot be verified
    bad_number = {"event": "NOTIFY_START", "call_start": "2026-11-29 10:00:00", "pbx_call_id": "p1", "caller_id": "7916abc12345", "called_did": "74950000000"}
    answer = notify(server, line, bad_number)
    assert answer.status == 400 and "caller_id" in answer.json()["error"]
