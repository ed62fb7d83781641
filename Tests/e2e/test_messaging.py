"""Messaging over HTTP: channels and their accounts (admins only, secrets write-only), dialogues
with clients started through the demo sales mailbox (or a channel of the test's own), messages
with their rules (text, replies, statuses, idempotency, attachments from uploads and files), who
sees which dialogue, handing dialogues over and closing them, matching a stranger's dialogue to a
client, unread counts, corporate direct and group chats, the dialogue list's filters, order and
paging, inquiries from dialogues, sent mail on the client's timeline and notes on a dialogue.

Client messages only arrive through channel webhooks, which are not built yet, so incoming
messages come from the demo data: the Telegram channel "Поддержка в Telegram" (its 24
conversations, some from strangers), the sales mailbox "Почта отдела продаж", a direct chat of two
support operators and the group chat "Служба поддержки". Tests change the demo dialogues as little
as they can: only the matching test links one stranger's dialogue, and only the unread test marks
the demo group chat read for one member. Everything else is made by the test itself (unique names
and addresses), and lists filter on the test's own client or channel."""

import base64
import uuid

ADMIN = "anna.smirnova@switchboard.test"
SALES_HEAD = "boris.ivanov@switchboard.test"          # supervisor, sales
SUPPORT_HEAD = "elena.lebedeva@switchboard.test"       # supervisor, support; made the demo group chat
MANAGER = "victoria.kuznetsova@switchboard.test"       # sales; operates the demo mailbox
OTHER_MANAGER = "grigory.popov@switchboard.test"       # sales; operates the demo mailbox
THIRD_MANAGER = "dmitry.sokolov@switchboard.test"      # sales; operates the demo mailbox
OPERATOR = "zhanna.kozlova@switchboard.test"           # support; operates the demo Telegram bot
OTHER_OPERATOR = "igor.novikov@switchboard.test"       # support; operates the demo Telegram bot
THIRD_OPERATOR = "kate.morozova@switchboard.test"      # support; operates the demo Telegram bot

TELEGRAM_CHANNEL = "Поддержка в Telegram"
MAIL_CHANNEL = "Почта отдела продаж"
MAIL_ACCOUNT = "sales@switchboard.test"
DEMO_DIRECT_TEXT = "Подменишь меня на линии с 14 до 15?"
DEMO_GROUP_TITLE = "Служба поддержки"

CHANNEL_FIELDS = """id name kind enabled autoAssign maxOpenDialoguesPerOperator createInquiries slaPolicy { id }
  operators { email } accounts { id name } version deletedAt createdBy { user { email } }"""
ACCOUNT_FIELDS = """id name externalId enabled status lastError webhookUrl settings credentialKeys version deletedAt
  channel { id kind }"""
DIALOGUE_FIELDS = """id kind status title version assignee { email } queuedSince client { id } contact { id }
  party { name handle phone email } members { email } channel { id kind } channelAccount { id } externalId
  unreadCount lastMessage { id } lastMessageAt"""
MESSAGE_FIELDS = """id direction authorKind author { email } authorName subject text deliveryStatus externalId
  attachments { kind name contentType size url } replyTo { id }"""

CREATE_CHANNEL = f"""mutation($input: CreateChannelInput!) {{
  createChannel(input: $input) {{ channel {{ {CHANNEL_FIELDS} }} userErrors {{ field code message }} }} }}"""
UPDATE_CHANNEL = f"""mutation($input: UpdateChannelInput!) {{
  updateChannel(input: $input) {{ channel {{ {CHANNEL_FIELDS} }} userErrors {{ field code message }} }} }}"""
DELETE_CHANNEL = """mutation($input: DeleteInput!) {
  deleteChannel(input: $input) { channel { id version deletedAt } userErrors { field code } } }"""
RESTORE_CHANNEL = """mutation($input: RestoreInput!) {
  restoreChannel(input: $input) { channel { id version deletedAt } userErrors { field code } } }"""
CREATE_ACCOUNT = f"""mutation($input: CreateChannelAccountInput!) {{
  createChannelAccount(input: $input) {{ channelAccount {{ {ACCOUNT_FIELDS} }} userErrors {{ field code message }} }} }}"""
UPDATE_ACCOUNT = f"""mutation($input: UpdateChannelAccountInput!) {{
  updateChannelAccount(input: $input) {{ channelAccount {{ {ACCOUNT_FIELDS} }} userErrors {{ field code message }} }} }}"""
START = f"""mutation($input: StartDialogueInput!) {{
  startDialogue(input: $input) {{ message {{ {MESSAGE_FIELDS} }} dialogue {{ {DIALOGUE_FIELDS} }} userErrors {{ field code message }} }} }}"""
SEND = f"""mutation($input: SendMessageInput!) {{
  sendMessage(input: $input) {{ message {{ {MESSAGE_FIELDS} }} dialogue {{ {DIALOGUE_FIELDS} }} userErrors {{ field code message }} }} }}"""
ASSIGN = f"""mutation($input: AssignDialogueInput!) {{
  assignDialogue(input: $input) {{ dialogue {{ {DIALOGUE_FIELDS} }} userErrors {{ field code message }} }} }}"""
SET_STATUS = f"""mutation($input: SetDialogueStatusInput!) {{
  setDialogueStatus(input: $input) {{ dialogue {{ {DIALOGUE_FIELDS} }} userErrors {{ field code message }} }} }}"""
MATCH = f"""mutation($input: MatchDialogueInput!) {{
  matchDialogue(input: $input) {{ dialogue {{ {DIALOGUE_FIELDS} }} userErrors {{ field code message }} }} }}"""
MARK_READ = f"""mutation($input: MarkDialogueReadInput!) {{
  markDialogueRead(input: $input) {{ dialogue {{ {DIALOGUE_FIELDS} }} userErrors {{ field code message }} }} }}"""
OPEN_DIRECT = f"""mutation($input: OpenDirectChatInput!) {{
  openDirectChat(input: $input) {{ dialogue {{ {DIALOGUE_FIELDS} }} userErrors {{ field code message }} }} }}"""
CREATE_GROUP = f"""mutation($input: CreateGroupChatInput!) {{
  createGroupChat(input: $input) {{ dialogue {{ {DIALOGUE_FIELDS} createdBy {{ user {{ email }} }} }} userErrors {{ field code message }} }} }}"""
UPDATE_GROUP = f"""mutation($input: UpdateGroupChatInput!) {{
  updateGroupChat(input: $input) {{ dialogue {{ {DIALOGUE_FIELDS} }} userErrors {{ field code message }} }} }}"""
DIALOGUE = f"""query($id: ID!) {{ node(id: $id) {{ __typename ... on Dialogue {{ {DIALOGUE_FIELDS} }} }} }}"""
DIALOGUES = """query($filter: DialogueFilter, $orderBy: DialogueOrder, $first: Int, $after: String) {
  dialogues(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }"""
UPLOAD = """mutation($input: CreateFileUploadInput!) {
  createFileUpload(input: $input) { upload { id uploadUrl } userErrors { field code message } } }"""
CREATE_INQUIRY = """mutation($input: CreateInquiryInput!) { createInquiry(input: $input) {
  inquiry { id origin status subject firstRespondedAt slaPolicy { id } client { id } contact { id } dialogue { id } channel { id kind name } }
  userErrors { field code message } } }"""


# --- helpers ------------------------------------------------------------------------------------

def unique(prefix):
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def global_id(type_name, number):
    return base64.urlsafe_b64encode(f"{type_name}:{number}".encode()).decode().rstrip("=")


def ok(body, name):
    """The payload of a mutation that must succeed: no errors, no user errors."""
    assert "errors" not in body, body
    payload = body["data"][name]
    assert payload["userErrors"] == [], payload
    return payload


def refused(body, name):
    """The payload of a mutation that must fail with user errors: (field, code) of each, and the payload."""
    assert "errors" not in body, body
    payload = body["data"][name]
    assert payload["userErrors"], payload
    return [(e["field"], e["code"]) for e in payload["userErrors"]], payload


def error_codes(body):
    return [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]


def user_ids(server, token):
    edges = server.graphql('{ users(first: 100, filter: {query: "@switchboard.test"}) { edges { node { id email } } } }',
                           token=token)["data"]["users"]["edges"]
    return {e["node"]["email"]: e["node"]["id"] for e in edges}


def demo(server, admin):
    """The demo channels and accounts by role: {telegram, telegram_account, mail, mail_account, internal}."""
    body = server.graphql('{ channels(first: 100) { edges { node { id name kind accounts { id name } } } } }', token=admin)
    channels = [e["node"] for e in body["data"]["channels"]["edges"]]
    telegram = next(c for c in channels if c["name"] == TELEGRAM_CHANNEL and c["kind"] == "TELEGRAM")
    mail = next(c for c in channels if c["name"] == MAIL_CHANNEL and c["kind"] == "EMAIL")
    internal = [c for c in channels if c["kind"] == "INTERNAL"]
    assert len(internal) == 1, channels
    return {"telegram": telegram["id"], "telegram_account": telegram["accounts"][0]["id"],
            "mail": mail["id"], "mail_account": next(a["id"] for a in mail["accounts"] if a["name"] == MAIL_ACCOUNT),
            "internal": internal[0]["id"]}


def make_client(server, token, *, owner_id=None, email=None):
    """An organisation named `E2E Msg …` made by `token`'s user (its owner unless `owner_id`)."""
    data = {"kind": "ORGANISATION", "name": unique("E2E Msg client")}
    if owner_id:
        data["ownerId"] = owner_id
    if email:
        data["emails"] = [{"address": email}]
    made = server.graphql('mutation($input: CreateClientInput!) { createClient(input: $input) { client { id name owner { email } } '
                          'userErrors { field code } } }', {"input": data}, token=token)
    return ok(made, "createClient")["client"]


def make_contact(server, token, client_id, *, email=None):
    """A contact person of the client (with one e-mail when given); returns {id, name}."""
    data = {"firstName": unique("Контакт"), "clientId": client_id}
    if email:
        data["emails"] = [{"address": email}]
    made = server.graphql('mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id name } '
                          'userErrors { field code } } }', {"input": data}, token=token)
    return ok(made, "createContact")["contact"]


def fresh_email(prefix="client"):
    return f"e2e-{prefix}-{uuid.uuid4().hex[:10]}@example.com"


def make_channel(server, admin, kind="EMAIL", **fields):
    made = server.graphql(CREATE_CHANNEL, {"input": {"name": unique(f"E2E {kind} channel"), "kind": kind, **fields}}, token=admin)
    return ok(made, "createChannel")["channel"]


def make_account(server, admin, channel_id, **fields):
    made = server.graphql(CREATE_ACCOUNT, {"input": {"channelId": channel_id, "name": unique("E2E account"), **fields}}, token=admin)
    return ok(made, "createChannelAccount")["channelAccount"]


def own_mailbox(server, admin, **channel_fields):
    """An EMAIL channel of the test's own with one enabled account: (channel, account)."""
    channel = make_channel(server, admin, "EMAIL", **channel_fields)
    return channel, make_account(server, admin, channel["id"], name=fresh_email("mailbox"))


def start(server, token, account_id, text="Добрый день!", **fields):
    """startDialogue that must succeed; returns the payload (message, dialogue)."""
    return ok(server.graphql(START, {"input": {"channelAccountId": account_id, "text": text, **fields}}, token=token), "startDialogue")


def send(server, token, dialogue_id, text="Ответ", **fields):
    """sendMessage that must succeed; returns the payload (message, dialogue)."""
    input_ = {"dialogueId": dialogue_id, **fields}
    if text is not None:
        input_["text"] = text
    return ok(server.graphql(SEND, {"input": input_}, token=token), "sendMessage")


