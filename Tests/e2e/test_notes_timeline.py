"""Notes and the client timeline over HTTP. Notes go on clients, contacts, deals and tasks the viewer
sees, list pinned first then newest first, and are changed, deleted and restored only by their author
or an admin. A client's timeline tells its story newest first — the profile, contacts, notes, tasks
and deal events — with one-line summaries in the viewer's language, a kind and time filter, keyset
paging, and only what the viewer may see."""
import base64
import uuid

import pytest

ADMIN = "anna.smirnova@switchboard.test"
SUPERVISOR = "boris.ivanov@switchboard.test"           # heads sales
MANAGER = "victoria.kuznetsova@switchboard.test"       # sales
OTHER_MANAGER = "grigory.popov@switchboard.test"       # sales

NOTE_FIELDS = """id body pinned version deletedAt createdBy { user { email } }
  subject { __typename ... on Client { id } ... on Contact { id } ... on Deal { id } ... on Task { id } }"""
CREATE_NOTE = f"""mutation($input: CreateNoteInput!) {{
  createNote(input: $input) {{ note {{ {NOTE_FIELDS} }} userErrors {{ field code }} }}
}}"""
UPDATE_NOTE = f"""mutation($input: UpdateNoteInput!) {{
  updateNote(input: $input) {{ note {{ {NOTE_FIELDS} }} userErrors {{ field code }} }}
}}"""
NOTES_OF = """query($id: ID!, $first: Int, $after: String) { node(id: $id) {
  ... on Client { notes(first: $first, after: $after) { ...page } }
  ... on Contact { notes(first: $first, after: $after) { ...page } }
  ... on Deal { notes(first: $first, after: $after) { ...page } }
  ... on Task { notes(first: $first, after: $after) { ...page } }
} }
fragment page on NoteConnection { totalCount edges { node { body } } pageInfo { hasNextPage endCursor } }"""
TIMELINE = """query($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: TimelineFilter) {
  node(id: $id) { ... on Client { timeline(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id kind action occurredAt summary actor { kind name user { id } }
      record { __typename ... on Client { id } ... on Contact { id } ... on Note { id } ... on Task { id } ... on Deal { id }
               ... on DealStageChange { id } } } }
  } } }
}"""


def unique(prefix):
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def global_id(type_name, number):
    return base64.b64encode(f"{type_name}:{number}".encode()).decode().rstrip("=")


def ok(body, name):
    assert "errors" not in body, body
    payload = body["data"][name]
    assert payload["userErrors"] == [], payload
    return payload


def new_client(server, token, name=None, **fields):
    body = server.graphql('mutation($input: CreateClientInput!) { createClient(input: $input) { client { id name version } userErrors { code } } }',
                          {"input": {"kind": "ORGANISATION", "name": name or unique("E2E Notes"), **fields}}, token=token)
    return ok(body, "createClient")["client"]


def new_contact(server, token, client_id, first="Олег"):
    body = server.graphql('mutation($f: String!, $c: ID!) { createContact(input: {firstName: $f, clientId: $c}) { contact { id name } userErrors { code } } }',
                          {"f": first, "c": client_id}, token=token)
    return ok(body, "createContact")["contact"]


def new_deal(server, token, client_id, title=None, **fields):
    body = server.graphql('mutation($input: CreateDealInput!) { createDeal(input: $input) '
                          '{ deal { id title version pipeline { stages { id name } } } userErrors { code } } }',
                          {"input": {"title": title or unique("E2E Deal"), "clientId": client_id, **fields}}, token=token)
    return ok(body, "createDeal")["deal"]


def new_task(server, token, client_id, title=None, **fields):
    body = server.graphql('mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id title version } userErrors { code } } }',
                          {"input": {"title": title or unique("E2E Task"), "clientId": client_id, **fields}}, token=token)
    return ok(body, "createTask")["task"]


