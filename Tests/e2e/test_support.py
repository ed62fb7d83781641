"""Support over HTTP: working calendars and SLA policies (admins only), inquiries with their SLA
deadlines in business hours — the first move out of NEW is the first response, waiting for the
client pauses the clock, resolving meets the resolution target, reopening counts again, a new
priority moves the deadlines; visibility of the support queue."""

import uuid
from datetime import datetime, timedelta, timezone

import pytest

ADMIN = "anna.smirnova@switchboard.test"
SUPPORT_HEAD = "elena.lebedeva@switchboard.test"
OPERATOR = "zhanna.kozlova@switchboard.test"
OTHER_OPERATOR = "igor.novikov@switchboard.test"
MANAGER = "victoria.kuznetsova@switchboard.test"

CAL = """mutation($input: CreateWorkingCalendarInput!) { createWorkingCalendar(input: $input) {
  workingCalendar { id name timeZone isDefault version week { weekday intervals { start end } } specialDays { date kind name intervals { start end } } }
  userErrors { field code } } }"""
POLICY = """mutation($input: CreateSlaPolicyInput!) { createSlaPolicy(input: $input) {
  slaPolicy { id name isDefault calendar { id } targets { priority firstResponseMinutes resolutionMinutes } warningLeadMinutes }
  userErrors { field code } } }"""
INQ = """id number status priority firstRespondedAt waitingSince resolvedAt version assignee { email } client { name }
  firstResponseDeadline { state targetMinutes dueAt remainingMinutes metAt missedAt pausedAt }
  resolutionDeadline { state targetMinutes dueAt remainingMinutes metAt pausedAt }"""
CREATE = "mutation($input: CreateInquiryInput!) { createInquiry(input: $input) { inquiry { %s } userErrors { field code } } }" % INQ
STATUS = "mutation($input: SetInquiryStatusInput!) { setInquiryStatus(input: $input) { inquiry { %s } userErrors { field code } } }" % INQ


