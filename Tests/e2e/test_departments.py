"""Departments over HTTP: the record pattern end to end — create, versioned update with a stale
version refused as a CONFLICT user error, soft delete and restore, and the field history."""


def test_department_lifecycle_with_history(server, admin_token):
    created = server.graphql(
        'mutation { createDepartment(input: {name: "E2E Logistics"}) { department { id version } userErrors { code } } }',
        token=admin_token)
    department = created["data"]["createDepartment"]["department"]
    assert department["version"] == 1
    ident = department["id"]

    update = """mutation($id: ID!, $v: Int!, $name: String) {
      updateDepartment(input: {id: $id, version: $v, name: $name}) {
        department { name version } userErrors { field code }
      }
    }"""
    renamed = server.graphql(update, {"id": ident, "v": 1, "name": "E2E Logistics & Warehouse"}, token=admin_token)
    assert renamed["data"]["updateDepartment"] == {
        "department": {"name": "E2E Logistics & Warehouse", "version": 2}, "userErrors": []}

    stale = server.graphql(update, {"id": ident, "v": 1, "name": "Lost update"}, token=admin_token)
    assert stale["data"]["updateDepartment"]["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}]
    assert stale["data"]["updateDepartment"]["department"] == {"name": "E2E Logistics & Warehouse", "version": 2}

    deleted = server.graphql('mutation($id: ID!) { deleteDepartment(input: {id: $id, version: 2}) '
                             '{ department { deletedAt version } userErrors { code } } }', {"id": ident}, token=admin_token)
    assert deleted["data"]["deleteDepartment"]["department"]["deletedAt"] is not None
    names = server.graphql("{ departments(first: 100) { edges { node { name } } } }", token=admin_token)
    assert "E2E Logistics & Warehouse" not in [e["node"]["name"] for e in names["data"]["departments"]["edges"]]

    restored = server.graphql('mutation($id: ID!) { restoreDepartment(input: {id: $id}) '
                              '{ department { deletedAt version } } }', {"id": ident}, token=admin_token)
    assert restored["data"]["restoreDepartment"]["department"] == {"deletedAt": None, "version": 4}

    history = server.graphql("""query($id: ID!) { node(id: $id) { ... on Department {
        history(first: 10) { totalCount edges { node { field oldValue newValue version actor { kind user { email } } } } } } } }""",
                             {"id": ident}, token=admin_token)
    changes = [e["node"] for e in history["data"]["node"]["history"]["edges"]]
    assert [c["field"] for c in changes] == ["deletedAt", "deletedAt", "name"]
    assert changes[-1] == {"field": "name", "oldValue": "E2E Logistics", "newValue": "E2E Logistics & Warehouse",
                           "version": 2, "actor": {"kind": "USER", "user": {"email": "anna.smirnova@switchboard.test"}}}


def test_only_admins_change_departments(server, admin_token):
    created = server.graphql('mutation { createDepartment(input: {name: "E2E Guarded"}) { department { id } } }',
                             token=admin_token)
    ident = created["data"]["createDepartment"]["department"]["id"]
    manager = server.sign_in("victoria.kuznetsova@switchboard.test")
    refused = server.graphql('mutation($id: ID!) { updateDepartment(input: {id: $id, version: 1, name: "Mine"}) '
                             '{ department { name } } }', {"id": ident}, token=manager)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert refused["data"]["updateDepartment"] is None
