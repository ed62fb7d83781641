"""The incoming call pop-up: a ringing webhook posted by the test makes the caller's card appear
(name, company, owner, open deal) within a second or so; answer, transfer and hang up reach the
PBX stand-in; the card follows the call to its end; an unknown number is registered as a client
in one click and the call linked to it."""

import hashlib
import hmac
import json
import time
import uuid

import pytest

from browser_helpers import eventually, ok, unique, user_ids
from e2e_support import MANAGER_EMAIL
from stand_ins import PBX

WEBHOOK_SECRET = "browser-pbx-webhook"
OTHER_MANAGER = "grigory.popov@switchboard.test"


@pytest.fixture
def pbx():
    stand_in = PBX()
    yield stand_in
    stand_in.stop()


def fresh_phone(prefix="+7916"):
    return prefix + str(uuid.uuid4().int % 10_000_000).zfill(7)


def make_line(server, admin_token, pbx, members):
    """A GENERIC line whose call control goes to the PBX stand-in, ringing a queue of `members`."""
    ids = user_ids(server, admin_token)
    queue = ok(server.graphql('mutation($i: CreateCallQueueInput!) { createCallQueue(input: $i) { callQueue { id } userErrors { code } } }',
                              {"i": {"name": unique("Browser queue"), "memberIds": [ids[m] for m in members]}}, token=admin_token),
               "createCallQueue")["callQueue"]
    number = "+7495" + str(uuid.uuid4().int % 10_000_000).zfill(7)
    line = ok(server.graphql('mutation($i: CreatePhoneLineInput!) { createPhoneLine(input: $i) { phoneLine { id number } userErrors { code } } }',
                             {"i": {"name": unique("Browser line"), "number": number, "provider": "GENERIC", "queueId": queue["id"],
                                    "settings": {"apiBaseUrl": pbx.url},
                                    "credentials": {"webhookSecret": WEBHOOK_SECRET, "apiSecret": "browser-pbx-api"}}}, token=admin_token),
              "createPhoneLine")["phoneLine"]
    return line


def post_event(server, line, **fields):
    body = json.dumps(fields).encode()
    signature = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    answer = server.request("POST", f"/hooks/telephony/{line['id']}", body=body,
                            headers={"Content-Type": "application/json", "X-Switchboard-Signature": signature})
    assert answer.status == 200, answer
    return answer.json()["callId"]


