"""Telegram in and out: the Bot API webhook (`POST /hooks/telegram/{accountId}`, checked with
`X-Telegram-Bot-Api-Secret-Token`, an update stored once) puts a client's message in its chat's
dialogue; a reply is sent with `sendMessage` to a local stand-in of the Bot API, honouring
`retry_after`, with the delivery status back on the message."""

import json
import random
import time
import uuid

import pytest

from live_support import online
from stand_in import StandIn, wait_for

ADMIN = "anna.smirnova@switchboard.test"
OPERATOR = "zhanna.kozlova@switchboard.test"
TOKEN = "123456:e2e-token"
SECRET = "e2e-telegram-secret"


class BotAPI(StandIn):
    """A stand-in of api.telegram.org: records sendMessage calls and answers as told."""

    def __init__(self):
        self.rate_limited = set()  # texts answered once with 429 retry_after 1
        super().__init__(self.answer)

    @property
    def calls(self):
        """(path, JSON body) of each request."""
        return [(path, json.loads(raw or b"{}")) for path, _, raw in self.requests]

    def answer(self, path, raw):
        body = json.loads(raw or b"{}")
        text = body.get("text", "")
        if text in self.rate_limited:
            self.rate_limited.discard(text)
            return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1", "parameters": {"retry_after": 1}}
        if text.startswith("blocked"):
            return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
        return 200, {"ok": True, "result": {"message_id": 5000 + len(self.requests), "chat": {"id": body.get("chat_id")}}}


@pytest.fixture
def bot_api():
    api = BotAPI()
    yield api
    api.stop()


def ok(body, field):
    assert not body.get("errors"), body
    payload = body["data"][field]
    assert payload.get("userErrors", []) == [], payload
    return payload


def setup_bot(server, admin, api_url):
    users = server.graphql('{ users(first: 100) { edges { node { id email } } } }', token=admin)
    operator = next(e["node"]["id"] for e in users["data"]["users"]["edges"] if e["node"]["email"] == OPERATOR)
    channel = ok(server.graphql('mutation($i: CreateChannelInput!) { createChannel(input: $i) { channel { id } userErrors { code } } }',
                                {"i": {"name": f"E2E Telegram {uuid.uuid4().hex[:6]}", "kind": "TELEGRAM", "operatorIds": [operator]}},
                                token=admin), "createChannel")["channel"]
    account = ok(server.graphql('mutation($i: CreateChannelAccountInput!) { createChannelAccount(input: $i) { channelAccount { id webhookUrl } userErrors { code } } }',
                                {"i": {"channelId": channel["id"], "name": "@e2e_bot", "settings": {"apiBaseUrl": api_url},
                                       "credentials": {"botToken": TOKEN, "webhookSecret": SECRET}}}, token=admin), "createChannelAccount")
    return channel, account["channelAccount"]


def update(chat_id, message_id, text, name="Мария"):
    return {"update_id": random.randint(1, 10**9), "message": {
        "message_id": message_id, "date": int(time.time()), "text": text,
        "chat": {"id": chat_id, "type": "private"}, "from": {"id": chat_id, "first_name": name, "username": f"user{chat_id}"}}}


def deliver(server, account_id, payload, secret=SECRET):
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    return server.request("POST", f"/hooks/telegram/{account_id}", body=json.dumps(payload).encode(), headers=headers)



MESSAGE = "id text direction deliveryStatus failureReason externalId"


