"""VK and Viber in and out. VK's Callback API at `/hooks/vk/{accountId}`: the `confirmation`
handshake answered with the account's confirmation code, every event checked by its `secret`,
`message_new` stored once, everything answered `ok`; replies go out with `messages.send` (a form,
with a `random_id` that stays the same when a try is repeated). Viber at `/hooks/viber/{accountId}`:
callbacks signed with `X-Viber-Content-Signature`, messages stored once, `delivered` and `seen`
receipts moving our messages' status; replies go out with `send_message`. Both services are
local stand-ins."""

import hashlib
import hmac
import json
import random
import time
import urllib.parse
import uuid

import pytest

from live_support import online
from stand_in import StandIn, wait_for

ADMIN = "anna.smirnova@switchboard.test"
OPERATOR = "zhanna.kozlova@switchboard.test"
MESSAGE = "id text direction deliveryStatus failureReason externalId"


def ok(body, field):
    assert not body.get("errors"), body
    payload = body["data"][field]
    assert payload.get("userErrors", []) == [], payload
    return payload


def channel_with_account(server, admin, kind, settings, credentials):
    users = server.graphql('{ users(first: 100) { edges { node { id email } } } }', token=admin)["data"]["users"]["edges"]
    operator = next(e["node"]["id"] for e in users if e["node"]["email"] == OPERATOR)
    channel = ok(server.graphql('mutation($i: CreateChannelInput!) { createChannel(input: $i) { channel { id } userErrors { code } } }',
                                {"i": {"name": f"E2E {kind} {uuid.uuid4().hex[:6]}", "kind": kind, "operatorIds": [operator]}},
                                token=admin), "createChannel")["channel"]
    account = ok(server.graphql('mutation($i: CreateChannelAccountInput!) { createChannelAccount(input: $i) { channelAccount { id webhookUrl } userErrors { code } } }',
                                {"i": {"channelId": channel["id"], "name": f"E2E {kind} bot", "settings": settings, "credentials": credentials}},
                                token=admin), "createChannelAccount")["channelAccount"]
    return channel["id"], account


def dialogue_in(server, token, channel_id):
    found = server.graphql('query($c: ID!) { dialogues(filter: {channelIds: [$c]}) { edges { node { id externalId party { name handle } '
                           'assignee { email } messages(last: 10) { edges { node { %s } } } } } } }' % MESSAGE, {"c": channel_id}, token=token)
    edges = found["data"]["dialogues"]["edges"]
    return edges[0]["node"] if edges else None


def message_status(server, token, message_id):
    return server.graphql('query($id: ID!) { node(id: $id) { ... on Message { %s } } }' % MESSAGE, {"id": message_id}, token=token)["data"]["node"]



def reply(server, token, dialogue_id, text):
    return ok(server.graphql('mutation($d: ID!, $t: String!) { sendMessage(input: {dialogueId: $d, text: $t}) { message { id } userErrors { code } } }',
                             {"d": dialogue_id, "t": text}, token=token), "sendMessage")["message"]


# --- VK -------------------------------------------------------------------------------------------

VK_SECRET = "e2e-vk-secret"
VK_GROUP = 218000111


@pytest.fixture
def vk_api():
    state = {"fail_once": set()}

    def respond(path, raw):
        form = dict(urllib.parse.parse_qsl(raw.decode()))
        if form.get("message") in state["fail_once"]:
            state["fail_once"].discard(form["message"])
            return 200, {"error": {"error_code": 10, "error_msg": "Internal server error"}}
        if form.get("message", "").startswith("forbidden"):
            return 200, {"error": {"error_code": 901, "error_msg": "Can't send messages for users without permission"}}
        return 200, {"response": 7000 + len(api.requests)}

    api = StandIn(respond)
    api.fail_once = state["fail_once"]
    yield api
    api.stop()


