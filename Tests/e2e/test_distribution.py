"""Distribution of new client dialogues by presence: the client's owner when online and
available, else the channel's available operators in turn under the channel's limit of open
dialogues; a dialogue nobody can take waits in the queue and is assigned as soon as someone comes
online, becomes available, or closes a dialogue."""

import random
import uuid

import pytest

from live_support import online
from stand_in import wait_for
from test_telegram import BotAPI, deliver, ok, update

ADMIN = "anna.smirnova@switchboard.test"
MANAGER = "victoria.kuznetsova@switchboard.test"
OPERATOR = "zhanna.kozlova@switchboard.test"
OTHER_OPERATOR = "igor.novikov@switchboard.test"
DIALOGUE = "id version status assignee { email } queuedSince"


@pytest.fixture
def bot_api():
    api = BotAPI()
    yield api
    api.stop()


def user_ids(server, admin):
    users = server.graphql('{ users(first: 100) { edges { node { id email } } } }', token=admin)["data"]["users"]["edges"]
    return {e["node"]["email"]: e["node"]["id"] for e in users}


def telegram_channel(server, admin, api_url, operators, **fields):
    """An auto-assigning Telegram channel of `operators` (user ids, in turn order) and its bot account."""
    channel = ok(server.graphql('mutation($i: CreateChannelInput!) { createChannel(input: $i) { channel { id } userErrors { code } } }',
                                {"i": {"name": f"E2E distribution {uuid.uuid4().hex[:6]}", "kind": "TELEGRAM", "operatorIds": operators, **fields}},
                                token=admin), "createChannel")["channel"]
    account = ok(server.graphql('mutation($i: CreateChannelAccountInput!) { createChannelAccount(input: $i) { channelAccount { id } userErrors { code } } }',
                                {"i": {"channelId": channel["id"], "name": "@e2e_distribution_bot", "settings": {"apiBaseUrl": api_url},
                                       "credentials": {"botToken": "1:x", "webhookSecret": "e2e-telegram-secret"}}}, token=admin),
                 "createChannelAccount")["channelAccount"]
    return channel["id"], account["id"]


def dialogue_of(server, admin, channel_id, chat):
    edges = server.graphql('query($c: ID!) { dialogues(filter: {channelIds: [$c]}, first: 50) { edges { node { externalId %s } } } }' % DIALOGUE,
                           {"c": channel_id}, token=admin)["data"]["dialogues"]["edges"]
    return next(e["node"] for e in edges if e["node"]["externalId"] == str(chat))



def new_chat(server, account_id, text="Здравствуйте"):
    chat = random.randint(10**8, 10**9)
    assert deliver(server, account_id, update(chat, 1, text)).status == 200
    return chat


def test_nobody_online_queues_the_dialogue_until_an_operator_connects(server, bot_api):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    channel, account = telegram_channel(server, admin, bot_api.url, [ids[OPERATOR]])
    chat = new_chat(server, account)
    queued = dialogue_of(server, admin, channel, chat)
    assert queued["assignee"] is None and queued["queuedSince"] is not None

    operator = server.sign_in(OPERATOR)
    with online(server, operator):
        assigned = wait_for(lambda: (d := dialogue_of(server, admin, channel, chat))["assignee"] and d)
        assert assigned["assignee"] == {"email": OPERATOR} and assigned["queuedSince"] is None


def test_a_busy_operator_gets_nothing_until_available_again(server, bot_api):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    channel, account = telegram_channel(server, admin, bot_api.url, [ids[OPERATOR]])
    operator = server.sign_in(OPERATOR)
    presence = 'mutation($p: PresenceChoice!) { setPresence(input: {presence: $p}) { userErrors { code } } }'
    with online(server, operator):
        server.graphql(presence, {"p": "BUSY"}, token=operator)
        try:
            chat = new_chat(server, account)
            assert dialogue_of(server, admin, channel, chat)["assignee"] is None
        finally:
            server.graphql(presence, {"p": "AVAILABLE"}, token=operator)
        assert wait_for(lambda: dialogue_of(server, admin, channel, chat)["assignee"] == {"email": OPERATOR})


def test_operators_take_turns_under_the_limit_and_a_closed_dialogue_frees_a_place(server, bot_api):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    channel, account = telegram_channel(server, admin, bot_api.url, [ids[OPERATOR], ids[OTHER_OPERATOR]], maxOpenDialoguesPerOperator=1)
    operator, other = server.sign_in(OPERATOR), server.sign_in(OTHER_OPERATOR)
    with online(server, operator), online(server, other):
        first, second, third = (new_chat(server, account, f"Вопрос {n}") for n in range(3))
        assignees = [dialogue_of(server, admin, channel, chat)["assignee"] for chat in (first, second)]
        assert sorted(a["email"] for a in assignees) == sorted([OPERATOR, OTHER_OPERATOR])
        waiting = dialogue_of(server, admin, channel, third)
        assert waiting["assignee"] is None  # both are at the limit of one open dialogue

        # Whoever has the first dialogue closes it and gets the waiting one.
        done = dialogue_of(server, admin, channel, first)
        closer = operator if done["assignee"]["email"] == OPERATOR else other
        closed = server.graphql('mutation($i: SetDialogueStatusInput!) { setDialogueStatus(input: $i) { userErrors { code } } }',
                                {"i": {"id": done["id"], "version": done["version"], "status": "CLOSED"}}, token=closer)
        assert closed["data"]["setDialogueStatus"]["userErrors"] == []
        taken = wait_for(lambda: (d := dialogue_of(server, admin, channel, third))["assignee"] and d)
        assert taken["assignee"] == done["assignee"] and taken["queuedSince"] is None


def test_the_clients_owner_gets_the_dialogue_while_online(server, bot_api):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    manager = server.sign_in(MANAGER)
    channel, account = telegram_channel(server, admin, bot_api.url, [ids[OPERATOR]])
    handles = [f"e2e_owner_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    for handle in handles:
        made = server.graphql('mutation($i: CreateClientInput!) { createClient(input: $i) { client { id } userErrors { code } } }',
                              {"i": {"kind": "INDIVIDUAL", "name": f"E2E {handle}", "messengers": [{"messenger": "TELEGRAM", "handle": handle}]}},
                              token=manager)
        assert made["data"]["createClient"]["userErrors"] == [], made

    def message_from(handle):
        chat = random.randint(10**8, 10**9)
        body = update(chat, 1, "Добрый день")
        body["message"]["from"]["username"] = handle
        assert deliver(server, account, body).status == 200
        return dialogue_of(server, admin, channel, chat)

    operator = server.sign_in(OPERATOR)
    with online(server, operator):
        with online(server, manager):
            assert message_from(handles[0])["assignee"] == {"email": MANAGER}
        # The owner is offline now: the channel's operator takes it.
        assert message_from(handles[1])["assignee"] == {"email": OPERATOR}
