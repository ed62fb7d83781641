"""Changing users over HTTP: admins change anyone, users only their own name, phone, time zone and
locale; versions and history (a password change is recorded without its value); deactivation ends
sessions and sign-in, reactivation restores them."""
import uuid

ADMIN = "anna.smirnova@switchboard.test"
UPDATE = """mutation($input: UpdateUserInput!) {
  updateUser(input: $input) { user { name role version timeZone department { name } } userErrors { field code } }
}"""
PASSWORD = "e2e-password-1"


def new_user(server, admin_token):
    email = f"user-{uuid.uuid4().hex[:8]}@e2e.example"
    made = server.graphql('mutation($e: String!, $p: String!) { createUser(input: {name: "E2E Person", email: $e, password: $p, '
                          'role: MANAGER}) { user { id } userErrors { code } } }', {"e": email, "p": PASSWORD}, token=admin_token)
    return made["data"]["createUser"]["user"]["id"], email


def test_admin_changes_and_history(server, admin_token):
    ident, email = new_user(server, admin_token)
    support = [e["node"]["id"] for e in server.graphql('{ departments(filter: {query: "поддержки"}) { edges { node { id } } } }',
                                                       token=admin_token)["data"]["departments"]["edges"]][0]
    changed = server.graphql(UPDATE, {"input": {"id": ident, "version": 1, "role": "OPERATOR", "departmentId": support,
                                                "password": "a-new-password"}}, token=admin_token)["data"]["updateUser"]
    assert changed["userErrors"] == [] and changed["user"]["role"] == "OPERATOR" and changed["user"]["version"] == 2
    assert changed["user"]["department"] == {"name": "Служба поддержки"}
    stale = server.graphql(UPDATE, {"input": {"id": ident, "version": 1, "name": "Lost"}}, token=admin_token)
    assert stale["data"]["updateUser"]["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}]
    server.sign_in(email, "a-new-password")
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on User { history { edges { node { field oldValue newValue } } } } } }',
                             {"id": ident}, token=admin_token)["data"]["node"]["history"]["edges"]
    fields = {e["node"]["field"]: e["node"] for e in history}
    assert set(fields) == {"role", "department", "password"}
    assert fields["role"]["oldValue"] == "MANAGER" and fields["role"]["newValue"] == "OPERATOR"
    # References read as global ids, like every id of the API.
    department = server.graphql('{ departments { edges { node { id name } } } }', token=admin_token)["data"]["departments"]["edges"]
    assert fields["department"]["newValue"] == next(e["node"]["id"] for e in department if e["node"]["name"] == "Служба поддержки")
    assert fields["password"]["oldValue"] is None and fields["password"]["newValue"] is None


def test_users_change_only_their_own_profile(server, admin_token):
    ident, email = new_user(server, admin_token)
    token = server.sign_in(email, PASSWORD)
    own = server.graphql(UPDATE, {"input": {"id": ident, "version": 1, "name": "E2E Renamed", "timeZone": "Asia/Yekaterinburg"}},
                         token=token)["data"]["updateUser"]
    assert own["userErrors"] == [] and own["user"]["timeZone"] == "Asia/Yekaterinburg"
    role = server.graphql(UPDATE, {"input": {"id": ident, "version": 2, "role": "ADMIN"}}, token=token)["data"]["updateUser"]
    assert role["userErrors"] == [{"field": ["input", "role"], "code": "NOT_ALLOWED"}]
    bad = server.graphql(UPDATE, {"input": {"id": ident, "version": 2, "timeZone": "Mars/Olympus", "locale": "xx"}},
                         token=token)["data"]["updateUser"]
    assert sorted(e["code"] for e in bad["userErrors"]) == ["INVALID", "INVALID"]
    admin_id = server.graphql("{ me { id } }", token=admin_token)["data"]["me"]["id"]
    other = server.graphql(UPDATE, {"input": {"id": admin_id, "version": 1, "name": "Hacked"}}, token=token)
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_deactivation_ends_sessions_and_sign_in(server, admin_token):
    ident, email = new_user(server, admin_token)
    token = server.sign_in(email, PASSWORD)
    deleted = server.graphql('mutation($id: ID!) { deleteUser(input: {id: $id}) { user { deletedAt } userErrors { code } } }',
                             {"id": ident}, token=admin_token)["data"]["deleteUser"]
    assert deleted["userErrors"] == [] and deleted["user"]["deletedAt"] is not None
    assert server.graphql("{ me { id } }", token=token)["data"]["me"] is None
    refused = server.graphql('mutation($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) { token userErrors { code } } }',
                             {"e": email, "p": PASSWORD})["data"]["signIn"]
    assert refused["token"] is None and refused["userErrors"][0]["code"] == "INVALID_CREDENTIALS"
    only = server.graphql('{ users(first: 100, filter: {deleted: ONLY}) { edges { node { id } } } }', token=admin_token)
    assert {"node": {"id": ident}} in only["data"]["users"]["edges"]
    server.graphql('mutation($id: ID!) { restoreUser(input: {id: $id}) { user { deletedAt } } }', {"id": ident}, token=admin_token)
    server.sign_in(email, PASSWORD)
    admin_id = server.graphql("{ me { id } }", token=admin_token)["data"]["me"]["id"]
    self_delete = server.graphql('mutation($id: ID!) { deleteUser(input: {id: $id}) { userErrors { code } } }',
                                 {"id": admin_id}, token=admin_token)["data"]["deleteUser"]
    assert self_delete["userErrors"] == [{"code": "NOT_ALLOWED"}]
