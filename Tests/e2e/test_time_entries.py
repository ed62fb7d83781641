"""Time tracking over HTTP: entries on an inquiry or for a client, checked; the inquiry's client
taken over; totals per user, inquiry, client and date; who records for whom and who sees what."""

import uuid

OPERATOR = "zhanna.kozlova@switchboard.test"
OTHER_OPERATOR = "igor.novikov@switchboard.test"
SUPPORT_HEAD = "elena.lebedeva@switchboard.test"
MANAGER = "victoria.kuznetsova@switchboard.test"

ENTRY = """mutation($input: CreateTimeEntryInput!) { createTimeEntry(input: $input) {
  timeEntry { id date minutes note version user { email } inquiry { id } client { id } } userErrors { field code } } }"""


def test_entries_totals_and_rules(server):
    operator, other, head, manager = (server.sign_in(e) for e in (OPERATOR, OTHER_OPERATOR, SUPPORT_HEAD, MANAGER))
    tag = uuid.uuid4().hex[:8]
    client = server.graphql('mutation($n: String!) { createClient(input: {kind: ORGANISATION, name: $n}) { client { id } } }',
                            {"n": f"E2E Time {tag}"}, token=manager)["data"]["createClient"]["client"]["id"]
    inquiry = server.graphql('mutation($s: String!) { createInquiry(input: {subject: $s}) { inquiry { id } } }', {"s": f"Time {tag}"},
                             token=operator)["data"]["createInquiry"]["inquiry"]["id"]
    first = server.graphql(ENTRY, {"input": {"inquiryId": inquiry, "minutes": 30, "date": "2026-11-20", "note": "Разбор логов"}},
                           token=operator)["data"]["createTimeEntry"]
    assert first["userErrors"] == [] and first["timeEntry"]["user"] == {"email": OPERATOR} and first["timeEntry"]["minutes"] == 30
    today = server.graphql(ENTRY, {"input": {"inquiryId": inquiry, "minutes": 15}}, token=operator)["data"]["createTimeEntry"]["timeEntry"]
    assert len(today["date"]) == 10
    head_id = server.graphql("{ me { id } }", token=head)["data"]["me"]["id"]
    other_id = server.graphql("{ me { id } }", token=other)["data"]["me"]["id"]
    for_other = server.graphql(ENTRY, {"input": {"inquiryId": inquiry, "minutes": 45, "userId": other_id, "date": "2026-11-21"}}, token=head)
    assert for_other["data"]["createTimeEntry"]["timeEntry"]["user"] == {"email": OTHER_OPERATOR}
    refused = server.graphql(ENTRY, {"input": {"inquiryId": inquiry, "minutes": 10, "userId": head_id}}, token=operator)
    assert refused["data"]["createTimeEntry"]["userErrors"] == [{"field": ["input", "userId"], "code": "NOT_ALLOWED"}]
    bad = server.graphql(ENTRY, {"input": {"minutes": 0}}, token=operator)["data"]["createTimeEntry"]
    assert sorted(e["code"] for e in bad["userErrors"]) == ["OUT_OF_RANGE", "REQUIRED"] and bad["timeEntry"] is None
    hidden_client = server.graphql(ENTRY, {"input": {"clientId": client, "minutes": 5}}, token=operator)["data"]["createTimeEntry"]
    assert hidden_client["userErrors"] == [{"field": ["input", "clientId"], "code": "NOT_FOUND"}]
    for_client = server.graphql(ENTRY, {"input": {"clientId": client, "minutes": 20, "date": "2026-11-20"}}, token=manager)
    assert for_client["data"]["createTimeEntry"]["timeEntry"]["client"] == {"id": client}

    spent = server.graphql('query($id: ID!) { node(id: $id) { ... on Inquiry { timeSpentMinutes timeEntries { totalCount } } } }',
                           {"id": inquiry}, token=head)["data"]["node"]
    assert spent == {"timeSpentMinutes": 90, "timeEntries": {"totalCount": 3}}
    mine = server.graphql('query($id: ID!) { node(id: $id) { ... on Inquiry { timeSpentMinutes } } }', {"id": inquiry}, token=operator)
    assert mine["data"]["node"]["timeSpentMinutes"] == 45  # only her own entries are hers to see
    totals = server.graphql('query($i: [ID!]) { timeTotals(filter: {inquiryIds: $i}, groupBy: USER) { user { email } minutes entryCount } }',
                            {"i": [inquiry]}, token=head)["data"]["timeTotals"]
    assert totals == [{"user": {"email": OPERATOR}, "minutes": 45, "entryCount": 2}, {"user": {"email": OTHER_OPERATOR}, "minutes": 45, "entryCount": 1}] \
        or totals == [{"user": {"email": OTHER_OPERATOR}, "minutes": 45, "entryCount": 1}, {"user": {"email": OPERATOR}, "minutes": 45, "entryCount": 2}]
    by_date = server.graphql('query($i: [ID!]) { timeTotals(filter: {inquiryIds: $i, date: {from: "2026-11-20", to: "2026-11-21"}}, groupBy: DATE) { date minutes } }',
                             {"i": [inquiry]}, token=head)["data"]["timeTotals"]
    assert by_date == [{"date": "2026-11-21", "minutes": 45}, {"date": "2026-11-20", "minutes": 30}]
    client_minutes = server.graphql('query($id: ID!) { node(id: $id) { ... on Client { timeSpentMinutes(period: {from: "2026-11-01", to: "2026-11-30"}) } } }',
                                    {"id": client}, token=manager)["data"]["node"]["timeSpentMinutes"]
    assert client_minutes == 20

    entry = first["timeEntry"]
    changed = server.graphql('mutation($input: UpdateTimeEntryInput!) { updateTimeEntry(input: $input) { timeEntry { minutes version } userErrors { code } } }',
                             {"input": {"id": entry["id"], "version": 1, "minutes": 40}}, token=operator)["data"]["updateTimeEntry"]
    assert changed == {"timeEntry": {"minutes": 40, "version": 2}, "userErrors": []}
    stranger = server.graphql('mutation($input: UpdateTimeEntryInput!) { updateTimeEntry(input: $input) { timeEntry { id } } }',
                              {"input": {"id": entry["id"], "version": 2, "minutes": 1}}, token=other)
    assert stranger["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    deleted = server.graphql('mutation($id: ID!) { deleteTimeEntry(input: {id: $id}) { timeEntry { deletedAt } } }', {"id": entry["id"]}, token=head)
    assert deleted["data"]["deleteTimeEntry"]["timeEntry"]["deletedAt"] is not None
    after = server.graphql('query($id: ID!) { node(id: $id) { ... on Inquiry { timeSpentMinutes } } }', {"id": inquiry}, token=head)
    assert after["data"]["node"]["timeSpentMinutes"] == 60
