"""Clients over HTTP: validation with field-level user errors, visibility by role (a manager sees
their own clients, a supervisor their department's, an admin all — in lists, counts, look-ups and
node), versioned updates, soft delete and restore, history, keyset paging and look-ups."""
import itertools

CREATE = """mutation($input: CreateClientInput!) {
  createClient(input: $input) { client { id name version owner { email } } userErrors { field code } }
}"""
UPDATE = """mutation($input: UpdateClientInput!) {
  updateClient(input: $input) { client { name version inn } userErrors { field code } }
}"""
MANAGER = "victoria.kuznetsova@switchboard.test"      # sales
OTHER_MANAGER = "grigory.popov@switchboard.test"       # sales
SUPERVISOR = "boris.ivanov@switchboard.test"           # heads sales
SUPPORT_SUPERVISOR = "elena.lebedeva@switchboard.test" # heads support
_names = itertools.count(1)


def create(server, token, **fields):
    name = fields.pop("name", f"E2E Client {next(_names)}")
    body = server.graphql(CREATE, {"input": {"kind": "ORGANISATION", "name": name, **fields}}, token=token)
    payload = body["data"]["createClient"]
    assert payload["userErrors"] == [], payload
    return payload["client"]


def visible_ids(server, token):
    body = server.graphql('{ clients(first: 100, filter: {query: "E2E"}) { totalCount edges { node { id } } } }', token=token)
    ids = {e["node"]["id"] for e in body["data"]["clients"]["edges"]}
    assert body["data"]["clients"]["totalCount"] == len(ids)
    return ids


def test_bad_input_gets_field_errors_and_stores_nothing(server):
    token = server.sign_in(MANAGER)
    before = visible_ids(server, token)
    body = server.graphql(CREATE, {"input": {"kind": "ORGANISATION", "name": "E2E Bad", "inn": "7707083894",
                                             "phones": [{"number": "12"}], "emails": [{"address": "x@"}],
                                             "webDomain": "not a domain"}}, token=token)
    payload = body["data"]["createClient"]
    assert payload["client"] is None
    assert sorted(e["code"] for e in payload["userErrors"]) == ["INVALID", "INVALID_EMAIL", "INVALID_INN", "INVALID_PHONE"]
    assert {"field": ["input", "phones", "0", "number"], "code": "INVALID_PHONE"} in payload["userErrors"]
    assert visible_ids(server, token) == before