def around_the_clock(server, admin, name):
    """A 24/7 UTC calendar, so minutes of business time are minutes of wall time."""
    made = server.graphql(CAL, {"input": {"name": name, "timeZone": "UTC",
                                          "week": [{"weekday": d, "intervals": [{"start": "00:00", "end": "24:00"}]}
                                                   for d in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")]}},
                          token=admin)["data"]["createWorkingCalendar"]
    assert made["userErrors"] == []
    return made["workingCalendar"]["id"]


def policy(server, admin, calendar, **targets):
    made = server.graphql(POLICY, {"input": {"name": f"E2E SLA {uuid.uuid4().hex[:6]}", "calendarId": calendar, "targets": [
        {"priority": "NORMAL", "firstResponseMinutes": 60, "resolutionMinutes": 480},
        {"priority": "URGENT", "firstResponseMinutes": 15, "resolutionMinutes": 120}], **targets}}, token=admin)["data"]["createSlaPolicy"]
    assert made["userErrors"] == [], made
    return made["slaPolicy"]["id"]


def parse(ts):
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


def test_calendars_are_checked_and_admin_only(server):
    admin = server.sign_in(ADMIN)
    made = server.graphql(CAL, {"input": {"name": "E2E Moscow office", "timeZone": "Europe/Moscow", "week": [
        {"weekday": "MONDAY", "intervals": [{"start": "09:00", "end": "13:00"}, {"start": "14:00", "end": "18:00"}]},
        {"weekday": "FRIDAY", "intervals": [{"start": "09:00", "end": "16:45"}]}],
        "specialDays": [{"date": "2027-01-01", "kind": "HOLIDAY", "name": "Новый год"},
                        {"date": "2027-01-09", "kind": "WORKING", "intervals": [{"start": "10:00", "end": "14:00"}]}]}},
                          token=admin)["data"]["createWorkingCalendar"]
    assert made["userErrors"] == []
    calendar = made["workingCalendar"]
    assert [d["weekday"] for d in calendar["week"]][0] == "MONDAY" and len(calendar["week"]) == 7
    assert calendar["week"][0]["intervals"] == [{"start": "09:00", "end": "13:00"}, {"start": "14:00", "end": "18:00"}]
    assert calendar["week"][2]["intervals"] == []
    assert [d["date"] for d in calendar["specialDays"]] == ["2027-01-01", "2027-01-09"]
    bad = server.graphql(CAL, {"input": {"name": " ", "timeZone": "Mars/Olympus", "week": [
        {"weekday": "MONDAY", "intervals": [{"start": "10:00", "end": "09:00"}, {"start": "08:00", "end": "25:00"}]},
        {"weekday": "TUESDAY", "intervals": [{"start": "09:00", "end": "12:00"}, {"start": "11:00", "end": "13:00"}]}],
        "specialDays": [{"date": "2027-01-09", "kind": "WORKING"}]}}, token=admin)["data"]["createWorkingCalendar"]
    assert bad["workingCalendar"] is None
    assert sorted(e["code"] for e in bad["userErrors"]) == ["INVALID", "INVALID", "INVALID", "INVALID", "REQUIRED", "REQUIRED"]
    update = server.graphql('mutation($input: UpdateWorkingCalendarInput!) { updateWorkingCalendar(input: $input) { '
                            'workingCalendar { version specialDays { date } } userErrors { code } } }',
                            {"input": {"id": calendar["id"], "version": 1, "removeSpecialDays": ["2027-01-01"],
                                       "upsertSpecialDays": [{"date": "2027-03-08", "kind": "HOLIDAY"}]}}, token=admin)
    assert update["data"]["updateWorkingCalendar"]["workingCalendar"] == {"version": 2, "specialDays": [{"date": "2027-01-09"}, {"date": "2027-03-08"}]}
    refused = server.graphql(CAL, {"input": {"name": "x", "timeZone": "UTC", "week": []}}, token=server.sign_in(SUPPORT_HEAD))
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    listed = server.graphql('{ workingCalendars(filter: {query: "E2E Moscow"}) { totalCount } }', token=server.sign_in(OPERATOR))
    assert listed["data"]["workingCalendars"]["totalCount"] == 1


def test_policies_are_checked(server):
    admin = server.sign_in(ADMIN)
    calendar = around_the_clock(server, admin, "E2E 24/7 policies")
    bad = server.graphql(POLICY, {"input": {"name": "", "calendarId": "V29ya2luZ0NhbGVuZGFyOjk5OTk5", "targets": [
        {"priority": "HIGH", "firstResponseMinutes": 0}, {"priority": "HIGH"}], "warningLeadMinutes": [-5]}}, token=admin)
    assert sorted(e["code"] for e in bad["data"]["createSlaPolicy"]["userErrors"]) == ["INVALID", "NOT_FOUND", "OUT_OF_RANGE", "OUT_OF_RANGE", "REQUIRED"]
    made = server.graphql(POLICY, {"input": {"name": "E2E Standard", "calendarId": calendar, "warningLeadMinutes": [5, 15, 30],
                                             "targets": [{"priority": "NORMAL", "firstResponseMinutes": 60}]}}, token=admin)
    assert made["data"]["createSlaPolicy"]["slaPolicy"]["warningLeadMinutes"] == [30, 15, 5]
    deleting_calendar = server.graphql('mutation($id: ID!) { deleteWorkingCalendar(input: {id: $id}) { userErrors { code } } }',
                                       {"id": calendar}, token=admin)
    assert [e["code"] for e in deleting_calendar["data"]["deleteWorkingCalendar"]["userErrors"]] in (["IN_USE"], ["INVALID_STATE"])


def test_an_inquiry_runs_its_sla_clocks(server):
    admin = server.sign_in(ADMIN)
    calendar = around_the_clock(server, admin, "E2E 24/7 clocks")
    sla = policy(server, admin, calendar)
    operator = server.sign_in(OPERATOR)
    before = datetime.now(timezone.utc)
    made = server.graphql(CREATE, {"input": {"subject": "Не работает выгрузка", "priority": "URGENT", "slaPolicyId": sla,
                                             "origin": "EMAIL"}}, token=operator)["data"]["createInquiry"]
    assert made["userErrors"] == []
    inquiry = made["inquiry"]
    assert inquiry["status"] == "NEW" and inquiry["number"].startswith("S-")
    first, resolution = inquiry["firstResponseDeadline"], inquiry["resolutionDeadline"]
    assert first["state"] == "RUNNING" and first["targetMinutes"] == 15 and resolution["targetMinutes"] == 120
    assert abs(parse(first["dueAt"]) - (before + timedelta(minutes=15))) < timedelta(seconds=30)
    assert 14 <= first["remainingMinutes"] <= 15

    opened = server.graphql(STATUS, {"input": {"id": inquiry["id"], "version": 1, "status": "OPEN"}}, token=operator)["data"]["setInquiryStatus"]["inquiry"]
    assert opened["firstRespondedAt"] is not None and opened["firstResponseDeadline"]["state"] == "MET"
    waiting = server.graphql(STATUS, {"input": {"id": inquiry["id"], "version": 2, "status": "WAITING"}}, token=operator)["data"]["setInquiryStatus"]["inquiry"]
    assert waiting["resolutionDeadline"]["state"] == "PAUSED" and waiting["resolutionDeadline"]["dueAt"] is None
    assert waiting["waitingSince"] is not None and 119 <= waiting["resolutionDeadline"]["remainingMinutes"] <= 120
    resumed = server.graphql(STATUS, {"input": {"id": inquiry["id"], "version": 3, "status": "OPEN"}}, token=operator)["data"]["setInquiryStatus"]["inquiry"]
    assert resumed["resolutionDeadline"]["state"] == "RUNNING" and resumed["waitingSince"] is None
    resolved = server.graphql(STATUS, {"input": {"id": inquiry["id"], "version": 4, "status": "RESOLVED"}}, token=operator)["data"]["setInquiryStatus"]["inquiry"]
    assert resolved["resolutionDeadline"]["state"] == "MET" and resolved["resolvedAt"] is not None
    reopened = server.graphql(STATUS, {"input": {"id": inquiry["id"], "version": 5, "status": "OPEN"}}, token=operator)["data"]["setInquiryStatus"]["inquiry"]
    assert reopened["resolutionDeadline"]["state"] == "RUNNING" and reopened["resolvedAt"] is None
    back_to_new = server.graphql(STATUS, {"input": {"id": inquiry["id"], "version": 6, "status": "NEW"}}, token=operator)
    assert back_to_new["data"]["setInquiryStatus"]["userErrors"] == [{"field": ["input", "status"], "code": "INVALID_STATE"}]
    stale = server.graphql(STATUS, {"input": {"id": inquiry["id"], "version": 1, "status": "CLOSED"}}, token=operator)
    assert stale["data"]["setInquiryStatus"]["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}]
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Inquiry { history(filter: {fields: ["status"]}) { edges { node { newValue } } } } } }',
                             {"id": inquiry["id"]}, token=operator)["data"]["node"]["history"]["edges"]
    assert [e["node"]["newValue"] for e in history] == ["OPEN", "RESOLVED", "OPEN", "WAITING", "OPEN"]


def test_priority_moves_deadlines_and_rejection_closes(server):
    admin = server.sign_in(ADMIN)
    sla = policy(server, admin, around_the_clock(server, admin, "E2E 24/7 priority"))
    operator = server.sign_in(OPERATOR)
    inquiry = server.graphql(CREATE, {"input": {"subject": "Вопрос по счёту", "slaPolicyId": sla}}, token=operator)["data"]["createInquiry"]["inquiry"]
    assert inquiry["priority"] == "NORMAL" and inquiry["firstResponseDeadline"]["targetMinutes"] == 60
    urgent = server.graphql("mutation($input: UpdateInquiryInput!) { updateInquiry(input: $input) { inquiry { %s } userErrors { code } } }" % INQ,
                            {"input": {"id": inquiry["id"], "version": 1, "priority": "URGENT"}}, token=operator)["data"]["updateInquiry"]["inquiry"]
    assert urgent["firstResponseDeadline"]["targetMinutes"] == 15
    assert parse(urgent["firstResponseDeadline"]["dueAt"]) < parse(inquiry["firstResponseDeadline"]["dueAt"])
    rejected = server.graphql('mutation($id: ID!) { rejectInquiry(input: {id: $id, version: 2, reason: "Спам"}) { inquiry { status rejectionReason closedAt } userErrors { code } } }',
                              {"id": inquiry["id"]}, token=operator)["data"]["rejectInquiry"]
    assert rejected["inquiry"]["status"] == "CLOSED" and rejected["inquiry"]["rejectionReason"] == "Спам"
    again = server.graphql('mutation($id: ID!) { rejectInquiry(input: {id: $id, version: 3, reason: "x"}) { userErrors { code } } }',
                           {"id": inquiry["id"]}, token=operator)
    assert again["data"]["rejectInquiry"]["userErrors"][0]["code"] == "INVALID_STATE"
    listed = server.graphql('{ inquiries(first: 50, filter: {rejected: true, query: "Вопрос по счёту"}) { totalCount } }', token=operator)
    assert listed["data"]["inquiries"]["totalCount"] >= 1


def test_the_queue_and_who_sees_what(server):
    operator, other, head, manager = (server.sign_in(e) for e in (OPERATOR, OTHER_OPERATOR, SUPPORT_HEAD, MANAGER))
    tag = uuid.uuid4().hex[:8]
    queued = server.graphql(CREATE, {"input": {"subject": f"Queue {tag}"}}, token=operator)["data"]["createInquiry"]["inquiry"]
    me = server.graphql("{ me { id } }", token=other)["data"]["me"]["id"]
    mine = server.graphql(CREATE, {"input": {"subject": f"Assigned {tag}", "assigneeId": me}}, token=other)["data"]["createInquiry"]["inquiry"]
    count = lambda token: server.graphql('query($q: String) { inquiries(filter: {query: $q}) { totalCount } }', {"q": tag}, token=token)["data"]["inquiries"]["totalCount"]
    assert count(operator) == 1 and count(other) == 2 and count(head) == 2
    assert count(manager) == 1  # the unassigned queue is open to every reader
    hidden = server.graphql('query($id: ID!) { node(id: $id) { id } }', {"id": mine["id"]}, token=operator)
    assert hidden["data"]["node"] is None
    outside = server.graphql("mutation($input: AssignInquiryInput!) { assignInquiry(input: $input) { userErrors { field code } } }",
                             {"input": {"id": queued["id"], "version": 1, "assigneeId": server.graphql("{ me { id } }", token=manager)["data"]["me"]["id"]}},
                             token=operator)
    assert outside["data"]["assignInquiry"]["userErrors"] == [{"field": ["input", "assigneeId"], "code": "NOT_ALLOWED"}]
    taken = server.graphql("mutation($input: AssignInquiryInput!) { assignInquiry(input: $input) { inquiry { assignee { email } } userErrors { code } } }",
                           {"input": {"id": queued["id"], "version": 1, "assigneeId": me}}, token=operator)
    assert taken["data"]["assignInquiry"]["inquiry"]["assignee"] == {"email": OTHER_OPERATOR}
    unknown = server.graphql(CREATE, {"input": {"subject": "x", "client": {"inn": "7707083893"}, "callId": "Q2FsbDox"}}, token=operator)
    assert sorted(e["code"] for e in unknown["data"]["createInquiry"]["userErrors"]) == ["NOT_FOUND", "NOT_FOUND"]


def test_inquiries_appear_on_the_clients_timeline(server):
    manager = server.sign_in(MANAGER)
    client = server.graphql('mutation { createClient(input: {kind: ORGANISATION, name: "E2E Inquiry timeline"}) { client { id } } }',
                            token=manager)["data"]["createClient"]["client"]["id"]
    inquiry = server.graphql(CREATE, {"input": {"subject": "Сломался принтер", "client": {"id": client}}}, token=manager)["data"]["createInquiry"]
    assert inquiry["userErrors"] == [] and inquiry["inquiry"]["client"] == {"name": "E2E Inquiry timeline"}
    server.graphql('mutation($id: ID!) { rejectInquiry(input: {id: $id, version: 1, reason: "Не наш продукт"}) { userErrors { code } } }',
                   {"id": inquiry["inquiry"]["id"]}, token=manager)
    items = server.graphql('query($id: ID!) { node(id: $id) { ... on Client { timeline(filter: {kinds: [INQUIRY]}) { edges { node { action summary record { __typename } } } } } } }',
                           {"id": client}, token=manager)["data"]["node"]["timeline"]["edges"]
    assert [e["node"]["action"] for e in items] == ["CLOSED", "CREATED"]  # rejected: closed, never resolved
    assert all(e["node"]["record"] == {"__typename": "Inquiry"} for e in items)
    assert any("Не наш продукт" in e["node"]["summary"] for e in items)


def test_the_inquiry_report_counts_times_sla_and_rejections(server):
    admin = server.sign_in(ADMIN)
    sla = policy(server, admin, around_the_clock(server, admin, "E2E 24/7 report"))
    departments = server.graphql("{ departments { edges { node { id name } } } }", token=admin)["data"]["departments"]["edges"]
    support = next(e["node"]["id"] for e in departments if e["node"]["name"] == "Служба поддержки")
    email = f"e2e-report-{uuid.uuid4().hex[:8]}@switchboard.test"
    user = server.graphql('mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code } } }',
                          {"input": {"name": "E2E Reporter", "email": email, "password": "long enough password", "role": "OPERATOR",
                                     "departmentId": support}}, token=admin)["data"]["createUser"]["user"]["id"]
    start = datetime.now(timezone.utc) - timedelta(minutes=1)
    made = []
    for subject, origin in (("Report one", "EMAIL"), ("Report two", "EMAIL"), ("Report three", "PHONE")):
        made.append(server.graphql(CREATE, {"input": {"subject": subject, "origin": origin, "assigneeId": user, "slaPolicyId": sla}},
                                   token=admin)["data"]["createInquiry"]["inquiry"])
    server.graphql(STATUS, {"input": {"id": made[0]["id"], "version": 1, "status": "RESOLVED"}}, token=admin)
    server.graphql(STATUS, {"input": {"id": made[1]["id"], "version": 1, "status": "OPEN"}}, token=admin)
    server.graphql('mutation($id: ID!) { rejectInquiry(input: {id: $id, version: 1, reason: "Спам"}) { userErrors { code } } }',
                   {"id": made[2]["id"]}, token=admin)
    end = datetime.now(timezone.utc) + timedelta(minutes=1)
    report = server.graphql("""query($f: InquiryReportFilter!) { inquiryReport(filter: $f) {
        overall { total byStatus { status count } byChannel { origin count byStatus { status count } }
                  firstResponse { count averageSeconds p90Seconds } resolution { count }
                  sla { metric met missed pending } rejected rejectionReasons { reason count } }
        byManager { manager { email } stats { total } } } }""",
                            {"f": {"period": {"from": start.isoformat(), "to": end.isoformat()}, "managerIds": [user]}},
                            token=admin)["data"]["inquiryReport"]
    overall = report["overall"]
    assert overall["total"] == 3
    assert sorted((s["status"], s["count"]) for s in overall["byStatus"]) == [("CLOSED", 1), ("OPEN", 1), ("RESOLVED", 1)]
    assert {c["origin"]: c["count"] for c in overall["byChannel"]} == {"EMAIL": 2, "PHONE": 1}
    assert overall["firstResponse"]["count"] == 3 and overall["firstResponse"]["p90Seconds"] is not None
    assert overall["resolution"]["count"] == 1  # the rejected one is closed, not resolved
    outcomes = {o["metric"]: (o["met"], o["missed"], o["pending"]) for o in overall["sla"]}
    assert outcomes["FIRST_RESPONSE"] == (3, 0, 0) and outcomes["RESOLUTION"] == (2, 0, 1)
    assert overall["rejected"] == 1 and overall["rejectionReasons"] == [{"reason": "Спам", "count": 1}]
    assert report["byManager"] == [{"manager": {"email": email}, "stats": {"total": 3}}]
    mine = server.graphql('query($f: InquiryReportFilter!) { inquiryReport(filter: $f) { overall { total } } }',
                          {"f": {"period": {"from": start.isoformat(), "to": end.isoformat()}, "managerIds": [user]}},
                          token=server.sign_in(MANAGER))["data"]["inquiryReport"]["overall"]["total"]
    assert mine == 0  # a sales manager sees none of them


def test_notes_on_an_inquiry(server):
    operator = server.sign_in(OPERATOR)
    inquiry = server.graphql(CREATE, {"input": {"subject": "Заметки к обращению"}}, token=operator)["data"]["createInquiry"]["inquiry"]["id"]
    made = server.graphql('mutation($i: ID!) { createNote(input: {subject: {inquiryId: $i}, body: "Перезвонить после обеда"}) { note { subject { __typename } } userErrors { code } } }',
                          {"i": inquiry}, token=operator)["data"]["createNote"]
    assert made == {"note": {"subject": {"__typename": "Inquiry"}}, "userErrors": []}
    listed = server.graphql('query($id: ID!) { node(id: $id) { ... on Inquiry { notes { totalCount } files { totalCount } } } }', {"id": inquiry}, token=operator)
    assert listed["data"]["node"] == {"notes": {"totalCount": 1}, "files": {"totalCount": 0}}


def test_inquiries_filter_by_sla_state(server):
    admin = server.sign_in(ADMIN)
    sla = policy(server, admin, around_the_clock(server, admin, "E2E 24/7 states"))
    operator = server.sign_in(OPERATOR)
    tag = uuid.uuid4().hex[:8]
    running = server.graphql(CREATE, {"input": {"subject": f"States {tag} running", "slaPolicyId": sla}}, token=operator)["data"]["createInquiry"]["inquiry"]
    waiting = server.graphql(CREATE, {"input": {"subject": f"States {tag} waiting", "slaPolicyId": sla}}, token=operator)["data"]["createInquiry"]["inquiry"]
    server.graphql(STATUS, {"input": {"id": waiting["id"], "version": 1, "status": "WAITING"}}, token=operator)
    def subjects(states):
        body = server.graphql('query($q: String, $s: [SlaState!]) { inquiries(first: 50, filter: {query: $q, slaStates: $s}) { edges { node { subject } } } }',
                              {"q": tag, "s": states}, token=operator)
        return sorted(e["node"]["subject"].split()[-1] for e in body["data"]["inquiries"]["edges"])
    assert subjects(["PAUSED"]) == ["waiting"]
    assert subjects(["MET"]) == ["waiting"]          # its first response was met when it left NEW
    assert subjects(["RUNNING"]) == ["running"]
    assert subjects(["MISSED"]) == []
    none = server.graphql('query($q: String) { inquiries(filter: {query: $q, channelIds: ["Q2hhbm5lbDox"]}) { totalCount } }', {"q": tag}, token=operator)
    assert none["data"]["inquiries"]["totalCount"] == 0


def test_deals_and_tasks_link_to_inquiries(server):
    manager = server.sign_in(MANAGER)
    client = server.graphql('mutation { createClient(input: {kind: ORGANISATION, name: "E2E Inquiry links"}) { client { id } } }',
                            token=manager)["data"]["createClient"]["client"]["id"]
    inquiry = server.graphql(CREATE, {"input": {"subject": "Хотим расширить лицензию", "client": {"id": client}}},
                             token=manager)["data"]["createInquiry"]["inquiry"]
    # A deal registered from the inquiry takes its client.
    deal = server.graphql('mutation($i: ID!) { createDeal(input: {title: "Расширение лицензии", inquiryId: $i}) '
                          '{ deal { id client { id } inquiry { id } } userErrors { field code } } }',
                          {"i": inquiry["id"]}, token=manager)["data"]["createDeal"]
    assert deal["userErrors"] == [] and deal["deal"]["client"] == {"id": client} and deal["deal"]["inquiry"] == {"id": inquiry["id"]}
    back = server.graphql('query($id: ID!) { node(id: $id) { ... on Inquiry { deal { id } } } }', {"id": inquiry["id"]}, token=manager)
    assert back["data"]["node"]["deal"] == {"id": deal["deal"]["id"]}
    # A task of the inquiry concerns its client and is found by the inquiry.
    task = server.graphql('mutation($i: ID!) { createTask(input: {title: "Подготовить КП", inquiryId: $i}) '
                          '{ task { id client { id } inquiry { id } } userErrors { field code } } }',
                          {"i": inquiry["id"]}, token=manager)["data"]["createTask"]
    assert task["userErrors"] == [] and task["task"]["client"] == {"id": client} and task["task"]["inquiry"] == {"id": inquiry["id"]}
    listed = server.graphql('query($i: ID!) { tasks(filter: {inquiryIds: [$i]}) { edges { node { id } } } }', {"i": inquiry["id"]}, token=manager)
    assert [e["node"]["id"] for e in listed["data"]["tasks"]["edges"]] == [task["task"]["id"]]
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Task { history { edges { node { field newValue } } } } } }',
                             {"id": task["task"]["id"]}, token=manager)["data"]["node"]["history"]["edges"]
    assert history == []  # created with its links; nothing changed since
