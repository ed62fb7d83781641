"""Support: an inquiry whose SLA deadline is seconds away enters the operator's queue amber when
`slaDeadlineApproaching` fires and turns red when `slaBreached` fires at the deadline — live,
without a reload; time is logged on it (stopwatch and typed minutes) and stored on the server."""

import time

from browser_helpers import ok, unique
from e2e_support import OPERATOR_EMAIL

WEEK = [{"weekday": day, "intervals": [{"start": "00:00", "end": "24:00"}]}
        for day in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")]


def one_minute_policy(server, admin_token):
    """A 24/7 SLA policy: urgent inquiries answered within 1 minute, warned 1 minute before."""
    calendar = ok(server.graphql('mutation($i: CreateWorkingCalendarInput!) { createWorkingCalendar(input: $i) { workingCalendar { id } userErrors { code } } }',
                                 {"i": {"name": unique("Browser 24/7"), "timeZone": "UTC", "week": WEEK}}, token=admin_token),
                  "createWorkingCalendar")["workingCalendar"]
    return ok(server.graphql('mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { slaPolicy { id } userErrors { code } } }',
                             {"i": {"name": unique("Browser 1-minute SLA"), "calendarId": calendar["id"], "warningLeadMinutes": [1],
                                    "targets": [{"priority": "URGENT", "firstResponseMinutes": 1}]}}, token=admin_token),
              "createSlaPolicy")["slaPolicy"]


def test_an_inquiry_near_its_deadline_turns_amber_then_red(console, server, admin_token):
    policy = one_minute_policy(server, admin_token)
    operator = server.sign_in(OPERATOR_EMAIL)
    me = server.graphql("{ me { id } }", token=operator)["data"]["me"]["id"]
    console.sign_in(OPERATOR_EMAIL, view="support")
    console.find(".queue tbody")

    subject = unique("Не проходит оплата")
    inquiry = ok(server.graphql('mutation($i: CreateInquiryInput!) { createInquiry(input: $i) { inquiry { id number } userErrors { code } } }',
                                {"i": {"subject": subject, "priority": "URGENT", "assigneeId": me, "slaPolicyId": policy["id"]}},
                                token=operator), "createInquiry")["inquiry"]
    created = time.monotonic()
    row = f'.queue-row[data-inquiry-id="{inquiry["id"]}"]'

    def level():
        return console.attribute(row, "data-level")

    # The warning brings it into the queue, amber, counting down (no reload: the list is not polled).
    console.wait_until(lambda: level() == "approaching", timeout=15, message="never amber")
    assert console.find(f"{row} .sla").get_attribute("data-level") == "approaching"
    first = console.text(f"{row} .sla-time")
    console.wait_until(lambda: console.text(f"{row} .sla-time") != first, timeout=3, message="the countdown does not tick")

    # Time tracking on it: the stopwatch fills in a minute, typed minutes too; the server adds them up.
    console.find(f"{row} .col-subject a").click()
    console.find(f'.inquiry-detail[data-inquiry-id="{inquiry["id"]}"]')
    console.find(".stopwatch").click()
    console.find(".stopwatch").click()
    assert console.find("#time-minutes").get_attribute("value") == "1"
    console.find("#time-log").click()
    console.wait_text(".time-total", "1 min")
    console.find("#time-minutes").send_keys("15")
    console.find("#time-note").send_keys("Проверил платёж в банке")
    console.find("#time-log").click()
    console.wait_text(".time-entries", "Проверил платёж в банке")
    console.wait_text(".time-total", "16 min")
    spent = server.graphql('query($id: ID!) { node(id: $id) { ... on Inquiry { timeSpentMinutes } } }', {"id": inquiry["id"]}, token=operator)
    assert spent["data"]["node"]["timeSpentMinutes"] == 16
    assert level() == "approaching"
    console.screenshot("support")

    # At the deadline the breach turns it red.
    console.wait_until(lambda: level() == "breached", timeout=90, message="never red")
    assert time.monotonic() - created >= 45, "red before the deadline could have passed"
    assert console.text(f"{row} .sla-time").startswith("−")
    console.screenshot("support-breached")


def test_the_queue_follows_inquiries_registered_and_reassigned(console, server, admin_token):
    """`inquiryChanged`: an inquiry registered for the operator appears in "mine" at once, and
    leaves it when a supervisor hands it to a colleague — no reload, no SLA event needed."""
    operator = server.sign_in(OPERATOR_EMAIL)
    users = server.graphql('{ users(first: 100) { edges { node { id email } } } }', token=admin_token)["data"]["users"]["edges"]
    ids = {e["node"]["email"]: e["node"]["id"] for e in users}
    console.sign_in(OPERATOR_EMAIL, view="support")
    console.find(".queue tbody")

    subject = unique("Вопрос по счёту")
    inquiry = ok(server.graphql('mutation($i: CreateInquiryInput!) { createInquiry(input: $i) { inquiry { id version } userErrors { code } } }',
                                {"i": {"subject": subject, "priority": "NORMAL", "assigneeId": ids[OPERATOR_EMAIL]}},
                                token=operator), "createInquiry")["inquiry"]
    row = f'.queue-row[data-inquiry-id="{inquiry["id"]}"]'
    console.wait_until(lambda: console.text(row) is not None, timeout=5, message="the new inquiry never entered the queue")
    assert subject in console.text(row)

    ok(server.graphql('mutation($i: AssignInquiryInput!) { assignInquiry(input: $i) { inquiry { id } userErrors { code } } }',
                      {"i": {"id": inquiry["id"], "version": inquiry["version"], "assigneeId": ids["igor.novikov@switchboard.test"]}},
                      token=admin_token), "assignInquiry")
    console.wait_until(lambda: console.text(row) is None, timeout=5, message="the reassigned inquiry stayed in 'mine'")