def test_a_ringing_call_pops_up_the_callers_card(console, server, admin_token, pbx):
    manager = server.sign_in(MANAGER_EMAIL)
    line = make_line(server, admin_token, pbx, [MANAGER_EMAIL])
    phone = fresh_phone()
    company = unique("ООО Звонок")
    ids = user_ids(server, admin_token)
    client = ok(server.graphql('mutation($i: CreateClientInput!) { createClient(input: $i) { client { id } userErrors { code } } }',
                               {"i": {"kind": "ORGANISATION", "name": company, "ownerId": ids[MANAGER_EMAIL],
                                      "phones": [{"number": phone, "kind": "WORK"}]}}, token=manager), "createClient")["client"]
    pipeline = server.graphql('{ pipelines(first: 1) { edges { node { id } } } }', token=manager)["data"]["pipelines"]["edges"][0]["node"]
    deal_title = unique("Поставка")
    ok(server.graphql('mutation($i: CreateDealInput!) { createDeal(input: $i) { deal { id } userErrors { code } } }',
                      {"i": {"title": deal_title, "pipelineId": pipeline["id"], "clientId": client["id"], "amount": "150000"}},
                      token=manager), "createDeal")

    console.sign_in(MANAGER_EMAIL)
    provider_id = f"browser-{uuid.uuid4().hex}"
    posted = time.monotonic()
    call_id = post_event(server, line, event="ringing", callId=provider_id, **{"from": phone}, to=line["number"])
    card = console.wait_text(".call-card", company, timeout=5)
    shown_after = time.monotonic() - posted
    print(f"pop-up shown {shown_after:.2f}s after the webhook was posted")
    assert shown_after < 1.0, f"the pop-up took {shown_after:.2f}s"
    assert card.get_attribute("data-status") == "RINGING"
    assert card.find_element("css selector", ".caller-owner").text == "Виктория Кузнецова"
    assert company in card.find_element("css selector", ".caller-company").text
    assert deal_title in card.find_element("css selector", ".caller-deals").text
    assert "open deals (1)" in card.text.lower()
    console.screenshot("incoming-call")

    # Answer: the PBX is asked to take the call at the manager's extension.
    card.find_element("css selector", ".call-answer").click()
    eventually(lambda: f"/calls/{provider_id}/answer" in pbx.paths(), message="the PBX was never asked to answer")
    assert pbx.calls[-1][1] == {"extension": "103"}
    post_event(server, line, event="answered", callId=provider_id, extension="103")
    console.wait_until(lambda: console.find(f'.call-card[data-call-id="{call_id}"]').get_attribute("data-status") == "ANSWERED")

    # Transfer to a colleague, then hang up.
    console.find(f'.call-card[data-call-id="{call_id}"] .call-transfer').click()
    colleague = user_ids(server, admin_token)[OTHER_MANAGER]
    console.wait_until(lambda: console.find_all(f'.transfer-user option[value="{colleague}"]'))
    console.driver.execute_script("const s = document.querySelector('.transfer-user'); s.value = arguments[0];", colleague)
    console.find(".transfer-form button[type=submit]").click()
    eventually(lambda: f"/calls/{provider_id}/transfer" in pbx.paths(), message="the PBX was never asked to transfer")
    assert pbx.calls[-1][1] == {"extension": "104"}
    console.wait_until(lambda: not console.find(f'.call-card[data-call-id="{call_id}"] .call-hang-up').get_attribute("disabled"))
    console.find(f'.call-card[data-call-id="{call_id}"] .call-hang-up').click()
    eventually(lambda: f"/calls/{provider_id}/hangup" in pbx.paths(), message="the PBX was never asked to hang up")

    # The PBX reports the end: the card says so, then goes.
    post_event(server, line, event="ended", callId=provider_id, durationSeconds=42)
    console.wait_until(lambda: not console.find_all(f'.call-card[data-call-id="{call_id}"]'), timeout=10)


def test_an_unknown_number_is_registered_in_one_click(console, server, admin_token, pbx):
    line = make_line(server, admin_token, pbx, [MANAGER_EMAIL])
    phone = fresh_phone("+7925")
    console.sign_in(MANAGER_EMAIL)
    provider_id = f"browser-{uuid.uuid4().hex}"
    call_id = post_event(server, line, event="ringing", callId=provider_id, **{"from": phone}, to=line["number"])
    card = console.wait_text(".call-card", "Unknown number", timeout=5)
    assert phone in card.text
    console.screenshot("incoming-call-unknown")
    card.find_element("css selector", ".register-client").click()
    console.wait_text(f'.call-card[data-call-id="{call_id}"] .caller-name', phone)

    manager = server.sign_in(MANAGER_EMAIL)
    found = server.graphql('query($p: String!) { client(by: {phone: $p}) { id name phones { number } owner { email } } }',
                           {"p": phone}, token=manager)["data"]["client"]
    assert found and found["phones"] == [{"number": phone}] and found["owner"] == {"email": MANAGER_EMAIL}
    call = server.graphql('query($id: ID!) { node(id: $id) { ... on Call { client { id } } } }', {"id": call_id}, token=manager)
    assert call["data"]["node"]["client"] == {"id": found["id"]}
    post_event(server, line, event="ended", callId=provider_id)
    console.wait_until(lambda: not console.find_all(f'.call-card[data-call-id="{call_id}"]'), timeout=10)