def get_dialogue(server, token, dialogue_id, fields=DIALOGUE_FIELDS):
    """The dialogue as `token`'s user sees it; None when hidden."""
    body = server.graphql(f"query($id: ID!) {{ node(id: $id) {{ ... on Dialogue {{ {fields} }} }} }}", {"id": dialogue_id}, token=token)
    assert "errors" not in body, body
    return body["data"]["node"]


def dialogue_ids(server, token, order_by=None, **filter_):
    """Ids of the dialogues matching the filter (at most 100; all of them must fit)."""
    body = server.graphql(DIALOGUES, {"filter": filter_, "orderBy": order_by, "first": 100}, token=token)
    assert "errors" not in body, body
    page = body["data"]["dialogues"]
    assert page["totalCount"] == len(page["edges"]), page
    return [e["node"]["id"] for e in page["edges"]]


def upload(server, token, content: bytes, name="offer.pdf", content_type="application/pdf"):
    """A completed upload (announced, then its bytes PUT); returns {id, uploadUrl}."""
    made = server.graphql(UPLOAD, {"input": {"name": name, "contentType": content_type, "size": len(content)}}, token=token)
    up = ok(made, "createFileUpload")["upload"]
    put = server.request("PUT", up["uploadUrl"], body=content, headers={"Authorization": f"Bearer {token}", "Content-Type": content_type})
    assert put.status == 204, put
    return up


def mail_dialogue(server, token, admin, *, contact_email=True, text="Добрый день!", **fields):
    """A client of `token`'s user with a contact (with a fresh e-mail), written to through the
    demo sales mailbox: (client, contact, start payload)."""
    client = make_client(server, token)
    contact = make_contact(server, token, client["id"], email=fresh_email() if contact_email else None)
    started = start(server, token, demo(server, admin)["mail_account"], text=text, contactId=contact["id"], **fields)
    return client, contact, started


def messages_of(server, token, dialogue_id, args="first: 100"):
    body = server.graphql(f"query($id: ID!) {{ node(id: $id) {{ ... on Dialogue {{ messages({args}) {{ totalCount "
                          f"pageInfo {{ hasNextPage hasPreviousPage }} edges {{ node {{ id text direction deliveryStatus }} }} }} }} }} }}",
                          {"id": dialogue_id}, token=token)
    assert "errors" not in body, body
    return body["data"]["node"]["messages"]


def open_dialogue_count(server, token, user_id):
    body = server.graphql('query($id: ID!) { node(id: $id) { ... on User { openDialogueCount } } }', {"id": user_id}, token=token)
    assert "errors" not in body, body
    return body["data"]["node"]["openDialogueCount"]


# --- 1. channels and accounts: admins only, checked, secrets write-only ---------------------------

def test_only_admins_change_channels_and_accounts(server):
    admin = server.sign_in(ADMIN)
    ids = demo(server, admin)
    mail = server.graphql('query($id: ID!) { node(id: $id) { ... on Channel { version accounts { id version } } } }',
                          {"id": ids["mail"]}, token=admin)["data"]["node"]
    name = unique("E2E Not an admin's")
    for email in (MANAGER, SALES_HEAD, OPERATOR):
        token = server.sign_in(email)
        attempts = [
            ("createChannel", CREATE_CHANNEL, {"name": name, "kind": "EMAIL"}),
            ("updateChannel", UPDATE_CHANNEL, {"id": ids["mail"], "version": mail["version"], "name": name}),
            ("deleteChannel", DELETE_CHANNEL, {"id": ids["mail"]}),
            ("restoreChannel", RESTORE_CHANNEL, {"id": ids["mail"]}),
            ("createChannelAccount", CREATE_ACCOUNT, {"channelId": ids["mail"], "name": name}),
            ("updateChannelAccount", UPDATE_ACCOUNT, {"id": ids["mail_account"], "version": mail["accounts"][0]["version"], "name": name}),
        ]
        for field, mutation, input_ in attempts:
            body = server.graphql(mutation, {"input": input_}, token=token)
            assert error_codes(body) == ["FORBIDDEN"], (email, field, body)
            assert body["data"][field] is None, (email, field, body)
        # Reading the channels is not restricted.
        listed = server.graphql('{ channels(first: 100) { edges { node { name kind } } } }', token=token)["data"]["channels"]["edges"]
        assert {"name": TELEGRAM_CHANNEL, "kind": "TELEGRAM"} in [e["node"] for e in listed]
        assert {"name": MAIL_CHANNEL, "kind": "EMAIL"} in [e["node"] for e in listed]

    after = server.graphql('query($id: ID!) { node(id: $id) { ... on Channel { name version deletedAt accounts { name version } } } }',
                           {"id": ids["mail"]}, token=admin)["data"]["node"]
    assert after == {"name": MAIL_CHANNEL, "version": mail["version"], "deletedAt": None,
                     "accounts": [{"name": MAIL_ACCOUNT, "version": mail["accounts"][0]["version"]}]}
    everything = server.graphql('{ channels(first: 100, filter: {deleted: INCLUDE}) { edges { node { name } } } }', token=admin)
    assert name not in [e["node"]["name"] for e in everything["data"]["channels"]["edges"]]


def test_a_channel_is_created_checked_updated_deleted_and_restored(server):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    sla = server.graphql('{ slaPolicies(first: 50) { edges { node { id isDefault } } } }', token=admin)["data"]["slaPolicies"]["edges"]
    sla = next(e["node"]["id"] for e in sla if e["node"]["isDefault"])
    name = unique("E2E Web chat")
    channel = make_channel(server, admin, "WEB_CHAT", name=name, operatorIds=[ids[OPERATOR], ids[OTHER_OPERATOR]], autoAssign=False,
                           maxOpenDialoguesPerOperator=5, createInquiries=True, slaPolicyId=sla)
    assert channel == {"id": channel["id"], "name": name, "kind": "WEB_CHAT", "enabled": True, "autoAssign": False,
                       "maxOpenDialoguesPerOperator": 5, "createInquiries": True, "slaPolicy": {"id": sla},
                       "operators": [{"email": OPERATOR}, {"email": OTHER_OPERATOR}], "accounts": [], "version": 1, "deletedAt": None,
                       "createdBy": {"user": {"email": ADMIN}}}
    plain = make_channel(server, admin, "VIBER")
    assert (plain["enabled"], plain["autoAssign"], plain["maxOpenDialoguesPerOperator"], plain["createInquiries"], plain["slaPolicy"],
            plain["operators"]) == (True, True, None, False, None, [])

    # Refused input stores nothing.
    failed = {}
    for label, fields, expected in [
        ("internal", {"kind": "INTERNAL"}, [(["input", "kind"], "TAKEN")]),
        ("twice", {"operatorIds": [ids[OPERATOR], ids[OPERATOR]]}, [(["input", "operatorIds"], "INVALID")]),
        ("unknown", {"operatorIds": [ids[OPERATOR], global_id("User", 987654)]}, [(["input", "operatorIds", "1"], "NOT_FOUND")]),
        ("zero", {"maxOpenDialoguesPerOperator": 0}, [(["input", "maxOpenDialoguesPerOperator"], "OUT_OF_RANGE")]),
        ("huge", {"maxOpenDialoguesPerOperator": 10_001}, [(["input", "maxOpenDialoguesPerOperator"], "OUT_OF_RANGE")]),
        ("sla", {"slaPolicyId": global_id("SlaPolicy", 987654)}, [(["input", "slaPolicyId"], "NOT_FOUND")]),
    ]:
        failed[label] = unique(f"E2E Refused {label}")
        data = {"name": failed[label], "kind": "EMAIL", **fields}
        errors, payload = refused(server.graphql(CREATE_CHANNEL, {"input": data}, token=admin), "createChannel")
        assert errors == expected, label
        assert payload["channel"] is None, label
    blank, payload = refused(server.graphql(CREATE_CHANNEL, {"input": {"name": "   ", "kind": "EMAIL"}}, token=admin), "createChannel")
    assert blank == [(["input", "name"], "REQUIRED")]
    names = [e["node"]["name"] for e in server.graphql('{ channels(first: 100, filter: {deleted: INCLUDE}) { edges { node { name } } } }',
                                                        token=admin)["data"]["channels"]["edges"]]
    assert not set(failed.values()) & set(names)
    assert name in names and [n for n in names if n == "Корпоративный чат"] == ["Корпоративный чат"]

    # A patch: only the fields given change; `operatorIds` replaces the list.
    renamed = unique("E2E Web chat renamed")
    updated = ok(server.graphql(UPDATE_CHANNEL, {"input": {"id": channel["id"], "version": 1, "name": renamed, "enabled": False,
                                                           "operatorIds": [ids[THIRD_OPERATOR]], "maxOpenDialoguesPerOperator": None}},
                                token=admin), "updateChannel")["channel"]
    assert updated == {**channel, "name": renamed, "enabled": False, "operators": [{"email": THIRD_OPERATOR}],
                       "maxOpenDialoguesPerOperator": None, "version": 2}
    stale_errors, stale = refused(server.graphql(UPDATE_CHANNEL, {"input": {"id": channel["id"], "version": 1, "name": "E2E Lost"}},
                                                 token=admin), "updateChannel")
    assert stale_errors == [(["input", "version"], "CONFLICT")]
    assert stale["channel"] == updated
    bad_errors, bad = refused(server.graphql(UPDATE_CHANNEL, {"input": {"id": channel["id"], "version": 2, "maxOpenDialoguesPerOperator": 0}},
                                             token=admin), "updateChannel")
    assert bad_errors == [(["input", "maxOpenDialoguesPerOperator"], "OUT_OF_RANGE")] and bad["channel"] == updated
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Channel { history { edges { node { field version actor { user { email } } } } } } } }',
                             {"id": channel["id"]}, token=admin)["data"]["node"]["history"]["edges"]
    assert {e["node"]["field"] for e in history} == {"name", "enabled", "operatorIds", "maxOpenDialoguesPerOperator"}
    assert {(e["node"]["version"], e["node"]["actor"]["user"]["email"]) for e in history} == {(2, ADMIN)}
    disabled = server.graphql('{ channels(first: 100, filter: {enabled: false, kinds: [WEB_CHAT]}) { edges { node { id } } } }',
                              token=admin)["data"]["channels"]["edges"]
    assert {"node": {"id": channel["id"]}} in disabled

    # Soft delete and restore.
    deleted = ok(server.graphql(DELETE_CHANNEL, {"input": {"id": channel["id"], "version": 2}}, token=admin), "deleteChannel")["channel"]
    assert deleted["version"] == 3 and deleted["deletedAt"] is not None

    def listed(deleted_filter):
        body = server.graphql('query($d: DeletedFilter) { channels(first: 100, filter: {kinds: [WEB_CHAT], deleted: $d}) { edges { node { id } } } }',
                              {"d": deleted_filter}, token=admin)
        return [e["node"]["id"] for e in body["data"]["channels"]["edges"]]

    assert channel["id"] not in listed("EXCLUDE") and channel["id"] in listed("ONLY") and channel["id"] in listed("INCLUDE")
    restored = ok(server.graphql(RESTORE_CHANNEL, {"input": {"id": channel["id"], "version": 3}}, token=admin), "restoreChannel")["channel"]
    assert restored == {"id": channel["id"], "version": 4, "deletedAt": None}
    assert channel["id"] in listed("EXCLUDE") and channel["id"] not in listed("ONLY")


