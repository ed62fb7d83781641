"""Contacts over HTTP: created under a visible client only, listed globally and under the client,
validated, versioned with history, deleted and restored; visibility follows the owner."""

MANAGER = "victoria.kuznetsova@switchboard.test"
OTHER_MANAGER = "grigory.popov@switchboard.test"
CREATE_CLIENT = 'mutation($n: String!) { createClient(input: {kind: ORGANISATION, name: $n}) { client { id } } }'
CREATE = """mutation($input: CreateContactInput!) {
  createContact(input: $input) { contact { id name version client { id } phones { number } owner { email } } userErrors { field code } }
}"""


def test_contacts_of_a_client(server):
    token = server.sign_in(MANAGER)
    client = server.graphql(CREATE_CLIENT, {"n": "E2E Contacts Co"}, token=token)["data"]["createClient"]["client"]["id"]
    made = server.graphql(CREATE, {"input": {"firstName": "Иван", "middleName": "Петрович", "lastName": "Сидоров",
                                             "clientId": client, "position": "Закупки",
                                             "phones": [{"number": "8 912 000 11 22"}], "birthday": "1985-04-12"}},
                          token=token)["data"]["createContact"]
    assert made["userErrors"] == []
    contact = made["contact"]
    assert contact["name"] == "Иван Петрович Сидоров" and contact["client"] == {"id": client}
    assert contact["phones"] == [{"number": "+79120001122"}] and contact["owner"] == {"email": MANAGER}
    under_client = server.graphql('query($id: ID!) { node(id: $id) { ... on Client { contacts { totalCount edges { node { id } } } } } }',
                                  {"id": client}, token=token)["data"]["node"]["contacts"]
    assert under_client == {"totalCount": 1, "edges": [{"node": {"id": contact["id"]}}]}
    listed = server.graphql('{ contacts(first: 100, filter: {query: "Сидоров"}) { edges { node { id } } } }', token=token)
    assert {"node": {"id": contact["id"]}} in listed["data"]["contacts"]["edges"]

    update = 'mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { position version } userErrors { field code } } }'
    moved = server.graphql(update, {"input": {"id": contact["id"], "version": 1, "position": "Директор"}}, token=token)
    assert moved["data"]["updateContact"] == {"contact": {"position": "Директор", "version": 2}, "userErrors": []}
    stale = server.graphql(update, {"input": {"id": contact["id"], "version": 1, "position": "Lost"}}, token=token)
    assert stale["data"]["updateContact"]["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}]
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Contact { history { edges { node { field oldValue newValue } } } } } }',
                             {"id": contact["id"]}, token=token)["data"]["node"]["history"]["edges"]
    assert history == [{"node": {"field": "position", "oldValue": "Закупки", "newValue": "Директор"}}]

    deleted = server.graphql('mutation($id: ID!) { deleteContact(input: {id: $id}) { contact { deletedAt } } }',
                             {"id": contact["id"]}, token=token)
    assert deleted["data"]["deleteContact"]["contact"]["deletedAt"] is not None
    after_delete = server.graphql('query($id: ID!) { node(id: $id) { ... on Client { contacts { totalCount } } } }', {"id": client}, token=token)
    assert after_delete["data"]["node"]["contacts"]["totalCount"] == 0
    restored = server.graphql('mutation($id: ID!) { restoreContact(input: {id: $id}) { contact { deletedAt version } } }',
                              {"id": contact["id"]}, token=token)
    assert restored["data"]["restoreContact"]["contact"] == {"deletedAt": None, "version": 4}


def test_contact_input_is_checked_and_visibility_holds(server):
    mine = server.sign_in(MANAGER)
    other = server.sign_in(OTHER_MANAGER)
    their_client = server.graphql(CREATE_CLIENT, {"n": "E2E Their Co"}, token=other)["data"]["createClient"]["client"]["id"]
    refused = server.graphql(CREATE, {"input": {"firstName": " ", "clientId": their_client,
                                                "emails": [{"address": "nope"}]}}, token=mine)["data"]["createContact"]
    assert refused["contact"] is None
    assert sorted(e["code"] for e in refused["userErrors"]) == ["INVALID_EMAIL", "NOT_FOUND", "REQUIRED"]
    # A day that does not exist is not a Date: the variables do not coerce, and nothing runs.
    impossible = server.graphql(CREATE, {"input": {"firstName": "Пётр", "birthday": "1985-02-30"}}, token=mine)
    assert "data" not in impossible and "1985-02-30" in impossible["errors"][0]["message"]
    theirs = server.graphql(CREATE, {"input": {"firstName": "Пётр", "clientId": their_client}}, token=other)["data"]["createContact"]["contact"]
    hidden = server.graphql('query($id: ID!) { node(id: $id) { id } }', {"id": theirs["id"]}, token=mine)
    assert hidden["data"]["node"] is None
    update = server.graphql('mutation($id: ID!) { updateContact(input: {id: $id, version: 1, firstName: "X"}) { contact { id } } }',
                            {"id": theirs["id"]}, token=mine)
    assert update["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_contacts_under_many_clients_at_once(server):
    token = server.sign_in(MANAGER)
    counts = {}
    for n, how_many in (("E2E Many A", 2), ("E2E Many B", 0), ("E2E Many C", 3)):
        client = server.graphql(CREATE_CLIENT, {"n": n}, token=token)["data"]["createClient"]["client"]["id"]
        for i in range(how_many):
            server.graphql(CREATE, {"input": {"firstName": f"Person {i}", "clientId": client}}, token=token)
        counts[n] = how_many
    listed = server.graphql('{ clients(first: 10, filter: {query: "E2E Many"}) { edges { node { name '
                            'contacts(first: 2) { totalCount edges { node { firstName client { name } } } pageInfo { hasNextPage } } } } } }',
                            token=token)["data"]["clients"]["edges"]
    assert {e["node"]["name"]: e["node"]["contacts"]["totalCount"] for e in listed} == counts
    for edge in listed:
        contacts = edge["node"]["contacts"]
        assert len(contacts["edges"]) == min(2, counts[edge["node"]["name"]])
        assert all(c["node"]["client"]["name"] == edge["node"]["name"] for c in contacts["edges"])
        assert contacts["pageInfo"]["hasNextPage"] == (counts[edge["node"]["name"]] > 2)