def test_a_telegram_chat_comes_in_and_the_reply_goes_out(server, bot_api):
    admin = server.sign_in(ADMIN)
    operator = server.sign_in(OPERATOR)
    channel, account = setup_bot(server, admin, bot_api.url)
    assert account["webhookUrl"].endswith(f"/hooks/telegram/{account['id']}")
    chat = random.randint(10**8, 10**9)

    # The secret is checked; the update is stored once.
    assert deliver(server, account["id"], update(chat, 1, "Здравствуйте"), secret=None).status == 401
    assert deliver(server, account["id"], update(chat, 1, "Здравствуйте"), secret="wrong").status == 401
    with online(server, operator):  # the channel's operator is at the console, so the new dialogue is theirs
        first = deliver(server, account["id"], update(chat, 1, "Здравствуйте, где мой заказ?"))
    assert first.status == 200 and first.json() == {"ok": True, "stored": True}
    again = deliver(server, account["id"], update(chat, 1, "Здравствуйте, где мой заказ?"))
    assert again.status == 200 and again.json() == {"ok": True, "stored": False}
    assert deliver(server, account["id"], {"update_id": 1, "edited_message": {}}).json() == {"ok": True, "stored": False}

    found = server.graphql('query($c: ID!) { dialogues(filter: {channelIds: [$c]}) { edges { node { id externalId status party { name handle } assignee { email } '
                           'messages(last: 5) { edges { node { %s } } } } } } }' % MESSAGE, {"c": channel["id"]}, token=operator)
    dialogue = found["data"]["dialogues"]["edges"][0]["node"]
    assert (dialogue["externalId"], dialogue["status"], dialogue["party"], dialogue["assignee"]) == (
        str(chat), "OPEN", {"name": "Мария", "handle": f"user{chat}"}, {"email": OPERATOR})
    assert [m["node"]["text"] for m in dialogue["messages"]["edges"]] == ["Здравствуйте, где мой заказ?"]
    assert dialogue["messages"]["edges"][0]["node"]["direction"] == "INCOMING"

    # The reply reaches the Bot API and comes back SENT with Telegram's message id.
    sent = ok(server.graphql('mutation($d: ID!) { sendMessage(input: {dialogueId: $d, text: "Заказ уже в пути!"}) { message { %s } userErrors { code } } }' % MESSAGE,
                             {"d": dialogue["id"]}, token=operator), "sendMessage")["message"]
    assert sent["deliveryStatus"] == "QUEUED"

    def status(message_id):
        node = server.graphql('query($id: ID!) { node(id: $id) { ... on Message { %s } } }' % MESSAGE, {"id": message_id}, token=operator)
        return node["data"]["node"]

    delivered = wait_for(lambda: (m := status(sent["id"]))["deliveryStatus"] == "SENT" and m)
    assert delivered["deliveryStatus"] == "SENT" and delivered["externalId"].startswith(f"{chat}:")
    path, body = next(c for c in bot_api.calls if c[1].get("text") == "Заказ уже в пути!")
    assert path == f"/bot{TOKEN}/sendMessage" and body["chat_id"] == chat

    # 429 with retry_after: tried again after it, then sent.
    bot_api.rate_limited.add("Секунду, уточняю")
    later = ok(server.graphql('mutation($d: ID!) { sendMessage(input: {dialogueId: $d, text: "Секунду, уточняю"}) { message { id } userErrors { code } } }',
                              {"d": dialogue["id"]}, token=operator), "sendMessage")["message"]
    assert wait_for(lambda: status(later["id"])["deliveryStatus"] == "SENT")
    assert [c[1]["text"] for c in bot_api.calls].count("Секунду, уточняю") == 2

    # A refusal fails the message with Telegram's reason.
    refused = ok(server.graphql('mutation($d: ID!) { sendMessage(input: {dialogueId: $d, text: "blocked bot test"}) { message { id } userErrors { code } } }',
                                {"d": dialogue["id"]}, token=operator), "sendMessage")["message"]
    failed = wait_for(lambda: (m := status(refused["id"]))["deliveryStatus"] == "FAILED" and m)
    assert failed["failureReason"] == "Forbidden: bot was blocked by the user"

    # The next message of the chat lands in the same dialogue.
    deliver(server, account["id"], update(chat, 2, "Спасибо!"))
    again = server.graphql('query($id: ID!) { node(id: $id) { ... on Dialogue { messages(last: 1) { edges { node { text } } } } } }',
                           {"id": dialogue["id"]}, token=operator)
    assert again["data"]["node"]["messages"]["edges"][0]["node"]["text"] == "Спасибо!"


def test_a_telegram_message_reaches_the_assignees_console_live(server, bot_api):
    """webhook → `dialogueAssigned` and `messageReceived` on the assignee's socket (not on another
    operator's); the reply → the stand-in's sendMessage → `messageStatusChanged` SENT."""
    import asyncio

    from live_support import Socket

    admin, operator = server.sign_in(ADMIN), server.sign_in("zhanna.kozlova@switchboard.test")
    stranger = server.sign_in("kate.morozova@switchboard.test")
    channel, account = setup_bot(server, admin, bot_api.url)
    chat = random.randint(10**8, 10**9)
    inbox = "subscription { messageReceived { message { id text direction } dialogue { id channel { id } } } }"

    async def scenario():
        mine, other = await Socket.open(server, operator), await Socket.open(server, stranger)
        await mine.subscribe("m", inbox)
        await mine.subscribe("a", "subscription { dialogueAssigned { dialogue { id } assignee { email } previousAssignee { email } } }")
        await mine.subscribe("s", "subscription { messageStatusChanged { message { id deliveryStatus } previousStatus } }")
        await other.subscribe("m", inbox)
        await asyncio.sleep(0.3)
        answer = await asyncio.to_thread(deliver, server, account["id"], update(chat, 1, "Подскажите статус заявки"))
        assert answer.status == 200
        assigned = (await mine.next("a"))["data"]["dialogueAssigned"]
        assert (assigned["assignee"], assigned["previousAssignee"]) == ({"email": OPERATOR}, None)
        received = (await mine.next("m"))["data"]["messageReceived"]
        assert received["message"]["text"] == "Подскажите статус заявки" and received["message"]["direction"] == "INCOMING"
        assert received["dialogue"] == {"id": assigned["dialogue"]["id"], "channel": {"id": channel["id"]}}
        await other.nothing_for("m", 0.5)  # another operator does not see this dialogue

        sent = await asyncio.to_thread(server.graphql, 'mutation($d: ID!) { sendMessage(input: {dialogueId: $d, text: "Уже смотрю"}) { message { id } userErrors { code } } }',
                                       {"d": received["dialogue"]["id"]}, token=operator)
        message_id = ok(sent, "sendMessage")["message"]["id"]
        status = (await mine.next("s", timeout=10))["data"]["messageStatusChanged"]
        assert status == {"message": {"id": message_id, "deliveryStatus": "SENT"}, "previousStatus": "QUEUED"}
        assert any(body.get("text") == "Уже смотрю" and body["chat_id"] == chat for _, body in bot_api.calls)
        await mine.close()
        await other.close()

    asyncio.run(scenario())
