"""Sign-in, users, permissions, API tokens and `Node` against the running server.

The server is shared by the session, so tests do not depend on their order: users they create get
e-mails at `e2e.example`, and lists of the demo users are filtered to `@switchboard.test`.
"""

from __future__ import annotations

import uuid

import pytest

from e2e_support import (
    ADMIN_EMAIL,
    DEMO_EMAILS,
    DEMO_PASSWORD,
    MANAGER_EMAIL,
    OPERATOR_EMAIL,
    SwitchboardServer,
    error_codes,
)

ME = "{ me { id name email role } }"
USERS_PAGE = """
query Users($first: Int, $after: String, $filter: UserFilter) {
  users(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { id email } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
USER_COUNT = "{ users(filter: { deleted: INCLUDE }) { totalCount } }"
CREATE_USER = """
mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    user { id name email role }
    userErrors { field message code }
  }
}
"""
CREATE_DEPARTMENT = """
mutation CreateDepartment($input: CreateDepartmentInput!) {
  createDepartment(input: $input) { department { id name } userErrors { code message } }
}
"""
CREATE_API_TOKEN = """
mutation CreateApiToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name scopes prefix } userErrors { code message } }
}
"""
DEMO_DOMAIN_FILTER = {"query": "@switchboard.test"}


def new_email(tag: str) -> str:
    return f"{tag}.{uuid.uuid4().hex[:10]}@e2e.example"


def data_of(body: dict) -> dict:
    assert "errors" not in body, body
    return body["data"]


def user_count(server: SwitchboardServer, token: str) -> int:
    return data_of(server.graphql(USER_COUNT, token=token))["users"]["totalCount"]


def users_with_email(server: SwitchboardServer, token: str, email: str) -> int:
    body = server.graphql("query($f: UserFilter) { users(filter: $f) { totalCount } }",
                          {"f": {"query": email, "deleted": "INCLUDE"}}, token=token)
    return data_of(body)["users"]["totalCount"]


# --- Sign-in -------------------------------------------------------------------------------------

def test_sign_in_as_admin_and_me(server: SwitchboardServer) -> None:
    body = server.graphql(
        """mutation { signIn(input: {email: "anna.smirnova@switchboard.test", password: "switchboard-demo",
                                     deviceName: "e2e me"}) {
             token session { id deviceName } user { email role } userErrors { code } } }""")
    payload = data_of(body)["signIn"]
    assert payload["userErrors"] == []
    assert isinstance(payload["token"], str) and len(payload["token"]) >= 20
    assert payload["user"] == {"email": ADMIN_EMAIL, "role": "ADMIN"}
    assert payload["session"]["deviceName"] == "e2e me"

    me = data_of(server.graphql(ME, token=payload["token"]))["me"]
    assert me["email"] == ADMIN_EMAIL
    assert me["role"] == "ADMIN"
    assert me["name"]


def test_wrong_password_gives_invalid_credentials_and_no_token(server: SwitchboardServer) -> None:
    body = server.graphql(
        "mutation($i: SignInInput!) { signIn(input: $i) { token session { id } user { id } userErrors { code } } }",
        {"i": {"email": ADMIN_EMAIL, "password": "not-the-password"}})
    payload = data_of(body)["signIn"]
    assert payload["token"] is None
    assert payload["session"] is None
    assert payload["user"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_CREDENTIALS"]


def test_unknown_email_gives_invalid_credentials(server: SwitchboardServer) -> None:
    body = server.graphql(
        "mutation($i: SignInInput!) { signIn(input: $i) { token userErrors { code } } }",
        {"i": {"email": "nobody@e2e.example", "password": DEMO_PASSWORD}})
    payload = data_of(body)["signIn"]
    assert payload["token"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_CREDENTIALS"]


def test_unauthenticated_users_is_refused(server: SwitchboardServer) -> None:
    body = server.graphql("{ users { totalCount edges { node { email } } } }")
    assert error_codes(body) == ["UNAUTHENTICATED"], body
    assert (body.get("data") or {}).get("users") is None, body


def test_anonymous_me_is_null(server: SwitchboardServer) -> None:
    assert data_of(server.graphql(ME)) == {"me": None}


def test_garbage_bearer_token_is_anonymous(server: SwitchboardServer) -> None:
    assert data_of(server.graphql(ME, token="sbs_not-a-real-token")) == {"me": None}
    assert error_codes(server.graphql("{ users { totalCount } }", token="sbs_not-a-real-token")) == ["UNAUTHENTICATED"]


# --- Users: pagination ---------------------------------------------------------------------------

def test_users_pagination_through_the_ten_demo_users(server: SwitchboardServer, admin_token: str) -> None:
    whole = data_of(server.graphql(USERS_PAGE, {"first": 100, "filter": DEMO_DOMAIN_FILTER}, token=admin_token))["users"]
    assert whole["totalCount"] == 10
    assert whole["pageInfo"]["hasNextPage"] is False
    expected_order = [edge["node"]["email"] for edge in whole["edges"]]
    assert set(expected_order) == DEMO_EMAILS

    seen: list[str] = []
    after = None
    pages = 0
    while True:
        page = data_of(server.graphql(USERS_PAGE, {"first": 3, "after": after, "filter": DEMO_DOMAIN_FILTER},
                                      token=admin_token))["users"]
        pages += 1
        assert page["totalCount"] == 10, "totalCount counts all pages"
        edges = page["edges"]
        assert 1 <= len(edges) <= 3
        info = page["pageInfo"]
        assert info["startCursor"] == edges[0]["cursor"]
        assert info["endCursor"] == edges[-1]["cursor"]
        if after is None:
            assert info["hasPreviousPage"] is False
        seen += [edge["node"]["email"] for edge in edges]
        if not info["hasNextPage"]:
            break
        assert len(edges) == 3
        after = info["endCursor"]
        assert pages < 10, "paging does not end"
    assert pages == 4  # 3 + 3 + 3 + 1
    assert seen == expected_order, "pages join up without gaps or repeats, in the same order"


def test_users_total_count_unfiltered_counts_at_least_the_demo_users(server: SwitchboardServer, admin_token: str) -> None:
    users = data_of(server.graphql(USERS_PAGE, {"first": 1}, token=admin_token))["users"]
    assert users["totalCount"] >= 10
    assert len(users["edges"]) == 1
    assert users["pageInfo"]["hasNextPage"] is True


# --- createUser ----------------------------------------------------------------------------------

def test_create_user_as_admin_then_sign_in_as_them(server: SwitchboardServer, admin_token: str) -> None:
    email = new_email("created")
    before = user_count(server, admin_token)
    body = server.graphql(CREATE_USER, {"input": {"name": "E2E Created Manager", "email": email,
                                                   "password": "a-good-password-1", "role": "MANAGER"}},
                          token=admin_token)
    payload = data_of(body)["createUser"]
    assert payload["userErrors"] == []
    assert payload["user"]["email"] == email
    assert payload["user"]["role"] == "MANAGER"
    assert user_count(server, admin_token) == before + 1

    token = server.sign_in(email, "a-good-password-1")
    me = data_of(server.graphql(ME, token=token))["me"]
    assert me == {"id": payload["user"]["id"], "name": "E2E Created Manager", "email": email, "role": "MANAGER"}


def test_create_user_as_manager_is_forbidden(server: SwitchboardServer, admin_token: str) -> None:
    manager = server.sign_in(MANAGER_EMAIL, device="e2e manager")
    email = new_email("by-manager")
    body = server.graphql(CREATE_USER, {"input": {"name": "Not Allowed", "email": email,
                                                   "password": "a-good-password-1", "role": "OPERATOR"}},
                          token=manager)
    assert error_codes(body) == ["FORBIDDEN"], body
    assert (body.get("data") or {}).get("createUser") is None
    assert users_with_email(server, admin_token, email) == 0


def test_create_user_as_operator_is_forbidden(server: SwitchboardServer) -> None:
    operator = server.sign_in(OPERATOR_EMAIL, device="e2e operator")
    body = server.graphql(CREATE_USER, {"input": {"name": "Not Allowed", "email": new_email("by-operator"),
                                                   "password": "a-good-password-1", "role": "ADMIN"}},
                          token=operator)
    assert error_codes(body) == ["FORBIDDEN"], body


def test_create_user_unauthenticated(server: SwitchboardServer) -> None:
    body = server.graphql(CREATE_USER, {"input": {"name": "Anon", "email": new_email("anon"),
                                                   "password": "a-good-password-1", "role": "ADMIN"}})
    assert error_codes(body) == ["UNAUTHENTICATED"], body


@pytest.mark.parametrize(
    ("email", "password", "code", "field"),
    [
        pytest.param("not-an-email", "a-good-password-1", "INVALID_EMAIL", ["input", "email"], id="bad-email"),
        pytest.param("two@@e2e.example", "a-good-password-1", "INVALID_EMAIL", ["input", "email"], id="bad-email-double-at"),
        pytest.param(None, "short", "INVALID", ["input", "password"], id="short-password"),
        pytest.param(None, "ninechars", "INVALID", ["input", "password"], id="nine-character-password"),
        pytest.param(ADMIN_EMAIL, "a-good-password-1", "TAKEN", ["input", "email"], id="taken-email"),
        pytest.param(ADMIN_EMAIL.upper(), "a-good-password-1", "TAKEN", ["input", "email"], id="taken-email-other-case"),
    ],
)
def test_create_user_with_bad_input_gives_user_errors_and_stores_nothing(
        server: SwitchboardServer, admin_token: str, email: str | None, password: str, code: str,
        field: list[str]) -> None:
    email = email or new_email("bad-input")
    before = user_count(server, admin_token)
    body = server.graphql(CREATE_USER, {"input": {"name": "E2E Bad Input", "email": email, "password": password,
                                                   "role": "OPERATOR"}}, token=admin_token)
    payload = data_of(body)["createUser"]
    assert payload["user"] is None, payload
    assert [e["code"] for e in payload["userErrors"]] == [code], payload
    assert payload["userErrors"][0]["field"] == field
    assert payload["userErrors"][0]["message"]
    assert user_count(server, admin_token) == before, "nothing is stored"


# --- signOut -------------------------------------------------------------------------------------

def test_sign_out_makes_the_token_anonymous(server: SwitchboardServer) -> None:
    token = server.sign_in(OPERATOR_EMAIL, device="e2e sign-out")
    assert data_of(server.graphql(ME, token=token))["me"]["email"] == OPERATOR_EMAIL

    body = server.graphql("mutation { signOut(input: {everywhere: false}) { endedSessionCount userErrors { code } } }",
                          token=token)
    payload = data_of(body)["signOut"]
    assert payload["userErrors"] == []
    assert payload["endedSessionCount"] == 1

    assert data_of(server.graphql(ME, token=token)) == {"me": None}
    assert error_codes(server.graphql("{ users { totalCount } }", token=token)) == ["UNAUTHENTICATED"]


def test_a_session_ended_by_another_process_is_refused_within_a_second(server: SwitchboardServer) -> None:
    """The server remembers a credential briefly between requests; a change written by another
    process (here sqlite3 itself, as an operator's script would) takes effect within a second."""
    import sqlite3
    import time

    token = server.sign_in(OPERATOR_EMAIL, device="e2e other process")
    assert data_of(server.graphql(ME, token=token))["me"]["email"] == OPERATOR_EMAIL
    with sqlite3.connect(server.database, timeout=10) as db:
        changed = db.execute("UPDATE sessions SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                             "WHERE device_name = 'e2e other process' AND revoked_at IS NULL").rowcount
    assert changed == 1
    time.sleep(1.2)
    assert data_of(server.graphql(ME, token=token)) == {"me": None}


def test_sign_out_everywhere_ends_every_session_of_the_user(server: SwitchboardServer) -> None:
    email = "kate.morozova@switchboard.test"
    first = server.sign_in(email, device="e2e one")
    second = server.sign_in(email, device="e2e two")
    other_user = server.sign_in("igor.novikov@switchboard.test", device="e2e bystander")
    body = server.graphql("mutation { signOut(input: {everywhere: true}) { endedSessionCount userErrors { code } } }",
                          token=first)
    assert data_of(body)["signOut"]["endedSessionCount"] >= 2
    assert data_of(server.graphql(ME, token=first)) == {"me": None}
    assert data_of(server.graphql(ME, token=second)) == {"me": None}
    assert data_of(server.graphql(ME, token=other_user))["me"]["email"] == "igor.novikov@switchboard.test"


# --- API tokens ----------------------------------------------------------------------------------

def test_read_only_api_token_can_read_but_not_write(server: SwitchboardServer, admin_token: str) -> None:
    name = f"e2e read-only {uuid.uuid4().hex[:8]}"
    body = server.graphql(CREATE_API_TOKEN, {"input": {"name": name, "scopes": ["READ"]}}, token=admin_token)
    payload = data_of(body)["createApiToken"]
    assert payload["userErrors"] == []
    assert payload["apiToken"]["scopes"] == ["READ"]
    assert payload["apiToken"]["name"] == name
    token = payload["token"]
    assert isinstance(token, str) and token.startswith(payload["apiToken"]["prefix"])

    users = data_of(server.graphql("{ users { totalCount } }", token=token))["users"]
    assert users["totalCount"] >= 10

    department = f"E2E Dept {uuid.uuid4().hex[:8]}"
    body = server.graphql(CREATE_DEPARTMENT, {"input": {"name": department}}, token=token)
    assert error_codes(body) == ["FORBIDDEN"], body
    assert (body.get("data") or {}).get("createDepartment") is None
    found = server.graphql("query($f: DepartmentFilter) { departments(filter: $f) { totalCount } }",
                           {"f": {"query": department}}, token=admin_token)
    assert data_of(found)["departments"]["totalCount"] == 0, "nothing was stored"


def test_create_api_token_as_manager_is_forbidden(server: SwitchboardServer) -> None:
    manager = server.sign_in(MANAGER_EMAIL, device="e2e manager token")
    body = server.graphql(CREATE_API_TOKEN, {"input": {"name": "not allowed", "scopes": ["READ"]}}, token=manager)
    assert error_codes(body) == ["FORBIDDEN"], body


def test_token_create_cli_on_the_running_servers_database(server: SwitchboardServer, admin_token: str) -> None:
    name = f"e2e-cli-{uuid.uuid4().hex[:8]}"
    completed = server.cli("token", "create", "--name", name, "--scopes", "read,write")
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.strip().splitlines()
    assert lines, completed
    token = lines[-1].strip()
    assert token and " " not in token, f"the last line is not a bare token: {lines[-1]!r}"

    users = data_of(server.graphql("{ users { totalCount } }", token=token))["users"]
    assert users["totalCount"] >= 10

    listed = data_of(server.graphql("{ apiTokens(first: 100) { edges { node { name scopes } } } }",
                                    token=admin_token))["apiTokens"]["edges"]
    assert {"name": name, "scopes": ["READ", "WRITE"]} in [edge["node"] for edge in listed]


def test_token_create_cli_acting_as_a_user(server: SwitchboardServer) -> None:
    completed = server.cli("token", "create", "--name", f"e2e-acts-as-{uuid.uuid4().hex[:8]}", "--scopes", "read",
                           "--acts-as", MANAGER_EMAIL)
    assert completed.returncode == 0, completed.stderr
    token = completed.stdout.strip().splitlines()[-1].strip()
    me = data_of(server.graphql(ME, token=token))["me"]
    assert me is not None and me["email"] == MANAGER_EMAIL


def test_organisation_wide_api_token_has_no_me(server: SwitchboardServer) -> None:
    completed = server.cli("token", "create", "--name", f"e2e-org-{uuid.uuid4().hex[:8]}", "--scopes", "read")
    assert completed.returncode == 0, completed.stderr
    token = completed.stdout.strip().splitlines()[-1].strip()
    assert data_of(server.graphql(ME, token=token)) == {"me": None}


# --- Not implemented yet -------------------------------------------------------------------------


# --- Node ----------------------------------------------------------------------------------------

def demo_user_ids(server: SwitchboardServer, token: str) -> dict[str, str]:
    edges = data_of(server.graphql(USERS_PAGE, {"first": 100, "filter": DEMO_DOMAIN_FILTER}, token=token))["users"]["edges"]
    return {edge["node"]["email"]: edge["node"]["id"] for edge in edges}


def test_node_of_a_user_id(server: SwitchboardServer, admin_token: str) -> None:
    ids = demo_user_ids(server, admin_token)
    user_id = ids[MANAGER_EMAIL]
    body = server.graphql("query($id: ID!) { node(id: $id) { __typename id ... on User { email role } } }",
                          {"id": user_id}, token=admin_token)
    assert data_of(body)["node"] == {"__typename": "User", "id": user_id, "email": MANAGER_EMAIL, "role": "MANAGER"}


def test_node_of_an_unknown_id_is_null(server: SwitchboardServer, admin_token: str) -> None:
    body = server.graphql("query($id: ID!) { node(id: $id) { __typename id } }", {"id": "no-such-id"},
                          token=admin_token)
    assert data_of(body) == {"node": None}


def test_nodes_keeps_order_with_nulls_for_unknown_ids(server: SwitchboardServer, admin_token: str) -> None:
    ids = demo_user_ids(server, admin_token)
    admin_id, manager_id = ids[ADMIN_EMAIL], ids[MANAGER_EMAIL]
    requested = ["no-such-id", manager_id, "another-unknown-id", admin_id, manager_id]
    body = server.graphql("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on User { email } } }",
                          {"ids": requested}, token=admin_token)
    assert data_of(body)["nodes"] == [
        None,
        {"__typename": "User", "id": manager_id, "email": MANAGER_EMAIL},
        None,
        {"__typename": "User", "id": admin_id, "email": ADMIN_EMAIL},
        {"__typename": "User", "id": manager_id, "email": MANAGER_EMAIL},
    ]


def test_users_change_their_own_password(server: SwitchboardServer, admin_token: str) -> None:
    email = f"e2e-password-{uuid.uuid4().hex[:8]}@example.com"
    made = server.graphql('mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } userErrors { code } } }',
                          {"i": {"name": "E2E Password", "email": email, "password": "first password 1", "role": "MANAGER"}}, token=admin_token)
    assert made["data"]["createUser"]["userErrors"] == []
    here = server.sign_in(email, password="first password 1")
    there = server.sign_in(email, password="first password 1")
    change = 'mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { user { email } userErrors { field code } } }'
    wrong = server.graphql(change, {"c": "not it at all", "n": "second password 2"}, token=here)["data"]["changePassword"]
    assert wrong["userErrors"] == [{"field": ["input", "currentPassword"], "code": "INVALID_CREDENTIALS"}]
    short = server.graphql(change, {"c": "first password 1", "n": "short"}, token=here)["data"]["changePassword"]
    assert short["userErrors"] == [{"field": ["input", "newPassword"], "code": "INVALID"}]
    done = server.graphql(change, {"c": "first password 1", "n": "second password 2"}, token=here)["data"]["changePassword"]
    assert done == {"user": {"email": email}, "userErrors": []}
    # This session goes on; the other one ended; the new password signs in, the old does not.
    assert server.graphql("{ me { email } }", token=here)["data"]["me"] == {"email": email}
    assert server.graphql("{ me { email } }", token=there)["data"]["me"] is None
    server.sign_in(email, password="second password 2")
    old = server.graphql('mutation($e: String!) { signIn(input: {email: $e, password: "first password 1"}) { token userErrors { code } } }', {"e": email})
    assert old["data"]["signIn"]["token"] is None