def vk_event(server, account_id, payload):
    return server.request("POST", f"/hooks/vk/{account_id}", body=json.dumps(payload, ensure_ascii=False).encode(),
                          headers={"Content-Type": "application/json"})


def vk_message(peer, message_id, text, secret=VK_SECRET):
    return {"type": "message_new", "group_id": VK_GROUP, "event_id": uuid.uuid4().hex, "v": "5.199", "secret": secret,
            "object": {"message": {"id": message_id, "date": int(time.time()), "peer_id": peer, "from_id": peer, "text": text,
                                   "conversation_message_id": message_id, "attachments": []},
                       "client_info": {"keyboard": True}}}


def test_vk_confirmation_messages_and_replies(server, vk_api):
    admin, operator = server.sign_in(ADMIN), server.sign_in(OPERATOR)
    channel, account = channel_with_account(server, admin, "VK", {"apiBaseUrl": vk_api.url, "groupId": VK_GROUP},
                                            {"accessToken": "vk1.a.token", "webhookSecret": VK_SECRET, "confirmationCode": "a1b2c3d4"})
    assert account["webhookUrl"].endswith(f"/hooks/vk/{account['id']}")

    confirmation = vk_event(server, account["id"], {"type": "confirmation", "group_id": VK_GROUP, "secret": VK_SECRET})
    assert (confirmation.status, confirmation.body, confirmation.media_type) == (200, b"a1b2c3d4", "text/plain")
    assert vk_event(server, account["id"], {"type": "confirmation", "group_id": 1, "secret": VK_SECRET}).status == 403

    peer = random.randint(10**6, 10**8)
    assert vk_event(server, account["id"], vk_message(peer, 11, "Привет", secret="wrong")).status == 401
    assert vk_event(server, account["id"], {**vk_message(peer, 11, "Привет"), "secret": None}).status == 401
    assert dialogue_in(server, admin, channel) is None

    with online(server, operator):
        first = vk_event(server, account["id"], vk_message(peer, 11, "Здравствуйте, есть доставка?"))
    assert (first.status, first.body) == (200, b"ok")
    assert vk_event(server, account["id"], vk_message(peer, 11, "Здравствуйте, есть доставка?")).body == b"ok"  # stored once
    assert vk_event(server, account["id"], {"type": "group_join", "group_id": VK_GROUP, "secret": VK_SECRET, "object": {}}).body == b"ok"
    dialogue = dialogue_in(server, operator, channel)
    assert (dialogue["externalId"], dialogue["party"]["handle"], dialogue["assignee"]) == (str(peer), f"id{peer}", {"email": OPERATOR})
    assert [m["node"]["text"] for m in dialogue["messages"]["edges"]] == ["Здравствуйте, есть доставка?"]

    # A reply goes out with messages.send; VK's own error is retried with the same random_id.
    vk_api.fail_once.add("Да, по всей России")
    sent = reply(server, operator, dialogue["id"], "Да, по всей России")
    done = wait_for(lambda: (m := message_status(server, operator, sent["id"]))["deliveryStatus"] == "SENT" and m, seconds=15)
    assert done and done["externalId"].startswith(f"{peer}:")
    tries = [dict(urllib.parse.parse_qsl(raw.decode())) for path, _, raw in vk_api.requests if path == "/method/messages.send"]
    tries = [t for t in tries if t["message"] == "Да, по всей России"]
    assert len(tries) == 2 and tries[0]["random_id"] == tries[1]["random_id"]
    assert (tries[0]["peer_id"], tries[0]["access_token"], tries[0]["v"]) == (str(peer), "vk1.a.token", "5.199")

    refused = reply(server, operator, dialogue["id"], "forbidden to write")
    failed = wait_for(lambda: (m := message_status(server, operator, refused["id"]))["deliveryStatus"] == "FAILED" and m)
    assert failed["failureReason"] == "VK error 901: Can't send messages for users without permission"


# --- Viber ----------------------------------------------------------------------------------------

VIBER_TOKEN = "4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f"