def test_visibility_by_role(server, admin_token):
    manager, other, supervisor, support = (server.sign_in(e) for e in (MANAGER, OTHER_MANAGER, SUPERVISOR, SUPPORT_SUPERVISOR))
    mine = create(server, manager)
    theirs = create(server, other)
    assert mine["owner"]["email"] == MANAGER
    assert mine["id"] in visible_ids(server, manager) and theirs["id"] not in visible_ids(server, manager)
    assert {mine["id"], theirs["id"]} <= visible_ids(server, supervisor)
    assert not ({mine["id"], theirs["id"]} & visible_ids(server, support))
    assert {mine["id"], theirs["id"]} <= visible_ids(server, admin_token)
    # node and look-ups hide what a list hides; writes to an invisible client are NOT_FOUND.
    hidden = server.graphql("query($id: ID!) { node(id: $id) { id } }", {"id": theirs["id"]}, token=manager)
    assert hidden["data"]["node"] is None
    refused = server.graphql(UPDATE, {"input": {"id": theirs["id"], "version": 1, "name": "Mine now"}}, token=manager)
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    # A manager cannot hand a client to a colleague; a supervisor can, within the department.
    boris = server.graphql("{ me { id } }", token=supervisor)["data"]["me"]["id"]
    handed = server.graphql(UPDATE, {"input": {"id": mine["id"], "version": 1, "ownerId": boris}}, token=manager)
    assert handed["data"]["updateClient"]["userErrors"] == [{"field": ["input", "ownerId"], "code": "NOT_ALLOWED"}]
    unauthenticated = server.graphql("{ clients { totalCount } }")
    assert unauthenticated["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_versioned_update_delete_restore_and_history(server):
    token = server.sign_in(MANAGER)
    client = create(server, token, inn="7707083893")
    renamed = server.graphql(UPDATE, {"input": {"id": client["id"], "version": 1, "name": "E2E Renamed", "inn": None}}, token=token)
    assert renamed["data"]["updateClient"] == {"client": {"name": "E2E Renamed", "version": 2, "inn": None}, "userErrors": []}
    stale = server.graphql(UPDATE, {"input": {"id": client["id"], "version": 1, "name": "Lost"}}, token=token)
    assert stale["data"]["updateClient"]["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}]
    assert stale["data"]["updateClient"]["client"]["name"] == "E2E Renamed"
    deleted = server.graphql('mutation($id: ID!) { deleteClient(input: {id: $id, version: 2}) { client { deletedAt } } }',
                             {"id": client["id"]}, token=token)
    assert deleted["data"]["deleteClient"]["client"]["deletedAt"] is not None
    assert client["id"] not in visible_ids(server, token)
    only_deleted = server.graphql('{ clients(first: 100, filter: {deleted: ONLY}) { edges { node { id } } } }', token=token)
    assert client["id"] in {e["node"]["id"] for e in only_deleted["data"]["clients"]["edges"]}
    server.graphql('mutation($id: ID!) { restoreClient(input: {id: $id}) { client { version } } }', {"id": client["id"]}, token=token)
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Client { version history { edges { node { field oldValue newValue '
                             'actor { kind user { email } } } } } } } }', {"id": client["id"]}, token=token)["data"]["node"]
    assert history["version"] == 4
    fields = [e["node"]["field"] for e in history["history"]["edges"]]
    assert fields[:2] == ["deletedAt", "deletedAt"] and sorted(fields[2:]) == ["inn", "name"]
    inn_change = next(e["node"] for e in history["history"]["edges"] if e["node"]["field"] == "inn")
    assert inn_change["oldValue"] == "7707083893" and inn_change["newValue"] is None
    assert inn_change["actor"] == {"kind": "USER", "user": {"email": MANAGER}}


def test_look_ups_and_keyset_paging(server):
    token = server.sign_in(OTHER_MANAGER)
    made = create(server, token, name="E2E Lookup Co", inn="7736207543", webDomain="HTTPS://WWW.lookup-co.ru/x",
                  phones=[{"number": "8 (912) 345-67-89", "kind": "WORK"}], emails=[{"address": "Sales@Lookup-Co.RU"}])
    for by in ({"phone": "+7 912 345 67 89"}, {"phone": "89123456789"}, {"email": "sales@lookup-co.ru"},
               {"inn": " 7736207543 "}, {"webDomain": "lookup-co.ru"}, {"id": made["id"]}):
        found = server.graphql("query($by: ClientLookup!) { client(by: $by) { id } }", {"by": by}, token=token)
        assert found["data"]["client"] == {"id": made["id"]}, by
    two_keys = server.graphql('{ client(by: {phone: "1", inn: "2"}) { id } }', token=token)
    assert "errors" in two_keys
    for i in range(5):
        create(server, token, name=f"E2E Page {i}")
    seen, after = [], None
    while True:
        page = server.graphql('query($after: String) { clients(first: 2, after: $after, filter: {query: "E2E Page"}, '
                              'orderBy: {field: NAME}) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }',
                              {"after": after}, token=token)["data"]["clients"]
        assert page["totalCount"] == 5
        seen += [e["node"]["name"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [f"E2E Page {i}" for i in range(5)]
    backward = server.graphql('{ clients(last: 2, filter: {query: "E2E Page"}, orderBy: {field: NAME}) '
                              '{ edges { node { name } } pageInfo { hasPreviousPage } } }', token=token)["data"]["clients"]
    assert [e["node"]["name"] for e in backward["edges"]] == ["E2E Page 3", "E2E Page 4"]
    assert backward["pageInfo"]["hasPreviousPage"] is True


def test_text_filter_ignores_case_in_any_script(server):
    token = server.sign_in(MANAGER)
    made = create(server, token, name="E2E ООО «Ромашка Юг»")
    for text in ("ромашка юг", "РОМАШКА", "e2e ооо"):
        found = server.graphql('query($q: String) { clients(first: 100, filter: {query: $q}) { edges { node { id } } } }',
                               {"q": text}, token=token)["data"]["clients"]["edges"]
        assert {"node": {"id": made["id"]}} in found, text


def test_only_admins_leave_a_client_without_owner(server, admin_token):
    token = server.sign_in("victoria.kuznetsova@switchboard.test")
    made = server.graphql('mutation { createClient(input: {kind: ORGANISATION, name: "E2E Ownerless"}) { client { id } } }', token=token)
    client = made["data"]["createClient"]["client"]["id"]
    refused = server.graphql('mutation($id: ID!) { updateClient(input: {id: $id, version: 1, ownerId: null}) { userErrors { field code } } }',
                             {"id": client}, token=token)
    assert refused["data"]["updateClient"]["userErrors"] == [{"field": ["input", "ownerId"], "code": "NOT_ALLOWED"}]
    allowed = server.graphql('mutation($id: ID!) { updateClient(input: {id: $id, version: 1, ownerId: null}) { client { owner { id } } userErrors { code } } }',
                             {"id": client}, token=admin_token)
    assert allowed["data"]["updateClient"] == {"client": {"owner": None}, "userErrors": []}
