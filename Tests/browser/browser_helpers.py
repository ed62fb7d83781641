"""Small helpers of the browser tests that speak to the server directly (not through the page)."""

from __future__ import annotations

import time
import uuid


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:6]}"


def ok(body: dict, field: str) -> dict:
    """The payload of a mutation that must have succeeded."""
    assert not body.get("errors"), body
    payload = body["data"][field]
    assert payload.get("userErrors", []) == [], payload
    return payload


def user_ids(server, token: str) -> dict[str, str]:
    edges = server.graphql('{ users(first: 100) { edges { node { id email } } } }', token=token)["data"]["users"]["edges"]
    return {edge["node"]["email"]: edge["node"]["id"] for edge in edges}


def presence_of(server, admin_token: str, email: str) -> str:
    """The user's effective presence as the server sees it (OFFLINE without a live socket)."""
    body = server.graphql('query($q: String!) { users(filter: {query: $q}) { edges { node { email presence } } } }',
                          {"q": email}, token=admin_token)
    return next(e["node"]["presence"] for e in body["data"]["users"]["edges"] if e["node"]["email"] == email)


def eventually(check, timeout: float = 10.0, interval: float = 0.1, message: str = ""):
    """Polls `check` until it returns something truthy; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(message or f"condition not met within {timeout}s (last: {value!r})")
        time.sleep(interval)
