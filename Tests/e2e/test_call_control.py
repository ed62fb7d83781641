"""Call control from the console: answerCall, transferCall and hangUpCall ask the line's PBX,
through its HTTP API (a local stand-in here), to do it; a refusal is EXTERNAL_FAILURE, and a call
in the wrong state is refused before the PBX is asked."""

import hashlib
import hmac
import json
import uuid

import pytest

from stand_in import StandIn

ADMIN = "anna.smirnova@switchboard.test"
MANAGER = "victoria.kuznetsova@switchboard.test"
COLLEAGUE = "grigory.popov@switchboard.test"
SECRET = "e2e-pbx-webhook"
API_SECRET = "e2e-pbx-api"


class PBX(StandIn):
    """A stand-in of a PBX's HTTP API: records commands; refuses when told."""

    def __init__(self):
        self.refuse = False
        super().__init__(lambda path, raw: (409, b"call already gone") if self.refuse else (200, b"ok"))

    @property
    def calls(self):
        """(path, JSON body, Authorization) of each command."""
        return [(path, json.loads(raw or b"{}"), headers.get("Authorization")) for path, headers, raw in self.requests]


@pytest.fixture
def pbx():
    stand_in = PBX()
    yield stand_in
    stand_in.stop()


def ok(body, field):
    assert not body.get("errors"), body
    return body["data"][field]


def deliver(server, line_id, **fields):
    body = json.dumps(fields).encode()
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    answer = server.request("POST", f"/hooks/telephony/{line_id}", body=body,
                            headers={"Content-Type": "application/json", "X-Switchboard-Signature": signature})
    assert answer.status == 200, answer
    return answer.json()["callId"]


CONTROL = {
    "answer": 'mutation($i: AnswerCallInput!) { answerCall(input: $i) { call { id status } userErrors { field code message } } }',
    "transfer": 'mutation($i: TransferCallInput!) { transferCall(input: $i) { call { id } userErrors { field code message } } }',
    "hangup": 'mutation($i: HangUpCallInput!) { hangUpCall(input: $i) { call { id } userErrors { field code message } } }',
}


def test_the_console_controls_calls_through_the_pbx(server, pbx):
    admin = server.sign_in(ADMIN)
    token = server.sign_in(MANAGER)
    number = "+7499" + str(uuid.uuid4().int % 10_000_000).zfill(7)
    line = ok(server.graphql('mutation($i: CreatePhoneLineInput!) { createPhoneLine(input: $i) { phoneLine { id } userErrors { code } } }',
                             {"i": {"name": "E2E controlled line", "number": number, "provider": "GENERIC", "settings": {"apiBaseUrl": pbx.url},
                                    "credentials": {"webhookSecret": SECRET, "apiSecret": API_SECRET}}}, token=admin), "createPhoneLine")["phoneLine"]
    provider_id = f"e2e-ctl-{uuid.uuid4().hex}"
    call = deliver(server, line["id"], event="ringing", callId=provider_id, **{"from": "+79990001122"}, to=number)

    answered = ok(server.graphql(CONTROL["answer"], {"i": {"id": call}}, token=token), "answerCall")
    assert answered["userErrors"] == []
    assert pbx.calls[-1] == (f"/calls/{provider_id}/answer", {"extension": "103"}, f"Bearer {API_SECRET}")
    users = server.graphql('{ users(first: 100) { edges { node { id email } } } }', token=token)["data"]["users"]["edges"]
    colleague = next(u["node"]["id"] for u in users if u["node"]["email"] == COLLEAGUE)
    ok(server.graphql(CONTROL["transfer"], {"i": {"id": call, "to": {"userId": colleague}}}, token=token), "transferCall")
    assert pbx.calls[-1][:2] == (f"/calls/{provider_id}/transfer", {"extension": "104"})
    ok(server.graphql(CONTROL["transfer"], {"i": {"id": call, "to": {"phoneNumber": "8 (916) 123-45-67"}}}, token=token), "transferCall")
    assert pbx.calls[-1][:2] == (f"/calls/{provider_id}/transfer", {"number": "+79161234567"})
    bad = ok(server.graphql(CONTROL["transfer"], {"i": {"id": call, "to": {"phoneNumber": "12ab"}}}, token=token), "transferCall")
    assert [e["code"] for e in bad["userErrors"]] == ["INVALID_PHONE"]

    # The PBX refusing is EXTERNAL_FAILURE with its words.
    pbx.refuse = True
    refused = ok(server.graphql(CONTROL["hangup"], {"i": {"id": call}}, token=token), "hangUpCall")
    assert refused["userErrors"][0]["code"] == "EXTERNAL_FAILURE" and "call already gone" in refused["userErrors"][0]["message"]
    pbx.refuse = False
    ok(server.graphql(CONTROL["hangup"], {"i": {"id": call}}, token=token), "hangUpCall")
    assert pbx.calls[-1][:2] == (f"/calls/{provider_id}/hangup", {})

    # Once the PBX reports the call answered, it cannot be answered again; once ended, nothing.
    deliver(server, line["id"], event="answered", callId=provider_id, extension="103")
    again = ok(server.graphql(CONTROL["answer"], {"i": {"id": call}}, token=token), "answerCall")
    assert [e["code"] for e in again["userErrors"]] == ["INVALID_STATE"]
    deliver(server, line["id"], event="ended", callId=provider_id, durationSeconds=30)
    asked = len(pbx.calls)
    over = ok(server.graphql(CONTROL["hangup"], {"i": {"id": call}}, token=token), "hangUpCall")
    assert [e["code"] for e in over["userErrors"]] == ["INVALID_STATE"] and len(pbx.calls) == asked
