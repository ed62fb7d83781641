"""Dialogues: a Telegram update posted to the webhook appears live in the operator's inbox with
its unread count; the conversation shows it; templates, emoji and knowledge base search help to
write the reply; the reply reaches the local Telegram Bot API stand-in and comes back as sent."""

import json
import random
import time
import uuid

import pytest

from browser_helpers import eventually, ok, user_ids
from e2e_support import OPERATOR_EMAIL
from stand_ins import TelegramBotAPI

BOT_TOKEN = "123456:browser-token"
SECRET = "browser-telegram-secret"


@pytest.fixture
def bot_api():
    stand_in = TelegramBotAPI()
    yield stand_in
    stand_in.stop()


def connect_bot(server, admin_token, api_url):
    """A Telegram channel whose new dialogues go to the demo operator, its bot talking to the stand-in."""
    operator = user_ids(server, admin_token)[OPERATOR_EMAIL]
    channel = ok(server.graphql('mutation($i: CreateChannelInput!) { createChannel(input: $i) { channel { id } userErrors { code } } }',
                                {"i": {"name": f"Browser Telegram {uuid.uuid4().hex[:6]}", "kind": "TELEGRAM", "operatorIds": [operator]}},
                                token=admin_token), "createChannel")["channel"]
    account = ok(server.graphql('mutation($i: CreateChannelAccountInput!) { createChannelAccount(input: $i) { channelAccount { id } userErrors { code } } }',
                                {"i": {"channelId": channel["id"], "name": "@browser_bot", "settings": {"apiBaseUrl": api_url},
                                       "credentials": {"botToken": BOT_TOKEN, "webhookSecret": SECRET}}}, token=admin_token),
                 "createChannelAccount")["channelAccount"]
    return account


def post_update(server, account_id, chat_id, message_id, text, name):
    update = {"update_id": random.randint(1, 10**9), "message": {
        "message_id": message_id, "date": int(time.time()), "text": text,
        "chat": {"id": chat_id, "type": "private"}, "from": {"id": chat_id, "first_name": name, "username": f"user{chat_id}"}}}
    answer = server.request("POST", f"/hooks/telegram/{account_id}", body=json.dumps(update).encode(),
                            headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert answer.status == 200 and answer.json()["stored"] is True, answer


def test_a_telegram_message_comes_in_live_and_the_reply_goes_out(console, server, admin_token, bot_api):
    account = connect_bot(server, admin_token, bot_api.url)
    console.sign_in(OPERATOR_EMAIL, view="dialogues")
    console.find(".inbox-list")
    nav_link = '.views-nav a[data-view="dialogues"]'

    def unread_dialogues():
        return int(console.attribute(nav_link, "data-badge"))

    operator = server.sign_in(OPERATOR_EMAIL)
    me = server.graphql("{ me { id } }", token=operator)["data"]["me"]["id"]

    def unread_on_server():
        """(count, names) of the operator's open dialogues with unread messages, as the server has them."""
        found = server.graphql('query($f: DialogueFilter) { dialogues(first: 100, filter: $f) { totalCount edges { node { party { name } } } } }',
                               {"f": {"assigneeIds": [me], "statuses": ["OPEN", "WAITING"], "kinds": ["CLIENT"], "hasUnread": True}},
                               token=operator)["data"]["dialogues"]
        return found["totalCount"], [(edge["node"]["party"] or {}).get("name") for edge in found["edges"]]

    console.wait_until(lambda: console.attribute(nav_link, "data-badge") is not None, message="no count in the navigation")
    chat = random.randint(10**8, 10**9)
    name = f"Мария {uuid.uuid4().hex[:4]}"

    # The update appears in the inbox without a reload, unread.
    post_update(server, account["id"], chat, 1, "Здравствуйте, где мой заказ?", name)
    item = console.wait_text(".inbox-item", name)
    console.wait_text(".inbox-item .unread-count", "1")
    item = console.wait_text(".inbox-item", name)
    assert "где мой заказ" in item.text
    # The navigation counts dialogues with unread messages, whatever the view.
    assert name in unread_on_server()[1]
    console.wait_until(lambda: unread_dialogues() == unread_on_server()[0], message="the nav badge does not count it")
    console.screenshot("dialogues-inbox")

    # Opening it shows the history and reads it.
    dialogue_id = item.get_attribute("data-dialogue-id")
    item.click()
    console.wait_text(".conversation .message.theirs", "Здравствуйте, где мой заказ?")
    console.wait_until(lambda: not console.find_all(f'.inbox-item[data-dialogue-id="{dialogue_id}"] .unread-count'))
    assert name not in unread_on_server()[1]
    console.wait_until(lambda: unread_dialogues() == unread_on_server()[0], message="the nav badge did not drop")

    # Templates fill the reply, rendered for this dialogue.
    console.find(".templates-toggle").click()
    console.find(".template-item").click()
    console.wait_until(lambda: console.find("#reply-text").get_attribute("value").strip() != "")

    # Knowledge base search finds articles with the match marked.
    console.find("#knowledge-query").send_keys("оплата")
    console.find(".kb-article")
    assert console.find_all(".kb-snippet mark")

    # The reply as typed, with an emoji from the picker, reaches the Bot API.
    reply = console.find("#reply-text")
    reply.clear()
    reply.send_keys("Заказ уже в пути! ")
    console.find(".emoji-toggle").click()
    console.find('.emoji[data-emoji="🚚"]').click()
    expected = "Заказ уже в пути! 🚚"
    assert reply.get_attribute("value") == expected
    console.find("#reply-send").click()
    eventually(lambda: expected in bot_api.texts(), message=f"sendMessage never carried {expected!r}: {bot_api.texts()}")
    path, body = next(call for call in bot_api.calls if call[1].get("text") == expected)
    assert path == f"/bot{BOT_TOKEN}/sendMessage" and body["chat_id"] == chat

    # Its delivery status comes back live.
    mine = console.wait_text(".conversation .message.mine", expected)
    console.wait_until(lambda: mine.get_attribute("data-delivery-status") == "SENT", message="never SENT")
    assert "Sent" in mine.find_element("css selector", ".delivery").text

    # The client's next message lands in the open conversation, already read.
    post_update(server, account["id"], chat, 2, "Спасибо!", name)
    console.wait_text(".conversation .message.theirs", "Спасибо!")
    console.screenshot("dialogues")
    console.screenshot("dialogues-narrow", size=(390, 844))
