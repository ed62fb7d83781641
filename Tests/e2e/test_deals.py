"""Deals over HTTP: created with defaults from the default pipeline, refused field by field with
nothing stored; moved between stages and pipelines, won, lost and reopened with a stage history;
versioned updates with a JSON merge patch of custom fields; visibility by role; soft delete and
restore; filters, orderings and keyset paging of `deals`, `Client.deals`, `PipelineStage.deals`
and `node`."""
import base64
import uuid

import pytest

SUPERVISOR = "boris.ivanov@switchboard.test"           # heads sales
MANAGER = "victoria.kuznetsova@switchboard.test"       # sales
OTHER_MANAGER = "grigory.popov@switchboard.test"       # sales
OPERATOR = "zhanna.kozlova@switchboard.test"
CREATE_PIPELINE = """mutation($input: CreatePipelineInput!) {
  createPipeline(input: $input) { pipeline { id name defaultCurrency stages { id name probability } } userErrors { field code } }
}"""
DEAL_FIELDS = """id title status probability amount currency expectedCloseDate closedAt lossReason source campaign customFields
  version deletedAt createdAt stageEnteredAt stalled stalledSince owner { email } client { id } contact { id }
  pipeline { id } stage { id }"""
HISTORY_FIELDS = "stageHistory { totalCount edges { node { fromStage { id } toStage { id } fromStatus toStatus } } }"
CREATE = f"""mutation($input: CreateDealInput!) {{
  createDeal(input: $input) {{ deal {{ {DEAL_FIELDS} }} userErrors {{ field code }} }}
}}"""
UPDATE = f"""mutation($input: UpdateDealInput!) {{
  updateDeal(input: $input) {{ deal {{ {DEAL_FIELDS} }} userErrors {{ field code }} }}
}}"""
MOVE = f"""mutation($input: MoveDealInput!) {{
  moveDeal(input: $input) {{
    deal {{ {DEAL_FIELDS} {HISTORY_FIELDS} }}
    stageChange {{ id fromStage {{ id }} toStage {{ id }} fromStatus toStatus actor {{ kind user {{ email }} }} secondsInPreviousStage }}
    userErrors {{ field code }}
  }}
}}"""
WIN = f"mutation($input: WinDealInput!) {{ winDeal(input: $input) {{ deal {{ {DEAL_FIELDS} }} userErrors {{ field code }} }} }}"
LOSE = f"mutation($input: LoseDealInput!) {{ loseDeal(input: $input) {{ deal {{ {DEAL_FIELDS} }} userErrors {{ field code }} }} }}"
REOPEN = f"mutation($input: ReopenDealInput!) {{ reopenDeal(input: $input) {{ deal {{ {DEAL_FIELDS} }} userErrors {{ field code }} }} }}"
NODE = f"query($id: ID!) {{ node(id: $id) {{ ... on Deal {{ {DEAL_FIELDS} {HISTORY_FIELDS} }} }} }}"
LIST = """query($first: Int, $after: String, $last: Int, $before: String, $filter: DealFilter, $orderBy: DealOrder) {
  deals(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount edges { cursor node { id title } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""
CREATE_CLIENT = 'mutation($n: String!) { createClient(input: {kind: ORGANISATION, name: $n}) { client { id } userErrors { code } } }'
CREATE_CONTACT = """mutation($first: String!, $last: String, $client: ID!) {
  createContact(input: {firstName: $first, lastName: $last, clientId: $client}) { contact { id } userErrors { code } }
}"""


def unique(prefix):
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def global_id(type_name, number):
    return base64.b64encode(f"{type_name}:{number}".encode()).decode().rstrip("=")


def pipeline(server, admin_token, stages=("Lead", "Offer", "Contract"), **fields):
    """A new pipeline (not the default unless `isDefault=True`); stages as names or (name, probability)."""
    stage_inputs = [{"name": s} if isinstance(s, str) else {"name": s[0], "probability": s[1]} for s in stages]
    body = server.graphql(CREATE_PIPELINE, {"input": {"name": unique("E2E Deals"), "stages": stage_inputs, **fields}}, token=admin_token)
    payload = body["data"]["createPipeline"]
    assert payload["userErrors"] == [], payload
    return payload["pipeline"]


def create(server, token, **fields):
    fields.setdefault("title", unique("E2E Deal"))
    body = server.graphql(CREATE, {"input": fields}, token=token)
    payload = body["data"]["createDeal"]
    assert payload["userErrors"] == [], payload
    return payload["deal"]


def client(server, token, name):
    return server.graphql(CREATE_CLIENT, {"n": name}, token=token)["data"]["createClient"]["client"]["id"]


def contact(server, token, client_id, first, last=None):
    return server.graphql(CREATE_CONTACT, {"first": first, "last": last, "client": client_id}, token=token)["data"]["createContact"]["contact"]["id"]


def me(server, token):
    return server.graphql("{ me { id } }", token=token)["data"]["me"]["id"]


def fetch(server, token, deal_id):
    return server.graphql(NODE, {"id": deal_id}, token=token)["data"]["node"]


def listed(server, token, **filter_):
    """Ids of the deals the viewer lists with this filter, checked against `totalCount`."""
    page = server.graphql(LIST, {"first": 100, "filter": filter_}, token=token)["data"]["deals"]
    ids = [e["node"]["id"] for e in page["edges"]]
    assert page["totalCount"] == len(ids), page
    return ids


def stage_history(deal):
    return [(e["node"]["fromStage"] and e["node"]["fromStage"]["id"], e["node"]["toStage"]["id"], e["node"]["fromStatus"], e["node"]["toStatus"])
            for e in deal["stageHistory"]["edges"]]


def test_a_new_deal_gets_its_defaults(server, admin_token):
    token = server.sign_in(MANAGER)
    default = pipeline(server, admin_token, stages=[("First", 15), ("Second", 40)], isDefault=True, defaultCurrency="EUR")
    first, second = (s["id"] for s in default["stages"])
    deal = create(server, token, title="E2E Defaults")
    assert {k: deal[k] for k in ("pipeline", "stage", "currency", "owner", "status", "probability", "amount", "closedAt", "lossReason",
                                 "stalled", "stalledSince", "customFields", "client", "contact", "version", "deletedAt")} == {
        "pipeline": {"id": default["id"]}, "stage": {"id": first}, "currency": "EUR", "owner": {"email": MANAGER}, "status": "OPEN",
        "probability": 15, "amount": None, "closedAt": None, "lossReason": None, "stalled": False, "stalledSince": None,
        "customFields": {}, "client": None, "contact": None, "version": 1, "deletedAt": None}
    assert deal["stageEnteredAt"] == deal["createdAt"]
    created = server.graphql('query($id: ID!) { node(id: $id) { ... on Deal { stageHistory { totalCount edges { node { fromStage { id } '
                             'toStage { id } fromStatus toStatus actor { kind user { email } } secondsInPreviousStage } } } } } }',
                             {"id": deal["id"]}, token=token)["data"]["node"]["stageHistory"]
    assert created == {"totalCount": 1, "edges": [{"node": {"fromStage": None, "toStage": {"id": first}, "fromStatus": None, "toStatus": "OPEN",
                                                            "actor": {"kind": "USER", "user": {"email": MANAGER}}, "secondsInPreviousStage": None}}]}
    # Everything given explicitly; a contact without a client brings its client along.
    company = client(server, token, unique("E2E Deal client"))
    person = contact(server, token, company, "Ольга")
    explicit = create(server, token, title="E2E Explicit", pipelineId=default["id"], stageId=second, amount="1500.75", currency="USD",
                      expectedCloseDate="2031-05-31", source="website", campaign="spring", contactId=person,
                      customFields={"size": "L", "tags": ["a", "b"]})
    assert {k: explicit[k] for k in ("stage", "probability", "amount", "currency", "expectedCloseDate", "source", "campaign", "customFields",
                                     "client", "contact")} == {
        "stage": {"id": second}, "probability": 40, "amount": "1500.75", "currency": "USD", "expectedCloseDate": "2031-05-31",
        "source": "website", "campaign": "spring", "customFields": {"size": "L", "tags": ["a", "b"]},
        "client": {"id": company}, "contact": {"id": person}}


def test_bad_deal_input_gets_field_errors_and_stores_nothing(server, admin_token):
    token = server.sign_in(MANAGER)
    other = server.sign_in(OTHER_MANAGER)
    own, foreign = pipeline(server, admin_token), pipeline(server, admin_token)
    marker = unique("E2E Refused")
    mine, mine_too = client(server, token, unique("E2E Mine")), client(server, token, unique("E2E Mine too"))
    theirs = client(server, other, unique("E2E Theirs"))
    elsewhere = contact(server, token, mine_too, "Пётр")
    cases = [
        ({"title": " "}, ["input", "title"], "REQUIRED"),
        ({"amount": "-0.01"}, ["input", "amount"], "OUT_OF_RANGE"),
        ({"stageId": foreign["stages"][0]["id"]}, ["input", "stageId"], "STAGE_NOT_IN_PIPELINE"),
        ({"clientId": global_id("Client", 987654)}, ["input", "clientId"], "NOT_FOUND"),
        ({"clientId": theirs}, ["input", "clientId"], "NOT_FOUND"),
        ({"contactId": global_id("Contact", 987654)}, ["input", "contactId"], "NOT_FOUND"),
        ({"clientId": mine, "contactId": elsewhere}, ["input", "contactId"], "INVALID"),
        ({"ownerId": me(server, other)}, ["input", "ownerId"], "NOT_ALLOWED"),
        ({"inquiryId": global_id("Inquiry", 987654)}, ["input", "inquiryId"], "NOT_FOUND"),
    ]
    for fields, path, code in cases:
        body = server.graphql(CREATE, {"input": {"title": marker, "pipelineId": own["id"], **fields}}, token=token)
        assert body["data"]["createDeal"] == {"deal": None, "userErrors": [{"field": path, "code": code}]}, fields
    several = server.graphql(CREATE, {"input": {"title": "", "pipelineId": own["id"], "amount": "-5", "clientId": theirs}}, token=token)
    assert sorted(e["code"] for e in several["data"]["createDeal"]["userErrors"]) == ["NOT_FOUND", "OUT_OF_RANGE", "REQUIRED"]
    assert listed(server, admin_token, pipelineIds=[own["id"]], deleted="INCLUDE") == []


@pytest.mark.parametrize("how", [
    "literal",
    "variable",
])
def test_an_amount_must_be_a_decimal_string(server, admin_token, how):
    own = pipeline(server, admin_token)
    title = unique("E2E Numeric amount")
    if how == "literal":
        body = server.graphql('mutation($p: ID!, $t: String!) { createDeal(input: {title: $t, pipelineId: $p, amount: 100}) { deal { id } } }',
                              {"p": own["id"], "t": title}, token=admin_token)
    else:
        body = server.graphql(CREATE, {"input": {"title": title, "pipelineId": own["id"], "amount": 100}}, token=admin_token)
    assert "data" not in body, body
    assert [(e.get("extensions") or {}).get("code") in ("GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT") for e in body["errors"]] == [True], body
    assert listed(server, admin_token, pipelineIds=[own["id"]]) == []


def test_move_win_lose_and_reopen_write_the_stage_history(server, admin_token):
    token = server.sign_in(MANAGER)
    own = pipeline(server, admin_token, stages=[("Lead", 10), ("Offer", 50), ("Contract", 80)])
    lead, offer, contract = (s["id"] for s in own["stages"])
    deal = create(server, token, pipelineId=own["id"], amount="100")
    assert (deal["stage"], deal["probability"]) == ({"id": lead}, 10)

    moved = server.graphql(MOVE, {"input": {"id": deal["id"], "version": 1, "stageId": offer}}, token=token)["data"]["moveDeal"]
    assert moved["userErrors"] == []
    change = moved["stageChange"]
    assert {k: change[k] for k in ("fromStage", "toStage", "fromStatus", "toStatus", "actor")} == {
        "fromStage": {"id": lead}, "toStage": {"id": offer}, "fromStatus": "OPEN", "toStatus": "OPEN",
        "actor": {"kind": "USER", "user": {"email": MANAGER}}}
    assert isinstance(change["secondsInPreviousStage"], int) and change["secondsInPreviousStage"] >= 0
    assert (moved["deal"]["stage"], moved["deal"]["probability"], moved["deal"]["version"]) == ({"id": offer}, 50, 2)
    assert moved["deal"]["stageEnteredAt"] >= deal["stageEnteredAt"]
    for mutation, extra in ((MOVE, {"stageId": contract}), (WIN, {})):   # a stale version writes nothing
        stale = next(iter(server.graphql(mutation, {"input": {"id": deal["id"], "version": 1, **extra}}, token=token)["data"].values()))
        assert stale["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}], mutation
        assert (stale["deal"]["version"], stale["deal"]["stage"], stale["deal"]["status"]) == (2, {"id": offer}, "OPEN")
    node = server.graphql('query($id: ID!) { node(id: $id) { ... on DealStageChange { deal { id } fromStage { id } toStage { id } } } }',
                          {"id": change["id"]}, token=token)["data"]["node"]
    assert node == {"deal": {"id": deal["id"]}, "fromStage": {"id": lead}, "toStage": {"id": offer}}
    same = server.graphql(MOVE, {"input": {"id": deal["id"], "version": 2, "stageId": offer}}, token=token)["data"]["moveDeal"]
    assert same["userErrors"] == [] and same["deal"]["stageHistory"]["totalCount"] == 2 and same["deal"]["version"] == 2

    won = server.graphql(WIN, {"input": {"id": deal["id"], "version": 2, "amount": "250.00"}}, token=token)["data"]["winDeal"]
    assert won["userErrors"] == []
    assert (won["deal"]["status"], won["deal"]["probability"], won["deal"]["amount"], won["deal"]["version"]) == ("WON", 100, "250.00", 3)
    assert won["deal"]["closedAt"] is not None
    for mutation, extra in ((WIN, {}), (LOSE, {"lossReason": "Late"}), (MOVE, {"stageId": lead})):
        refused = server.graphql(mutation, {"input": {"id": deal["id"], "version": 3, **extra}}, token=token)["data"]
        assert [e["code"] for e in next(iter(refused.values()))["userErrors"]] == ["INVALID_STATE"], mutation
    reopened = server.graphql(REOPEN, {"input": {"id": deal["id"], "version": 3, "stageId": contract}}, token=token)["data"]["reopenDeal"]
    assert reopened["userErrors"] == []
    assert (reopened["deal"]["status"], reopened["deal"]["stage"], reopened["deal"]["probability"], reopened["deal"]["closedAt"]) == (
        "OPEN", {"id": contract}, 80, None)

    blank = server.graphql(LOSE, {"input": {"id": deal["id"], "version": 4, "lossReason": "  "}}, token=token)["data"]["loseDeal"]
    assert blank["userErrors"] == [{"field": ["input", "lossReason"], "code": "REQUIRED"}] and blank["deal"]["status"] == "OPEN"
    lost = server.graphql(LOSE, {"input": {"id": deal["id"], "version": 4, "lossReason": "Too expensive"}}, token=token)["data"]["loseDeal"]
    assert (lost["deal"]["status"], lost["deal"]["probability"], lost["deal"]["lossReason"]) == ("LOST", 0, "Too expensive")
    assert lost["deal"]["closedAt"] is not None
    again = server.graphql(REOPEN, {"input": {"id": deal["id"], "version": 5}}, token=token)["data"]["reopenDeal"]["deal"]
    assert (again["status"], again["stage"], again["lossReason"], again["closedAt"], again["version"]) == ("OPEN", {"id": contract}, None, None, 6)

    final = fetch(server, token, deal["id"])
    assert stage_history(final) == [(None, lead, None, "OPEN"), (lead, offer, "OPEN", "OPEN"), (offer, offer, "OPEN", "WON"),
                                    (offer, contract, "WON", "OPEN"), (contract, contract, "OPEN", "LOST"),
                                    (contract, contract, "LOST", "OPEN")]
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Deal { history(first: 100) { edges { node { field oldValue newValue } } } } } }',
                             {"id": deal["id"]}, token=token)["data"]["node"]["history"]["edges"]
    fields = [e["node"]["field"] for e in history]
    assert {"stage", "status", "closedAt", "lossReason", "amount"} <= set(fields)
    assert [e["node"]["field"] for e in history].count("status") == 4
    assert [(e["node"]["oldValue"], e["node"]["newValue"]) for e in history if e["node"]["field"] == "lossReason"] == [
        ("Too expensive", None), (None, "Too expensive")]


def test_probability_follows_the_stage_while_open(server, admin_token):
    token = server.sign_in(MANAGER)
    own = pipeline(server, admin_token, stages=[("Lead", 20)])
    lead = own["stages"][0]["id"]
    open_, won, lost = (create(server, token, pipelineId=own["id"]) for _ in range(3))
    server.graphql(WIN, {"input": {"id": won["id"], "version": 1}}, token=token)
    server.graphql(LOSE, {"input": {"id": lost["id"], "version": 1, "lossReason": "Gone"}}, token=token)
    changed = server.graphql('mutation($id: ID!) { updatePipelineStage(input: {id: $id, version: 1, probability: 65}) { userErrors { code } } }',
                             {"id": lead}, token=admin_token)
    assert changed["data"]["updatePipelineStage"]["userErrors"] == []
    assert [fetch(server, token, d["id"])["probability"] for d in (open_, won, lost)] == [65, 100, 0]


def test_a_deal_moves_to_another_pipeline_only_when_named(server, admin_token):
    token = server.sign_in(MANAGER)
    source, target = pipeline(server, admin_token, stages=["A", "B"]), pipeline(server, admin_token, stages=["X", ("Y", 60)])
    a = source["stages"][0]["id"]
    y = target["stages"][1]["id"]
    deal = create(server, token, pipelineId=source["id"])
    for extra in ({}, {"pipelineId": source["id"]}):
        refused = server.graphql(MOVE, {"input": {"id": deal["id"], "version": 1, "stageId": y, **extra}}, token=token)["data"]["moveDeal"]
        assert refused["userErrors"] == [{"field": ["input", "stageId"], "code": "STAGE_NOT_IN_PIPELINE"}], extra
        assert (refused["stageChange"], refused["deal"]["version"], refused["deal"]["stage"]) == (None, 1, {"id": a})
    moved = server.graphql(MOVE, {"input": {"id": deal["id"], "version": 1, "stageId": y, "pipelineId": target["id"]}}, token=token)["data"]["moveDeal"]
    assert moved["userErrors"] == []
    assert (moved["deal"]["pipeline"], moved["deal"]["stage"], moved["deal"]["probability"]) == ({"id": target["id"]}, {"id": y}, 60)
    assert (moved["stageChange"]["fromStage"], moved["stageChange"]["toStage"]) == ({"id": a}, {"id": y})
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Deal { history { edges { node { field } } } } } }',
                             {"id": deal["id"]}, token=token)["data"]["node"]["history"]["edges"]
    assert {"pipeline", "stage"} <= {e["node"]["field"] for e in history}
    assert listed(server, token, pipelineIds=[source["id"]]) == [] and listed(server, token, pipelineIds=[target["id"]]) == [deal["id"]]


def test_updates_are_versioned_and_merge_custom_fields(server, admin_token):
    token = server.sign_in(MANAGER)
    own = pipeline(server, admin_token)
    deal = create(server, token, pipelineId=own["id"], title="E2E Before", amount="100",
                  customFields={"size": "L", "tags": {"a": 1, "b": 2}, "note": "call back"})
    changed = server.graphql(UPDATE, {"input": {"id": deal["id"], "version": 1, "title": "E2E After", "amount": "200.5",
                                                "customFields": {"note": None, "tags": {"b": None, "c": 3}, "rush": True}}},
                             token=token)["data"]["updateDeal"]
    assert changed["userErrors"] == []
    after = changed["deal"]
    assert (after["title"], after["amount"], after["version"]) == ("E2E After", "200.5", 2)
    assert after["customFields"] == {"size": "L", "tags": {"a": 1, "c": 3}, "rush": True}
    stale = server.graphql(UPDATE, {"input": {"id": deal["id"], "version": 1, "title": "E2E Lost write", "customFields": {"size": None}}},
                           token=token)["data"]["updateDeal"]
    assert stale["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}]
    assert (stale["deal"]["title"], stale["deal"]["version"]) == ("E2E After", 2)
    refused = server.graphql(UPDATE, {"input": {"id": deal["id"], "version": 2, "amount": "-1", "title": " ", "customFields": {"size": None},
                                                "ownerId": me(server, server.sign_in(OTHER_MANAGER))}}, token=token)["data"]["updateDeal"]
    assert sorted((tuple(e["field"]), e["code"]) for e in refused["userErrors"]) == [
        (("input", "amount"), "OUT_OF_RANGE"), (("input", "ownerId"), "NOT_ALLOWED"), (("input", "title"), "REQUIRED")]
    stored = fetch(server, token, deal["id"])
    assert (stored["title"], stored["amount"], stored["version"], stored["customFields"]) == ("E2E After", "200.5", 2, after["customFields"])
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Deal { history { edges { node { field oldValue newValue actor { user { email } } } } } } } }',
                             {"id": deal["id"]}, token=token)["data"]["node"]["history"]["edges"]
    changes = {e["node"]["field"]: (e["node"]["oldValue"], e["node"]["newValue"]) for e in history}
    assert set(changes) == {"title", "amount", "customFields"}
    assert changes["title"] == ("E2E Before", "E2E After")
    assert changes["customFields"] == ({"size": "L", "tags": {"a": 1, "b": 2}, "note": "call back"}, after["customFields"])
    assert {e["node"]["actor"]["user"]["email"] for e in history} == {MANAGER}


def test_deals_are_visible_by_role(server, admin_token):
    manager, other, supervisor, operator = (server.sign_in(e) for e in (MANAGER, OTHER_MANAGER, SUPERVISOR, OPERATOR))
    own = pipeline(server, admin_token)
    mine = create(server, manager, pipelineId=own["id"])
    theirs = create(server, other, pipelineId=own["id"])
    assert listed(server, manager, pipelineIds=[own["id"]]) == [mine["id"]]
    assert listed(server, other, pipelineIds=[own["id"]]) == [theirs["id"]]
    assert set(listed(server, supervisor, pipelineIds=[own["id"]])) == {mine["id"], theirs["id"]}
    assert set(listed(server, admin_token, pipelineIds=[own["id"]])) == {mine["id"], theirs["id"]}
    assert listed(server, operator, pipelineIds=[own["id"]]) == []
    assert fetch(server, manager, theirs["id"]) is None and fetch(server, operator, mine["id"]) is None
    assert fetch(server, supervisor, theirs["id"])["owner"] == {"email": OTHER_MANAGER}
    counted = server.graphql('query($id: ID!) { node(id: $id) { ... on Pipeline { stages { deals { totalCount } } } } }',
                             {"id": own["id"]}, token=manager)["data"]["node"]["stages"]
    assert counted[0] == {"deals": {"totalCount": 1}}
    for mutation, fields in ((UPDATE, {"title": "E2E Mine now"}), (MOVE, {"stageId": own["stages"][1]["id"]}), (WIN, {})):
        refused = server.graphql(mutation, {"input": {"id": theirs["id"], "version": 1, **fields}}, token=manager)
        assert [e["extensions"]["code"] for e in refused["errors"]] == ["NOT_FOUND"], mutation
    assert fetch(server, other, theirs["id"])["version"] == 1
    anonymous = server.graphql("{ deals { totalCount } }")
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_deleted_deals_leave_lists_and_stage_counts(server, admin_token):
    token = server.sign_in(MANAGER)
    own = pipeline(server, admin_token, stages=["Only"])
    stage = own["stages"][0]["id"]
    first, second = create(server, token, pipelineId=own["id"]), create(server, token, pipelineId=own["id"])
    stage_deals = 'query($id: ID!, $f: DealFilter) { node(id: $id) { ... on PipelineStage { deals(filter: $f) { totalCount edges { node { id } } } } } }'

    def in_stage(**filter_):
        page = server.graphql(stage_deals, {"id": stage, "f": filter_ or None}, token=token)["data"]["node"]["deals"]
        assert page["totalCount"] == len(page["edges"])
        return {e["node"]["id"] for e in page["edges"]}

    assert in_stage() == {first["id"], second["id"]}
    stale = server.graphql('mutation($id: ID!) { deleteDeal(input: {id: $id, version: 7}) { deal { deletedAt } userErrors { field code } } }',
                           {"id": first["id"]}, token=token)["data"]["deleteDeal"]
    assert stale["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}] and stale["deal"]["deletedAt"] is None
    deleted = server.graphql('mutation($id: ID!) { deleteDeal(input: {id: $id, version: 1}) { deal { deletedAt version } userErrors { code } } }',
                             {"id": first["id"]}, token=token)["data"]["deleteDeal"]
    assert deleted["userErrors"] == [] and deleted["deal"]["deletedAt"] is not None and deleted["deal"]["version"] == 2
    assert listed(server, token, pipelineIds=[own["id"]]) == [second["id"]]
    assert listed(server, token, pipelineIds=[own["id"]], deleted="ONLY") == [first["id"]]
    assert set(listed(server, token, pipelineIds=[own["id"]], deleted="INCLUDE")) == {first["id"], second["id"]}
    assert in_stage() == {second["id"]}
    restored = server.graphql('mutation($id: ID!) { restoreDeal(input: {id: $id}) { deal { deletedAt version } userErrors { code } } }',
                              {"id": first["id"]}, token=token)["data"]["restoreDeal"]
    assert restored == {"deal": {"deletedAt": None, "version": 3}, "userErrors": []}
    assert in_stage() == {first["id"], second["id"]}
    # A stage lists its open deals unless the filter names statuses.
    server.graphql(WIN, {"input": {"id": second["id"], "version": 1}}, token=token)
    assert in_stage() == {first["id"]}
    assert in_stage(statuses=["WON"]) == {second["id"]}
    assert in_stage(statuses=["OPEN", "WON"]) == {first["id"], second["id"]}


def test_deal_filters(server, admin_token):
    token = server.sign_in(MANAGER)
    own = pipeline(server, admin_token, stages=["S1", "S2"])
    s1, s2 = (s["id"] for s in own["stages"])
    marker = uuid.uuid4().hex[:6]
    romashka = client(server, token, f"E2E ООО «Ромашка {marker}»")
    other_client = client(server, token, f"E2E Лютик {marker}")
    yolkin = contact(server, token, other_client, "Фёдор", f"Ёлкин{marker}")
    alpha = create(server, token, pipelineId=own["id"], title=f"E2E Альфа поставка {marker}", clientId=romashka, source="website",
                   expectedCloseDate="2031-01-10", amount="900")
    beta = create(server, token, pipelineId=own["id"], stageId=s2, title="E2E Beta", contactId=yolkin, source="call",
                  expectedCloseDate="2031-02-20")
    gamma = create(server, token, pipelineId=own["id"], title="E2E Gamma")
    lost = server.graphql(LOSE, {"input": {"id": gamma["id"], "version": 1, "lossReason": "No budget"}}, token=token)["data"]["loseDeal"]["deal"]
    boris = server.sign_in(SUPERVISOR)
    handed = create(server, boris, pipelineId=own["id"], title="E2E Handed", ownerId=me(server, server.sign_in(OTHER_MANAGER)))
    everything = {alpha["id"], beta["id"], gamma["id"], handed["id"]}

    def only(**filter_):
        return set(listed(server, admin_token, pipelineIds=[own["id"]], **filter_))

    assert only() == everything
    assert only(query=f"альфа ПОСТАВКА {marker}") == {alpha["id"]}
    assert only(query=f"ромашка {marker}") == {alpha["id"]}
    assert only(query=f"ЁЛКИН{marker}") == {beta["id"]}
    assert only(stageIds=[s2]) == {beta["id"]}
    assert only(statuses=["LOST"]) == {gamma["id"]}
    assert only(statuses=["OPEN"]) == everything - {gamma["id"]}
    assert only(ownerIds=[me(server, token)]) == everything - {handed["id"]}
    assert only(clientIds=[romashka]) == {alpha["id"]}
    assert only(clientIds=[other_client]) == only(contactIds=[yolkin]) == {beta["id"]}
    assert only(expectedCloseDate={"from": "2031-01-01", "to": "2031-01-31"}) == {alpha["id"]}
    assert only(expectedCloseDate={"from": "2031-01-10", "to": "2031-02-20"}) == {alpha["id"], beta["id"]}
    assert only(expectedCloseDate={"from": "2031-01-11"}) == {beta["id"]}
    assert only(sources=["call", "roistat"]) == {beta["id"]}
    assert only(closedAt={"from": lost["closedAt"]}) == {gamma["id"]}
    assert only(createdAt={"from": alpha["createdAt"]}) == everything
    assert only(createdAt={"to": alpha["createdAt"]}) == set()
    assert only(stalled=False) == everything   # no stage has stallDays
    assert only(stalled=True) == set()
    assert only(statuses=["OPEN"], sources=["website"], query="e2e") == {alpha["id"]}
    assert only(stageIds=[s1], deleted="ONLY") == set()
    assert set(listed(server, token, pipelineIds=[own["id"]])) == everything - {handed["id"]}


ORDER_FIXTURE = (("E2E Order C", "1000.5", "2031-03-01"), ("E2E Order A", "900", None), ("E2E Order E", "100000", "2031-01-01"),
                 ("E2E Order B", "25", "2031-02-01"), ("E2E Order D", "20000", "2030-12-31"))


def ordered_deals(server, admin_token, token):
    """A new pipeline with five deals, created in the order C, A, E, B, D (amounts and close dates above)."""
    own = pipeline(server, admin_token)
    made = [create(server, token, pipelineId=own["id"], title=title, amount=amount, expectedCloseDate=close)
            for title, amount, close in ORDER_FIXTURE]
    return own, made


def test_deals_are_ordered(server, admin_token):
    token = server.sign_in(MANAGER)
    own, made = ordered_deals(server, admin_token, token)

    def titles(order=None):
        variables = {"first": 100, "filter": {"pipelineIds": [own["id"]]}}
        if order is not None:
            variables["orderBy"] = order
        connection = server.graphql(LIST, variables, token=token)["data"]["deals"]
        assert connection["totalCount"] == 5
        return [e["node"]["title"][-1] for e in connection["edges"]]

    assert titles() == ["D", "B", "E", "A", "C"]   # newest first
    assert titles({"field": "CREATED_AT", "direction": "ASC"}) == ["C", "A", "E", "B", "D"]
    assert titles({"field": "TITLE"}) == ["A", "B", "C", "D", "E"]
    assert titles({"field": "TITLE", "direction": "DESC"}) == ["E", "D", "C", "B", "A"]
    assert titles({"field": "AMOUNT", "direction": "ASC"}) == ["B", "A", "C", "D", "E"]   # numerically: 25 < 900 < 1000.5 < ...
    assert titles({"field": "AMOUNT", "direction": "DESC"}) == ["E", "D", "C", "A", "B"]
    assert titles({"field": "EXPECTED_CLOSE_DATE", "direction": "ASC"}) == ["D", "E", "B", "C", "A"]   # no date last
    server.graphql(MOVE, {"input": {"id": made[1]["id"], "version": 1, "stageId": own["stages"][1]["id"]}}, token=token)
    assert titles({"field": "STAGE_ENTERED_AT", "direction": "DESC"})[0] == "A"
    assert titles({"field": "UPDATED_AT", "direction": "DESC"})[0] == "A"
    assert titles({"field": "UPDATED_AT", "direction": "ASC"})[-1] == "A"


@pytest.mark.parametrize("order, expected", [
    (None, "DBEAC"),
    ({"field": "TITLE", "direction": "ASC"}, "ABCDE"),
    ({"field": "EXPECTED_CLOSE_DATE", "direction": "ASC"}, "DEBCA"),
    ({"field": "AMOUNT", "direction": "ASC"}, "BACDE"),
    ({"field": "AMOUNT", "direction": "DESC"}, "EDCAB"),
], ids=["newest-first", "title", "close-date", "amount-asc", "amount-desc"])
def test_keyset_paging_forward_and_backward(server, admin_token, order, expected):
    token = server.sign_in(MANAGER)
    own, _ = ordered_deals(server, admin_token, token)
    base = {"filter": {"pipelineIds": [own["id"]]}}
    if order is not None:
        base["orderBy"] = order
    forward, after = [], None
    for _ in range(5):   # bounded: a broken cursor must not loop for ever
        connection = server.graphql(LIST, {**base, "first": 2, "after": after}, token=token)["data"]["deals"]
        assert connection["totalCount"] == 5
        forward.append("".join(e["node"]["title"][-1] for e in connection["edges"]))
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert forward == [expected[0:2], expected[2:4], expected[4:]]
    backward, before = [], None
    for _ in range(5):
        connection = server.graphql(LIST, {**base, "last": 2, "before": before}, token=token)["data"]["deals"]
        assert connection["totalCount"] == 5
        backward.insert(0, "".join(e["node"]["title"][-1] for e in connection["edges"]))
        if not connection["pageInfo"]["hasPreviousPage"]:
            break
        before = connection["pageInfo"]["startCursor"]
    assert backward == [expected[0], expected[1:3], expected[3:]]


def test_client_deals_and_nodes_of_every_sales_type(server, admin_token):
    token = server.sign_in(MANAGER)
    own = pipeline(server, admin_token)
    marker = unique("E2E Deal owners")
    counts = {f"{marker} {letter}": n for letter, n in (("A", 2), ("B", 0), ("C", 3))}
    for name, n in counts.items():
        company = client(server, token, name)
        for i in range(n):
            create(server, token, pipelineId=own["id"], clientId=company, title=f"{name} deal {i}")
    clients = server.graphql('query($q: String) { clients(first: 10, filter: {query: $q}) { edges { node { name '
                             'deals(first: 2) { totalCount edges { node { title client { name } } } pageInfo { hasNextPage } } } } } }',
                             {"q": marker}, token=token)["data"]["clients"]["edges"]
    assert {e["node"]["name"]: e["node"]["deals"]["totalCount"] for e in clients} == counts
    for edge in clients:
        deals = edge["node"]["deals"]
        assert len(deals["edges"]) == min(2, counts[edge["node"]["name"]])
        assert all(d["node"]["client"]["name"] == edge["node"]["name"] for d in deals["edges"])
        assert deals["pageInfo"]["hasNextPage"] is (counts[edge["node"]["name"]] > 2)

    deal = create(server, token, pipelineId=own["id"])
    moved = server.graphql(MOVE, {"input": {"id": deal["id"], "version": 1, "stageId": own["stages"][2]["id"]}}, token=token)["data"]["moveDeal"]
    typed = server.graphql("""query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
      ... on Pipeline { name } ... on PipelineStage { name } ... on Deal { title } ... on DealStageChange { toStatus } } }""",
                           {"ids": [own["id"], own["stages"][2]["id"], deal["id"], moved["stageChange"]["id"]]}, token=token)
    assert typed["data"]["nodes"] == [
        {"__typename": "Pipeline", "id": own["id"], "name": own["name"]},
        {"__typename": "PipelineStage", "id": own["stages"][2]["id"], "name": "Contract"},
        {"__typename": "Deal", "id": deal["id"], "title": deal["title"]},
        {"__typename": "DealStageChange", "id": moved["stageChange"]["id"], "toStatus": "OPEN"},
    ]
    hidden = server.graphql('query($id: ID!) { node(id: $id) { id } }', {"id": deal["id"]}, token=server.sign_in(OTHER_MANAGER))
    assert hidden["data"]["node"] is None


def test_an_explicit_null_order_is_the_default_order(server, admin_token):
    token = server.sign_in(MANAGER)
    own = pipeline(server, admin_token)
    made = [create(server, token, pipelineId=own["id"])["id"] for _ in range(3)]
    for query in ('query($f: DealFilter) { deals(filter: $f, orderBy: null) { edges { node { id } } } }',
                  'query($f: DealFilter, $o: DealOrder) { deals(filter: $f, orderBy: $o) { edges { node { id } } } }'):
        body = server.graphql(query, {"f": {"pipelineIds": [own["id"]]}, "o": None}, token=token)
        assert [e["node"]["id"] for e in body["data"]["deals"]["edges"]] == made[::-1], query


def test_deal_history_values_are_in_their_api_form(server, admin_token):
    token = server.sign_in(MANAGER)
    own = pipeline(server, admin_token)
    lead, offer = own["stages"][0]["id"], own["stages"][1]["id"]
    deal = create(server, token, pipelineId=own["id"])
    server.graphql(MOVE, {"input": {"id": deal["id"], "version": 1, "stageId": offer}}, token=token)
    server.graphql(WIN, {"input": {"id": deal["id"], "version": 2}}, token=token)
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Deal { history { edges { node { field oldValue newValue } } } } } }',
                             {"id": deal["id"]}, token=token)["data"]["node"]["history"]["edges"]
    changes = {e["node"]["field"]: (e["node"]["oldValue"], e["node"]["newValue"]) for e in history}
    assert changes["stage"] == (lead, offer)
    assert changes["status"] == ("OPEN", "WON")
