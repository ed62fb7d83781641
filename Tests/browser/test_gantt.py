"""Project Gantt: the chart of a demo project highlights exactly the rows the API puts on the
critical path; the zoom switch changes the scale; dragging a bar moves the task in the database and
its dependants move on screen; a move against a stale version is refused, snaps back and says so;
one the scheduler cannot honour (before a predecessor's finish) snaps back with the reason; the
keyboard moves a bar too (arrows and Enter, and "shift by N working days")."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from browser_helpers import ok

SUPERVISOR_EMAIL = "leonid.volkov@switchboard.test"  # the demo projects' manager
DEMO_PROJECT = "Внедрение CRM — Anna Schmidt"
DAY_WIDTH = {"day": 32, "week": 12, "month": 4}  # px per day (Client/views/gantt/chart.js)

PLAN = """query($id: ID!) { node(id: $id) { ... on Project {
  calendar { timeZone }
  gantt { id name kind start finish critical dependencies { predecessorId type } }
  critical: tasks(first: 100, filter: {critical: true}) { edges { node { id } } }
  tasks(first: 100) { edges { node { id version start startNoEarlierThan } } } } } }"""

MOVE = """mutation($i: MoveProjectTaskInput!) { moveProjectTask(input: $i) {
  projectTask { id start version } userErrors { code message } } }"""


def plan_of(server, token, project_id):
    node = server.graphql(PLAN, {"id": project_id}, token=token)["data"]["node"]
    rows = {row["name"]: row for row in node["gantt"]}
    tasks = {edge["node"]["id"]: edge["node"] for edge in node["tasks"]["edges"]}
    critical = {edge["node"]["id"] for edge in node["critical"]["edges"]}
    return node, rows, tasks, critical


def bar(row_id: str) -> str:
    return f'.gantt-bar[data-task-id="{row_id}"]'


def test_critical_path_zoom_drag_refusal_and_keyboard(console, server):
    token = server.sign_in(SUPERVISOR_EMAIL)
    projects = server.graphql('{ projects(first: 50) { edges { node { id name } } } }', token=token)["data"]["projects"]["edges"]
    project_id = next(edge["node"]["id"] for edge in projects if edge["node"]["name"] == DEMO_PROJECT)
    node, rows, tasks, critical = plan_of(server, token, project_id)
    assert critical and len(critical) < len(rows), "the demo project should have critical and non-critical rows"

    console.sign_in(SUPERVISOR_EMAIL, view=f"gantt/{project_id}")
    console.wait_until(lambda: len(console.find_all(".gantt-bar")) == len(rows), message="not every row drawn")

    # The critical path: exactly the rows the API answers for tasks(filter: {critical: true}), in red.
    drawn = {e.get_attribute("data-task-id") for e in console.find_all(".gantt-bar.critical")}
    assert drawn == critical
    red, blue = (console.driver.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0])).fill", f'{bar(row["id"])} .bar')
        for row in (rows["Перенос данных"], rows["Подключение телефонии"]))
    assert rows["Перенос данных"]["critical"] and not rows["Подключение телефонии"]["critical"] and red != blue
    assert console.find_all(".gantt-link.critical") and console.find_all(".gantt-link:not(.critical)")
    assert console.find_all(f'{bar(rows["Приёмка"]["id"])} path.milestone'), "a milestone is a diamond"
    today = datetime.now(ZoneInfo(node["calendar"]["timeZone"])).date().isoformat()
    assert console.attribute(".gantt-chart .today", "data-date") == today
    console.screenshot("gantt")

    # Zoom: a week scale draws the same task narrower, with other units.
    funnel = rows["Воронки и этапы"]
    days = (date.fromisoformat(funnel["finish"]) - date.fromisoformat(funnel["start"])).days + 1
    width = lambda: float(console.attribute(f'{bar(funnel["id"])} rect.bar', "width"))  # noqa: E731
    assert width() == days * DAY_WIDTH["day"]
    units = console.text(".gantt-scale")
    console.find('.gantt-zoom [data-zoom="week"]').click()
    console.wait_until(lambda: console.attribute(".gantt-chart", "data-zoom") == "week")
    assert width() == days * DAY_WIDTH["week"] and console.text(".gantt-scale") != units
    console.find('.gantt-zoom [data-zoom="month"]').click()
    console.wait_until(lambda: console.attribute(".gantt-chart", "data-zoom") == "month")
    assert width() == max(days * DAY_WIDTH["month"], 3)
    console.find('.gantt-zoom [data-zoom="day"]').click()
    console.wait_until(lambda: console.attribute(".gantt-chart", "data-zoom") == "day")

    # Drag "Воронки и этапы" three days later: stored on the server, and its dependant moves on screen.
    dependant = rows["Перенос данных"]
    assert any(link["predecessorId"] == funnel["id"] for link in dependant["dependencies"])
    before_x = float(console.attribute(f'{bar(dependant["id"])} rect.bar', "x"))
    handle = console.find(f'{bar(funnel["id"])} rect.bar')
    ActionChains(console.driver).click_and_hold(handle).move_by_offset(50, 0).move_by_offset(46, 0).release().perform()
    console.wait_until(lambda: console.attribute(bar(funnel["id"]), "data-start") != funnel["start"], message="the bar never moved")
    _, after, tasks_after, _ = plan_of(server, token, project_id)
    asked = date.fromordinal(date.fromisoformat(funnel["start"]).toordinal() + 3).isoformat()
    assert tasks_after[funnel["id"]]["startNoEarlierThan"] == asked
    assert after["Воронки и этапы"]["start"] >= asked
    assert console.attribute(bar(funnel["id"]), "data-start") == after["Воронки и этапы"]["start"]
    assert after["Перенос данных"]["start"] > dependant["start"]
    console.wait_until(lambda: console.attribute(bar(dependant["id"]), "data-start") == after["Перенос данных"]["start"])
    assert float(console.attribute(f'{bar(dependant["id"])} rect.bar', "x")) > before_x
    assert console.attribute(".gantt-message", "data-kind") in ("success", "warning")
    console.screenshot("gantt-moved")

    # Someone else moves it meanwhile: the console's next drag carries a stale version, is refused
    # (CONFLICT), the bar snaps to where the server has it, and the message says so.
    current = tasks_after[funnel["id"]]
    ok(server.graphql(MOVE, {"i": {"id": funnel["id"], "version": current["version"], "start": funnel["start"]}}, token=token), "moveProjectTask")
    _, reset, _, _ = plan_of(server, token, project_id)
    handle = console.find(f'{bar(funnel["id"])} rect.bar')
    ActionChains(console.driver).click_and_hold(handle).move_by_offset(40, 0).move_by_offset(40, 0).release().perform()
    console.wait_until(lambda: console.attribute(".gantt-message", "data-kind") == "error", message="no refusal shown")
    assert "nothing was saved" in console.text(".gantt-message")
    console.wait_until(lambda: console.attribute(bar(funnel["id"]), "data-start") == reset["Воронки и этапы"]["start"])
    _, unchanged, _, _ = plan_of(server, token, project_id)
    assert unchanged["Воронки и этапы"]["start"] == reset["Воронки и этапы"]["start"]

    # Dragged earlier than its FS predecessor allows: the scheduler keeps it after the predecessor
    # (the start asked is only stored as startNoEarlierThan), the bar goes back there, and the
    # message says why.
    kept = console.attribute(bar(dependant["id"]), "data-start")
    handle = console.find(f'{bar(dependant["id"])} rect.bar')
    ActionChains(console.driver).click_and_hold(handle).move_by_offset(-50, 0).move_by_offset(-46, 0).release().perform()
    console.wait_until(lambda: console.attribute(".gantt-message", "data-kind") == "warning", message="no explanation shown")
    _, held, held_tasks, _ = plan_of(server, token, project_id)
    assert held["Перенос данных"]["start"] == kept == console.attribute(bar(dependant["id"]), "data-start")
    assert held_tasks[dependant["id"]]["startNoEarlierThan"] == date.fromordinal(date.fromisoformat(kept).toordinal() - 3).isoformat()

    # The keyboard: a focused bar moves with → and Enter; the selected row shifts by N working days.
    phone = rows["Подключение телефонии"]
    start_before = console.attribute(bar(phone["id"]), "data-start")
    element = console.find(f'{bar(phone["id"])}')
    element.send_keys(Keys.ARROW_RIGHT)
    console.wait_text(".gantt-message", "Enter")
    element.send_keys(Keys.ENTER)
    console.wait_until(lambda: console.attribute(bar(phone["id"]), "data-start") != start_before, message="the keyboard move did nothing")
    _, moved, tasks_moved, _ = plan_of(server, token, project_id)
    assert tasks_moved[phone["id"]]["startNoEarlierThan"] == date.fromordinal(date.fromisoformat(start_before).toordinal() + 1).isoformat()
    assert console.attribute(bar(phone["id"]), "data-start") == moved["Подключение телефонии"]["start"]

    acceptance = rows["Приёмка"]
    console.find(f'.gantt-name[data-task-id="{acceptance["id"]}"]').click()
    console.find(f'.gantt-row-detail[data-task-id="{acceptance["id"]}"]')
    field = console.find("#gantt-shift-days")
    field.clear()
    field.send_keys("2", Keys.ENTER)
    console.wait_until(lambda: console.attribute(bar(acceptance["id"]), "data-start") != moved["Приёмка"]["start"], message="the shift did nothing")
    _, shifted, _, _ = plan_of(server, token, project_id)
    assert shifted["Приёмка"]["start"] > moved["Приёмка"]["start"]
    assert console.attribute(bar(acceptance["id"]), "data-start") == shifted["Приёмка"]["start"]
    console.screenshot("gantt-narrow", size=(390, 800))