def test_channel_accounts_keep_their_secrets_write_only(server):
    admin = server.sign_in(ADMIN)
    channel = make_channel(server, admin, "TELEGRAM")
    bot_token = f"e2e-bot-token-{uuid.uuid4().hex}"
    hook_secret = f"e2e-hook-secret-{uuid.uuid4().hex}"
    answer = server.post({"query": CREATE_ACCOUNT, "variables": {"input": {
        "channelId": channel["id"], "name": "@e2e_support_bot", "externalId": "7000123456",
        "settings": {"botUsername": "e2e_support_bot", "apiBaseUrl": "https://telegram.example/api"},
        "credentials": {"botToken": bot_token, "webhookSecret": hook_secret}}}}, token=admin, accept="application/json")
    assert answer.status == 200, answer
    assert bot_token not in answer.text and hook_secret not in answer.text
    account = ok(answer.json(), "createChannelAccount")["channelAccount"]
    assert account == {"id": account["id"], "name": "@e2e_support_bot", "externalId": "7000123456", "enabled": True, "status": "PENDING",
                       "lastError": None, "webhookUrl": account["webhookUrl"],
                       "settings": {"botUsername": "e2e_support_bot", "apiBaseUrl": "https://telegram.example/api"},
                       "credentialKeys": ["botToken", "webhookSecret"], "version": 1, "deletedAt": None,
                       "channel": {"id": channel["id"], "kind": "TELEGRAM"}}
    assert account["webhookUrl"].startswith("http") and account["webhookUrl"].endswith(f"/hooks/telegram/{account['id']}")

    # Settings and credentials are merge patches: null removes a key.
    new_token = f"e2e-bot-token-{uuid.uuid4().hex}"
    answer = server.post({"query": UPDATE_ACCOUNT, "variables": {"input": {
        "id": account["id"], "version": 1, "settings": {"apiBaseUrl": None, "language": "ru"},
        "credentials": {"botToken": new_token, "webhookSecret": None}}}}, token=admin, accept="application/json")
    assert answer.status == 200 and new_token not in answer.text and hook_secret not in answer.text, answer
    patched = ok(answer.json(), "updateChannelAccount")["channelAccount"]
    assert patched["settings"] == {"botUsername": "e2e_support_bot", "language": "ru"}
    assert patched["credentialKeys"] == ["botToken"] and patched["version"] == 2 and patched["status"] == "PENDING"
    third_token = f"e2e-bot-token-{uuid.uuid4().hex}"
    answer = server.post({"query": UPDATE_ACCOUNT, "variables": {"input": {"id": account["id"], "version": 2, "credentials": {"botToken": third_token}}}},
                         token=admin, accept="application/json")
    assert answer.status == 200 and third_token not in answer.text, answer
    assert ok(answer.json(), "updateChannelAccount")["channelAccount"]["credentialKeys"] == ["botToken"]

    # Switching it off and on again.
    off = ok(server.graphql(UPDATE_ACCOUNT, {"input": {"id": account["id"], "version": 3, "enabled": False}}, token=admin),
             "updateChannelAccount")["channelAccount"]
    assert (off["enabled"], off["status"], off["version"]) == (False, "DISABLED", 4)
    on = ok(server.graphql(UPDATE_ACCOUNT, {"input": {"id": account["id"], "version": 4, "enabled": True}}, token=admin),
            "updateChannelAccount")["channelAccount"]
    assert (on["enabled"], on["status"], on["version"]) == (True, "PENDING", 5)
    stale_errors, stale = refused(server.graphql(UPDATE_ACCOUNT, {"input": {"id": account["id"], "version": 4, "name": "@lost"}}, token=admin),
                                  "updateChannelAccount")
    assert stale_errors == [(["input", "version"], "CONFLICT")] and stale["channelAccount"] == on

    # No secret in any answer: the account, the channel's accounts, the history.
    read = server.post({"query": 'query($id: ID!, $c: ID!) { node(id: $id) { ... on ChannelAccount { credentialKeys settings '
                                 'history(first: 100) { edges { node { field oldValue newValue version } } } } } '
                                 'channel: node(id: $c) { ... on Channel { accounts { id name credentialKeys } } } }',
                        "variables": {"id": account["id"], "c": channel["id"]}}, token=admin, accept="application/json")
    assert read.status == 200, read
    for secret in (bot_token, hook_secret, new_token, third_token):
        assert secret not in read.text, read
    data = read.json()["data"]
    assert data["channel"]["accounts"] == [{"id": account["id"], "name": "@e2e_support_bot", "credentialKeys": ["botToken"]}]
    fields = {e["node"]["field"] for e in data["node"]["history"]["edges"]}
    assert {"settings", "credentialKeys", "credentials", "enabled", "status"} <= fields, fields

    # A mailbox has no webhook; a disabled one starts DISABLED.
    mail_channel = make_channel(server, admin, "EMAIL")
    password = f"e2e-mail-password-{uuid.uuid4().hex}"
    answer = server.post({"query": CREATE_ACCOUNT, "variables": {"input": {
        "channelId": mail_channel["id"], "name": "e2e-mailbox@example.com", "enabled": False,
        "settings": {"address": "e2e-mailbox@example.com", "incomingProtocol": "IMAP", "incomingPort": 993},
        "credentials": {"password": password}}}}, token=admin, accept="application/json")
    assert answer.status == 200 and password not in answer.text, answer
    mailbox = ok(answer.json(), "createChannelAccount")["channelAccount"]
    assert (mailbox["enabled"], mailbox["status"], mailbox["webhookUrl"], mailbox["credentialKeys"]) == (False, "DISABLED", None, ["password"])
    assert mailbox["settings"] == {"address": "e2e-mailbox@example.com", "incomingProtocol": "IMAP", "incomingPort": 993}

    # The corporate chat has no accounts; an account needs a live channel and a name.
    internal = demo(server, admin)["internal"]
    errors, payload = refused(server.graphql(CREATE_ACCOUNT, {"input": {"channelId": internal, "name": "E2E Chat account"}}, token=admin),
                              "createChannelAccount")
    assert errors == [(["input", "channelId"], "INVALID")] and payload["channelAccount"] is None
    errors, _ = refused(server.graphql(CREATE_ACCOUNT, {"input": {"channelId": global_id("Channel", 987654), "name": "E2E Nowhere"}}, token=admin),
                        "createChannelAccount")
    assert errors == [(["input", "channelId"], "NOT_FOUND")]
    errors, _ = refused(server.graphql(CREATE_ACCOUNT, {"input": {"channelId": mail_channel["id"], "name": "  "}}, token=admin),
                        "createChannelAccount")
    assert errors == [(["input", "name"], "REQUIRED")]
    accounts = server.graphql('query($id: ID!) { node(id: $id) { ... on Channel { accounts { id } } } }', {"id": mail_channel["id"]},
                              token=admin)["data"]["node"]["accounts"]
    assert accounts == [{"id": mailbox["id"]}]


# --- 2. starting a dialogue through the mailbox ---------------------------------------------------

def test_start_dialogue_writes_to_the_contacts_email(server):
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    mail_account = demo(server, admin)["mail_account"]
    client = make_client(server, manager)
    address = f"Olga.{uuid.uuid4().hex[:8]}@Example.COM"
    contact = make_contact(server, manager, client["id"], email=address)
    key = f"e2e-start-{uuid.uuid4().hex}"
    subject = unique("Коммерческое предложение")
    started = start(server, manager, mail_account, text="Добрый день!\nВысылаем предложение.", contactId=contact["id"],
                    subject=subject, idempotencyKey=key)
    message, dialogue = started["message"], started["dialogue"]
    assert message == {"id": message["id"], "direction": "OUTGOING", "authorKind": "USER", "author": {"email": MANAGER},
                       "authorName": message["authorName"], "subject": subject, "text": "Добрый день!\nВысылаем предложение.",
                       "deliveryStatus": "QUEUED", "externalId": None, "attachments": [], "replyTo": None}
    assert message["authorName"]
    assert dialogue == {"id": dialogue["id"], "kind": "CLIENT", "status": "WAITING", "title": subject, "version": dialogue["version"],
                        "assignee": {"email": MANAGER}, "queuedSince": None, "client": {"id": client["id"]}, "contact": {"id": contact["id"]},
                        "party": {"name": contact["name"], "handle": address.lower(), "phone": None, "email": address.lower()},
                        "members": [{"email": MANAGER}], "channel": {"id": demo(server, admin)["mail"], "kind": "EMAIL"},
                        "channelAccount": {"id": mail_account}, "externalId": None, "unreadCount": 0, "lastMessage": {"id": message["id"]},
                        "lastMessageAt": dialogue["lastMessageAt"]}
    assert dialogue["lastMessageAt"] is not None

    # The same idempotency key answers the first message again and sends nothing more.
    again = start(server, manager, mail_account, text="Добрый день!\nВысылаем предложение.", contactId=contact["id"],
                  subject=subject, idempotencyKey=key)
    assert again["message"]["id"] == message["id"] and again["dialogue"]["id"] == dialogue["id"]
    assert dialogue_ids(server, manager, clientIds=[client["id"]]) == [dialogue["id"]]
    assert messages_of(server, manager, dialogue["id"])["totalCount"] == 1

    # A client with its own address may be written to directly, and `to` overrides the stored one.
    stored = fresh_email("org")
    direct = make_client(server, manager, email=stored)
    other = fresh_email("override")
    by_client = start(server, manager, mail_account, clientId=direct["id"])["dialogue"]
    by_to = start(server, manager, mail_account, clientId=direct["id"], to=other.upper())["dialogue"]
    assert (by_client["client"], by_client["contact"]) == ({"id": direct["id"]}, None)
    assert by_client["party"] == {"name": direct["name"], "handle": stored, "phone": None, "email": stored}
    assert by_to["party"] == {"name": direct["name"], "handle": other, "phone": None, "email": other}
    assert by_to["id"] != by_client["id"] and by_to["title"] is None


