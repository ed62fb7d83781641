"""Tasks over HTTP: schedules (due date, due time, time slot) with relative and absolute reminders,
input refused field by field with nothing stored, links to clients, contacts and deals, status
changes, completion, versions and history, soft delete and restore; visibility for the assignee,
creator, invitees, their supervisors and admins; filters, orderings and keyset paging of `tasks`."""
import base64
import uuid
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

ADMIN = "anna.smirnova@switchboard.test"
SUPERVISOR = "boris.ivanov@switchboard.test"           # heads sales
MANAGER = "victoria.kuznetsova@switchboard.test"       # sales
OTHER_MANAGER = "grigory.popov@switchboard.test"       # sales
SUPPORT_SUPERVISOR = "elena.lebedeva@switchboard.test"
OPERATOR = "zhanna.kozlova@switchboard.test"           # support
MOSCOW = timezone(timedelta(hours=3))                  # the demo users' time zone (no DST)

TASK_FIELDS = """id title description kind priority status dueDate dueAt startAt durationMinutes timeBound overdue
  reminders { remindAt minutesBefore sentAt } completedAt result version deletedAt
  assignee { email } invitees { email } client { id } contact { id } deal { id }"""
CREATE = f"""mutation($input: CreateTaskInput!) {{
  createTask(input: $input) {{ task {{ {TASK_FIELDS} }} userErrors {{ field code }} }}
}}"""
UPDATE = f"""mutation($input: UpdateTaskInput!) {{
  updateTask(input: $input) {{ task {{ {TASK_FIELDS} }} userErrors {{ field code }} }}
}}"""
COMPLETE = f"""mutation($input: CompleteTaskInput!) {{
  completeTask(input: $input) {{ task {{ {TASK_FIELDS} }} userErrors {{ field code }} }}
}}"""
NODE = f"query($id: ID!) {{ node(id: $id) {{ ... on Task {{ {TASK_FIELDS} }} }} }}"
LIST = """query($first: Int, $after: String, $last: Int, $before: String, $filter: TaskFilter, $orderBy: TaskOrder) {
  tasks(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount edges { cursor node { id title } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


def unique(prefix):
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def global_id(type_name, number):
    return base64.b64encode(f"{type_name}:{number}".encode()).decode().rstrip("=")


def me(server, token):
    return server.graphql("{ me { id } }", token=token)["data"]["me"]["id"]


def create(server, token, **fields):
    fields.setdefault("title", unique("E2E Task"))
    payload = server.graphql(CREATE, {"input": fields}, token=token)["data"]["createTask"]
    assert payload["userErrors"] == [], payload
    return payload["task"]


def refused(server, token, **fields):
    """The user errors of a createTask that must store nothing."""
    fields.setdefault("title", unique("E2E Refused"))
    payload = server.graphql(CREATE, {"input": fields}, token=token)["data"]["createTask"]
    assert payload["task"] is None, payload
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


def titles(server, token, **arguments):
    connection = server.graphql(LIST, arguments, token=token)["data"]["tasks"]
    return [e["node"]["title"] for e in connection["edges"]], connection


def iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def test_schedules_and_reminders_that_follow_the_schedule(server):
    token = server.sign_in(MANAGER)
    slot = create(server, token, kind="MEETING", priority="HIGH", description="Agenda",
                  schedule={"timeSlot": {"startAt": "2030-03-01T10:00:00Z", "durationMinutes": 90}},
                  reminders=[{"minutesBefore": 30}, {"at": "2030-02-28T09:00:00Z"}])
    assert {k: slot[k] for k in ("kind", "priority", "status", "description", "dueDate", "dueAt", "startAt",
                                 "durationMinutes", "timeBound", "overdue", "version", "completedAt")} == {
        "kind": "MEETING", "priority": "HIGH", "status": "OPEN", "description": "Agenda", "dueDate": None,
        "dueAt": "2030-03-01T11:30:00.000Z", "startAt": "2030-03-01T10:00:00.000Z", "durationMinutes": 90,
        "timeBound": True, "overdue": False, "version": 1, "completedAt": None}
    assert slot["assignee"] == {"email": MANAGER} and slot["invitees"] == []
    assert slot["reminders"] == [  # in time order
        {"remindAt": "2030-02-28T09:00:00.000Z", "minutesBefore": None, "sentAt": None},
        {"remindAt": "2030-03-01T09:30:00.000Z", "minutesBefore": 30, "sentAt": None}]

    # A new slot: the relative reminder moves with the start, the absolute one stays.
    moved = server.graphql(UPDATE, {"input": {"id": slot["id"], "version": 1,
                                              "schedule": {"timeSlot": {"startAt": "2030-03-05T14:00:00Z", "durationMinutes": 60}}}},
                           token=token)["data"]["updateTask"]
    assert moved["userErrors"] == []
    assert moved["task"]["dueAt"] == "2030-03-05T15:00:00.000Z" and moved["task"]["version"] == 2
    assert moved["task"]["reminders"] == [
        {"remindAt": "2030-02-28T09:00:00.000Z", "minutesBefore": None, "sentAt": None},
        {"remindAt": "2030-03-05T13:30:00.000Z", "minutesBefore": 30, "sentAt": None}]
    # A due time instead of a slot: no longer time-bound; the relative reminder counts back from it.
    due = server.graphql(UPDATE, {"input": {"id": slot["id"], "version": 2, "schedule": {"dueAt": "2030-04-01T12:00:00Z"}}},
                         token=token)["data"]["updateTask"]["task"]
    assert (due["dueAt"], due["startAt"], due["durationMinutes"], due["timeBound"]) == ("2030-04-01T12:00:00.000Z", None, None, False)
    assert [r["remindAt"] for r in due["reminders"]] == ["2030-02-28T09:00:00.000Z", "2030-04-01T11:30:00.000Z"]

    day = create(server, token, schedule={"dueDate": "2030-05-20"})
    assert (day["dueDate"], day["dueAt"], day["startAt"], day["timeBound"]) == ("2030-05-20", None, None, False)
    none = create(server, token)
    assert (none["dueDate"], none["dueAt"], none["timeBound"], none["overdue"], none["kind"], none["priority"]) == (
        None, None, False, False, "TODO", "NORMAL")


def test_task_input_is_checked_field_by_field(server):
    token = server.sign_in(MANAGER)
    assert refused(server, token, title="   ") == [(["input", "title"], "REQUIRED")]
    operator = me(server, server.sign_in(OPERATOR))
    colleague = me(server, server.sign_in(OTHER_MANAGER))
    assert refused(server, token, assigneeId=operator) == [(["input", "assigneeId"], "NOT_ALLOWED")]
    assert refused(server, token, assigneeId=global_id("User", 987654)) == [(["input", "assigneeId"], "NOT_FOUND")]
    assert refused(server, token, inviteeIds=[colleague], schedule={"dueAt": "2030-01-01T10:00:00Z"}) == [
        (["input", "inviteeIds"], "INVALID")]
    assert refused(server, token, inviteeIds=[colleague]) == [(["input", "inviteeIds"], "INVALID")]
    assert refused(server, token, schedule={"timeSlot": {"startAt": "2030-01-01T10:00:00Z", "durationMinutes": 0}}) == [
        (["input", "schedule", "timeSlot", "durationMinutes"], "OUT_OF_RANGE")]
    for schedule in (None, {"dueDate": "2030-01-01"}):
        errors = refused(server, token, schedule=schedule, reminders=[{"at": "2029-12-31T10:00:00Z"}, {"minutesBefore": 10}])
        assert [code for _, code in errors] == ["INVALID"] and errors[0][0][:2] == ["input", "reminders"]
    for link, kind in (("dialogueId", "Dialogue"), ("inquiryId", "Inquiry")):
        assert refused(server, token, **{link: global_id(kind, 987654)}) == [(["input", link], "NOT_FOUND")]
    # A task joins a project as one of its rows (createProjectTask), not through projectId.
    assert refused(server, token, projectId=global_id("Project", 1)) == [(["input", "projectId"], "INVALID")]
    title = unique("E2E Nothing stored")
    refused(server, token, title=title, assigneeId=operator)
    assert titles(server, token, filter={"query": title})[0] == []

    # Within the department, and for an admin anyone, a task may be handed over.
    handed = create(server, token, assigneeId=colleague)
    assert handed["assignee"] == {"email": OTHER_MANAGER}
    by_admin = create(server, server.sign_in(ADMIN), assigneeId=operator)
    assert by_admin["assignee"] == {"email": OPERATOR}
    # The invitees of a slot may come from anywhere.
    meeting = create(server, token, inviteeIds=[colleague, operator],
                     schedule={"timeSlot": {"startAt": "2030-01-01T10:00:00Z", "durationMinutes": 30}})
    assert sorted(u["email"] for u in meeting["invitees"]) == sorted([OTHER_MANAGER, OPERATOR])


def test_links_to_deal_and_contact_name_the_client(server):
    token = server.sign_in(MANAGER)
    client = server.graphql('mutation($n: String!) { createClient(input: {kind: ORGANISATION, name: $n}) { client { id } } }',
                            {"n": unique("E2E Task Client")}, token=token)["data"]["createClient"]["client"]["id"]
    other_client = server.graphql('mutation($n: String!) { createClient(input: {kind: ORGANISATION, name: $n}) { client { id } } }',
                                  {"n": unique("E2E Task Other")}, token=token)["data"]["createClient"]["client"]["id"]
    contact = server.graphql('mutation($c: ID!) { createContact(input: {firstName: "Олег", clientId: $c}) { contact { id } } }',
                             {"c": client}, token=token)["data"]["createContact"]["contact"]["id"]
    deal = server.graphql('mutation($t: String!, $c: ID!) { createDeal(input: {title: $t, clientId: $c}) { deal { id } userErrors { code } } }',
                          {"t": unique("E2E Task Deal"), "c": client}, token=token)["data"]["createDeal"]["deal"]["id"]

    of_deal = create(server, token, dealId=deal)
    assert of_deal["deal"] == {"id": deal} and of_deal["client"] == {"id": client}
    of_contact = create(server, token, contactId=contact)
    assert of_contact["contact"] == {"id": contact} and of_contact["client"] == {"id": client}
    named = create(server, token, dealId=deal, clientId=other_client)
    assert named["client"] == {"id": other_client}

    listed = server.graphql("""query($c: ID!, $d: ID!) {
      client: node(id: $c) { ... on Client { tasks { totalCount edges { node { id } } } } }
      deal: node(id: $d) { ... on Deal { tasks { totalCount edges { node { id } } } } }
    }""", {"c": client, "d": deal}, token=token)["data"]
    assert {e["node"]["id"] for e in listed["client"]["tasks"]["edges"]} == {of_deal["id"], of_contact["id"]}
    assert listed["client"]["tasks"]["totalCount"] == 2
    assert {e["node"]["id"] for e in listed["deal"]["tasks"]["edges"]} == {of_deal["id"], named["id"]}
    by_filter, _ = titles(server, token, filter={"clientIds": [client]})
    assert sorted(by_filter) == sorted([of_deal["title"], of_contact["title"]])
    by_deal, _ = titles(server, token, filter={"dealIds": [deal]})
    assert sorted(by_deal) == sorted([of_deal["title"], named["title"]])


def test_status_completion_conflict_history_delete_restore(server):
    token = server.sign_in(MANAGER)
    task = create(server, token, title=unique("E2E Lifecycle"))
    stale = server.graphql(UPDATE, {"input": {"id": task["id"], "version": 7, "title": "Lost"}}, token=token)["data"]["updateTask"]
    assert stale["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}]
    assert stale["task"]["title"] == task["title"] and stale["task"]["version"] == 1

    started = server.graphql(UPDATE, {"input": {"id": task["id"], "version": 1, "status": "IN_PROGRESS", "priority": "URGENT"}},
                             token=token)["data"]["updateTask"]["task"]
    assert (started["status"], started["priority"], started["completedAt"], started["version"]) == ("IN_PROGRESS", "URGENT", None, 2)
    done = server.graphql(UPDATE, {"input": {"id": task["id"], "version": 2, "status": "DONE"}}, token=token)["data"]["updateTask"]["task"]
    assert done["status"] == "DONE" and done["completedAt"] is not None
    reopened = server.graphql(UPDATE, {"input": {"id": task["id"], "version": 3, "status": "OPEN"}}, token=token)["data"]["updateTask"]["task"]
    assert reopened["status"] == "OPEN" and reopened["completedAt"] is None

    completed = server.graphql(COMPLETE, {"input": {"id": task["id"], "version": 4, "result": "Договорились о встрече"}},
                               token=token)["data"]["completeTask"]
    assert completed["userErrors"] == []
    assert (completed["task"]["status"], completed["task"]["result"], completed["task"]["version"]) == ("DONE", "Договорились о встрече", 5)
    assert completed["task"]["completedAt"] is not None
    again = server.graphql(COMPLETE, {"input": {"id": task["id"], "version": 5}}, token=token)["data"]["completeTask"]
    assert [e["code"] for e in again["userErrors"]] == ["INVALID_STATE"]
    cancelled = create(server, token)
    server.graphql(UPDATE, {"input": {"id": cancelled["id"], "version": 1, "status": "CANCELLED"}}, token=token)
    refused_cancel = server.graphql(COMPLETE, {"input": {"id": cancelled["id"], "version": 2}}, token=token)["data"]["completeTask"]
    assert [e["code"] for e in refused_cancel["userErrors"]] == ["INVALID_STATE"]

    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Task { history(first: 100) '
                             '{ edges { node { field oldValue newValue version actor { user { email } } } } } } } }',
                             {"id": task["id"]}, token=token)["data"]["node"]["history"]["edges"]
    status_changes = [(h["node"]["oldValue"].upper(), h["node"]["newValue"].upper(), h["node"]["version"])
                      for h in history if h["node"]["field"] == "status"]
    assert status_changes == [("OPEN", "DONE", 5), ("DONE", "OPEN", 4), ("IN_PROGRESS", "DONE", 3), ("OPEN", "IN_PROGRESS", 2)]
    assert [(h["node"]["newValue"], h["node"]["version"]) for h in history if h["node"]["field"] == "result"] == [
        ("Договорились о встрече", 5)]
    assert all(h["node"]["actor"]["user"]["email"] == MANAGER for h in history)

    # Done tasks leave the default list (open and in progress) but are found by status.
    assert titles(server, token, filter={"query": task["title"]})[0] == []
    assert titles(server, token, filter={"query": task["title"], "statuses": ["DONE"]})[0] == [task["title"]]

    live = create(server, token, title=unique("E2E Deleted"))
    deleted = server.graphql('mutation($id: ID!) { deleteTask(input: {id: $id}) { task { deletedAt version } } }',
                             {"id": live["id"]}, token=token)["data"]["deleteTask"]["task"]
    assert deleted["deletedAt"] is not None and deleted["version"] == 2
    assert titles(server, token, filter={"query": live["title"]})[0] == []
    assert titles(server, token, filter={"query": live["title"], "deleted": "ONLY"})[0] == [live["title"]]
    restored = server.graphql('mutation($id: ID!) { restoreTask(input: {id: $id}) { task { deletedAt version } } }',
                              {"id": live["id"]}, token=token)["data"]["restoreTask"]["task"]
    assert restored == {"deletedAt": None, "version": 3}
    assert titles(server, token, filter={"query": live["title"]})[0] == [live["title"]]


def test_who_sees_a_task(server):
    manager = server.sign_in(MANAGER)
    colleague = server.sign_in(OTHER_MANAGER)
    operator = server.sign_in(OPERATOR)
    tokens = {MANAGER: manager, OTHER_MANAGER: colleague, OPERATOR: operator, SUPERVISOR: server.sign_in(SUPERVISOR),
              SUPPORT_SUPERVISOR: server.sign_in(SUPPORT_SUPERVISOR), ADMIN: server.sign_in(ADMIN)}

    def seers(task_id):
        return {email for email, token in tokens.items()
                if server.graphql("query($id: ID!) { node(id: $id) { id } }", {"id": task_id}, token=token)["data"]["node"]}

    own = create(server, manager)
    assert seers(own["id"]) == {MANAGER, SUPERVISOR, ADMIN}
    handed = create(server, manager, assigneeId=me(server, colleague))
    assert seers(handed["id"]) == {MANAGER, OTHER_MANAGER, SUPERVISOR, ADMIN}
    meeting = create(server, manager, inviteeIds=[me(server, operator)],
                     schedule={"timeSlot": {"startAt": "2030-06-01T08:00:00Z", "durationMinutes": 45}})
    assert seers(meeting["id"]) == {MANAGER, OPERATOR, SUPERVISOR, SUPPORT_SUPERVISOR, ADMIN}
    # The invitee finds it by participant in the list, too.
    found, _ = titles(server, operator, filter={"participantIds": [me(server, operator)], "query": meeting["title"]})
    assert found == [meeting["title"]]

    hidden = server.graphql(UPDATE, {"input": {"id": own["id"], "version": 1, "title": "Mine now"}}, token=colleague)
    assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    hidden_complete = server.graphql(COMPLETE, {"input": {"id": own["id"], "version": 1}}, token=operator)
    assert hidden_complete["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert titles(server, colleague, filter={"query": own["title"]})[0] == []
    assert titles(server, tokens[SUPERVISOR], filter={"query": own["title"]})[0] == [own["title"]]


def test_filters_by_kind_priority_people_due_and_time(server):
    token = server.sign_in(MANAGER)
    me_id, colleague = me(server, token), me(server, server.sign_in(OTHER_MANAGER))
    tag = unique("E2E Filter")
    for fields in (
        dict(title=f"{tag} call", kind="CALL", priority="URGENT", schedule={"dueDate": "2030-07-10"}),
        dict(title=f"{tag} mail", kind="EMAIL", priority="LOW", schedule={"dueAt": "2030-07-10T20:30:00Z"}),
        dict(title=f"{tag} slot", kind="MEETING", assigneeId=colleague, inviteeIds=[me_id],
             schedule={"timeSlot": {"startAt": "2030-07-09T20:00:00Z", "durationMinutes": 120}}),
        dict(title=f"{tag} free", priority="HIGH"),
    ):
        create(server, token, **fields)
    done = create(server, token, title=f"{tag} done", schedule={"dueDate": "2030-07-10"})
    server.graphql(COMPLETE, {"input": {"id": done["id"], "version": 1}}, token=token)

    def names(**filter_fields):
        found, _ = titles(server, token, first=50, filter={"query": tag, **filter_fields})
        return sorted(t.removeprefix(f"{tag} ") for t in found)

    assert names() == ["call", "free", "mail", "slot"]
    assert names(statuses=["OPEN", "DONE"]) == ["call", "done", "free", "mail", "slot"]
    assert names(kinds=["CALL", "EMAIL"]) == ["call", "mail"]
    assert names(priorities=["URGENT", "HIGH"]) == ["call", "free"]
    assert names(assigneeIds=[colleague]) == ["slot"]
    assert names(participantIds=[colleague]) == ["slot"]
    assert names(assigneeIds=[me_id]) == ["call", "free", "mail"]
    assert names(participantIds=[me_id]) == ["call", "free", "mail", "slot"]
    assert names(timeBound=True) == ["slot"]
    assert names(timeBound=False) == ["call", "free", "mail"]
    # 10 July in Moscow is [09T21:00Z, 10T21:00Z): the due date counts as that whole day, the due time
    # falls in it, and the slot (09T20:00Z–22:00Z) overlaps it.
    assert names(due={"from": "2030-07-10T00:00:00+03:00", "to": "2030-07-11T00:00:00+03:00"}) == ["call", "mail", "slot"]
    # A period inside the day still catches the day's due date; the slot has ended before it.
    assert names(due={"from": "2030-07-10T12:00:00+03:00", "to": "2030-07-10T13:00:00+03:00"}) == ["call"]
    # The day before in Moscow holds only the start of the slot.
    assert names(due={"from": "2030-07-09T00:00:00+03:00", "to": "2030-07-10T00:00:00+03:00"}) == ["slot"]

    by_due, _ = titles(server, token, first=50, filter={"query": tag}, orderBy={"field": "DUE"})
    due_order = [t.removeprefix(f"{tag} ") for t in by_due]
    assert due_order[0] == "slot" and due_order[-1] == "free"   # by start of the slot; unscheduled last
    assert set(due_order[1:3]) == {"call", "mail"}
    by_priority, _ = titles(server, token, first=50, filter={"query": tag}, orderBy={"field": "PRIORITY", "direction": "DESC"})
    ranked = [t.removeprefix(f"{tag} ") for t in by_priority]
    assert ranked[:2] == ["call", "free"] and ranked[-1] == "mail"
    by_created, _ = titles(server, token, first=50, filter={"query": tag}, orderBy={"field": "CREATED_AT", "direction": "DESC"})
    assert [t.removeprefix(f"{tag} ") for t in by_created] == ["free", "slot", "mail", "call"]


def test_overdue_in_the_viewers_time_zone(server):
    token = server.sign_in(MANAGER)
    tag = unique("E2E Overdue")
    today = datetime.now(MOSCOW).date()
    past = datetime.now(timezone.utc) - timedelta(hours=2)
    made = {
        "yesterday": create(server, token, title=f"{tag} yesterday", schedule={"dueDate": (today - timedelta(days=1)).isoformat()}),
        "today": create(server, token, title=f"{tag} today", schedule={"dueDate": today.isoformat()}),
        "past time": create(server, token, title=f"{tag} past time", schedule={"dueAt": iso(past)}),
        "past slot": create(server, token, title=f"{tag} past slot",
                            schedule={"timeSlot": {"startAt": iso(past - timedelta(hours=1)), "durationMinutes": 30}}),
        "future": create(server, token, title=f"{tag} future", schedule={"dueAt": iso(past + timedelta(days=2))}),
        "none": create(server, token, title=f"{tag} none"),
    }
    assert {k: t["overdue"] for k, t in made.items()} == {
        "yesterday": True, "today": False, "past time": True, "past slot": True, "future": False, "none": False}
    finished = server.graphql(COMPLETE, {"input": {"id": made["yesterday"]["id"], "version": 1}}, token=token)["data"]["completeTask"]
    assert finished["task"]["overdue"] is False
    cancelled = server.graphql(UPDATE, {"input": {"id": made["past time"]["id"], "version": 1, "status": "CANCELLED"}},
                               token=token)["data"]["updateTask"]
    assert cancelled["task"]["overdue"] is False
    found, _ = titles(server, token, first=50, filter={"query": tag, "overdue": True,
                                                     "statuses": ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"]})
    assert sorted(t.removeprefix(f"{tag} ") for t in found) == ["past slot"]


def test_overdue_counts_days_in_the_viewers_own_time_zone(server, admin_token):
    """A due date is overdue once the day has ended where the viewer is: a Moscow manager and an admin
    far to the west or east of Moscow disagree about a task due on a day that has ended in one zone only."""
    manager = server.sign_in(MANAGER)
    moscow_today = datetime.now(MOSCOW).date()
    if datetime.now(ZoneInfo("Pacific/Pago_Pago")).date() < moscow_today:     # UTC-11: still yesterday there
        zone, due, moscow_overdue = "Pacific/Pago_Pago", moscow_today - timedelta(days=1), True
    else:                                                                       # UTC+14: already tomorrow there
        zone, due, moscow_overdue = "Pacific/Kiritimati", moscow_today, False
    email = f"{uuid.uuid4().hex[:8]}@e2e.example"
    user = server.graphql('mutation($input: CreateUserInput!) { createUser(input: $input) { user { id version } userErrors { code } } }',
                          {"input": {"name": "E2E Far Admin", "email": email, "password": "a-good-password-1", "role": "ADMIN"}},
                          token=admin_token)["data"]["createUser"]["user"]
    far = server.sign_in(email, "a-good-password-1")
    moved = server.graphql('mutation($id: ID!, $v: Int!, $z: String!) { updateUser(input: {id: $id, version: $v, timeZone: $z}) '
                           '{ user { timeZone } userErrors { code } } }', {"id": user["id"], "v": user["version"], "z": zone}, token=far)
    assert moved["data"]["updateUser"] == {"user": {"timeZone": zone}, "userErrors": []}
    task = create(server, manager, title=unique("E2E Zone"), schedule={"dueDate": due.isoformat()})
    assert task["overdue"] is moscow_overdue
    seen_far = server.graphql(NODE, {"id": task["id"]}, token=far)["data"]["node"]
    assert seen_far["overdue"] is (not moscow_overdue)
    assert titles(server, manager, filter={"query": task["title"], "overdue": True})[0] == ([task["title"]] if moscow_overdue else [])
    assert titles(server, far, filter={"query": task["title"], "overdue": True})[0] == ([] if moscow_overdue else [task["title"]])


def test_not_overdue_filter_lists_future_and_unscheduled_tasks(server):
    token = server.sign_in(MANAGER)
    tag = unique("E2E Not overdue")
    today = datetime.now(MOSCOW).date()
    create(server, token, title=f"{tag} yesterday", schedule={"dueDate": (today - timedelta(days=1)).isoformat()})
    create(server, token, title=f"{tag} today", schedule={"dueDate": today.isoformat()})
    create(server, token, title=f"{tag} future", schedule={"dueAt": iso(datetime.now(timezone.utc) + timedelta(days=2))})
    create(server, token, title=f"{tag} none")
    found, _ = titles(server, token, first=50, filter={"query": tag, "overdue": False})
    assert sorted(t.removeprefix(f"{tag} ") for t in found) == ["future", "none", "today"]


def test_unscheduled_tasks_last_in_both_directions(server):
    token = server.sign_in(MANAGER)
    tag = unique("E2E Unscheduled")
    create(server, token, title=f"{tag} none")
    create(server, token, title=f"{tag} early", schedule={"dueAt": "2030-01-01T09:00:00Z"})
    create(server, token, title=f"{tag} late", schedule={"dueAt": "2030-02-01T09:00:00Z"})
    ascending, _ = titles(server, token, filter={"query": tag}, orderBy={"field": "DUE", "direction": "ASC"})
    assert [t.removeprefix(f"{tag} ") for t in ascending] == ["early", "late", "none"]
    descending, _ = titles(server, token, filter={"query": tag}, orderBy={"field": "DUE", "direction": "DESC"})
    assert [t.removeprefix(f"{tag} ") for t in descending] == ["late", "early", "none"]


def test_keyset_paging_forward_and_backward(server):
    token = server.sign_in(MANAGER)
    tag = unique("E2E Paging")
    made = [create(server, token, title=f"{tag} {i}", schedule={"dueAt": f"2031-01-0{i + 1}T09:00:00Z"})["title"] for i in range(5)]
    order = {"field": "DUE"}
    first_page, first = titles(server, token, first=2, filter={"query": tag}, orderBy=order)
    assert first_page == made[:2] and first["totalCount"] == 5
    assert first["pageInfo"]["hasNextPage"] is True
    second_page, second = titles(server, token, first=2, after=first["pageInfo"]["endCursor"], filter={"query": tag}, orderBy=order)
    assert second_page == made[2:4] and second["totalCount"] == 5
    third_page, third = titles(server, token, first=2, after=second["pageInfo"]["endCursor"], filter={"query": tag}, orderBy=order)
    assert third_page == made[4:] and third["pageInfo"]["hasNextPage"] is False
    back_page, back = titles(server, token, last=2, before=third["pageInfo"]["startCursor"], filter={"query": tag}, orderBy=order)
    assert back_page == made[2:4] and back["pageInfo"]["hasPreviousPage"] is True
    last_page, _ = titles(server, token, last=2, filter={"query": tag}, orderBy=order)
    assert last_page == made[3:]
