"""My affairs: tasks the test creates through the API show where they belong — overdue, today, and
a time slot in the day calendar at its hour (in the user's time zone); completing one with a result
in the console completes it on the server; a reminder comes live through `taskDue` as a notice."""

from datetime import date, datetime, time as clock, timedelta, timezone
from zoneinfo import ZoneInfo

from browser_helpers import ok, unique
from e2e_support import MANAGER_EMAIL

HOUR_HEIGHT = 44  # px per hour in the day calendar (Client/views/affairs/day-calendar.js)

CREATE_TASK = """mutation($i: CreateTaskInput!) { createTask(input: $i) {
  task { id title overdue timeBound } userErrors { field code message } } }"""


def create_task(server, token, **fields):
    return ok(server.graphql(CREATE_TASK, {"i": fields}, token=token), "createTask")["task"]


def at(day: date, hour: int, minute: int, zone: ZoneInfo) -> str:
    return datetime.combine(day, clock(hour, minute), tzinfo=zone).isoformat()


def test_todays_overdue_and_time_bound_tasks_complete_and_remind(console, server):
    token = server.sign_in(MANAGER_EMAIL)
    me = server.graphql("{ me { id timeZone } }", token=token)["data"]["me"]
    zone = ZoneInfo(me["timeZone"])
    today = datetime.now(zone).date()
    tomorrow = today + timedelta(days=1)

    overdue = create_task(server, token, title=unique("Просроченный звонок"), kind="CALL", priority="HIGH",
                          schedule={"dueDate": (today - timedelta(days=2)).isoformat()})
    assert overdue["overdue"]
    due_today = create_task(server, token, title=unique("Отправить счёт"), kind="EMAIL",
                            schedule={"dueDate": today.isoformat()})
    slot = create_task(server, token, title=unique("Встреча с закупками"), kind="MEETING",
                       schedule={"timeSlot": {"startAt": at(today, 13, 0, zone), "durationMinutes": 90}})
    next_day = create_task(server, token, title=unique("Демо для клиента"), kind="MEETING",
                           schedule={"timeSlot": {"startAt": at(tomorrow, 10, 30, zone), "durationMinutes": 60}})

    console.sign_in(MANAGER_EMAIL, view="affairs")
    console.find(f'.affairs-overdue .task-item[data-task-id="{overdue["id"]}"]')
    console.wait_text(f'.affairs-overdue .task-item[data-task-id="{overdue["id"]}"]', overdue["title"])
    console.wait_text(f'.affairs-today .task-item[data-task-id="{due_today["id"]}"]', due_today["title"])
    assert not console.find_all(f'.affairs-overdue [data-task-id="{due_today["id"]}"]')

    # The time slot sits at 13:00 of the user's day, 90 minutes tall.
    block = f'.day-calendar .slot[data-task-id="{slot["id"]}"]'
    console.wait_text(block, "13:00")
    assert console.attribute(block, "data-start-minute") == str(13 * 60)
    assert console.attribute(block, "data-end-minute") == str(14 * 60 + 30)
    top, height = console.driver.execute_script(
        "const e = document.querySelector(arguments[0]); return [e.offsetTop, e.offsetHeight];", block)
    assert top == 13 * HOUR_HEIGHT and abs(height - 1.5 * HOUR_HEIGHT) <= 3, (top, height)
    assert slot["title"] in console.text(block)

    # A reminder three seconds from now arrives live (taskDue) as a notice in the view.
    reminded = create_task(server, token, title=unique("Перезвонить по договору"), kind="CALL",
                           schedule={"dueAt": (datetime.now(timezone.utc) + timedelta(hours=2)).isoformat()},
                           reminders=[{"at": (datetime.now(timezone.utc) + timedelta(seconds=3)).isoformat()}])
    notice = f'.affairs-reminders .reminder[data-task-id="{reminded["id"]}"]'
    console.wait_text(notice, reminded["title"], timeout=15)
    assert console.attribute(notice, "data-reason") == "REMINDER"

    # Complete today's task with a result: the server has it done, with the result.
    item = f'.task-item[data-task-id="{due_today["id"]}"]'
    console.find(f"{item} .task-complete").click()
    console.find(f"{item} .task-result").send_keys("Счёт отправлен, клиент подтвердил")
    console.screenshot("affairs")
    console.find(f"{item} .task-complete-submit").click()
    console.wait_until(lambda: not console.find_all(item), message="the completed task stayed in the list")
    stored = server.graphql('query($id: ID!) { node(id: $id) { ... on Task { status result completedAt } } }',
                            {"id": due_today["id"]}, token=token)["data"]["node"]
    assert stored["status"] == "DONE" and stored["result"] == "Счёт отправлен, клиент подтвердил" and stored["completedAt"]

    # The next day in the calendar has its own slot; the keyboard reaches the day buttons.
    console.find(".day-next").click()
    console.wait_until(lambda: console.attribute(".day-calendar", "data-date") == tomorrow.isoformat(), message="the day did not change")
    console.wait_text(f'.day-calendar .slot[data-task-id="{next_day["id"]}"]', "10:30")
    assert not console.find_all(block)
    console.screenshot("affairs-narrow", size=(390, 800))