def test_start_dialogue_input_is_checked(server):
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    mail_account = demo(server, admin)["mail_account"]
    client = make_client(server, manager)
    no_email = make_contact(server, manager, client["id"])

    def attempt(account=mail_account, **fields):
        errors, payload = refused(server.graphql(START, {"input": {"channelAccountId": account, "text": "Здравствуйте", **fields}},
                                                 token=manager), "startDialogue")
        assert payload["message"] is None, payload
        return errors

    assert attempt(contactId=no_email["id"]) == [(["input", "to"], "REQUIRED")]
    assert attempt(contactId=no_email["id"], to="not an e-mail") == [(["input", "to"], "INVALID_EMAIL")]
    assert attempt() == [(["input", "contactId"], "REQUIRED"), (["input", "to"], "REQUIRED")]
    assert attempt(contactId=no_email["id"], to=fresh_email(), text="   ") == [(["input", "text"], "REQUIRED")]
    assert attempt(contactId=no_email["id"], to=fresh_email(), text="я" * 10_001) == [(["input", "text"], "TOO_LONG")]
    assert attempt(account=global_id("ChannelAccount", 987654), to=fresh_email()) == [(["input", "channelAccountId"], "NOT_FOUND")]
    # Another manager's contact and client are not found.
    theirs = make_client(server, server.sign_in(OTHER_MANAGER), email=fresh_email("theirs"))
    their_contact = make_contact(server, server.sign_in(OTHER_MANAGER), theirs["id"], email=fresh_email("theirs"))
    assert attempt(contactId=their_contact["id"], to=fresh_email()) == [(["input", "contactId"], "NOT_FOUND")]
    assert attempt(clientId=theirs["id"], to=fresh_email()) == [(["input", "clientId"], "NOT_FOUND")]
    assert dialogue_ids(server, admin, clientIds=[client["id"], theirs["id"]]) == []

    # A disabled account, or an account of a disabled channel, sends nothing.
    channel, account = own_mailbox(server, admin)
    ok(server.graphql(UPDATE_ACCOUNT, {"input": {"id": account["id"], "version": 1, "enabled": False}}, token=admin), "updateChannelAccount")
    assert attempt(account=account["id"], contactId=no_email["id"], to=fresh_email()) == [(["input", "channelAccountId"], "INVALID_STATE")]
    other_channel, other_account = own_mailbox(server, admin)
    ok(server.graphql(UPDATE_CHANNEL, {"input": {"id": other_channel["id"], "version": 1, "enabled": False}}, token=admin), "updateChannel")
    assert attempt(account=other_account["id"], to=fresh_email()) == [(["input", "channelAccountId"], "INVALID_STATE")]
    # A deleted account is not found.
    ok(server.graphql(UPDATE_ACCOUNT, {"input": {"id": account["id"], "version": 2, "enabled": True}}, token=admin), "updateChannelAccount")
    ok(server.graphql('mutation($id: ID!) { deleteChannelAccount(input: {id: $id}) { channelAccount { id } userErrors { field code } } }',
                      {"id": account["id"]}, token=admin), "deleteChannelAccount")
    assert attempt(account=account["id"], to=fresh_email()) == [(["input", "channelAccountId"], "NOT_FOUND")]
    assert dialogue_ids(server, admin, channelIds=[channel["id"], other_channel["id"]]) == []


def test_a_telegram_bot_cannot_start_a_dialogue(server):
    """`startDialogue`: "through a channel account that allows it (e-mail, Viber; Telegram and VK bots can only answer)"."""
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    channel = make_channel(server, admin, "TELEGRAM")
    bot = make_account(server, admin, channel["id"], name="@e2e_start_bot")
    client = make_client(server, manager)
    contact = ok(server.graphql('mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { field code } } }',
                                {"input": {"firstName": unique("Telegram"), "clientId": client["id"],
                                           "messengers": [{"messenger": "TELEGRAM", "handle": f"e2e_{uuid.uuid4().hex[:8]}"}]}},
                                token=manager), "createContact")["contact"]
    for fields in ({"contactId": contact["id"]}, {"to": "some_telegram_user"}):
        body = server.graphql(START, {"input": {"channelAccountId": bot["id"], "text": "Здравствуйте!", **fields}}, token=manager)
        assert "errors" not in body, body
        payload = body["data"]["startDialogue"]
        assert payload["message"] is None, (fields, payload)
        assert [e["field"] for e in payload["userErrors"]] == [["input", "channelAccountId"]], (fields, payload)
    assert dialogue_ids(server, admin, channelIds=[channel["id"]]) == []


def test_a_start_refused_for_its_attachment_stores_no_dialogue(server):
    """`SendMessagePayload.userErrors`: "When not empty, nothing was stored." """
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    client = make_client(server, manager, email=fresh_email("org"))
    errors, payload = refused(server.graphql(START, {"input": {
        "channelAccountId": demo(server, admin)["mail_account"], "clientId": client["id"], "text": "Прайс во вложении",
        "attachments": [{"uploadId": global_id("FileUpload", 987654)}]}}, token=manager), "startDialogue")
    assert errors == [(["input", "attachments", "0", "uploadId"], "NOT_FOUND")]
    assert payload["message"] is None
    assert dialogue_ids(server, admin, clientIds=[client["id"]]) == []


# --- 3. sending messages --------------------------------------------------------------------------

def test_send_message_checks_text_status_and_replies(server):
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    _, _, started = mail_dialogue(server, manager, admin)
    dialogue, first = started["dialogue"], started["message"]

    def attempt(**fields):
        errors, payload = refused(server.graphql(SEND, {"input": {"dialogueId": dialogue["id"], **fields}}, token=manager), "sendMessage")
        assert payload["message"] is None, payload
        return errors

    assert attempt(text="  \n ") == [(["input", "text"], "REQUIRED")]
    assert attempt() == [(["input", "text"], "REQUIRED")]
    assert attempt(attachments=[]) == [(["input", "text"], "REQUIRED")]
    assert attempt(text="ж" * 10_001) == [(["input", "text"], "TOO_LONG")]
    assert messages_of(server, manager, dialogue["id"])["totalCount"] == 1
    assert get_dialogue(server, manager, dialogue["id"])["version"] == dialogue["version"]

    longest = send(server, manager, dialogue["id"], text="ж" * 10_000, dialogueStatus="OPEN")
    assert len(longest["message"]["text"]) == 10_000
    assert longest["dialogue"]["status"] == "OPEN"
    assert send(server, manager, dialogue["id"], text="Ещё вопрос остался открытым", dialogueStatus="OPEN")["dialogue"]["status"] == "OPEN"
    assert send(server, manager, dialogue["id"], text="Ждём ответа")["dialogue"]["status"] == "WAITING"

    # A reply names a message of the same dialogue.
    _, _, elsewhere = mail_dialogue(server, manager, admin)
    assert attempt(text="Ответ", replyToMessageId=elsewhere["message"]["id"]) == [(["input", "replyToMessageId"], "NOT_FOUND")]
    assert attempt(text="Ответ", replyToMessageId=global_id("Message", 987654)) == [(["input", "replyToMessageId"], "NOT_FOUND")]
    reply = send(server, manager, dialogue["id"], text="В продолжение письма", replyToMessageId=first["id"])["message"]
    assert reply["replyTo"] == {"id": first["id"]} and reply["direction"] == "OUTGOING" and reply["deliveryStatus"] == "QUEUED"

    # Repeating a send with its idempotency key returns the first message.
    key = f"e2e-send-{uuid.uuid4().hex}"
    once = send(server, manager, dialogue["id"], text="Один раз", idempotencyKey=key)["message"]
    twice = send(server, manager, dialogue["id"], text="Один раз", idempotencyKey=key)["message"]
    assert twice == once
    texts = [e["node"]["text"] for e in messages_of(server, manager, dialogue["id"])["edges"]]
    assert texts.count("Один раз") == 1 and len(texts) == 6

    # Someone who does not see the dialogue cannot write into it.
    hidden = server.graphql(SEND, {"input": {"dialogueId": dialogue["id"], "text": "Чужой"}}, token=server.sign_in(OTHER_MANAGER))
    assert error_codes(hidden) == ["NOT_FOUND"] and hidden["data"]["sendMessage"] is None

    # Nothing goes out through a switched-off account or a deleted channel.
    channel, account = own_mailbox(server, admin)
    own = start(server, manager, account["id"], to=fresh_email(), text="Через свой ящик")["dialogue"]
    ok(server.graphql(UPDATE_ACCOUNT, {"input": {"id": account["id"], "version": 1, "enabled": False}}, token=admin), "updateChannelAccount")
    errors, payload = refused(server.graphql(SEND, {"input": {"dialogueId": own["id"], "text": "Не уйдёт"}}, token=manager), "sendMessage")
    assert errors == [(["input", "dialogueId"], "INVALID_STATE")] and payload["message"] is None
    ok(server.graphql(UPDATE_ACCOUNT, {"input": {"id": account["id"], "version": 2, "enabled": True}}, token=admin), "updateChannelAccount")
    send(server, manager, own["id"], text="Снова работает")
    ok(server.graphql(DELETE_CHANNEL, {"input": {"id": channel["id"]}}, token=admin), "deleteChannel")
    errors, _ = refused(server.graphql(SEND, {"input": {"dialogueId": own["id"], "text": "Канал удалён"}}, token=manager), "sendMessage")
    assert errors == [(["input", "dialogueId"], "INVALID_STATE")]
    assert messages_of(server, manager, own["id"])["totalCount"] == 2


def test_a_reply_in_a_mail_thread_takes_its_subject_with_re(server):
    """`SendMessageInput.subject`: "Subject, for e-mail; the thread's subject with `Re:` when null." """
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    subject = unique("Счёт на оплату")
    _, _, started = mail_dialogue(server, manager, admin, subject=subject)
    assert started["message"]["subject"] == subject and started["dialogue"]["title"] == subject
    own_subject = send(server, manager, started["dialogue"]["id"], text="Уточнение", subject="Уточнение к счёту")["message"]
    assert own_subject["subject"] == "Уточнение к счёту"
    reply = send(server, manager, started["dialogue"]["id"], text="Счёт во вложении")["message"]
    assert reply["subject"] == f"Re: {subject}"


def test_an_unknown_answer_template_is_a_user_error(server):
    """`SendMessageInput.templateId` names an answer template; an id that is none is not a server failure."""
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    _, _, started = mail_dialogue(server, manager, admin)
    body = server.graphql(SEND, {"input": {"dialogueId": started["dialogue"]["id"], "text": "По шаблону",
                                           "templateId": global_id("AnswerTemplate", 987654)}}, token=manager)
    assert "errors" not in body, body
    payload = body["data"]["sendMessage"]
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["input", "templateId"], "NOT_FOUND")]
    assert payload["message"] is None
    assert messages_of(server, manager, started["dialogue"]["id"])["totalCount"] == 1


def test_a_message_carries_uploads_and_files_the_sender_sees(server):
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    other = server.sign_in(OTHER_MANAGER)
    _, _, started = mail_dialogue(server, manager, admin)
    dialogue = started["dialogue"]
    content = b"%PDF-1.4\n" + bytes(range(256)) * 8 + "Прайс-лист".encode()
    up = upload(server, manager, content, name="Прайс 2026.pdf")
    sent = send(server, manager, dialogue["id"], text="Прайс во вложении", attachments=[{"uploadId": up["id"]}])
    attachments = sent["message"]["attachments"]
    assert len(attachments) == 1
    url = attachments[0]["url"]
    file_id = url.rsplit("/", 1)[-1]
    assert attachments == [{"kind": "DOCUMENT", "name": "Прайс 2026.pdf", "contentType": "application/pdf", "size": len(content),
                            "url": f"/files/{file_id}"}]
    files = server.graphql('query($id: ID!) { node(id: $id) { ... on Dialogue { files { totalCount edges { node { id name size url '
                           'subject { __typename ... on Dialogue { id } } } } } } } }', {"id": dialogue["id"]}, token=manager)["data"]["node"]["files"]
    assert files == {"totalCount": 1, "edges": [{"node": {"id": file_id, "name": "Прайс 2026.pdf", "size": len(content), "url": url,
                                                          "subject": {"__typename": "Dialogue", "id": dialogue["id"]}}}]}

    got = server.request("GET", url, headers={"Authorization": f"Bearer {manager}"})
    assert got.status == 200 and got.body == content, got
    assert got.media_type == "application/pdf"
    assert server.request("GET", url).status == 401
    assert server.request("GET", url, headers={"Authorization": f"Bearer {other}"}).status == 404

    # An upload is used once; a picture is an IMAGE; an attachment alone needs no text.
    errors, _ = refused(server.graphql(SEND, {"input": {"dialogueId": dialogue["id"], "attachments": [{"uploadId": up["id"]}]}}, token=manager),
                        "sendMessage")
    assert errors == [(["input", "attachments", "0", "uploadId"], "INVALID_STATE")]
    picture = upload(server, manager, b"\x89PNG\r\n\x1a\n e2e", name="photo.png", content_type="image/png")
    only_picture = send(server, manager, dialogue["id"], text=None, attachments=[{"uploadId": picture["id"]}])["message"]
    assert only_picture["text"] is None
    assert [(a["kind"], a["name"], a["contentType"], a["size"]) for a in only_picture["attachments"]] == [("IMAGE", "photo.png", "image/png", 12)]

    # A file the sender sees goes again as it is; one they do not see is not found.
    again = send(server, manager, dialogue["id"], text="Повторно", attachments=[{"fileId": file_id}])["message"]
    assert again["attachments"] == attachments
    theirs = make_client(server, other)
    their_upload = upload(server, other, b"secret numbers", name="their.txt", content_type="text/plain")
    their_file = ok(server.graphql('mutation($input: AttachFileInput!) { attachFile(input: $input) { file { id } userErrors { field code } } }',
                                   {"input": {"subject": {"clientId": theirs["id"]}, "uploadId": their_upload["id"]}}, token=other),
                    "attachFile")["file"]["id"]
    errors, payload = refused(server.graphql(SEND, {"input": {"dialogueId": dialogue["id"], "text": "Чужой файл",
                                                              "attachments": [{"fileId": their_file}]}}, token=manager), "sendMessage")
    assert errors == [(["input", "attachments", "0", "fileId"], "NOT_FOUND")] and payload["message"] is None
    assert messages_of(server, manager, dialogue["id"])["totalCount"] == 4