def note(server, token, subject, body, pinned=False):
    return ok(server.graphql(CREATE_NOTE, {"input": {"subject": subject, "body": body, "pinned": pinned}}, token=token), "createNote")["note"]


def notes_of(server, token, record_id, **paging):
    return server.graphql(NOTES_OF, {"id": record_id, **paging}, token=token)["data"]["node"]["notes"]


def timeline(server, token, client_id, **arguments):
    body = server.graphql(TIMELINE, {"id": client_id, **arguments}, token=token)
    assert "errors" not in body, body
    return body["data"]["node"]["timeline"]


def story(connection):
    """(kind, action, record type) of each item, as listed."""
    return [(e["node"]["kind"], e["node"]["action"], e["node"]["record"]["__typename"]) for e in connection["edges"]]


def test_notes_on_a_client_and_its_records(server):
    token = server.sign_in(MANAGER)
    client = new_client(server, token)
    contact = new_contact(server, token, client["id"])
    deal = new_deal(server, token, client["id"])
    task = new_task(server, token, client["id"])

    first = note(server, token, {"clientId": client["id"]}, "Первый звонок")
    assert first["subject"] == {"__typename": "Client", "id": client["id"]}
    assert (first["pinned"], first["version"], first["createdBy"], first["deletedAt"]) == (False, 1, {"user": {"email": MANAGER}}, None)
    pinned = note(server, token, {"clientId": client["id"]}, "  Реквизиты: ИНН в карточке  ", pinned=True)
    assert pinned["body"] == "Реквизиты: ИНН в карточке" and pinned["pinned"] is True
    note(server, token, {"clientId": client["id"]}, "Второй звонок")
    for subject, record, typename in (({"contactId": contact["id"]}, contact, "Contact"), ({"dealId": deal["id"]}, deal, "Deal"),
                                      ({"taskId": task["id"]}, task, "Task")):
        made = note(server, token, subject, f"О записи {typename}")
        assert made["subject"] == {"__typename": typename, "id": record["id"]}
        listed = notes_of(server, token, record["id"])
        assert listed["totalCount"] == 1 and listed["edges"] == [{"node": {"body": f"О записи {typename}"}}]

    # Pinned first, then newest first; only the client's own notes; paged by cursor.
    page = notes_of(server, token, client["id"], first=2)
    assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["body"] for e in page["edges"]] == ["Реквизиты: ИНН в карточке", "Второй звонок"]
    rest = notes_of(server, token, client["id"], first=2, after=page["pageInfo"]["endCursor"])
    assert [e["node"]["body"] for e in rest["edges"]] == ["Первый звонок"] and rest["pageInfo"]["hasNextPage"] is False

    blank = server.graphql(CREATE_NOTE, {"input": {"subject": {"clientId": client["id"]}, "body": " \n "}}, token=token)["data"]["createNote"]
    assert blank == {"note": None, "userErrors": [{"field": ["input", "body"], "code": "REQUIRED"}]}
    assert notes_of(server, token, client["id"])["totalCount"] == 3
    # The client's timeline holds the notes on the client and on its contact, deal and task.
    on_timeline = timeline(server, token, client["id"], filter={"kinds": ["NOTE"]})
    assert on_timeline["totalCount"] == 6 and {r for _, _, r in story(on_timeline)} == {"Note"}