@pytest.fixture
def viber_api():
    def respond(path, raw):
        body = json.loads(raw)
        if body.get("text", "").startswith("unsubscribed"):
            return 200, {"status": 6, "status_message": "notSubscribed"}
        return 200, {"status": 0, "status_message": "ok", "message_token": 5741311803571721000 + len(api.requests)}

    api = StandIn(respond)
    yield api
    api.stop()


def viber_callback(server, account_id, payload, token=VIBER_TOKEN, signature=None):
    raw = json.dumps(payload, ensure_ascii=False).encode()
    if signature is None:
        signature = hmac.new(token.encode(), raw, hashlib.sha256).hexdigest()
    return server.request("POST", f"/hooks/viber/{account_id}", body=raw,
                          headers={"Content-Type": "application/json", "X-Viber-Content-Signature": signature})


def test_viber_messages_receipts_and_replies(server, viber_api):
    admin, operator = server.sign_in(ADMIN), server.sign_in(OPERATOR)
    channel, account = channel_with_account(server, admin, "VIBER", {"apiBaseUrl": viber_api.url, "senderName": "Switchboard Support"},
                                            {"authToken": VIBER_TOKEN})
    assert account["webhookUrl"].endswith(f"/hooks/viber/{account['id']}")
    assert viber_callback(server, account["id"], {"event": "webhook", "timestamp": 1, "message_token": 1}).status == 200

    user = f"01234567890A{uuid.uuid4().hex[:8]}="
    message = {"event": "message", "timestamp": int(time.time() * 1000), "message_token": random.randint(10**15, 10**16),
               "sender": {"id": user, "name": "Пётр", "language": "ru", "country": "RU", "api_version": 10},
               "message": {"type": "text", "text": "Добрый день, заказ не пришёл"}}
    assert viber_callback(server, account["id"], message, signature="00" * 32).status == 401
    assert viber_callback(server, account["id"], message, token="other-token").status == 401
    assert dialogue_in(server, admin, channel) is None
    with online(server, operator):
        stored = viber_callback(server, account["id"], message)
    assert stored.status == 200 and stored.json() == {"status": 0, "stored": True}
    assert viber_callback(server, account["id"], message).json() == {"status": 0, "stored": False}
    dialogue = dialogue_in(server, operator, channel)
    assert (dialogue["externalId"], dialogue["party"], dialogue["assignee"]) == (user, {"name": "Пётр", "handle": user}, {"email": OPERATOR})

    sent = reply(server, operator, dialogue["id"], "Проверяем, минуту")
    done = wait_for(lambda: (m := message_status(server, operator, sent["id"]))["deliveryStatus"] == "SENT" and m)
    path, headers, raw = next(c for c in viber_api.requests if json.loads(c[2]).get("text") == "Проверяем, минуту")
    body = json.loads(raw)
    assert path == "/pa/send_message" and headers["X-Viber-Auth-Token"] == VIBER_TOKEN
    assert (body["receiver"], body["type"], body["sender"]) == (user, "text", {"name": "Switchboard Support"})
    token = done["externalId"].split(":", 1)[1]

    # Receipts move the status forward only.
    seen = {"event": "seen", "timestamp": 2, "message_token": int(token), "user_id": user}
    assert viber_callback(server, account["id"], seen).json() == {"status": 0, "changed": True}
    assert message_status(server, operator, sent["id"])["deliveryStatus"] == "READ"
    late = {"event": "delivered", "timestamp": 1, "message_token": int(token), "user_id": user}
    assert viber_callback(server, account["id"], late).json() == {"status": 0, "changed": False}
    assert message_status(server, operator, sent["id"])["deliveryStatus"] == "READ"

    refused = reply(server, operator, dialogue["id"], "unsubscribed user")
    failed = wait_for(lambda: (m := message_status(server, operator, refused["id"]))["deliveryStatus"] == "FAILED" and m)
    assert failed["failureReason"].startswith("Viber status 6: notSubscribed")