def test_a_send_refused_for_one_attachment_stores_no_file(server):
    """`SendMessagePayload.userErrors`: "When not empty, nothing was stored." """
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    _, _, started = mail_dialogue(server, manager, admin)
    dialogue = started["dialogue"]
    good = upload(server, manager, b"%PDF-1.4 e2e", name="good.pdf")
    errors, payload = refused(server.graphql(SEND, {"input": {"dialogueId": dialogue["id"], "text": "Два файла", "attachments": [
        {"uploadId": good["id"]}, {"uploadId": global_id("FileUpload", 987654)}]}}, token=manager), "sendMessage")
    assert errors == [(["input", "attachments", "1", "uploadId"], "NOT_FOUND")] and payload["message"] is None
    files = server.graphql('query($id: ID!) { node(id: $id) { ... on Dialogue { files { totalCount edges { node { name } } } } } }',
                           {"id": dialogue["id"]}, token=manager)["data"]["node"]["files"]
    assert files == {"totalCount": 0, "edges": []}
    # The upload is still unused and can be sent now.
    sent = send(server, manager, dialogue["id"], text="Один файл", attachments=[{"uploadId": good["id"]}])["message"]
    assert [a["name"] for a in sent["attachments"]] == ["good.pdf"]


# --- 4. who sees which dialogue -------------------------------------------------------------------

def test_who_sees_a_client_dialogue(server):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    tokens = {email: server.sign_in(email) for email in (MANAGER, OTHER_MANAGER, SALES_HEAD, SUPPORT_HEAD, OPERATOR, OTHER_OPERATOR)}
    tokens[ADMIN] = admin
    manager = tokens[MANAGER]
    channel, account = own_mailbox(server, admin, operatorIds=[ids[OPERATOR]])
    client = make_client(server, manager)
    contact = make_contact(server, manager, client["id"], email=fresh_email())
    dialogue = start(server, manager, account["id"], contactId=contact["id"], text="Первое письмо")["dialogue"]

    def seen_by(email):
        """Whether the user sees the dialogue, by `node` and in the channel's list alike."""
        node = get_dialogue(server, tokens[email], dialogue["id"])
        listed = dialogue_ids(server, tokens[email], channelIds=[channel["id"]])
        assert (node is not None) == (listed == [dialogue["id"]]), (email, node, listed)
        return node is not None

    # Assigned to the manager: she, her supervisor and admins see it; others do not, whether they
    # operate the channel or not.
    assert {email: seen_by(email) for email in (MANAGER, OTHER_MANAGER, SALES_HEAD, SUPPORT_HEAD, OPERATOR, OTHER_OPERATOR, ADMIN)} == {
        MANAGER: True, OTHER_MANAGER: False, SALES_HEAD: True, SUPPORT_HEAD: False, OPERATOR: False, OTHER_OPERATOR: False, ADMIN: True}
    assert dialogue_ids(server, tokens[OTHER_MANAGER], clientIds=[client["id"]]) == []

    # Back in the queue: now the channel's operator sees it too (and finds it among the unassigned).
    queued = ok(server.graphql(ASSIGN, {"input": {"id": dialogue["id"], "version": dialogue["version"], "assigneeId": None}}, token=manager),
                "assignDialogue")["dialogue"]
    assert queued["assignee"] is None and queued["queuedSince"] is not None
    assert {email: seen_by(email) for email in (MANAGER, OTHER_MANAGER, OPERATOR, OTHER_OPERATOR)} == {
        MANAGER: True, OTHER_MANAGER: False, OPERATOR: True, OTHER_OPERATOR: False}
    assert dialogue_ids(server, tokens[OPERATOR], unassigned=True, channelIds=[channel["id"]]) == [dialogue["id"]]

    # The operator answers: the dialogue becomes hers; her supervisor now sees it, and the
    # manager still does (she owns the client and took part).
    answered = send(server, tokens[OPERATOR], dialogue["id"], text="Отвечаю вместо коллеги")["dialogue"]
    assert answered["assignee"] == {"email": OPERATOR} and answered["queuedSince"] is None and answered["status"] == "WAITING"
    assert [m["email"] for m in answered["members"]] == [MANAGER, OPERATOR]
    assert {email: seen_by(email) for email in (MANAGER, OTHER_MANAGER, SALES_HEAD, SUPPORT_HEAD, OPERATOR, OTHER_OPERATOR, ADMIN)} == {
        MANAGER: True, OTHER_MANAGER: False, SALES_HEAD: True, SUPPORT_HEAD: True, OPERATOR: True, OTHER_OPERATOR: False, ADMIN: True}

    # The client's owner sees a dialogue with her client that someone else started and holds.
    by_admin = start(server, admin, demo(server, admin)["mail_account"], contactId=contact["id"], text="Письмо от администратора")["dialogue"]
    assert by_admin["assignee"] == {"email": ADMIN} and by_admin["members"] == [{"email": ADMIN}]
    assert get_dialogue(server, manager, by_admin["id"])["id"] == by_admin["id"]
    assert set(dialogue_ids(server, manager, clientIds=[client["id"]])) == {dialogue["id"], by_admin["id"]}
    assert get_dialogue(server, tokens[OTHER_MANAGER], by_admin["id"]) is None
    # Admins see every client dialogue, the 24 demo Telegram ones included.
    assert len(dialogue_ids(server, admin, channelIds=[demo(server, admin)["telegram"]])) == 24


def test_corporate_chats_are_seen_only_by_their_members(server):
    kate = server.sign_in(THIRD_OPERATOR)
    zhanna = server.sign_in(OPERATOR)
    found = dialogue_ids(server, kate, kinds=["DIRECT"], query=DEMO_DIRECT_TEXT)
    assert len(found) == 1
    direct = found[0]
    fields = "id kind members { email } channel { kind } messages { edges { node { direction authorKind author { email } text deliveryStatus externalId } } }"
    from_kate = get_dialogue(server, kate, direct, fields)
    from_zhanna = get_dialogue(server, zhanna, direct, fields)
    assert from_kate == from_zhanna
    assert from_kate["kind"] == "DIRECT" and from_kate["channel"] == {"kind": "INTERNAL"}
    assert {m["email"] for m in from_kate["members"]} == {THIRD_OPERATOR, OPERATOR}
    assert [e["node"] for e in from_kate["messages"]["edges"]] == [
        {"direction": "INTERNAL", "authorKind": "USER", "author": {"email": THIRD_OPERATOR}, "text": DEMO_DIRECT_TEXT,
         "deliveryStatus": None, "externalId": None},
        {"direction": "INTERNAL", "authorKind": "USER", "author": {"email": OPERATOR}, "text": "Да, без проблем.",
         "deliveryStatus": None, "externalId": None}]
    assert direct in dialogue_ids(server, zhanna, kinds=["DIRECT"])

    group = dialogue_ids(server, kate, kinds=["GROUP"], query=DEMO_GROUP_TITLE)
    assert len(group) == 1
    # Neither the admin nor the operators' own supervisor see a chat they are not in.
    for email, sees_group in ((ADMIN, False), (SUPPORT_HEAD, True), (OTHER_OPERATOR, True), (MANAGER, False)):
        token = server.sign_in(email)
        assert get_dialogue(server, token, direct) is None, email
        assert direct not in dialogue_ids(server, token, kinds=["DIRECT", "GROUP"]), email
        assert (get_dialogue(server, token, group[0]) is not None) == sees_group, email
        assert (group[0] in dialogue_ids(server, token, kinds=["GROUP"])) == sees_group, email
        hidden = server.graphql(SEND, {"input": {"dialogueId": direct, "text": "Можно к вам?"}}, token=token)
        assert error_codes(hidden) == ["NOT_FOUND"], email
    admin = server.sign_in(ADMIN)
    assert dialogue_ids(server, admin, kinds=["DIRECT", "GROUP"], query=DEMO_DIRECT_TEXT) == []


# --- 5. handing over and closing ------------------------------------------------------------------