def test_a_note_needs_a_subject_the_viewer_sees(server):
    mine = server.sign_in(MANAGER)
    theirs = new_client(server, server.sign_in(OTHER_MANAGER))
    hidden = server.graphql(CREATE_NOTE, {"input": {"subject": {"clientId": theirs["id"]}, "body": "Подсмотрел"}}, token=mine)["data"]["createNote"]
    assert hidden == {"note": None, "userErrors": [{"field": ["input", "subject"], "code": "NOT_FOUND"}]}
    missing = server.graphql(CREATE_NOTE, {"input": {"subject": {"dealId": global_id("Deal", 987654)}, "body": "x"}}, token=mine)["data"]["createNote"]
    assert missing == {"note": None, "userErrors": [{"field": ["input", "subject"], "code": "NOT_FOUND"}]}
    hidden_inquiry = server.graphql(CREATE_NOTE, {"input": {"subject": {"inquiryId": global_id("Inquiry", 987654)}, "body": "x"}},
                                    token=mine)["data"]["createNote"]
    assert hidden_inquiry == {"note": None, "userErrors": [{"field": ["input", "subject"], "code": "NOT_FOUND"}]}
    for field, type_name in (("projectId", "Project"), ("callId", "Call"), ("dialogueId", "Dialogue")):
        missing = server.graphql(CREATE_NOTE, {"input": {"subject": {field: global_id(type_name, 987654)}, "body": "x"}},
                                 token=mine)["data"]["createNote"]
        assert missing == {"note": None, "userErrors": [{"field": ["input", "subject"], "code": "NOT_FOUND"}]}, field


