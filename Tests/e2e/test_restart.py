"""A restart in the middle loses and repeats nothing: on its own server, an SLA deadline warns,
the server stops before the deadline passes and starts again after it; the breach fires once at
start-up, the warning is not sent again, and a console that resumes with `after:` the last event
it saw receives exactly what it missed — the breach and a deal change made just before the stop."""

import asyncio
import time
import uuid
from datetime import datetime, timezone

import pytest

from e2e_support import ADMIN_EMAIL, SwitchboardServer, switchboard_bin
from live_support import Socket
from test_live import make_sla_policy, ok

OPERATOR = "zhanna.kozlova@switchboard.test"
WARN = "subscription($a: ID) { slaDeadlineApproaching(after: $a) { eventId inquiry { subject } } }"
BREACH = "subscription($a: ID) { slaBreached(after: $a) { eventId inquiry { subject } deadline { dueAt } } }"
DEALS = "subscription($a: ID) { dealChanged(after: $a) { eventId deal { title } } }"


@pytest.fixture
def own_server(tmp_path):
    instance = SwitchboardServer(binary=switchboard_bin(), workdir=tmp_path)
    instance.start()
    yield instance
    instance.stop()


async def collect(server, token, query, variables, seconds):
    """Every `next` of one subscription within `seconds`."""
    socket = await Socket.open(server, token)
    await socket.subscribe("s", query, variables)
    received = []
    try:
        while True:
            received.append(await socket.next("s", timeout=seconds))
    except asyncio.TimeoutError:
        pass
    await socket.close()
    return received


def test_a_restart_loses_and_repeats_nothing(own_server):
    server = own_server
    admin = server.sign_in(ADMIN_EMAIL)
    token = server.sign_in(OPERATOR)
    policy = make_sla_policy(server, admin, [{"priority": "URGENT", "firstResponseMinutes": 1}], [1])
    me = server.graphql("{ me { id } }", token=token)["data"]["me"]["id"]
    subject = f"E2E restart {uuid.uuid4().hex[:8]}"
    made = server.graphql('mutation($i: CreateInquiryInput!) { createInquiry(input: $i) { inquiry { firstResponseDeadline { dueAt } } userErrors { code } } }',
                          {"i": {"subject": subject, "priority": "URGENT", "assigneeId": me, "slaPolicyId": policy}}, token=token)
    due = datetime.fromisoformat(ok(made, "createInquiry")["inquiry"]["firstResponseDeadline"]["dueAt"].replace("Z", "+00:00"))

    # The warning comes at once (a minute's lead on a minute's target); the console saw it.
    warnings = asyncio.run(collect(server, token, WARN, {}, 3))
    assert [w["data"]["slaDeadlineApproaching"]["inquiry"]["subject"] for w in warnings] == [subject]
    seen = warnings[-1]["data"]["slaDeadlineApproaching"]["eventId"]

    # A deal changes after the console's last event, just before the server stops.
    deal = server.graphql('{ deals(first: 1) { edges { node { id version title } } } }', token=admin)["data"]["deals"]["edges"][0]["node"]
    title = f"E2E restart deal {uuid.uuid4().hex[:6]}"
    ok(server.graphql('mutation($i: UpdateDealInput!) { updateDeal(input: $i) { userErrors { code } } }',
                      {"i": {"id": deal["id"], "version": deal["version"], "title": title}}, token=admin), "updateDeal")
    server.stop()
    assert datetime.now(timezone.utc) < due, "the server must stop before the deadline passes"
    time.sleep(max(0.0, (due - datetime.now(timezone.utc)).total_seconds()) + 1)

    server.start()
    token = server.sign_in(OPERATOR)
    admin = server.sign_in(ADMIN_EMAIL)
    breaches = asyncio.run(collect(server, token, BREACH, {"a": seen}, 4))
    assert [b["data"]["slaBreached"]["inquiry"]["subject"] for b in breaches] == [subject]
    assert asyncio.run(collect(server, token, WARN, {"a": seen}, 1)) == []  # not warned again
    changes = asyncio.run(collect(server, admin, DEALS, {"a": seen}, 2))
    assert [c["data"]["dealChanged"]["deal"]["title"] for c in changes] == [title]

    # Another restart sends nothing twice.
    server.stop()
    server.start()
    token = server.sign_in(OPERATOR)
    again = asyncio.run(collect(server, token, BREACH, {"a": seen}, 3))
    assert [b["data"]["slaBreached"]["eventId"] for b in again] == [breaches[0]["data"]["slaBreached"]["eventId"]]