def test_assign_dialogue_within_the_department_or_back_to_the_queue(server):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    manager = server.sign_in(MANAGER)
    colleague = server.sign_in(OTHER_MANAGER)
    client, _, started = mail_dialogue(server, manager, admin)
    dialogue = started["dialogue"]
    version = dialogue["version"]

    # To a colleague of the department.
    handed = ok(server.graphql(ASSIGN, {"input": {"id": dialogue["id"], "version": version, "assigneeId": ids[OTHER_MANAGER]}}, token=manager),
                "assignDialogue")["dialogue"]
    assert handed["assignee"] == {"email": OTHER_MANAGER} and handed["version"] == version + 1 and handed["queuedSince"] is None
    assert get_dialogue(server, colleague, dialogue["id"])["assignee"] == {"email": OTHER_MANAGER}

    # Not outside it (a manager handing to a support operator), nor to nobody known.
    errors, payload = refused(server.graphql(ASSIGN, {"input": {"id": dialogue["id"], "version": version + 1, "assigneeId": ids[OPERATOR]}},
                                             token=manager), "assignDialogue")
    assert errors == [(["input", "assigneeId"], "NOT_ALLOWED")] and payload["dialogue"] == handed
    errors, payload = refused(server.graphql(ASSIGN, {"input": {"id": dialogue["id"], "version": version + 1,
                                                                "assigneeId": global_id("User", 987654)}}, token=manager), "assignDialogue")
    assert errors == [(["input", "assigneeId"], "NOT_FOUND")] and payload["dialogue"] == handed
    assert get_dialogue(server, server.sign_in(OPERATOR), dialogue["id"]) is None

    # A stale version is a conflict and answers the current dialogue.
    errors, payload = refused(server.graphql(ASSIGN, {"input": {"id": dialogue["id"], "version": version, "assigneeId": ids[MANAGER]}},
                                             token=manager), "assignDialogue")
    assert errors == [(["input", "version"], "CONFLICT")] and payload["dialogue"] == handed

    # Back to the queue.
    queued = ok(server.graphql(ASSIGN, {"input": {"id": dialogue["id"], "version": version + 1, "assigneeId": None}}, token=colleague),
                "assignDialogue")["dialogue"]
    assert queued["assignee"] is None and queued["queuedSince"] is not None and queued["version"] == version + 2
    assert dialogue_ids(server, manager, unassigned=True, clientIds=[client["id"]]) == [dialogue["id"]]
    assert dialogue_ids(server, manager, unassigned=False, clientIds=[client["id"]]) == []
    # An admin hands it to anyone.
    to_operator = ok(server.graphql(ASSIGN, {"input": {"id": dialogue["id"], "version": version + 2, "assigneeId": ids[OPERATOR]}}, token=admin),
                     "assignDialogue")["dialogue"]
    assert to_operator["assignee"] == {"email": OPERATOR} and to_operator["queuedSince"] is None
    assert dialogue_ids(server, manager, unassigned=True, clientIds=[client["id"]]) == []
    assert dialogue_ids(server, manager, assigneeIds=[ids[OPERATOR]], clientIds=[client["id"]]) == [dialogue["id"]]
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Dialogue { history(filter: {fields: ["assignee"]}) { '
                             'edges { node { oldValue newValue actor { user { email } } } } } } } }', {"id": dialogue["id"]}, token=admin)
    changes = [(e["node"]["oldValue"], e["node"]["newValue"], e["node"]["actor"]["user"]["email"])
               for e in history["data"]["node"]["history"]["edges"]]
    assert changes == [(None, ids[OPERATOR], ADMIN), (ids[OTHER_MANAGER], None, OTHER_MANAGER), (ids[MANAGER], ids[OTHER_MANAGER], MANAGER)]


def test_set_dialogue_status(server):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    manager = server.sign_in(MANAGER)
    before = open_dialogue_count(server, manager, ids[MANAGER])
    _, _, started = mail_dialogue(server, manager, admin)
    dialogue = started["dialogue"]
    assert open_dialogue_count(server, manager, ids[MANAGER]) == before + 1  # WAITING counts as open
    closed = ok(server.graphql(SET_STATUS, {"input": {"id": dialogue["id"], "version": dialogue["version"], "status": "CLOSED"}}, token=manager),
                "setDialogueStatus")["dialogue"]
    assert closed["status"] == "CLOSED" and closed["version"] == dialogue["version"] + 1
    assert open_dialogue_count(server, manager, ids[MANAGER]) == before
    assert dialogue_ids(server, manager, statuses=["CLOSED"], clientIds=[closed["client"]["id"]]) == [dialogue["id"]]
    errors, payload = refused(server.graphql(SET_STATUS, {"input": {"id": dialogue["id"], "version": dialogue["version"], "status": "OPEN"}},
                                             token=manager), "setDialogueStatus")
    assert errors == [(["input", "version"], "CONFLICT")] and payload["dialogue"] == closed
    # Writing again takes it out of CLOSED (to WAITING for the client).
    assert send(server, manager, dialogue["id"], text="Возвращаемся к вопросу")["dialogue"]["status"] == "WAITING"
    assert open_dialogue_count(server, manager, ids[MANAGER]) == before + 1

    # A corporate chat has no status to set, no assignee and no client.
    chat = ok(server.graphql(CREATE_GROUP, {"input": {"title": unique("E2E Status chat"), "memberIds": [ids[OTHER_MANAGER]]}}, token=manager),
              "createGroupChat")["dialogue"]
    for mutation, name, extra in ((SET_STATUS, "setDialogueStatus", {"status": "CLOSED"}), (ASSIGN, "assignDialogue", {"assigneeId": ids[MANAGER]}),
                                  (MATCH, "matchDialogue", {"clientId": None})):
        errors, payload = refused(server.graphql(mutation, {"input": {"id": chat["id"], "version": chat["version"], **extra}}, token=manager), name)
        assert errors == [(["input", "id"], "INVALID_STATE")] and payload["dialogue"] is None, name
    assert get_dialogue(server, manager, chat["id"])["status"] == "OPEN"


# --- 6. matching a stranger's dialogue ------------------------------------------------------------

def test_match_a_strangers_dialogue_to_a_client(server):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    telegram = demo(server, admin)["telegram"]
    strangers = dialogue_ids(server, admin, channelIds=[telegram], unmatched=True)
    assert strangers, "the demo has Telegram dialogues from strangers"
    dialogue = get_dialogue(server, admin, strangers[-1])
    assert dialogue["client"] is None and dialogue["party"]["name"].startswith("Гость ")
    handle = dialogue["party"]["handle"]
    owner = server.sign_in(THIRD_MANAGER)
    client = make_client(server, admin, owner_id=ids[THIRD_MANAGER])
    contact = make_contact(server, admin, client["id"])
    other_client = make_client(server, admin, owner_id=ids[THIRD_MANAGER])
    other_contact = make_contact(server, admin, other_client["id"])
    assert get_dialogue(server, owner, dialogue["id"]) is None  # a stranger's dialogue goes to the support operators

    errors, payload = refused(server.graphql(MATCH, {"input": {"id": dialogue["id"], "version": dialogue["version"], "clientId": client["id"],
                                                               "contactId": other_contact["id"]}}, token=admin), "matchDialogue")
    assert errors == [(["input", "contactId"], "INVALID")] and payload["dialogue"] == dialogue
    errors, _ = refused(server.graphql(MATCH, {"input": {"id": dialogue["id"], "version": dialogue["version"],
                                                         "clientId": global_id("Client", 987654321)}}, token=admin), "matchDialogue")
    assert errors == [(["input", "clientId"], "NOT_FOUND")]

    matched = ok(server.graphql(MATCH, {"input": {"id": dialogue["id"], "version": dialogue["version"], "clientId": client["id"],
                                                  "contactId": contact["id"]}}, token=admin), "matchDialogue")["dialogue"]
    assert matched["client"] == {"id": client["id"]} and matched["contact"] == {"id": contact["id"]}
    assert matched["version"] == dialogue["version"] + 1 and matched["party"] == dialogue["party"]
    assert strangers[-1] not in dialogue_ids(server, admin, channelIds=[telegram], unmatched=True)
    assert dialogue_ids(server, admin, clientIds=[client["id"]]) == [dialogue["id"]]
    assert dialogue_ids(server, admin, contactIds=[contact["id"]]) == [dialogue["id"]]
    # rememberParty (on by default) stores the Telegram handle on the contact.
    messengers = server.graphql('query($id: ID!) { node(id: $id) { ... on Contact { messengers { messenger handle } } } }',
                                {"id": contact["id"]}, token=admin)["data"]["node"]["messengers"]
    assert {"messenger": "TELEGRAM", "handle": handle} in messengers
    # The client's owner now sees it.
    assert get_dialogue(server, owner, dialogue["id"])["client"] == {"id": client["id"]}

    stale, payload = refused(server.graphql(MATCH, {"input": {"id": dialogue["id"], "version": dialogue["version"], "clientId": None}},
                                            token=admin), "matchDialogue")
    assert stale == [(["input", "version"], "CONFLICT")] and payload["dialogue"] == matched
    # Without rememberParty the other contact is linked but learns nothing.
    relinked = ok(server.graphql(MATCH, {"input": {"id": dialogue["id"], "version": matched["version"], "contactId": other_contact["id"],
                                                   "rememberParty": False}}, token=admin), "matchDialogue")["dialogue"]
    assert relinked["client"] == {"id": other_client["id"]} and relinked["contact"] == {"id": other_contact["id"]}
    assert server.graphql('query($id: ID!) { node(id: $id) { ... on Contact { messengers { handle } } } }', {"id": other_contact["id"]},
                          token=admin)["data"]["node"]["messengers"] == []


# --- 7. unread counts -----------------------------------------------------------------------------

def test_unread_counts_and_marking_read(server):
    kate = server.sign_in(THIRD_OPERATOR)
    igor = server.sign_in(OTHER_OPERATOR)
    group = dialogue_ids(server, kate, kinds=["GROUP"], query=DEMO_GROUP_TITLE)[0]
    # The demo group chat has the supervisor's one message, unread by its operators.
    assert get_dialogue(server, kate, group)["unreadCount"] == 1
    assert group in dialogue_ids(server, kate, kinds=["GROUP"], hasUnread=True)
    assert group not in dialogue_ids(server, kate, kinds=["GROUP"], hasUnread=False)
    marked = ok(server.graphql(MARK_READ, {"input": {"id": group}}, token=kate), "markDialogueRead")["dialogue"]
    assert marked["id"] == group and marked["unreadCount"] == 0
    assert get_dialogue(server, kate, group)["unreadCount"] == 0
    assert group not in dialogue_ids(server, kate, kinds=["GROUP"], hasUnread=True)
    assert group in dialogue_ids(server, kate, kinds=["GROUP"], hasUnread=False)
    assert get_dialogue(server, igor, group)["unreadCount"] == 1  # others' markers are their own

    # A chat of our own: what I write is never unread for me.
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    manager = server.sign_in(MANAGER)
    colleague = server.sign_in(OTHER_MANAGER)
    third = server.sign_in(THIRD_MANAGER)
    chat = ok(server.graphql(CREATE_GROUP, {"input": {"title": unique("E2E Unread"), "memberIds": [ids[OTHER_MANAGER], ids[THIRD_MANAGER]]}},
              token=manager), "createGroupChat")["dialogue"]
    assert chat["unreadCount"] == 0
    first = send(server, manager, chat["id"], text="Первое")["message"]
    second = send(server, manager, chat["id"], text="Второе")["message"]
    assert get_dialogue(server, manager, chat["id"])["unreadCount"] == 0
    assert chat["id"] not in dialogue_ids(server, manager, kinds=["GROUP"], hasUnread=True)
    assert get_dialogue(server, colleague, chat["id"])["unreadCount"] == 2
    assert chat["id"] in dialogue_ids(server, colleague, kinds=["GROUP"], hasUnread=True)

    # Up to a message; never backwards; only messages of this dialogue.
    up_to_first = ok(server.graphql(MARK_READ, {"input": {"id": chat["id"], "upToMessageId": first["id"]}}, token=colleague),
                     "markDialogueRead")["dialogue"]
    assert up_to_first["unreadCount"] == 1
    errors, payload = refused(server.graphql(MARK_READ, {"input": {"id": chat["id"], "upToMessageId": global_id("Message", 987654)}},
                                             token=colleague), "markDialogueRead")
    assert errors == [(["input", "upToMessageId"], "NOT_FOUND")] and payload["dialogue"]["unreadCount"] == 1
    demo_message = server.graphql('query($id: ID!) { node(id: $id) { ... on Dialogue { lastMessage { id } } } }', {"id": group},
                                  token=kate)["data"]["node"]["lastMessage"]["id"]
    errors, _ = refused(server.graphql(MARK_READ, {"input": {"id": chat["id"], "upToMessageId": demo_message}}, token=colleague),
                        "markDialogueRead")
    assert errors == [(["input", "upToMessageId"], "NOT_FOUND")]
    assert ok(server.graphql(MARK_READ, {"input": {"id": chat["id"], "upToMessageId": second["id"]}}, token=colleague),
              "markDialogueRead")["dialogue"]["unreadCount"] == 0
    assert ok(server.graphql(MARK_READ, {"input": {"id": chat["id"], "upToMessageId": first["id"]}}, token=colleague),
              "markDialogueRead")["dialogue"]["unreadCount"] == 0
    # The colleague answers: unread for the others, not for him.
    send(server, colleague, chat["id"], text="Принято")
    assert [get_dialogue(server, t, chat["id"])["unreadCount"] for t in (manager, colleague, third)] == [1, 0, 3]
    # Someone outside the chat cannot mark it.
    hidden = server.graphql(MARK_READ, {"input": {"id": chat["id"]}}, token=kate)
    assert error_codes(hidden) == ["NOT_FOUND"]


# --- 8. corporate chats ---------------------------------------------------------------------------

def test_direct_chats_are_one_per_pair(server):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    dmitry = server.sign_in(THIRD_MANAGER)
    igor = server.sign_in(OTHER_OPERATOR)
    first = ok(server.graphql(OPEN_DIRECT, {"input": {"userId": ids[OTHER_OPERATOR]}}, token=dmitry), "openDirectChat")["dialogue"]
    assert first["kind"] == "DIRECT" and first["channel"]["kind"] == "INTERNAL" and first["status"] == "OPEN"
    assert {m["email"] for m in first["members"]} == {THIRD_MANAGER, OTHER_OPERATOR}
    assert (first["title"], first["party"], first["channelAccount"], first["externalId"], first["assignee"], first["client"]) == (
        None, None, None, None, None, None)
    again = ok(server.graphql(OPEN_DIRECT, {"input": {"userId": ids[OTHER_OPERATOR]}}, token=dmitry), "openDirectChat")["dialogue"]
    assert again["id"] == first["id"]
    back = ok(server.graphql(OPEN_DIRECT, {"input": {"userId": ids[THIRD_MANAGER]}}, token=igor), "openDirectChat")["dialogue"]
    assert back["id"] == first["id"]
    assert dialogue_ids(server, dmitry, kinds=["DIRECT"]).count(first["id"]) == 1

    for user_id in (ids[THIRD_MANAGER], global_id("User", 987654)):
        errors, payload = refused(server.graphql(OPEN_DIRECT, {"input": {"userId": user_id}}, token=dmitry), "openDirectChat")
        assert errors == [(["input", "userId"], "NOT_FOUND")] and payload["dialogue"] is None

    message = send(server, dmitry, first["id"], text="Игорь, клиент звонил в поддержку?")["message"]
    assert (message["direction"], message["authorKind"], message["author"], message["deliveryStatus"], message["externalId"], message["subject"]) == (
        "INTERNAL", "USER", {"email": THIRD_MANAGER}, None, None, None)
    answer = send(server, igor, first["id"], text="Да, уже решили.")
    assert answer["message"]["direction"] == "INTERNAL" and answer["message"]["deliveryStatus"] is None
    assert answer["dialogue"]["status"] == "OPEN" and answer["dialogue"]["lastMessage"] == {"id": answer["message"]["id"]}
    assert get_dialogue(server, dmitry, first["id"])["unreadCount"] == 1


def test_group_chats_and_their_members(server):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    manager = server.sign_in(MANAGER)
    zhanna = server.sign_in(OPERATOR)
    igor = server.sign_in(OTHER_OPERATOR)

    errors, payload = refused(server.graphql(CREATE_GROUP, {"input": {"title": "   ", "memberIds": [ids[OPERATOR]]}}, token=manager),
                              "createGroupChat")
    assert errors == [(["input", "title"], "REQUIRED")] and payload["dialogue"] is None
    title = unique("E2E Sales and support")
    errors, _ = refused(server.graphql(CREATE_GROUP, {"input": {"title": title, "memberIds": [ids[OPERATOR], global_id("User", 987654)]}},
                                       token=manager), "createGroupChat")
    assert errors == [(["input", "memberIds", "1"], "NOT_FOUND")]
    assert dialogue_ids(server, manager, kinds=["GROUP"], query=title) == []

    chat = ok(server.graphql(CREATE_GROUP, {"input": {"title": title, "memberIds": [ids[OTHER_MANAGER], ids[OPERATOR]]}}, token=manager),
              "createGroupChat")["dialogue"]
    assert (chat["kind"], chat["title"], chat["status"], chat["version"], chat["channel"]["kind"], chat["createdBy"]) == (
        "GROUP", title, "OPEN", 1, "INTERNAL", {"user": {"email": MANAGER}})
    assert [m["email"] for m in chat["members"]] == [MANAGER, OTHER_MANAGER, OPERATOR]
    assert dialogue_ids(server, zhanna, kinds=["GROUP"], query=title) == [chat["id"]]
    assert get_dialogue(server, igor, chat["id"]) is None

    message = send(server, manager, chat["id"], text="Коллеги, общий чат по ключевому клиенту")["message"]
    assert (message["direction"], message["deliveryStatus"], message["subject"]) == ("INTERNAL", None, None)

    # Members come and go; a removed member no longer sees the chat.
    renamed = unique("E2E Key account")
    changed = ok(server.graphql(UPDATE_GROUP, {"input": {"id": chat["id"], "version": 1, "title": renamed, "addMemberIds": [ids[OTHER_OPERATOR]],
                                                         "removeMemberIds": [ids[OPERATOR]]}}, token=manager), "updateGroupChat")["dialogue"]
    assert changed["title"] == renamed and changed["version"] == 2
    assert [m["email"] for m in changed["members"]] == [MANAGER, OTHER_MANAGER, OTHER_OPERATOR]
    assert get_dialogue(server, zhanna, chat["id"]) is None
    assert dialogue_ids(server, zhanna, kinds=["GROUP"], query=renamed) == []
    assert error_codes(server.graphql(SEND, {"input": {"dialogueId": chat["id"], "text": "Я ещё тут?"}}, token=zhanna)) == ["NOT_FOUND"]
    assert get_dialogue(server, igor, chat["id"])["title"] == renamed
    assert messages_of(server, igor, chat["id"])["totalCount"] == 1

    # Not everyone can leave; a stale version is a conflict; a direct chat is no group.
    everyone = [ids[MANAGER], ids[OTHER_MANAGER], ids[OTHER_OPERATOR]]
    errors, payload = refused(server.graphql(UPDATE_GROUP, {"input": {"id": chat["id"], "version": 2, "removeMemberIds": everyone}}, token=manager),
                              "updateGroupChat")
    assert errors == [(["input", "removeMemberIds"], "INVALID")] and payload["dialogue"] == changed
    errors, payload = refused(server.graphql(UPDATE_GROUP, {"input": {"id": chat["id"], "version": 2, "title": "   "}}, token=manager),
                              "updateGroupChat")
    assert errors == [(["input", "title"], "REQUIRED")] and payload["dialogue"] == changed
    errors, payload = refused(server.graphql(UPDATE_GROUP, {"input": {"id": chat["id"], "version": 1, "title": "E2E Lost"}}, token=manager),
                              "updateGroupChat")
    assert errors == [(["input", "version"], "CONFLICT")] and payload["dialogue"] == changed
    errors, _ = refused(server.graphql(UPDATE_GROUP, {"input": {"id": chat["id"], "version": 2, "addMemberIds": [global_id("User", 987654)]}},
                                       token=manager), "updateGroupChat")
    assert errors == [(["input", "addMemberIds", "0"], "NOT_FOUND")]
    assert error_codes(server.graphql(UPDATE_GROUP, {"input": {"id": chat["id"], "version": 2, "title": "Чужой"}}, token=zhanna)) == ["NOT_FOUND"]
    direct = ok(server.graphql(OPEN_DIRECT, {"input": {"userId": ids[OTHER_MANAGER]}}, token=manager), "openDirectChat")["dialogue"]
    errors, _ = refused(server.graphql(UPDATE_GROUP, {"input": {"id": direct["id"], "version": direct["version"], "title": "Не группа"}},
                                       token=manager), "updateGroupChat")
    assert errors == [(["input", "id"], "INVALID_STATE")]
    # Leaving oneself works while someone stays.
    left = ok(server.graphql(UPDATE_GROUP, {"input": {"id": chat["id"], "version": 2, "removeMemberIds": [ids[MANAGER]]}}, token=manager),
              "updateGroupChat")["dialogue"]
    assert [m["email"] for m in left["members"]] == [OTHER_MANAGER, OTHER_OPERATOR]
    assert get_dialogue(server, manager, chat["id"]) is None


def test_a_message_names_its_dialogue(server):
    """`Message.dialogue: Dialogue!` — for client and corporate chat messages alike, to whoever sees the message."""
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    manager = server.sign_in(MANAGER)
    colleague = server.sign_in(OTHER_MANAGER)
    _, _, started = mail_dialogue(server, manager, admin)
    query = 'query($id: ID!) { node(id: $id) { ... on Message { id dialogue { id kind } } } }'
    assert server.graphql(query, {"id": started["message"]["id"]}, token=manager)["data"]["node"] == {
        "id": started["message"]["id"], "dialogue": {"id": started["dialogue"]["id"], "kind": "CLIENT"}}
    assert server.graphql(query, {"id": started["message"]["id"]}, token=colleague)["data"]["node"] is None

    chat = ok(server.graphql(CREATE_GROUP, {"input": {"title": unique("E2E Message dialogue"), "memberIds": [ids[OTHER_MANAGER]]}},
                             token=manager), "createGroupChat")["dialogue"]
    sent = server.graphql('mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { id dialogue { id kind } } '
                          'userErrors { field code } } }', {"input": {"dialogueId": chat["id"], "text": "Кто возьмёт клиента?"}}, token=manager)
    assert "errors" not in sent, sent
    message = sent["data"]["sendMessage"]["message"]
    assert message["dialogue"] == {"id": chat["id"], "kind": "GROUP"}
    for token in (manager, colleague):
        read = server.graphql(query, {"id": message["id"]}, token=token)
        assert "errors" not in read, read
        assert read["data"]["node"] == {"id": message["id"], "dialogue": {"id": chat["id"], "kind": "GROUP"}}
    assert server.graphql(query, {"id": message["id"]}, token=admin)["data"]["node"] is None


# --- 9. lists: filters, order, paging, messages ---------------------------------------------------

def test_dialogue_lists_filter_order_and_page(server):
    admin = server.sign_in(ADMIN)
    ids = user_ids(server, admin)
    # The open Telegram dialogues (the demo's unanswered ones), as the admin sees them.
    body = server.graphql('{ dialogues(first: 100, filter: {channelKinds: [TELEGRAM]}) { totalCount edges { node { id status channel { id kind } } } } }',
                          token=admin)["data"]["dialogues"]
    telegram = [e["node"] for e in body["edges"]]
    assert len(telegram) == body["totalCount"] and {d["channel"]["kind"] for d in telegram} == {"TELEGRAM"}
    demo_telegram = demo(server, admin)["telegram"]
    assert len([d for d in telegram if d["channel"]["id"] == demo_telegram]) == 24
    open_ones = [d["id"] for d in telegram if d["status"] == "OPEN"]
    assert [d for d in telegram if d["channel"]["id"] == demo_telegram and d["status"] == "OPEN"]
    assert dialogue_ids(server, admin, channelKinds=["TELEGRAM"], statuses=["OPEN"]) == open_ones
    assert dialogue_ids(server, admin, channelKinds=["TELEGRAM"], statuses=["WAITING", "CLOSED"]) == [
        d["id"] for d in telegram if d["status"] != "OPEN"]
    assert dialogue_ids(server, admin, channelKinds=["TELEGRAM", "EMAIL"], statuses=["OPEN"], kinds=["DIRECT", "GROUP"]) == []

    manager = server.sign_in(MANAGER)
    mail_account = demo(server, admin)["mail_account"]
    before = open_dialogue_count(server, manager, ids[MANAGER])
    client = make_client(server, manager)
    contact = make_contact(server, manager, client["id"], email=fresh_email())
    token = uuid.uuid4().hex[:10]
    made = [start(server, manager, mail_account, contactId=contact["id"], text=f"Письмо {n} про заказ E2E-{token}-{n}")["dialogue"]["id"]
            for n in (1, 2, 3)]
    d1, d2, d3 = made
    assert open_dialogue_count(server, manager, ids[MANAGER]) == before + 3

    # Text search: message text, any case.
    assert set(dialogue_ids(server, manager, query=f"e2e-{token.upper()}")) == set(made)
    assert dialogue_ids(server, manager, query=f"E2E-{token}-2") == [d2]
    assert dialogue_ids(server, manager, query=f"E2E-{token}-nothing") == []
    # Order: latest message first by default; creation time either way.
    assert dialogue_ids(server, manager, clientIds=[client["id"]]) == [d3, d2, d1]
    assert dialogue_ids(server, manager, {"field": "CREATED_AT", "direction": "ASC"}, clientIds=[client["id"]]) == [d1, d2, d3]
    assert dialogue_ids(server, manager, {"field": "CREATED_AT", "direction": "DESC"}, clientIds=[client["id"]]) == [d3, d2, d1]
    send(server, manager, d1, text="Дополнение к первому письму", dialogueStatus="OPEN")
    send(server, manager, d1, text="И ещё одно дополнение", dialogueStatus="OPEN")
    assert dialogue_ids(server, manager, clientIds=[client["id"]]) == [d1, d3, d2]
    assert dialogue_ids(server, manager, {"field": "LAST_MESSAGE_AT", "direction": "ASC"}, clientIds=[client["id"]]) == [d2, d3, d1]
    assert dialogue_ids(server, manager, {"field": "CREATED_AT", "direction": "ASC"}, clientIds=[client["id"]]) == [d1, d2, d3]
    assert dialogue_ids(server, manager, statuses=["OPEN"], clientIds=[client["id"]]) == [d1]
    assert dialogue_ids(server, manager, statuses=["WAITING"], clientIds=[client["id"]]) == [d3, d2]
    assert dialogue_ids(server, manager, channelKinds=["TELEGRAM"], clientIds=[client["id"]]) == []
    assert dialogue_ids(server, manager, kinds=["CLIENT"], contactIds=[contact["id"]], assigneeIds=[ids[MANAGER]]) == [d1, d3, d2]

    # Paging forward by creation time.
    seen, after, pages = [], None, 0
    while True:
        page = server.graphql(DIALOGUES, {"filter": {"clientIds": [client["id"]]}, "orderBy": {"field": "CREATED_AT", "direction": "ASC"},
                                          "first": 2, "after": after}, token=manager)["data"]["dialogues"]
        assert page["totalCount"] == 3
        seen += [e["node"]["id"] for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [d1, d2, d3] and pages == 2

    # The latest messages, in chronological order.
    latest = messages_of(server, manager, d1, "last: 2")
    assert [e["node"]["text"] for e in latest["edges"]] == ["Дополнение к первому письму", "И ещё одно дополнение"]
    assert latest["totalCount"] == 3 and latest["pageInfo"]["hasPreviousPage"] is True
    earliest = messages_of(server, manager, d1, "first: 2")
    assert [e["node"]["text"] for e in earliest["edges"]] == [f"Письмо 1 про заказ E2E-{token}-1", "Дополнение к первому письму"]
    assert earliest["pageInfo"]["hasNextPage"] is True

    # Closing one lowers the count of open dialogues the manager holds.
    version = get_dialogue(server, manager, d2)["version"]
    ok(server.graphql(SET_STATUS, {"input": {"id": d2, "version": version, "status": "CLOSED"}}, token=manager), "setDialogueStatus")
    assert open_dialogue_count(server, manager, ids[MANAGER]) == before + 2
    assert open_dialogue_count(server, admin, ids[MANAGER]) == before + 2


# --- 10. inquiries from dialogues -----------------------------------------------------------------

def test_demo_telegram_dialogues_opened_inquiries(server):
    admin = server.sign_in(ADMIN)
    body = server.graphql('query($c: ID!) { dialogues(first: 100, filter: {channelIds: [$c]}) { totalCount edges { node { id '
                          'inquiry { origin status dialogue { id } channel { kind name } } messages { edges { node { direction } } } } } } }',
                          {"c": demo(server, admin)["telegram"]}, token=admin)
    nodes = [e["node"] for e in body["data"]["dialogues"]["edges"]]
    assert len(nodes) == body["data"]["dialogues"]["totalCount"] == 24
    answered = unanswered = 0
    for node in nodes:
        directions = [e["node"]["direction"] for e in node["messages"]["edges"]]
        assert directions[0] == "INCOMING", node
        inquiry = node["inquiry"]
        assert inquiry["origin"] == "TELEGRAM" and inquiry["dialogue"] == {"id": node["id"]}, node
        assert inquiry["channel"] == {"kind": "TELEGRAM", "name": TELEGRAM_CHANNEL}, node
        if "OUTGOING" in directions:
            answered += 1
            assert inquiry["status"] == "OPEN", node
        else:
            unanswered += 1
            assert inquiry["status"] == "NEW", node
    assert answered and unanswered


def test_an_inquiry_registered_from_an_email_dialogue(server):
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    client, contact, started = mail_dialogue(server, manager, admin)
    dialogue = started["dialogue"]
    made = ok(server.graphql(CREATE_INQUIRY, {"input": {"subject": "Вопрос по письму", "dialogueId": dialogue["id"]}}, token=manager),
              "createInquiry")["inquiry"]
    assert (made["origin"], made["status"], made["subject"], made["firstRespondedAt"]) == ("EMAIL", "NEW", "Вопрос по письму", None)
    assert (made["client"], made["contact"], made["dialogue"]) == ({"id": client["id"]}, {"id": contact["id"]}, {"id": dialogue["id"]})
    assert made["channel"] == {"id": demo(server, admin)["mail"], "kind": "EMAIL", "name": MAIL_CHANNEL}
    assert server.graphql('query($id: ID!) { node(id: $id) { ... on Dialogue { inquiry { id } } } }', {"id": dialogue["id"]},
                          token=manager)["data"]["node"] == {"inquiry": {"id": made["id"]}}
    # The next answer in the dialogue is the inquiry's first response.
    send(server, manager, dialogue["id"], text="Отвечаем на вопрос")
    after = server.graphql('query($id: ID!) { node(id: $id) { ... on Inquiry { status firstRespondedAt } } }', {"id": made["id"]},
                           token=manager)["data"]["node"]
    assert after["status"] == "OPEN" and after["firstRespondedAt"] is not None

    # A dialogue the user does not see, or a corporate chat, is not found.
    chat = ok(server.graphql(CREATE_GROUP, {"input": {"title": unique("E2E Not an inquiry"), "memberIds": []}}, token=manager),
              "createGroupChat")["dialogue"]
    theirs = mail_dialogue(server, server.sign_in(OTHER_MANAGER), admin)[2]["dialogue"]
    for dialogue_id in (chat["id"], theirs["id"], global_id("Dialogue", 987654)):
        errors, payload = refused(server.graphql(CREATE_INQUIRY, {"input": {"subject": "Нет", "dialogueId": dialogue_id}}, token=manager),
                                  "createInquiry")
        assert errors == [(["input", "dialogueId"], "NOT_FOUND")] and payload["inquiry"] is None


def test_an_inquiry_from_a_dialogue_takes_the_channels_sla_policy(server):
    """`CreateInquiryInput.slaPolicyId`: "SLA policy; the channel's or the default policy when null." """
    admin = server.sign_in(ADMIN)
    calendar = server.graphql('{ workingCalendars(first: 20) { edges { node { id isDefault } } } }', token=admin)["data"]["workingCalendars"]["edges"]
    calendar = next(e["node"]["id"] for e in calendar if e["node"]["isDefault"])
    policy = ok(server.graphql('mutation($input: CreateSlaPolicyInput!) { createSlaPolicy(input: $input) { slaPolicy { id } userErrors { field code } } }',
                               {"input": {"name": unique("E2E Mail SLA"), "calendarId": calendar,
                                          "targets": [{"priority": "NORMAL", "firstResponseMinutes": 30, "resolutionMinutes": 240}]}},
                               token=admin), "createSlaPolicy")["slaPolicy"]["id"]
    channel, account = own_mailbox(server, admin, slaPolicyId=policy)
    assert channel["slaPolicy"] == {"id": policy}
    manager = server.sign_in(MANAGER)
    client = make_client(server, manager, email=fresh_email("org"))
    dialogue = start(server, manager, account["id"], clientId=client["id"], text="Добрый день")["dialogue"]
    made = ok(server.graphql(CREATE_INQUIRY, {"input": {"subject": "Срочный вопрос", "dialogueId": dialogue["id"]}}, token=manager),
              "createInquiry")["inquiry"]
    assert made["channel"]["id"] == channel["id"] and made["origin"] == "EMAIL"
    assert made["slaPolicy"] == {"id": policy}


# --- 11. the client's timeline --------------------------------------------------------------------

def test_sent_email_on_the_clients_timeline(server):
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    first_line = unique("Договор на поставку")
    client, _, started = mail_dialogue(server, manager, admin, text=f"{first_line}\nВо вложении проект договора.")
    items = server.graphql("""query($id: ID!) { node(id: $id) { ... on Client { timeline(filter: {kinds: [EMAIL, MESSAGE]}) {
        totalCount edges { node { kind action summary actor { kind user { email } } record { __typename ... on Message { id } } } } } } } }""",
                           {"id": client["id"]}, token=manager)["data"]["node"]["timeline"]
    assert items["totalCount"] == 1
    item = items["edges"][0]["node"]
    assert (item["kind"], item["action"]) == ("EMAIL", "SENT")
    assert item["record"] == {"__typename": "Message", "id": started["message"]["id"]}
    assert item["actor"] == {"kind": "USER", "user": {"email": MANAGER}}
    assert item["summary"] == f"Отправлено сообщение ({MAIL_CHANNEL}): {first_line}"
    # Only mail: nothing under MESSAGE for this client.
    only_messages = server.graphql('query($id: ID!) { node(id: $id) { ... on Client { timeline(filter: {kinds: [MESSAGE]}) { totalCount } } } }',
                                   {"id": client["id"]}, token=manager)["data"]["node"]["timeline"]
    assert only_messages == {"totalCount": 0}


# --- 12. notes on a dialogue ----------------------------------------------------------------------

def test_notes_on_a_dialogue(server):
    admin = server.sign_in(ADMIN)
    manager = server.sign_in(MANAGER)
    _, _, started = mail_dialogue(server, manager, admin)
    dialogue = started["dialogue"]
    made = ok(server.graphql('mutation($d: ID!) { createNote(input: {subject: {dialogueId: $d}, body: "Клиент просит скидку 5%"}) { '
                             'note { id body subject { __typename ... on Dialogue { id } } } userErrors { field code } } }',
                             {"d": dialogue["id"]}, token=manager), "createNote")["note"]
    assert made["subject"] == {"__typename": "Dialogue", "id": dialogue["id"]} and made["body"] == "Клиент просит скидку 5%"
    listed = server.graphql('query($id: ID!) { node(id: $id) { ... on Dialogue { notes { totalCount edges { node { id body } } } } } }',
                            {"id": dialogue["id"]}, token=manager)["data"]["node"]["notes"]
    assert listed == {"totalCount": 1, "edges": [{"node": {"id": made["id"], "body": "Клиент просит скидку 5%"}}]}
    refused_note = server.graphql('mutation($d: ID!) { createNote(input: {subject: {dialogueId: $d}, body: "x"}) { note { id } userErrors { field code } } }',
                                  {"d": dialogue["id"]}, token=server.sign_in(OTHER_MANAGER))
    assert refused_note["data"]["createNote"] == {"note": None, "userErrors": [{"field": ["input", "subject"], "code": "NOT_FOUND"}]}