def test_only_the_author_or_an_admin_changes_a_note(server):
    author = server.sign_in(MANAGER)
    supervisor = server.sign_in(SUPERVISOR)
    colleague = server.sign_in(OTHER_MANAGER)
    admin = server.sign_in(ADMIN)
    client = new_client(server, author)
    made = note(server, author, {"clientId": client["id"]}, "Черновик")

    changed = ok(server.graphql(UPDATE_NOTE, {"input": {"id": made["id"], "version": 1, "body": "Итог встречи"}}, token=author), "updateNote")
    assert (changed["note"]["body"], changed["note"]["version"]) == ("Итог встречи", 2)
    stale = server.graphql(UPDATE_NOTE, {"input": {"id": made["id"], "version": 1, "body": "Потеряно"}}, token=author)["data"]["updateNote"]
    assert stale["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}]
    assert (stale["note"]["body"], stale["note"]["version"]) == ("Итог встречи", 2)
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Note { history { edges { node { field oldValue newValue version '
                             'actor { user { email } } } } } } } }', {"id": made["id"]}, token=author)["data"]["node"]["history"]["edges"]
    assert [e["node"] for e in history] == [
        {"field": "body", "oldValue": "Черновик", "newValue": "Итог встречи", "version": 2, "actor": {"user": {"email": MANAGER}}}]

    # The supervisor sees the client and the note, but may not change or delete it.
    assert server.graphql("query($id: ID!) { node(id: $id) { id } }", {"id": made["id"]}, token=supervisor)["data"]["node"] == {"id": made["id"]}
    forbidden = server.graphql(UPDATE_NOTE, {"input": {"id": made["id"], "version": 2, "body": "Правка"}}, token=supervisor)
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN" and forbidden["data"]["updateNote"] is None
    forbidden_delete = server.graphql('mutation($id: ID!) { deleteNote(input: {id: $id}) { note { id } } }', {"id": made["id"]}, token=supervisor)
    assert forbidden_delete["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # A colleague who does not see the client does not see the note at all.
    assert server.graphql("query($id: ID!) { node(id: $id) { id } }", {"id": made["id"]}, token=colleague)["data"]["node"] is None
    unseen = server.graphql(UPDATE_NOTE, {"input": {"id": made["id"], "version": 2, "body": "Правка"}}, token=colleague)
    assert unseen["errors"][0]["extensions"]["code"] == "NOT_FOUND"

    pinned = ok(server.graphql(UPDATE_NOTE, {"input": {"id": made["id"], "version": 2, "pinned": True}}, token=admin), "updateNote")
    assert (pinned["note"]["pinned"], pinned["note"]["body"], pinned["note"]["version"]) == (True, "Итог встречи", 3)

    deleted = server.graphql('mutation($id: ID!) { deleteNote(input: {id: $id}) { note { deletedAt version } userErrors { code } } }',
                             {"id": made["id"]}, token=author)["data"]["deleteNote"]
    assert deleted["note"]["deletedAt"] is not None and deleted["note"]["version"] == 4
    assert notes_of(server, author, client["id"])["totalCount"] == 0
    restored = server.graphql('mutation($id: ID!) { restoreNote(input: {id: $id}) { note { deletedAt version } userErrors { code } } }',
                              {"id": made["id"]}, token=author)["data"]["restoreNote"]
    assert restored == {"note": {"deletedAt": None, "version": 5}, "userErrors": []}
    assert [e["node"]["body"] for e in notes_of(server, author, client["id"])["edges"]] == ["Итог встречи"]


def test_the_timeline_tells_the_clients_story(server, admin_token):
    token = server.sign_in(MANAGER)
    me = server.graphql("{ me { id } }", token=token)["data"]["me"]["id"]
    name = unique("E2E Story")
    client = new_client(server, token, name)
    ok(server.graphql('mutation($id: ID!) { updateClient(input: {id: $id, version: 1, industry: "Логистика", webDomain: "story.ru"}) '
                      '{ client { version } userErrors { code } } }', {"id": client["id"]}, token=token), "updateClient")
    ok(server.graphql('mutation($id: ID!) { updateClient(input: {id: $id, version: 2, status: CLIENT}) { client { version } userErrors { code } } }',
                      {"id": client["id"]}, token=token), "updateClient")
    contact = new_contact(server, token, client["id"], "Марина")
    note_on_contact = note(server, token, {"contactId": contact["id"]}, "Любит звонки утром\nи не любит письма")
    task = new_task(server, token, client["id"], title="Позвонить Марине")
    ok(server.graphql('mutation($id: ID!) { completeTask(input: {id: $id, version: 1, result: "Договорились о встрече"}) '
                      '{ task { id } userErrors { code } } }', {"id": task["id"]}, token=token), "completeTask")
    deal = new_deal(server, token, client["id"], title="Поставка 2030")
    second_stage = deal["pipeline"]["stages"][1]
    moved = ok(server.graphql('mutation($id: ID!, $s: ID!) { moveDeal(input: {id: $id, version: 1, stageId: $s}) '
                              '{ deal { version } stageChange { id } userErrors { code } } }',
                              {"id": deal["id"], "s": second_stage["id"]}, token=token), "moveDeal")
    won = ok(server.graphql('mutation($id: ID!, $v: Int!) { winDeal(input: {id: $id, version: $v}) { deal { version } userErrors { code } } }',
                            {"id": deal["id"], "v": moved["deal"]["version"]}, token=token), "winDeal")
    reopened = ok(server.graphql('mutation($id: ID!, $v: Int!) { reopenDeal(input: {id: $id, version: $v}) { deal { version } userErrors { code } } }',
                                 {"id": deal["id"], "v": won["deal"]["version"]}, token=token), "reopenDeal")
    ok(server.graphql('mutation($id: ID!, $v: Int!) { loseDeal(input: {id: $id, version: $v, lossReason: "Дорого"}) { deal { version } userErrors { code } } }',
                      {"id": deal["id"], "v": reopened["deal"]["version"]}, token=token), "loseDeal")

    line = timeline(server, token, client["id"])
    assert story(line) == [
        ("DEAL", "LOST", "DealStageChange"),
        ("DEAL", "REOPENED", "DealStageChange"),
        ("DEAL", "WON", "DealStageChange"),
        ("DEAL", "STAGE_CHANGED", "DealStageChange"),
        ("DEAL", "CREATED", "Deal"),
        ("TASK", "COMPLETED", "Task"),
        ("TASK", "CREATED", "Task"),
        ("NOTE", "CREATED", "Note"),
        ("PROFILE", "CREATED", "Contact"),
        ("PROFILE", "CONVERTED", "Client"),
        ("PROFILE", "UPDATED", "Client"),
        ("PROFILE", "CREATED", "Client"),
    ]
    assert line["totalCount"] == 12
    nodes = [e["node"] for e in line["edges"]][2:]   # from the win down
    lost, reopened_item = line["edges"][0]["node"], line["edges"][1]["node"]
    assert "Поставка 2030" in lost["summary"] and "Поставка 2030" in reopened_item["summary"]
    times = [e["node"]["occurredAt"] for e in line["edges"]]
    assert times == sorted(times, reverse=True)
    assert all(e["node"]["actor"]["kind"] == "USER" and e["node"]["actor"]["user"] == {"id": me} for e in line["edges"])
    records = [n["record"].get("id") for n in nodes]
    assert records[1] == moved["stageChange"]["id"]
    assert records[2:4] == [deal["id"], task["id"]] and records[5:7] == [note_on_contact["id"], contact["id"]]
    assert records[7:] == [client["id"]] * 3
    summaries = [n["summary"] for n in nodes]
    assert summaries[1] == f"Сделка «Поставка 2030» переведена на этап «{second_stage['name']}»"
    assert summaries[3] == "Задача «Позвонить Марине» выполнена — Договорились о встрече"
    assert "Любит звонки утром" in summaries[5] and "не любит письма" not in summaries[5]
    assert "industry" in summaries[8] and "webDomain" in summaries[8]
    assert all("\n" not in s and s for s in summaries)
    assert name in summaries[9] and "Поставка 2030" in summaries[0]

    # A viewer with another language reads the same story in it.
    email = f"{uuid.uuid4().hex[:8]}@e2e.example"
    user = ok(server.graphql('mutation($input: CreateUserInput!) { createUser(input: $input) { user { id version } userErrors { code } } }',
                             {"input": {"name": "E2E English Admin", "email": email, "password": "a-good-password-1", "role": "ADMIN"}},
                             token=admin_token), "createUser")["user"]
    reader = server.sign_in(email, "a-good-password-1")
    ok(server.graphql('mutation($id: ID!, $v: Int!) { updateUser(input: {id: $id, version: $v, locale: "en"}) { user { id } userErrors { code } } }',
                      {"id": user["id"], "v": user["version"]}, token=reader), "updateUser")
    english = timeline(server, reader, client["id"])
    assert story(english) == story(line)
    assert english["edges"][3]["node"]["summary"] == f"Deal «Поставка 2030» moved to {second_stage['name']}"

    # Deleting and restoring the client are told too, newest first.
    ok(server.graphql('mutation($id: ID!) { deleteClient(input: {id: $id}) { client { id } userErrors { code } } }',
                      {"id": client["id"]}, token=token), "deleteClient")
    ok(server.graphql('mutation($id: ID!) { restoreClient(input: {id: $id}) { client { id } userErrors { code } } }',
                      {"id": client["id"]}, token=token), "restoreClient")
    assert story(timeline(server, token, client["id"], first=2)) == [("PROFILE", "RESTORED", "Client"), ("PROFILE", "DELETED", "Client")]


def test_timeline_kinds_period_and_paging(server):
    token = server.sign_in(MANAGER)
    client = new_client(server, token)
    for i in range(3):
        note(server, token, {"clientId": client["id"]}, f"Заметка {i}")
        new_task(server, token, client["id"], title=f"Задача {i}")
    new_contact(server, token, client["id"])

    everything = timeline(server, token, client["id"], first=100)
    assert everything["totalCount"] == 8 and len(everything["edges"]) == 8
    ids = [e["node"]["id"] for e in everything["edges"]]

    notes_and_tasks = timeline(server, token, client["id"], filter={"kinds": ["NOTE", "TASK"]})
    assert notes_and_tasks["totalCount"] == 6
    assert {k for k, _, _ in story(notes_and_tasks)} == {"NOTE", "TASK"}
    assert [e["node"]["summary"] for e in timeline(server, token, client["id"], filter={"kinds": ["NOTE"]})["edges"]] == [
        "Заметка: Заметка 2", "Заметка: Заметка 1", "Заметка: Заметка 0"]

    # Forward pages of three: disjoint, in time order, together the whole timeline.
    seen, after, pages = [], None, 0
    while True:
        page = timeline(server, token, client["id"], first=3, after=after)
        assert page["totalCount"] == 8
        seen += [e["node"]["id"] for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 3 and seen == ids
    # Backward from the end.
    tail = timeline(server, token, client["id"], last=3)
    assert [e["node"]["id"] for e in tail["edges"]] == ids[-3:] and tail["pageInfo"]["hasPreviousPage"] is True
    before = timeline(server, token, client["id"], last=3, before=tail["pageInfo"]["startCursor"])
    assert [e["node"]["id"] for e in before["edges"]] == ids[2:5]

    # A period: from the fourth item (inclusive) to the second (exclusive).
    times = [e["node"]["occurredAt"] for e in everything["edges"]]
    period = timeline(server, token, client["id"], filter={"occurredAt": {"from": times[3], "to": times[1]}})
    assert [e["node"]["id"] for e in period["edges"]] == [i for i, t in zip(ids, times) if times[3] <= t < times[1]]
    assert period["totalCount"] == len(period["edges"]) >= 2


def test_deleted_notes_tasks_and_deals_leave_the_timeline(server):
    token = server.sign_in(MANAGER)
    client = new_client(server, token)
    made_note = note(server, token, {"clientId": client["id"]}, "Скоро удалю")
    task = new_task(server, token, client["id"])
    deal = new_deal(server, token, client["id"])
    assert timeline(server, token, client["id"])["totalCount"] == 4
    for kind, record in (("Note", made_note), ("Task", task), ("Deal", deal)):
        body = server.graphql(f'mutation($id: ID!) {{ delete{kind}(input: {{id: $id}}) {{ userErrors {{ code }} }} }}', {"id": record["id"]}, token=token)
        assert body["data"][f"delete{kind}"]["userErrors"] == []
    left = timeline(server, token, client["id"])
    assert story(left) == [("PROFILE", "CREATED", "Client")] and left["totalCount"] == 1
    server.graphql('mutation($id: ID!) { restoreTask(input: {id: $id}) { userErrors { code } } }', {"id": task["id"]}, token=token)
    assert story(timeline(server, token, client["id"])) == [("TASK", "CREATED", "Task"), ("PROFILE", "CREATED", "Client")]


def test_a_colleagues_deal_stays_out_of_a_managers_timeline(server, admin_token):
    manager = server.sign_in(MANAGER)
    supervisor = server.sign_in(SUPERVISOR)
    colleague_id = server.graphql("{ me { id } }", token=server.sign_in(OTHER_MANAGER))["data"]["me"]["id"]
    client = new_client(server, manager)
    own = new_deal(server, manager, client["id"], title=unique("E2E Own deal"))
    theirs = new_deal(server, admin_token, client["id"], title=unique("E2E Their deal"), ownerId=colleague_id)
    ok(server.graphql('mutation($id: ID!, $s: ID!) { moveDeal(input: {id: $id, version: 1, stageId: $s}) { userErrors { code } } }',
                      {"id": theirs["id"], "s": theirs["pipeline"]["stages"][1]["id"]}, token=admin_token), "moveDeal")
    their_note = note(server, admin_token, {"dealId": theirs["id"]}, "Заметка по чужой сделке")

    for hidden in (theirs["id"], their_note["id"]):
        assert server.graphql("query($id: ID!) { node(id: $id) { id } }", {"id": hidden}, token=manager)["data"]["node"] is None
    mine = timeline(server, manager, client["id"])
    assert story(mine) == [("DEAL", "CREATED", "Deal"), ("PROFILE", "CREATED", "Client")] and mine["totalCount"] == 2
    assert mine["edges"][0]["node"]["record"]["id"] == own["id"]
    assert all(theirs["title"] not in e["node"]["summary"] for e in mine["edges"])

    whole = timeline(server, supervisor, client["id"])
    assert whole["totalCount"] == 5
    assert sorted(story(whole)) == sorted([("NOTE", "CREATED", "Note"), ("DEAL", "STAGE_CHANGED", "DealStageChange"),
                                           ("DEAL", "CREATED", "Deal"), ("DEAL", "CREATED", "Deal"), ("PROFILE", "CREATED", "Client")])


def test_a_note_on_a_hidden_contact_stays_out_of_the_timeline(server, admin_token):
    manager = server.sign_in(MANAGER)
    colleague_id = server.graphql("{ me { id } }", token=server.sign_in(OTHER_MANAGER))["data"]["me"]["id"]
    client = new_client(server, manager)
    body = server.graphql('mutation($c: ID!, $o: ID!) { createContact(input: {firstName: "Скрытый", clientId: $c, ownerId: $o}) '
                          '{ contact { id } userErrors { code } } }', {"c": client["id"], "o": colleague_id}, token=admin_token)
    hidden_contact = ok(body, "createContact")["contact"]
    secret = note(server, admin_token, {"contactId": hidden_contact["id"]}, "Секрет чужого контакта")
    for hidden in (hidden_contact["id"], secret["id"]):
        assert server.graphql("query($id: ID!) { node(id: $id) { id } }", {"id": hidden}, token=manager)["data"]["node"] is None
    mine = timeline(server, manager, client["id"])
    assert all("Секрет" not in e["node"]["summary"] for e in mine["edges"])
    assert story(mine) == [("PROFILE", "CREATED", "Client")] and mine["totalCount"] == 1


def test_a_timeline_item_is_a_node(server):
    token = server.sign_in(MANAGER)
    client = new_client(server, token)
    item = timeline(server, token, client["id"])["edges"][0]["node"]
    body = server.graphql("query($id: ID!) { node(id: $id) { __typename id ... on TimelineItem { kind action summary } } }",
                          {"id": item["id"]}, token=token)
    assert body["data"]["node"] == {"__typename": "TimelineItem", "id": item["id"], "kind": "PROFILE", "action": "CREATED",
                                    "summary": item["summary"]}


def test_items_of_an_ownerless_deal_stay_out_of_a_managers_timeline(server):
    """A deal nobody owns (only admins may leave one so) is seen by admins only: its events and
    the notes on it are not items of the client's timeline for the manager who owns the client."""
    manager = server.sign_in("victoria.kuznetsova@switchboard.test")
    admin = server.sign_in("anna.smirnova@switchboard.test")
    client = server.graphql('mutation { createClient(input: {kind: ORGANISATION, name: "E2E Ownerless deal client"}) { client { id } } }',
                            token=manager)["data"]["createClient"]["client"]["id"]
    deal = server.graphql('mutation($c: ID!) { createDeal(input: {title: "E2E nobody\'s deal", clientId: $c, ownerId: null}) { deal { id owner { id } } userErrors { code } } }',
                          {"c": client}, token=admin)["data"]["createDeal"]
    assert deal["userErrors"] == [] and deal["deal"]["owner"] is None
    server.graphql('mutation($d: ID!) { createNote(input: {subject: {dealId: $d}, body: "E2E secret of the ownerless deal"}) { note { id } } }',
                   {"d": deal["deal"]["id"]}, token=admin)
    timeline = lambda token: server.graphql('query($id: ID!) { node(id: $id) { ... on Client { timeline(first: 50) { totalCount edges { node { kind summary } } } } } }',
                                            {"id": client}, token=token)["data"]["node"]["timeline"]
    mine = timeline(manager)
    assert {e["node"]["kind"] for e in mine["edges"]} == {"PROFILE"} and mine["totalCount"] == len(mine["edges"])
    assert {e["node"]["kind"] for e in timeline(admin)["edges"]} == {"PROFILE", "DEAL", "NOTE"}
