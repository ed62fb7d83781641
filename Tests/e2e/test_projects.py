"""Projects with Gantt data over HTTP: templates kept by admins and supervisors (checked key by key,
without cycles); projects from templates scheduled by the critical path method over the working
days of their own calendar (weekends and a holiday skipped, FS/SS/FF with lags, a milestone after
FS, a stage spanning its rows, float and the critical path); tasks added, changed and moved with
their dependants following; dependencies refused when they close a cycle; stages deleted and
restored with their rows; the assignees' personal tasks kept in step; who sees a project; the
project a won deal brings; notes on a project.

Every plan runs on a calendar of its own (Mon–Fri 09:00–18:00 UTC with one holiday), so all dates
are exact. The working days of March 2027 on it, numbered from 0 (the ordinals the scheduler counts
in; finishes are inclusive):

    0 Mon 03-08   1 Tue 03-09   2 Wed 03-10   (Thu 03-11 holiday)   3 Fri 03-12   (Sat, Sun)
    4 Mon 03-15   5 Tue 03-16   6 Wed 03-17   7 Thu 03-18           8 Fri 03-19   (Sat, Sun)
    9 Mon 03-22  10 Tue 03-23  11 Wed 03-24  12 Thu 03-25          13 Fri 03-26
"""

import base64
import re
import uuid

import pytest

ADMIN = "anna.smirnova@switchboard.test"
SALES_HEAD = "boris.ivanov@switchboard.test"         # supervisor of victoria, grigory, dmitry
SUPPORT_HEAD = "elena.lebedeva@switchboard.test"     # supervisor of zhanna, igor, kate
PROJECT_OFFICE = "leonid.volkov@switchboard.test"    # supervisor of the project office
MANAGER = "victoria.kuznetsova@switchboard.test"
ENGINEER = "grigory.popov@switchboard.test"          # a sales manager, here an engineer of the plans
SECOND_ENGINEER = "dmitry.sokolov@switchboard.test"
ANALYST = "kate.morozova@switchboard.test"           # a support operator, here the analyst
OPERATOR = "zhanna.kozlova@switchboard.test"

HOLIDAY = "2027-03-11"
MONDAY = "2027-03-08"
SATURDAY_BEFORE = "2027-03-06"

# --- operations ------------------------------------------------------------------------------------

TEMPLATE_FIELDS = """id name description roles version deletedAt
  tasks { key parentKey kind name durationDays assigneeRoles }
  dependencies { predecessorKey successorKey type lagDays }"""
TASK_FIELDS = """id name kind position start finish durationDays progress startNoEarlierThan
  earlyStart earlyFinish lateStart lateFinish totalFloat critical version deletedAt parent { id } assignees { email }"""
PROJECT_FIELDS = f"""id name status plannedStart start finish progress version deletedAt
  manager {{ email }} calendar {{ id }} template {{ id }} deal {{ id }} client {{ id }}
  tasks(first: 100) {{ totalCount edges {{ node {{ {TASK_FIELDS} }} }} }}
  dependencies {{ id type lagDays predecessor {{ name }} successor {{ name }} }}
  gantt {{ id parentId name kind start finish progress critical totalFloat
          dependencies {{ predecessorId type lagDays }} assignees {{ email }} }}"""

CREATE_CALENDAR = """mutation($input: CreateWorkingCalendarInput!) { createWorkingCalendar(input: $input) {
  workingCalendar { id } userErrors { field code } } }"""
CREATE_TEMPLATE = f"""mutation($input: CreateProjectTemplateInput!) {{ createProjectTemplate(input: $input) {{
  projectTemplate {{ {TEMPLATE_FIELDS} }} userErrors {{ field code message }} }} }}"""
UPDATE_TEMPLATE = f"""mutation($input: UpdateProjectTemplateInput!) {{ updateProjectTemplate(input: $input) {{
  projectTemplate {{ {TEMPLATE_FIELDS} }} userErrors {{ field code message }} }} }}"""
DELETE_TEMPLATE = f"""mutation($input: DeleteInput!) {{ deleteProjectTemplate(input: $input) {{
  projectTemplate {{ {TEMPLATE_FIELDS} }} userErrors {{ field code }} }} }}"""
RESTORE_TEMPLATE = f"""mutation($input: RestoreInput!) {{ restoreProjectTemplate(input: $input) {{
  projectTemplate {{ {TEMPLATE_FIELDS} }} userErrors {{ field code }} }} }}"""
LIST_TEMPLATES = """query($filter: ProjectTemplateFilter) { projectTemplates(first: 100, filter: $filter) {
  totalCount edges { node { id name } } } }"""

CREATE_FROM_TEMPLATE = f"""mutation($input: CreateProjectFromTemplateInput!) {{ createProjectFromTemplate(input: $input) {{
  project {{ {PROJECT_FIELDS} }} userErrors {{ field code message }} }} }}"""
CREATE_PROJECT = f"""mutation($input: CreateProjectInput!) {{ createProject(input: $input) {{
  project {{ {PROJECT_FIELDS} }} userErrors {{ field code message }} }} }}"""
UPDATE_PROJECT = f"""mutation($input: UpdateProjectInput!) {{ updateProject(input: $input) {{
  project {{ {PROJECT_FIELDS} }} userErrors {{ field code message }} }} }}"""
PROJECT_NODE = f"query($id: ID!) {{ node(id: $id) {{ ... on Project {{ {PROJECT_FIELDS} }} }} }}"
LIST_PROJECTS = """query($filter: ProjectFilter) { projects(first: 100, filter: $filter) { totalCount edges { node { id name } } } }"""

CREATE_TASK = f"""mutation($input: CreateProjectTaskInput!) {{ createProjectTask(input: $input) {{
  projectTask {{ {TASK_FIELDS} }} project {{ {PROJECT_FIELDS} }} userErrors {{ field code message }} }} }}"""
UPDATE_TASK = f"""mutation($input: UpdateProjectTaskInput!) {{ updateProjectTask(input: $input) {{
  projectTask {{ {TASK_FIELDS} }} project {{ {PROJECT_FIELDS} }} userErrors {{ field code message }} }} }}"""
MOVE_TASK = f"""mutation($input: MoveProjectTaskInput!) {{ moveProjectTask(input: $input) {{
  projectTask {{ {TASK_FIELDS} }} rescheduled {{ id name start finish }} project {{ {PROJECT_FIELDS} }}
  userErrors {{ field code message }} }} }}"""
DELETE_TASK = f"""mutation($input: DeleteInput!) {{ deleteProjectTask(input: $input) {{
  projectTask {{ {TASK_FIELDS} }} project {{ {PROJECT_FIELDS} }} userErrors {{ field code message }} }} }}"""
RESTORE_TASK = f"""mutation($input: RestoreInput!) {{ restoreProjectTask(input: $input) {{
  projectTask {{ {TASK_FIELDS} }} project {{ {PROJECT_FIELDS} }} userErrors {{ field code message }} }} }}"""
CREATE_DEPENDENCY = f"""mutation($input: CreateProjectDependencyInput!) {{ createProjectDependency(input: $input) {{
  dependency {{ id type lagDays predecessor {{ id }} successor {{ id }} }} cycle {{ id name }}
  project {{ {PROJECT_FIELDS} }} userErrors {{ field code message }} }} }}"""
DELETE_DEPENDENCY = f"""mutation($input: DeleteProjectDependencyInput!) {{ deleteProjectDependency(input: $input) {{
  deletedId project {{ {PROJECT_FIELDS} }} userErrors {{ field code message }} }} }}"""

PERSONAL_TASKS = """query($filter: TaskFilter) { tasks(first: 100, filter: $filter) {
  totalCount pageInfo { hasNextPage } edges { node {
  id title dueDate status assignee { email } projectTask { id name } project { id } } } } }"""
# The plans below all lie in March 2027.
MARCH_2027 = {"from": "2027-03-01T00:00:00Z", "to": "2027-04-01T00:00:00Z"}


# --- helpers ---------------------------------------------------------------------------------------

def unique(prefix):
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def global_id(type_name, number):
    return base64.b64encode(f"{type_name}:{number}".encode()).decode().rstrip("=")


def me(server, token):
    return server.graphql("{ me { id } }", token=token)["data"]["me"]["id"]


def codes(body):
    return [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]


def errors_of(payload):
    return sorted((tuple(e["field"] or ()), e["code"]) for e in payload["userErrors"])


def ok(body, name):
    """The payload of a mutation that must succeed."""
    assert "errors" not in body, body
    payload = body["data"][name]
    assert payload["userErrors"] == [], payload
    return payload


def working_calendar(server, admin):
    """Mon–Fri 09:00–18:00 UTC with the holiday Thu 2027-03-11."""
    week = [{"weekday": d, "intervals": [{"start": "09:00", "end": "18:00"}]}
            for d in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")]
    made = server.graphql(CREATE_CALENDAR, {"input": {"name": unique("E2E Projects"), "timeZone": "UTC", "week": week,
                                                      "specialDays": [{"date": HOLIDAY, "kind": "HOLIDAY", "name": "E2E holiday"}]}},
                          token=admin)
    return ok(made, "createWorkingCalendar")["workingCalendar"]["id"]


def create_template(server, token, tasks, dependencies=(), **fields):
    body = server.graphql(CREATE_TEMPLATE, {"input": {"name": unique("E2E Template"), "tasks": tasks,
                                                      "dependencies": list(dependencies), **fields}}, token=token)
    return ok(body, "createProjectTemplate")["projectTemplate"]


# The plan of most tests below, rows in plan order. Two branches leave the kickoff: the long one
# through the stage "Build" (Backend, Frontend) and QA, the short one through Docs; both end in the
# milestone Acceptance.
ROLLOUT_TASKS = [
    {"key": "kickoff", "name": "Kickoff", "durationDays": 2, "assigneeRoles": ["engineer", "analyst"]},
    {"key": "build", "kind": "STAGE", "name": "Build"},
    {"key": "backend", "parentKey": "build", "name": "Backend", "durationDays": 4, "assigneeRoles": ["engineer"]},
    {"key": "frontend", "parentKey": "build", "name": "Frontend", "durationDays": 3, "assigneeRoles": ["engineer"]},
    {"key": "docs", "name": "Docs", "durationDays": 2, "assigneeRoles": ["writer"]},
    {"key": "qa", "name": "QA", "durationDays": 3, "assigneeRoles": ["analyst"]},
    {"key": "accept", "kind": "MILESTONE", "name": "Acceptance", "assigneeRoles": ["analyst"]},
]
ROLLOUT_DEPENDENCIES = [
    {"predecessorKey": "kickoff", "successorKey": "backend"},
    {"predecessorKey": "backend", "successorKey": "frontend", "type": "SS", "lagDays": 2},
    {"predecessorKey": "kickoff", "successorKey": "docs"},
    {"predecessorKey": "backend", "successorKey": "qa", "type": "FF", "lagDays": 2},
    {"predecessorKey": "qa", "successorKey": "accept"},
    {"predecessorKey": "docs", "successorKey": "accept"},
    {"predecessorKey": "frontend", "successorKey": "accept"},
]
# Its schedule from a planned start on Sat 2027-03-06 (hence the first working day, Mon 03-08 = day 0),
# in ordinals with exclusive early finishes EF = ES + d:
#   Kickoff   ES 0, EF 2                   → days 0–1  03-08..03-09
#   Backend   FS Kickoff: ES 2, EF 6       → days 2–5  03-10..03-16 (the holiday pushes it past Mon 03-15)
#   Frontend  SS Backend +2: ES ≥ 2+2 = 4  → days 4–6  03-15..03-17
#   Build     spans Backend and Frontend   → days 2–6  03-10..03-17, 5 working days
#   Docs      FS Kickoff: ES 2, EF 4       → days 2–3  03-10..03-12
#   QA        FF Backend +2: EF ≥ 6+2 = 8, so ES 5 → days 5–7  03-16..03-18
#   Acceptance FS after QA (EF 8), Docs (4), Frontend (7): at the boundary 8, shown on QA's finish 03-18
# The project finishes at 8 (Thu 03-18). Backwards from 8:
#   Acceptance LS = LF = 8, float 0; QA LF 8, LS 5, float 5−5 = 0; Frontend LF 8, LS 5, float 5−4 = 1;
#   Docs LF 8, LS 6, float 6−2 = 4; Backend: LS ≤ LS(Frontend)−2 = 3 and LF ≤ LF(QA)−2 = 6, so LF 6,
#   LS 2, float 0; Kickoff LF ≤ min(LS Backend 2, LS Docs 6) = 2, LS 0, float 0.
#   Build: the least float of its rows (0, critical), late dates from the earliest late start (Backend,
#   day 2 = 03-10) to the latest late finish (Frontend, day 7 = 03-18).
ROLLOUT_SCHEDULE = {
    # name: (start, finish, durationDays, lateStart, lateFinish, totalFloat, critical)
    "Kickoff": ("2027-03-08", "2027-03-09", 2, "2027-03-08", "2027-03-09", 0, True),
    "Build": ("2027-03-10", "2027-03-17", 5, "2027-03-10", "2027-03-18", 0, True),
    "Backend": ("2027-03-10", "2027-03-16", 4, "2027-03-10", "2027-03-16", 0, True),
    "Frontend": ("2027-03-15", "2027-03-17", 3, "2027-03-16", "2027-03-18", 1, False),
    "Docs": ("2027-03-10", "2027-03-12", 2, "2027-03-17", "2027-03-18", 4, False),
    "QA": ("2027-03-16", "2027-03-18", 3, "2027-03-16", "2027-03-18", 0, True),
    "Acceptance": ("2027-03-18", "2027-03-18", 0, "2027-03-18", "2027-03-18", 0, True),
}
ROLLOUT_ORDER = ["Kickoff", "Build", "Backend", "Frontend", "Docs", "QA", "Acceptance"]


def user_ids(server, admin, *emails):
    edges = server.graphql('{ users(first: 100) { edges { node { id email } } } }', token=admin)["data"]["users"]["edges"]
    by_email = {e["node"]["email"]: e["node"]["id"] for e in edges}
    return [by_email[e] for e in emails]


def rollout_project(server, admin, token=None, **fields):
    """A project of the rollout plan on a calendar of its own, planned to start Sat 2027-03-06; the
    analyst is kate, the engineers grigory and dmitry, the writer role is left unfilled."""
    token = token or admin
    calendar = working_calendar(server, admin)
    template = create_template(server, admin, ROLLOUT_TASKS, ROLLOUT_DEPENDENCIES)
    analyst, engineer, second = user_ids(server, admin, ANALYST, ENGINEER, SECOND_ENGINEER)
    body = server.graphql(CREATE_FROM_TEMPLATE, {"input": {
        "templateId": template["id"], "name": unique("E2E Rollout"), "plannedStart": SATURDAY_BEFORE, "calendarId": calendar,
        "roleAssignments": [{"role": "analyst", "userIds": [analyst]}, {"role": "engineer", "userIds": [engineer, second]}],
        **fields}}, token=token)
    project = ok(body, "createProjectFromTemplate")["project"]
    return project, template, calendar


def rows(project):
    """The project's live tasks by name."""
    return {e["node"]["name"]: e["node"] for e in project["tasks"]["edges"]}


def gantt(project):
    return {row["name"]: row for row in project["gantt"]}


def dates(project):
    """(start, finish) of every live task by name."""
    return {name: (row["start"], row["finish"]) for name, row in rows(project).items()}


def fetch(server, token, project_id):
    return server.graphql(PROJECT_NODE, {"id": project_id}, token=token)["data"]["node"]


def empty_project(server, admin, token=None, planned=MONDAY, **fields):
    token = token or admin
    calendar = working_calendar(server, admin)
    body = server.graphql(CREATE_PROJECT, {"input": {"name": unique("E2E Plan"), "plannedStart": planned, "calendarId": calendar,
                                                     **fields}}, token=token)
    return ok(body, "createProject")["project"]


def add_task(server, token, project_id, name, **fields):
    body = server.graphql(CREATE_TASK, {"input": {"projectId": project_id, "name": name, **fields}}, token=token)
    return ok(body, "createProjectTask")


def depend(server, token, predecessor, successor, **fields):
    body = server.graphql(CREATE_DEPENDENCY, {"input": {"predecessorId": predecessor, "successorId": successor, **fields}}, token=token)
    return ok(body, "createProjectDependency")


def personal_tasks(server, token, user_id, project_id):
    """The user's open personal tasks of a project, found in their own list
    (`tasks(filter: {assigneeIds: [me]})`, narrowed to March 2027): {project task name: task}."""
    body = server.graphql(PERSONAL_TASKS, {"filter": {"assigneeIds": [user_id], "due": MARCH_2027}}, token=token)
    assert "errors" not in body, body
    page = body["data"]["tasks"]
    assert not page["pageInfo"]["hasNextPage"], page
    found = {}
    for edge in page["edges"]:
        node = edge["node"]
        if node["project"] == {"id": project_id}:
            assert node["projectTask"] is not None, node
            assert node["projectTask"]["name"] not in found, node
            found[node["projectTask"]["name"]] = node
    return found


# --- 1. templates ----------------------------------------------------------------------------------

def test_only_admins_and_supervisors_keep_templates(server):
    tasks = [{"key": "a", "name": "A", "durationDays": 1}]
    for email in (MANAGER, OPERATOR):
        refused = server.graphql(CREATE_TEMPLATE, {"input": {"name": unique("E2E Forbidden"), "tasks": tasks}}, token=server.sign_in(email))
        assert codes(refused) == ["FORBIDDEN"], (email, refused)
        assert (refused.get("data") or {}).get("createProjectTemplate") is None
    for email in (ADMIN, PROJECT_OFFICE, SUPPORT_HEAD):
        made = create_template(server, server.sign_in(email), tasks)
        assert made["tasks"] == [{"key": "a", "parentKey": None, "kind": "TASK", "name": "A", "durationDays": 1, "assigneeRoles": []}]
    # Everyone signed in reads them; a manager still cannot change or delete one.
    manager = server.sign_in(MANAGER)
    listed = server.graphql(LIST_TEMPLATES, {"filter": {"query": made["name"]}}, token=manager)["data"]["projectTemplates"]
    assert [e["node"]["id"] for e in listed["edges"]] == [made["id"]]
    change = server.graphql(UPDATE_TEMPLATE, {"input": {"id": made["id"], "version": 1, "name": "Mine now"}}, token=manager)
    assert codes(change) == ["FORBIDDEN"], change
    delete = server.graphql(DELETE_TEMPLATE, {"input": {"id": made["id"]}}, token=manager)
    assert codes(delete) == ["FORBIDDEN"], delete


def test_template_rows_and_dependencies_are_checked(server):
    supervisor = server.sign_in(PROJECT_OFFICE)
    name = unique("E2E Refused")
    refused = server.graphql(CREATE_TEMPLATE, {"input": {"name": name, "tasks": [
        {"key": "a", "name": "A", "durationDays": 2},
        {"key": "a", "name": "A again"},                                # duplicate key
        {"key": "b", "parentKey": "a", "name": "Under a task"},         # the parent is not a stage
        {"key": "c", "parentKey": "nowhere", "name": "Under nothing"},  # no such row
        {"key": "d", "name": "Too long", "durationDays": -1},
    ], "dependencies": [
        {"predecessorKey": "a", "successorKey": "ghost"},               # no such row
        {"predecessorKey": "phantom", "successorKey": "d"},
    ]}}, token=supervisor)["data"]["createProjectTemplate"]
    assert refused["projectTemplate"] is None
    assert errors_of(refused) == sorted([
        (("input", "tasks", "1", "key"), "TAKEN"),
        (("input", "tasks", "2", "parentKey"), "INVALID"),
        (("input", "tasks", "3", "parentKey"), "NOT_FOUND"),
        (("input", "tasks", "4", "durationDays"), "OUT_OF_RANGE"),
        (("input", "dependencies", "0", "successorKey"), "NOT_FOUND"),
        (("input", "dependencies", "1", "predecessorKey"), "NOT_FOUND"),
    ])
    # A cycle, even one through a stage: x → y → (stage s, holding z) → x.
    cycle = server.graphql(CREATE_TEMPLATE, {"input": {"name": name, "tasks": [
        {"key": "x", "name": "X"}, {"key": "y", "name": "Y"},
        {"key": "s", "kind": "STAGE", "name": "S"}, {"key": "z", "parentKey": "s", "name": "Z"},
    ], "dependencies": [
        {"predecessorKey": "x", "successorKey": "y"},
        {"predecessorKey": "y", "successorKey": "s"},
        {"predecessorKey": "z", "successorKey": "x", "type": "SS"},
    ]}}, token=supervisor)["data"]["createProjectTemplate"]
    assert cycle["projectTemplate"] is None
    assert [(e["field"], e["code"]) for e in cycle["userErrors"]] == [(["input", "dependencies"], "DEPENDENCY_CYCLE")]
    assert "→" in cycle["userErrors"][0]["message"] and '"X"' in cycle["userErrors"][0]["message"]
    # Nothing was stored.
    listed = server.graphql(LIST_TEMPLATES, {"filter": {"query": name, "deleted": "INCLUDE"}}, token=supervisor)
    assert listed["data"]["projectTemplates"]["totalCount"] == 0


def test_template_roles_update_conflict_delete_and_restore(server):
    supervisor = server.sign_in(PROJECT_OFFICE)
    made = create_template(server, supervisor, [
        {"key": "design", "name": "Design", "durationDays": 3, "assigneeRoles": ["writer", "analyst"]},
        {"key": "phase", "kind": "STAGE", "name": "Phase", "durationDays": 7, "assigneeRoles": []},
        {"key": "build", "parentKey": "phase", "name": "Build", "durationDays": 5, "assigneeRoles": [" engineer ", "analyst"]},
        {"key": "done", "kind": "MILESTONE", "name": "Done", "durationDays": 4},
    ], [{"predecessorKey": "design", "successorKey": "build"},
        {"predecessorKey": "build", "successorKey": "done", "type": "FF", "lagDays": -1}], description="Plan")
    assert made["roles"] == ["analyst", "engineer", "writer"]   # alphabetical, each once, trimmed
    assert made["version"] == 1 and made["deletedAt"] is None and made["description"] == "Plan"
    # A stage's and a milestone's durations are not their own.
    assert [(t["key"], t["parentKey"], t["kind"], t["durationDays"]) for t in made["tasks"]] == [
        ("design", None, "TASK", 3), ("phase", None, "STAGE", 0), ("build", "phase", "TASK", 5), ("done", None, "MILESTONE", 0)]
    assert made["dependencies"] == [
        {"predecessorKey": "design", "successorKey": "build", "type": "FS", "lagDays": 0},
        {"predecessorKey": "build", "successorKey": "done", "type": "FF", "lagDays": -1}]

    # `tasks` and `dependencies` replace the whole lists.
    updated = ok(server.graphql(UPDATE_TEMPLATE, {"input": {"id": made["id"], "version": 1, "name": made["name"] + " v2", "tasks": [
        {"key": "only", "name": "Only", "durationDays": 2, "assigneeRoles": ["tester"]},
        {"key": "end", "kind": "MILESTONE", "name": "End"},
    ], "dependencies": [{"predecessorKey": "only", "successorKey": "end", "type": "SS", "lagDays": 1}]}}, token=supervisor),
        "updateProjectTemplate")["projectTemplate"]
    assert updated["version"] == 2 and updated["name"] == made["name"] + " v2"
    assert [t["key"] for t in updated["tasks"]] == ["only", "end"]
    assert updated["dependencies"] == [{"predecessorKey": "only", "successorKey": "end", "type": "SS", "lagDays": 1}]
    assert updated["roles"] == ["tester"]

    # A stale version is refused and answers the current template.
    stale = server.graphql(UPDATE_TEMPLATE, {"input": {"id": made["id"], "version": 1, "name": "Stale"}}, token=supervisor)
    stale = stale["data"]["updateProjectTemplate"]
    assert [(e["field"], e["code"]) for e in stale["userErrors"]] == [(["input", "version"], "CONFLICT")]
    assert stale["projectTemplate"]["version"] == 2 and stale["projectTemplate"]["name"] == made["name"] + " v2"
    # An update that would close a cycle is refused too.
    looped = server.graphql(UPDATE_TEMPLATE, {"input": {"id": made["id"], "version": 2, "dependencies": [
        {"predecessorKey": "only", "successorKey": "end"}, {"predecessorKey": "end", "successorKey": "only"}]}}, token=supervisor)
    assert [e["code"] for e in looped["data"]["updateProjectTemplate"]["userErrors"]] == ["DEPENDENCY_CYCLE"]

    deleted = ok(server.graphql(DELETE_TEMPLATE, {"input": {"id": made["id"], "version": 2}}, token=supervisor), "deleteProjectTemplate")
    assert deleted["projectTemplate"]["deletedAt"] is not None and deleted["projectTemplate"]["version"] == 3
    query = made["name"] + " v2"
    assert server.graphql(LIST_TEMPLATES, {"filter": {"query": query}}, token=supervisor)["data"]["projectTemplates"]["totalCount"] == 0
    assert server.graphql(LIST_TEMPLATES, {"filter": {"query": query, "deleted": "ONLY"}},
                          token=supervisor)["data"]["projectTemplates"]["totalCount"] == 1
    # A deleted template makes no projects.
    admin = server.sign_in(ADMIN)
    refused = server.graphql(CREATE_FROM_TEMPLATE, {"input": {"templateId": made["id"], "plannedStart": MONDAY,
                                                              "calendarId": working_calendar(server, admin)}}, token=supervisor)
    assert errors_of(refused["data"]["createProjectFromTemplate"]) == [(("input", "templateId"), "NOT_FOUND")]
    restored = ok(server.graphql(RESTORE_TEMPLATE, {"input": {"id": made["id"]}}, token=supervisor), "restoreProjectTemplate")
    assert restored["projectTemplate"]["deletedAt"] is None and restored["projectTemplate"]["version"] == 4
    assert server.graphql(LIST_TEMPLATES, {"filter": {"query": query}}, token=supervisor)["data"]["projectTemplates"]["totalCount"] == 1


# --- 2. a project from a template ------------------------------------------------------------------

def test_a_project_from_a_template_is_scheduled_over_working_days(server):
    admin = server.sign_in(ADMIN)
    supervisor = server.sign_in(PROJECT_OFFICE)
    project, template, calendar = rollout_project(server, admin, token=supervisor)
    assert template["roles"] == ["analyst", "engineer", "writer"]
    # Planned on a Saturday: the plan starts the next Monday; it finishes with the milestone.
    assert (project["plannedStart"], project["start"], project["finish"]) == (SATURDAY_BEFORE, "2027-03-08", "2027-03-18")
    assert project["status"] == "PLANNED" and project["progress"] == 0 and project["version"] == 1
    assert project["manager"] == {"email": PROJECT_OFFICE}      # the creator when none is named
    assert project["calendar"] == {"id": calendar} and project["template"] == {"id": template["id"]}

    tasks = rows(project)
    assert [e["node"]["name"] for e in project["tasks"]["edges"]] == ROLLOUT_ORDER and project["tasks"]["totalCount"] == 7
    for name, (start, finish, duration, late_start, late_finish, float_, critical) in ROLLOUT_SCHEDULE.items():
        task = tasks[name]
        got = (task["start"], task["finish"], task["durationDays"], task["lateStart"], task["lateFinish"], task["totalFloat"], task["critical"])
        assert got == (start, finish, duration, late_start, late_finish, float_, critical), name
        # Rows are scheduled as early as possible: the early dates are the dates shown.
        assert (task["earlyStart"], task["earlyFinish"]) == (start, finish), name
        assert task["startNoEarlierThan"] is None and task["progress"] == 0, name
    assert [tasks[n]["kind"] for n in ROLLOUT_ORDER] == ["TASK", "STAGE", "TASK", "TASK", "TASK", "TASK", "MILESTONE"]
    assert tasks["Backend"]["parent"] == {"id": tasks["Build"]["id"]} and tasks["Frontend"]["parent"] == {"id": tasks["Build"]["id"]}
    assert tasks["Kickoff"]["parent"] is None
    assert [tasks[n]["position"] for n in ROLLOUT_ORDER] == [0, 1, 0, 1, 2, 3, 4]

    # Assignees come from the roles; the writer role was not filled, so Docs has nobody.
    def assignees(row):
        return sorted(a["email"] for a in row["assignees"])
    engineers = sorted([ENGINEER, SECOND_ENGINEER])
    expected_assignees = {"Kickoff": sorted(engineers + [ANALYST]), "Build": [], "Backend": engineers, "Frontend": engineers,
                          "Docs": [], "QA": [ANALYST], "Acceptance": [ANALYST]}
    assert {n: assignees(t) for n, t in tasks.items()} == expected_assignees

    # The Gantt rows: plan order, the stage followed by its rows, with parents and predecessors.
    chart = project["gantt"]
    assert [r["name"] for r in chart] == ROLLOUT_ORDER
    ids = {name: tasks[name]["id"] for name in ROLLOUT_ORDER}
    names = {v: k for k, v in ids.items()}
    assert [r["id"] for r in chart] == [ids[n] for n in ROLLOUT_ORDER]
    assert {r["name"]: r["parentId"] for r in chart} == {
        "Kickoff": None, "Build": None, "Backend": ids["Build"], "Frontend": ids["Build"], "Docs": None, "QA": None, "Acceptance": None}
    assert {r["name"]: sorted((names[d["predecessorId"]], d["type"], d["lagDays"]) for d in r["dependencies"]) for r in chart} == {
        "Kickoff": [], "Build": [], "Backend": [("Kickoff", "FS", 0)], "Frontend": [("Backend", "SS", 2)], "Docs": [("Kickoff", "FS", 0)],
        "QA": [("Backend", "FF", 2)], "Acceptance": [("Docs", "FS", 0), ("Frontend", "FS", 0), ("QA", "FS", 0)]}
    for row in chart:
        start, finish, _, _, _, float_, critical = ROLLOUT_SCHEDULE[row["name"]]
        assert (row["start"], row["finish"], row["totalFloat"], row["critical"], row["progress"]) == (start, finish, float_, critical, 0), row
        assert sorted(a["email"] for a in row["assignees"]) == expected_assignees[row["name"]]
    assert sorted((d["predecessor"]["name"], d["successor"]["name"], d["type"], d["lagDays"]) for d in project["dependencies"]) == sorted([
        ("Kickoff", "Backend", "FS", 0), ("Backend", "Frontend", "SS", 2), ("Kickoff", "Docs", "FS", 0), ("Backend", "QA", "FF", 2),
        ("QA", "Acceptance", "FS", 0), ("Docs", "Acceptance", "FS", 0), ("Frontend", "Acceptance", "FS", 0)])

    # The same as a graph: the critical rows, a stage's rows, predecessors and successors.
    graph = server.graphql("""query($id: ID!, $stage: ID!) { node(id: $id) { ... on Project {
        critical: tasks(filter: {critical: true}) { edges { node { name } } }
        relaxed: tasks(filter: {critical: false}) { edges { node { name } } }
        milestones: tasks(filter: {kinds: [MILESTONE, STAGE]}) { edges { node { name } } }
        stage: tasks(filter: {parentId: $stage}) { edges { node { name
          predecessors { type lagDays predecessor { name } } successors { type successor { name } } } } } } } }""",
                           {"id": project["id"], "stage": ids["Build"]}, token=supervisor)["data"]["node"]
    assert [e["node"]["name"] for e in graph["critical"]["edges"]] == ["Kickoff", "Build", "Backend", "QA", "Acceptance"]
    assert [e["node"]["name"] for e in graph["relaxed"]["edges"]] == ["Frontend", "Docs"]
    assert [e["node"]["name"] for e in graph["milestones"]["edges"]] == ["Build", "Acceptance"]
    stage_rows = {e["node"]["name"]: e["node"] for e in graph["stage"]["edges"]}
    assert list(stage_rows) == ["Backend", "Frontend"]
    assert stage_rows["Backend"]["predecessors"] == [{"type": "FS", "lagDays": 0, "predecessor": {"name": "Kickoff"}}]
    assert sorted((s["type"], s["successor"]["name"]) for s in stage_rows["Backend"]["successors"]) == [("FF", "QA"), ("SS", "Frontend")]

    # A project task is a node of its own.
    node = server.graphql("query($id: ID!) { node(id: $id) { ... on ProjectTask { name project { id } finish } } }",
                          {"id": ids["QA"]}, token=supervisor)["data"]["node"]
    assert node == {"name": "QA", "project": {"id": project["id"]}, "finish": "2027-03-18"}


def test_a_project_from_a_template_is_checked(server):
    admin = server.sign_in(ADMIN)
    template = create_template(server, admin, [{"key": "a", "name": "A", "durationDays": 1, "assigneeRoles": ["x"]}])
    refused = server.graphql(CREATE_FROM_TEMPLATE, {"input": {
        "templateId": global_id("ProjectTemplate", 987654), "plannedStart": MONDAY,
        "calendarId": global_id("WorkingCalendar", 987654), "managerId": global_id("User", 987654),
        "roleAssignments": [{"role": "x", "userIds": [global_id("User", 987654)]}]}}, token=admin)["data"]["createProjectFromTemplate"]
    assert refused["project"] is None
    assert errors_of(refused) == sorted([(("input", "templateId"), "NOT_FOUND"), (("input", "calendarId"), "NOT_FOUND"),
                                         (("input", "managerId"), "NOT_FOUND"), (("input", "roleAssignments"), "NOT_FOUND")])
    # The name defaults to the template's.
    made = ok(server.graphql(CREATE_FROM_TEMPLATE, {"input": {"templateId": template["id"], "plannedStart": MONDAY,
                                                              "calendarId": working_calendar(server, admin)}}, token=admin),
              "createProjectFromTemplate")["project"]
    assert made["name"].startswith(template["name"])
    assert dates(made) == {"A": (MONDAY, MONDAY)} and rows(made)["A"]["assignees"] == []


# --- 3. changing the plan --------------------------------------------------------------------------

def test_tasks_are_added_changed_and_moved(server):
    admin = server.sign_in(ADMIN)
    supervisor = server.sign_in(PROJECT_OFFICE)
    project = empty_project(server, admin, token=supervisor)
    # An empty project sits on its planned start.
    assert (project["plannedStart"], project["start"], project["finish"], project["gantt"]) == (MONDAY, MONDAY, MONDAY, [])
    pid = project["id"]

    phase = add_task(server, supervisor, pid, "Phase", kind="STAGE")["projectTask"]
    design = add_task(server, supervisor, pid, "Design", parentId=phase["id"], durationDays=3)["projectTask"]
    build = add_task(server, supervisor, pid, "Build", parentId=phase["id"], durationDays=2)["projectTask"]
    test = add_task(server, supervisor, pid, "Test")["projectTask"]            # 1 day by default, last at the top
    manual = add_task(server, supervisor, pid, "Manual", durationDays=2)
    assert (manual["projectTask"]["position"], test["position"], phase["position"], build["position"]) == (2, 1, 0, 1)
    assert test["durationDays"] == 1 and test["kind"] == "TASK"
    # Without dependencies everything starts on Mon 03-08.
    assert dates(manual["project"]) == {"Phase": (MONDAY, "2027-03-10"), "Design": (MONDAY, "2027-03-10"), "Build": (MONDAY, "2027-03-09"),
                                        "Test": (MONDAY, MONDAY), "Manual": (MONDAY, "2027-03-09")}
    manual = manual["projectTask"]

    depend(server, supervisor, design["id"], build["id"])
    chained = depend(server, supervisor, build["id"], test["id"])["project"]
    # Design days 0–2 (03-08..03-10); Build FS: days 3–4 (Fri 03-12 after the holiday, Mon 03-15);
    # Test FS: day 5 (03-16). Manual keeps days 0–1 and has float 6 − 2 = 4.
    assert dates(chained) == {"Phase": (MONDAY, "2027-03-15"), "Design": (MONDAY, "2027-03-10"), "Build": ("2027-03-12", "2027-03-15"),
                              "Test": ("2027-03-16", "2027-03-16"), "Manual": (MONDAY, "2027-03-09")}
    assert rows(chained)["Manual"]["totalFloat"] == 4 and rows(chained)["Phase"]["durationDays"] == 5
    assert chained["finish"] == "2027-03-16"

    # A longer duration reschedules the dependants: Design days 0–3 (..03-12), Build 4–5 (03-15..03-16),
    # Test 6 (03-17).
    design = rows(chained)["Design"]
    longer = ok(server.graphql(UPDATE_TASK, {"input": {"id": design["id"], "version": design["version"], "durationDays": 4}},
                               token=supervisor), "updateProjectTask")
    assert longer["projectTask"]["durationDays"] == 4 and longer["projectTask"]["finish"] == "2027-03-12"
    assert dates(longer["project"]) == {"Phase": (MONDAY, "2027-03-16"), "Design": (MONDAY, "2027-03-12"),
                                        "Build": ("2027-03-15", "2027-03-16"), "Test": ("2027-03-17", "2027-03-17"),
                                        "Manual": (MONDAY, "2027-03-09")}
    assert longer["project"]["finish"] == "2027-03-17"
    build = rows(longer["project"])["Build"]

    # Moving Build later (Thu 03-18, day 7): Build 03-18..03-19, Test the next working day Mon 03-22;
    # the stage's finish moves with it. Manual, Design and the moved task itself are not listed.
    moved = ok(server.graphql(MOVE_TASK, {"input": {"id": build["id"], "version": build["version"], "start": "2027-03-18"}},
                              token=supervisor), "moveProjectTask")
    assert (moved["projectTask"]["start"], moved["projectTask"]["finish"], moved["projectTask"]["startNoEarlierThan"]) == (
        "2027-03-18", "2027-03-19", "2027-03-18")
    assert sorted(r["name"] for r in moved["rescheduled"]) == ["Phase", "Test"]
    assert {r["name"]: (r["start"], r["finish"]) for r in moved["rescheduled"]} == {
        "Phase": (MONDAY, "2027-03-19"), "Test": ("2027-03-22", "2027-03-22")}
    assert moved["project"]["finish"] == "2027-03-22"
    # Build now has room before it: Design may slip 3 working days (LF 03-17 = day 6, EF day 3).
    assert rows(moved["project"])["Design"]["totalFloat"] == 3 and rows(moved["project"])["Design"]["lateFinish"] == "2027-03-17"

    # Moving it earlier than Design allows (Tue 03-09): it starts after Design, Mon 03-15; the date
    # asked for stays as its constraint.
    build = moved["projectTask"]
    early = ok(server.graphql(MOVE_TASK, {"input": {"id": build["id"], "version": build["version"], "start": "2027-03-09"}},
                              token=supervisor), "moveProjectTask")
    assert (early["projectTask"]["start"], early["projectTask"]["finish"], early["projectTask"]["startNoEarlierThan"]) == (
        "2027-03-15", "2027-03-16", "2027-03-09")
    assert {r["name"]: (r["start"], r["finish"]) for r in early["rescheduled"]} == {
        "Phase": (MONDAY, "2027-03-16"), "Test": ("2027-03-17", "2027-03-17")}

    # Moving a task onto a weekend starts it on the next working day: Manual from Sat 03-13 → Mon 03-15..Tue 03-16.
    manual = rows(early["project"])["Manual"]
    weekend = ok(server.graphql(MOVE_TASK, {"input": {"id": manual["id"], "version": manual["version"], "start": "2027-03-13"}},
                                token=supervisor), "moveProjectTask")
    assert (weekend["projectTask"]["start"], weekend["projectTask"]["finish"]) == ("2027-03-15", "2027-03-16")
    assert weekend["rescheduled"] == []
    # A stale version moves nothing.
    stale = server.graphql(MOVE_TASK, {"input": {"id": manual["id"], "version": manual["version"], "start": "2027-03-22"}},
                           token=supervisor)["data"]["moveProjectTask"]
    assert [(e["field"], e["code"]) for e in stale["userErrors"]] == [(["input", "version"], "CONFLICT")]
    assert stale["projectTask"]["start"] == "2027-03-15"

    # Progress rolls up weighted by duration: Phase = (50·4 + 100·2) / 6 = 66.7 → 67; the project over
    # every task: (50·4 + 100·2 + 0·1 + 0·2) / 9 = 44.4 → 44.
    design = rows(weekend["project"])["Design"]
    ok(server.graphql(UPDATE_TASK, {"input": {"id": design["id"], "version": design["version"], "progress": 50}}, token=supervisor),
       "updateProjectTask")
    build = rows(fetch(server, supervisor, pid))["Build"]
    done = ok(server.graphql(UPDATE_TASK, {"input": {"id": build["id"], "version": build["version"], "progress": 100}}, token=supervisor),
              "updateProjectTask")["project"]
    assert {n: t["progress"] for n, t in rows(done).items()} == {"Phase": 67, "Design": 50, "Build": 100, "Test": 0, "Manual": 0}
    assert gantt(done)["Phase"]["progress"] == 67
    assert done["progress"] == 44
    # Out-of-range values are refused field by field.
    bad = server.graphql(UPDATE_TASK, {"input": {"id": build["id"], "version": rows(done)["Build"]["version"], "progress": 101,
                                                 "durationDays": -2}}, token=supervisor)["data"]["updateProjectTask"]
    assert errors_of(bad) == [(("input", "durationDays"), "OUT_OF_RANGE"), (("input", "progress"), "OUT_OF_RANGE")]
    assert rows(fetch(server, supervisor, pid))["Build"]["progress"] == 100


def test_moving_a_stage_moves_its_rows(server):
    admin = server.sign_in(ADMIN)
    project, _, _ = rollout_project(server, admin)
    stage = rows(project)["Build"]
    moved = ok(server.graphql(MOVE_TASK, {"input": {"id": stage["id"], "version": stage["version"], "start": "2027-03-15"}}, token=admin),
               "moveProjectTask")
    # No row of Build starts before Mon 03-15 (day 4): Backend days 4–7 (03-15..03-18), Frontend SS +2
    # days 6–8 (03-17..03-19), QA FF +2 finishes on day 7 + 2 = 9 (03-18..03-22), Acceptance on 03-22.
    # Kickoff and Docs stay.
    assert (moved["projectTask"]["start"], moved["projectTask"]["finish"], moved["projectTask"]["startNoEarlierThan"]) == (
        "2027-03-15", "2027-03-19", "2027-03-15")
    assert dates(moved["project"]) == {
        "Kickoff": (MONDAY, "2027-03-09"), "Build": ("2027-03-15", "2027-03-19"), "Backend": ("2027-03-15", "2027-03-18"),
        "Frontend": ("2027-03-17", "2027-03-19"), "Docs": ("2027-03-10", "2027-03-12"), "QA": ("2027-03-18", "2027-03-22"),
        "Acceptance": ("2027-03-22", "2027-03-22")}
    assert [r["name"] for r in moved["rescheduled"]] == ["Backend", "Frontend", "QA", "Acceptance"]
    # Kickoff now has room: Backend need not start before day 4, so Kickoff may run days 2–3 and
    # finish as late as Fri 03-12: float 2.
    assert (rows(moved["project"])["Kickoff"]["totalFloat"], rows(moved["project"])["Kickoff"]["lateFinish"]) == (2, "2027-03-12")


# --- 4. dependencies -------------------------------------------------------------------------------

def test_a_dependency_closing_a_cycle_is_refused(server):
    admin = server.sign_in(ADMIN)
    supervisor = server.sign_in(PROJECT_OFFICE)
    project = empty_project(server, admin, token=supervisor)
    pid = project["id"]
    design = add_task(server, supervisor, pid, "Design", durationDays=2)["projectTask"]
    build = add_task(server, supervisor, pid, "Build", durationDays=3)["projectTask"]
    ship = add_task(server, supervisor, pid, "Ship", durationDays=1)["projectTask"]
    first = depend(server, supervisor, design["id"], build["id"])
    assert first["dependency"]["type"] == "FS" and first["dependency"]["lagDays"] == 0
    assert (first["dependency"]["predecessor"], first["dependency"]["successor"]) == ({"id": design["id"]}, {"id": build["id"]})
    second = depend(server, supervisor, build["id"], ship["id"])["project"]
    # Design days 0–1 (03-08..03-09), Build 2–4 (03-10..03-15, over the holiday and the weekend),
    # Ship 5 (03-16).
    assert dates(second) == {"Design": (MONDAY, "2027-03-09"), "Build": ("2027-03-10", "2027-03-15"), "Ship": ("2027-03-16", "2027-03-16")}

    closing = server.graphql(CREATE_DEPENDENCY, {"input": {"predecessorId": ship["id"], "successorId": design["id"]}},
                             token=supervisor)["data"]["createProjectDependency"]
    assert closing["dependency"] is None
    assert [e["code"] for e in closing["userErrors"]] == ["DEPENDENCY_CYCLE"]
    # The tasks in order, starting from the first in the plan, back to it.
    assert '"Design" → "Build" → "Ship" → "Design"' in closing["userErrors"][0]["message"]
    assert closing["cycle"] == [{"id": design["id"], "name": "Design"}, {"id": build["id"], "name": "Build"},
                                {"id": ship["id"], "name": "Ship"}]
    # A task depending on itself is a cycle too.
    itself = server.graphql(CREATE_DEPENDENCY, {"input": {"predecessorId": build["id"], "successorId": build["id"]}},
                            token=supervisor)["data"]["createProjectDependency"]
    assert [e["code"] for e in itself["userErrors"]] == ["DEPENDENCY_CYCLE"]
    assert itself["cycle"] == [{"id": build["id"], "name": "Build"}]
    # Nothing was stored.
    after = fetch(server, supervisor, pid)
    assert len(after["dependencies"]) == 2 and dates(after) == dates(second)

    duplicate = server.graphql(CREATE_DEPENDENCY, {"input": {"predecessorId": design["id"], "successorId": build["id"], "type": "SS"}},
                               token=supervisor)["data"]["createProjectDependency"]
    assert [e["code"] for e in duplicate["userErrors"]] == ["TAKEN"] and duplicate["dependency"] is None
    other = empty_project(server, admin, token=supervisor)
    elsewhere = add_task(server, supervisor, other["id"], "Elsewhere")["projectTask"]
    across = server.graphql(CREATE_DEPENDENCY, {"input": {"predecessorId": design["id"], "successorId": elsewhere["id"]}},
                            token=supervisor)["data"]["createProjectDependency"]
    assert errors_of(across) == [(("input", "successorId"), "INVALID")] and across["dependency"] is None
    assert len(fetch(server, supervisor, pid)["dependencies"]) == 2

    # Removing Build → Ship lets Ship start with the project again.
    link = next(d for d in after["dependencies"] if d["successor"]["name"] == "Ship")
    removed = ok(server.graphql(DELETE_DEPENDENCY, {"input": {"id": link["id"]}}, token=supervisor), "deleteProjectDependency")
    assert removed["deletedId"] == link["id"]
    assert dates(removed["project"])["Ship"] == (MONDAY, MONDAY)
    assert [d["successor"]["name"] for d in removed["project"]["dependencies"]] == ["Build"]
    assert removed["project"]["finish"] == "2027-03-15"
    assert gantt(removed["project"])["Ship"]["dependencies"] == []
    # Gone for good.
    again = server.graphql(DELETE_DEPENDENCY, {"input": {"id": link["id"]}}, token=supervisor)
    assert codes(again) == ["NOT_FOUND"], again


def test_leads_lags_and_start_to_finish(server):
    admin = server.sign_in(ADMIN)
    supervisor = server.sign_in(PROJECT_OFFICE)
    pid = empty_project(server, admin, token=supervisor)["id"]
    base = add_task(server, supervisor, pid, "Base", durationDays=3)["projectTask"]            # days 0–2, 03-08..03-10
    lead = add_task(server, supervisor, pid, "Lead", durationDays=2)["projectTask"]
    lag = add_task(server, supervisor, pid, "Lag", durationDays=1)["projectTask"]
    sf = add_task(server, supervisor, pid, "Finisher", durationDays=2)["projectTask"]
    gate = add_task(server, supervisor, pid, "Gate", kind="MILESTONE", durationDays=5)["projectTask"]
    assert gate["durationDays"] == 0
    depend(server, supervisor, base["id"], lead["id"], lagDays=-1)        # FS −1: ES ≥ 3 − 1 = 2 → days 2–3, 03-10..03-12
    depend(server, supervisor, base["id"], lag["id"], lagDays=2)          # FS +2: ES ≥ 3 + 2 = 5 → day 5, 03-16
    depend(server, supervisor, lag["id"], sf["id"], type="SF", lagDays=1)  # SF +1: EF ≥ ES(Lag) + 1 = 6 → days 4–5, 03-15..03-16
    final = depend(server, supervisor, lead["id"], gate["id"], type="SS", lagDays=1)["project"]  # SS +1: at day 3, shown on 03-12
    assert dates(final) == {"Base": (MONDAY, "2027-03-10"), "Lead": ("2027-03-10", "2027-03-12"), "Lag": ("2027-03-16", "2027-03-16"),
                            "Finisher": ("2027-03-15", "2027-03-16"), "Gate": ("2027-03-12", "2027-03-12")}
    # The project ends with Lag and Finisher on day 5 (03-16); Gate could wait until then: 6 − 3 = 3 days.
    assert final["finish"] == "2027-03-16"
    assert {n: t["totalFloat"] for n, t in rows(final).items()} == {"Base": 0, "Lead": 2, "Lag": 0, "Finisher": 0, "Gate": 3}


def test_a_dependency_on_a_stage_applies_to_every_row_under_it(server):
    admin = server.sign_in(ADMIN)
    supervisor = server.sign_in(PROJECT_OFFICE)
    # An empty project planned on a Saturday sits on the next Monday.
    project = empty_project(server, admin, token=supervisor, planned=SATURDAY_BEFORE)
    assert (project["plannedStart"], project["start"], project["finish"]) == (SATURDAY_BEFORE, MONDAY, MONDAY)
    pid = project["id"]
    first = add_task(server, supervisor, pid, "First", durationDays=2)["projectTask"]
    stage = add_task(server, supervisor, pid, "Stage", kind="STAGE")["projectTask"]
    short = add_task(server, supervisor, pid, "Short", parentId=stage["id"], durationDays=1)["projectTask"]
    long_ = add_task(server, supervisor, pid, "Long", parentId=stage["id"], durationDays=3)["projectTask"]
    last = add_task(server, supervisor, pid, "Last", durationDays=1)["projectTask"]
    depend(server, supervisor, first["id"], stage["id"])
    final = depend(server, supervisor, stage["id"], last["id"])["project"]
    # First days 0–1 (03-08..03-09); both rows of the stage start after it on day 2 (03-10): Short
    # that day, Long days 2–4 (03-10, 03-12, 03-15); Last waits for the whole stage: day 5 (03-16).
    # Short may slip until Last's start: LF day 4, float 4 − 2 = 2.
    assert dates(final) == {"First": (MONDAY, "2027-03-09"), "Stage": ("2027-03-10", "2027-03-15"), "Short": ("2027-03-10", "2027-03-10"),
                            "Long": ("2027-03-10", "2027-03-15"), "Last": ("2027-03-16", "2027-03-16")}
    assert {n: (t["durationDays"], t["totalFloat"], t["critical"]) for n, t in rows(final).items()} == {
        "First": (2, 0, True), "Stage": (3, 0, True), "Short": (1, 2, False), "Long": (3, 0, True), "Last": (1, 0, True)}
    assert rows(final)["Short"]["lateFinish"] == "2027-03-15"
    assert [(r["name"], r["parentId"]) for r in final["gantt"]] == [
        ("First", None), ("Stage", None), ("Short", stage["id"]), ("Long", stage["id"]), ("Last", None)]
    # A stage and a row under it cannot depend on each other, nor can a loop pass through a stage.
    for predecessor, successor, message in ((stage, short, '"Stage" → "Short" → "Stage"'), (long_, stage, '"Stage" → "Long" → "Stage"'),
                                            (last, first, '"First" → "Stage"')):
        refused = server.graphql(CREATE_DEPENDENCY, {"input": {"predecessorId": predecessor["id"], "successorId": successor["id"]}},
                                 token=supervisor)["data"]["createProjectDependency"]
        assert [e["code"] for e in refused["userErrors"]] == ["DEPENDENCY_CYCLE"], refused
        assert message in refused["userErrors"][0]["message"], refused
    assert len(fetch(server, supervisor, pid)["dependencies"]) == 2


# --- 5. deleting and restoring a stage -------------------------------------------------------------

def test_deleting_a_stage_removes_its_rows_until_restored(server):
    admin = server.sign_in(ADMIN)
    project, _, _ = rollout_project(server, admin)
    tasks = rows(project)
    stage = tasks["Build"]
    deleted = ok(server.graphql(DELETE_TASK, {"input": {"id": stage["id"], "version": stage["version"]}}, token=admin), "deleteProjectTask")
    assert deleted["projectTask"]["deletedAt"] is not None
    after = deleted["project"]
    assert [r["name"] for r in after["gantt"]] == ["Kickoff", "Docs", "QA", "Acceptance"]
    assert [e["node"]["name"] for e in after["tasks"]["edges"]] == ["Kickoff", "Docs", "QA", "Acceptance"]
    # Without Backend QA has no predecessor: days 0–2 (03-08..03-10); Docs days 2–3 (..03-12) after
    # Kickoff; Acceptance after both on 03-12, which is the new finish.
    assert dates(after) == {"Kickoff": (MONDAY, "2027-03-09"), "Docs": ("2027-03-10", "2027-03-12"), "QA": (MONDAY, "2027-03-10"),
                            "Acceptance": ("2027-03-12", "2027-03-12")}
    assert after["finish"] == "2027-03-12"
    # The dependencies of the deleted rows are out of force.
    assert sorted((d["predecessor"]["name"], d["successor"]["name"]) for d in after["dependencies"]) == [
        ("Docs", "Acceptance"), ("Kickoff", "Docs"), ("QA", "Acceptance")]
    removed = server.graphql("""query($id: ID!) { node(id: $id) { ... on Project {
        tasks(filter: {deleted: ONLY}) { edges { node { name deletedAt } } } } } }""", {"id": project["id"]}, token=admin)
    assert sorted(e["node"]["name"] for e in removed["data"]["node"]["tasks"]["edges"]) == ["Backend", "Build", "Frontend"]
    # The engineers' personal tasks of the deleted rows went with them.
    engineer = server.sign_in(ENGINEER)
    engineer_id = me(server, engineer)
    assert set(personal_tasks(server, engineer, engineer_id, project["id"])) == {"Kickoff"}
    # A row of a deleted stage cannot come back on its own.
    child = server.graphql(RESTORE_TASK, {"input": {"id": tasks["Backend"]["id"]}}, token=admin)["data"]["restoreProjectTask"]
    assert [e["code"] for e in child["userErrors"]] == ["INVALID_STATE"]

    restored = ok(server.graphql(RESTORE_TASK, {"input": {"id": stage["id"]}}, token=admin), "restoreProjectTask")
    back = restored["project"]
    assert [r["name"] for r in back["gantt"]] == ROLLOUT_ORDER
    assert dates(back) == {name: value[:2] for name, value in ROLLOUT_SCHEDULE.items()}
    assert {r["name"]: (r["totalFloat"], r["critical"]) for r in back["gantt"]} == {n: v[5:] for n, v in ROLLOUT_SCHEDULE.items()}
    assert len(back["dependencies"]) == len(ROLLOUT_DEPENDENCIES) and back["finish"] == "2027-03-18"
    assert [r["id"] for r in back["gantt"]] == [tasks[n]["id"] for n in ROLLOUT_ORDER]
    assert {n: t["dueDate"] for n, t in personal_tasks(server, engineer, engineer_id, project["id"]).items()} == {
        "Kickoff": "2027-03-09", "Backend": "2027-03-16", "Frontend": "2027-03-17"}


# --- 6. personal tasks of the assignees ------------------------------------------------------------

def test_assignees_get_personal_tasks_kept_in_step(server):
    admin = server.sign_in(ADMIN)
    project, _, _ = rollout_project(server, admin)
    analyst = server.sign_in(ANALYST)
    analyst_id = me(server, analyst)
    tasks = rows(project)
    # Kate is the analyst: Kickoff, QA and Acceptance, each due on the row's finish.
    mine = personal_tasks(server, analyst, analyst_id, project["id"])
    assert {name: t["dueDate"] for name, t in mine.items()} == {"Kickoff": "2027-03-09", "QA": "2027-03-18", "Acceptance": "2027-03-18"}
    for name, task in mine.items():
        assert task["projectTask"]["id"] == tasks[name]["id"] and task["project"] == {"id": project["id"]}
        assert task["assignee"] == {"email": ANALYST} and task["status"] == "OPEN"
    linked = server.graphql("query($id: ID!) { node(id: $id) { ... on Task { projectTask { id } project { id } dueDate } } }",
                            {"id": mine["QA"]["id"]}, token=analyst)["data"]["node"]
    assert linked == {"projectTask": {"id": tasks["QA"]["id"]}, "project": {"id": project["id"]}, "dueDate": "2027-03-18"}

    # Moving Kickoff to Tue 03-09 moves everything after it by one working day: Kickoff 03-09..03-10,
    # Backend 03-12..03-17, so QA (FF +2) finishes 03-19 and Acceptance sits there.
    kickoff = tasks["Kickoff"]
    moved = ok(server.graphql(MOVE_TASK, {"input": {"id": kickoff["id"], "version": kickoff["version"], "start": "2027-03-09"}},
                              token=admin), "moveProjectTask")
    assert dates(moved["project"])["QA"] == ("2027-03-17", "2027-03-19")
    assert [r["name"] for r in moved["rescheduled"]] == ["Build", "Backend", "Frontend", "Docs", "QA", "Acceptance"]
    mine = personal_tasks(server, analyst, analyst_id, project["id"])
    assert {name: t["dueDate"] for name, t in mine.items()} == {"Kickoff": "2027-03-10", "QA": "2027-03-19", "Acceptance": "2027-03-19"}

    # Taking her off QA removes that personal task; an engineer's stay.
    qa = rows(moved["project"])["QA"]
    ok(server.graphql(UPDATE_TASK, {"input": {"id": qa["id"], "version": qa["version"], "assigneeIds": []}}, token=admin), "updateProjectTask")
    assert set(personal_tasks(server, analyst, analyst_id, project["id"])) == {"Kickoff", "Acceptance"}
    gone = server.graphql("query($id: ID!) { node(id: $id) { ... on Task { deletedAt } } }", {"id": mine["QA"]["id"]},
                          token=analyst)["data"]["node"]
    assert gone is None or gone["deletedAt"] is not None, gone
    engineer = server.sign_in(ENGINEER)
    assert set(personal_tasks(server, engineer, me(server, engineer), project["id"])) == {"Kickoff", "Backend", "Frontend"}
    # Adding an assignee gives a new one a personal task due on the row's finish.
    docs = rows(fetch(server, admin, project["id"]))["Docs"]
    ok(server.graphql(UPDATE_TASK, {"input": {"id": docs["id"], "version": docs["version"], "assigneeIds": [analyst_id]}}, token=admin),
       "updateProjectTask")
    assert personal_tasks(server, analyst, analyst_id, project["id"])["Docs"]["dueDate"] == "2027-03-15"

    # A personal task she has done stays when she is taken off the row.
    kickoff_task = mine["Kickoff"]
    version = server.graphql("query($id: ID!) { node(id: $id) { ... on Task { version } } }", {"id": kickoff_task["id"]},
                             token=analyst)["data"]["node"]["version"]
    ok(server.graphql('mutation($input: CompleteTaskInput!) { completeTask(input: $input) { task { status } userErrors { field code } } }',
                      {"input": {"id": kickoff_task["id"], "version": version, "result": "Held"}}, token=analyst), "completeTask")
    kickoff = rows(fetch(server, admin, project["id"]))["Kickoff"]
    engineer_id = me(server, engineer)
    ok(server.graphql(UPDATE_TASK, {"input": {"id": kickoff["id"], "version": kickoff["version"], "assigneeIds": [engineer_id]}},
                      token=admin), "updateProjectTask")
    kept = server.graphql("query($id: ID!) { node(id: $id) { ... on Task { status deletedAt dueDate projectTask { id } } } }",
                          {"id": kickoff_task["id"]}, token=analyst)["data"]["node"]
    assert kept == {"status": "DONE", "deletedAt": None, "dueDate": "2027-03-10", "projectTask": {"id": kickoff["id"]}}



def test_personal_tasks_filter_by_project(server):
    admin = server.sign_in(ADMIN)
    project, _, _ = rollout_project(server, admin)
    analyst = server.sign_in(ANALYST)
    analyst_id = me(server, analyst)
    # TaskFilter.projectIds: "Only tasks of these projects."
    body = server.graphql(PERSONAL_TASKS, {"filter": {"projectIds": [project["id"]]}}, token=analyst)
    assert "errors" not in body, body
    assert sorted(e["node"]["projectTask"]["name"] for e in body["data"]["tasks"]["edges"]) == ["Acceptance", "Kickoff", "QA"]
    mine = server.graphql(PERSONAL_TASKS, {"filter": {"projectIds": [project["id"]], "assigneeIds": [analyst_id]}}, token=admin)
    assert mine["data"]["tasks"]["totalCount"] == 3, mine


# --- 7. who sees a project -------------------------------------------------------------------------

def test_a_project_is_seen_by_its_manager_creator_assignees_and_their_heads(server):
    admin = server.sign_in(ADMIN)
    manager_id, = user_ids(server, admin, SECOND_ENGINEER)
    calendar = working_calendar(server, admin)
    template = create_template(server, admin, ROLLOUT_TASKS, ROLLOUT_DEPENDENCIES)
    analyst_id, engineer_id = user_ids(server, admin, ANALYST, ENGINEER)
    name = unique("E2E Visible")
    project = ok(server.graphql(CREATE_FROM_TEMPLATE, {"input": {
        "templateId": template["id"], "name": name, "plannedStart": MONDAY, "calendarId": calendar, "managerId": manager_id,
        "roleAssignments": [{"role": "analyst", "userIds": [analyst_id]}, {"role": "engineer", "userIds": [engineer_id]}]}},
        token=admin), "createProjectFromTemplate")["project"]
    assert project["manager"] == {"email": SECOND_ENGINEER}
    qa_id = rows(project)["QA"]["id"]

    def sees(email):
        token = server.sign_in(email)
        listed = server.graphql(LIST_PROJECTS, {"filter": {"query": name}}, token=token)["data"]["projects"]
        node = server.graphql("query($id: ID!) { node(id: $id) { id } }", {"id": project["id"]}, token=token)["data"]["node"]
        task = server.graphql("query($id: ID!) { node(id: $id) { id } }", {"id": qa_id}, token=token)["data"]["node"]
        assert listed["totalCount"] == len(listed["edges"]) == (1 if node else 0), email
        assert (task is not None) == (node is not None), email
        return node is not None

    # The manager, the assignees (kate, grigory), their heads (elena, boris) and admins see it;
    # a colleague of the assignees (victoria, zhanna) or another head (leonid) does not.
    assert {email: sees(email) for email in (SECOND_ENGINEER, ANALYST, ENGINEER, SUPPORT_HEAD, SALES_HEAD, ADMIN,
                                             MANAGER, OPERATOR, PROJECT_OFFICE)} == {
        SECOND_ENGINEER: True, ANALYST: True, ENGINEER: True, SUPPORT_HEAD: True, SALES_HEAD: True, ADMIN: True,
        MANAGER: False, OPERATOR: False, PROJECT_OFFICE: False}
    # Filters by manager and assignee.
    outsider = server.sign_in(ADMIN)
    by_manager = server.graphql(LIST_PROJECTS, {"filter": {"query": name, "managerIds": [manager_id]}}, token=outsider)
    assert by_manager["data"]["projects"]["totalCount"] == 1
    by_other = server.graphql(LIST_PROJECTS, {"filter": {"query": name, "assigneeIds": [manager_id]}}, token=outsider)
    assert by_other["data"]["projects"]["totalCount"] == 0

    # The manager changes it; a stale version is refused with the current project.
    dmitry = server.sign_in(SECOND_ENGINEER)
    renamed = ok(server.graphql(UPDATE_PROJECT, {"input": {"id": project["id"], "version": 1, "name": name + " (renamed)",
                                                           "status": "ACTIVE"}}, token=dmitry), "updateProject")["project"]
    assert (renamed["name"], renamed["status"], renamed["version"]) == (name + " (renamed)", "ACTIVE", 2)
    stale = server.graphql(UPDATE_PROJECT, {"input": {"id": project["id"], "version": 1, "name": "Stale"}}, token=dmitry)["data"]["updateProject"]
    assert [(e["field"], e["code"]) for e in stale["userErrors"]] == [(["input", "version"], "CONFLICT")]
    assert (stale["project"]["name"], stale["project"]["version"]) == (name + " (renamed)", 2)
    # An assignee may change it too ("whoever sees it"); someone who does not see it may not.
    kate = server.sign_in(ANALYST)
    described = ok(server.graphql(UPDATE_PROJECT, {"input": {"id": project["id"], "version": 2, "description": "By the analyst"}},
                                  token=kate), "updateProject")["project"]
    assert described["version"] == 3
    hidden = server.graphql(UPDATE_PROJECT, {"input": {"id": project["id"], "version": 3, "name": "Hijacked"}}, token=server.sign_in(MANAGER))
    assert codes(hidden) == ["NOT_FOUND"], hidden
    hidden_task = server.graphql(MOVE_TASK, {"input": {"id": qa_id, "version": 1, "start": "2027-04-01"}}, token=server.sign_in(MANAGER))
    assert codes(hidden_task) == ["NOT_FOUND"], hidden_task
    assert fetch(server, admin, project["id"])["name"] == name + " (renamed)"


def test_a_new_planned_start_reschedules_the_project(server):
    admin = server.sign_in(ADMIN)
    project, _, _ = rollout_project(server, admin)
    # From Mon 03-15 (day 4) everything moves by four working days, over the next weekend:
    # Kickoff days 4–5 (03-15..03-16), ..., QA days 9–11 (03-22..03-24), Acceptance 03-24.
    moved = ok(server.graphql(UPDATE_PROJECT, {"input": {"id": project["id"], "version": 1, "plannedStart": "2027-03-15"}},
                              token=admin), "updateProject")["project"]
    assert (moved["plannedStart"], moved["start"], moved["finish"], moved["version"]) == ("2027-03-15", "2027-03-15", "2027-03-24", 2)
    assert dates(moved)["Kickoff"] == ("2027-03-15", "2027-03-16") and dates(moved)["QA"] == ("2027-03-22", "2027-03-24")
    bad = server.graphql(UPDATE_PROJECT, {"input": {"id": project["id"], "version": 2, "name": " ",
                                                    "calendarId": global_id("WorkingCalendar", 987654)}}, token=admin)["data"]["updateProject"]
    assert errors_of(bad) == [(("input", "calendarId"), "NOT_FOUND"), (("input", "name"), "REQUIRED")]
    assert bad["project"]["version"] == 2
    # Deleting and restoring the project; the assignees' personal tasks go and come back with it.
    analyst = server.sign_in(ANALYST)
    analyst_id = me(server, analyst)
    due = {"Kickoff": "2027-03-16", "QA": "2027-03-24", "Acceptance": "2027-03-24"}
    assert {n: t["dueDate"] for n, t in personal_tasks(server, analyst, analyst_id, project["id"]).items()} == due
    deleted = ok(server.graphql('mutation($id: ID!) { deleteProject(input: {id: $id}) { project { deletedAt } userErrors { code } } }',
                                {"id": project["id"]}, token=admin), "deleteProject")
    assert deleted["project"]["deletedAt"] is not None
    assert personal_tasks(server, analyst, analyst_id, project["id"]) == {}
    assert server.graphql(LIST_PROJECTS, {"filter": {"query": project["name"]}}, token=admin)["data"]["projects"]["totalCount"] == 0
    restored = ok(server.graphql('mutation($id: ID!) { restoreProject(input: {id: $id}) { project { deletedAt finish } userErrors { code } } }',
                                 {"id": project["id"]}, token=admin), "restoreProject")
    assert restored["project"] == {"deletedAt": None, "finish": "2027-03-24"}
    assert {n: t["dueDate"] for n, t in personal_tasks(server, analyst, analyst_id, project["id"]).items()} == due


# --- lists -----------------------------------------------------------------------------------------

ORDERED = """query($filter: ProjectFilter, $orderBy: ProjectOrder) { projects(first: 10, filter: $filter, orderBy: $orderBy) {
  totalCount edges { node { name plannedStart finish } } } }"""


def ordering_projects(server):
    """Three projects named `<tag> A|B|C`, created in the order A, C, B, so that creation order, planned
    start, finish and name order all differ:
        A planned Mon 03-22, 1 day   → finishes 03-22, PLANNED
        C planned Mon 03-08, 2 days  → finishes 03-09, ACTIVE
        B planned Mon 03-15, 10 days → finishes Fri 03-26, ACTIVE
    """
    admin = server.sign_in(ADMIN)
    tag = unique("E2E Order")
    calendar = working_calendar(server, admin)
    for letter, planned, days, status in (("A", "2027-03-22", 1, "PLANNED"), ("C", MONDAY, 2, "ACTIVE"), ("B", "2027-03-15", 10, "ACTIVE")):
        made = ok(server.graphql(CREATE_PROJECT, {"input": {"name": f"{tag} {letter}", "plannedStart": planned, "calendarId": calendar,
                                                            "status": status}}, token=admin), "createProject")["project"]
        add_task(server, admin, made["id"], "Work", durationDays=days)
    return admin, tag


def test_projects_are_filtered_and_ordered(server):
    admin, tag = ordering_projects(server)

    def names(filter_=None, order=None):
        page = server.graphql(ORDERED, {"filter": {"query": tag, **(filter_ or {})}, "orderBy": order}, token=admin)["data"]["projects"]
        assert page["totalCount"] == len(page["edges"]), page
        return [e["node"]["name"][-1] for e in page["edges"]]

    assert names(order={"field": "FINISH", "direction": "ASC"}) == ["C", "A", "B"]
    assert names(order={"field": "FINISH"}) == ["B", "A", "C"]
    assert names(order={"field": "NAME", "direction": "ASC"}) == ["A", "B", "C"]
    assert names(order={"field": "PLANNED_START", "direction": "DESC"}) == ["A", "B", "C"]
    assert names(order={"field": "CREATED_AT", "direction": "ASC"}) == ["A", "C", "B"]
    assert names({"statuses": ["ACTIVE"]}, {"field": "NAME", "direction": "ASC"}) == ["B", "C"]
    assert names({"statuses": ["ACTIVE"], "plannedStart": {"from": "2027-03-09", "to": "2027-03-31"}}) == ["B"]



def test_projects_are_listed_by_planned_start_unless_ordered(server):
    admin, tag = ordering_projects(server)
    page = server.graphql(ORDERED, {"filter": {"query": tag}}, token=admin)["data"]["projects"]
    # "Projects, by planned start (latest first) unless `orderBy` says otherwise."
    assert [e["node"]["name"][-1] for e in page["edges"]] == ["A", "B", "C"]



def test_a_position_places_the_row_among_its_siblings(server):
    admin = server.sign_in(ADMIN)
    pid = empty_project(server, admin)["id"]
    add_task(server, admin, pid, "A")
    add_task(server, admin, pid, "B")
    # CreateProjectTaskInput.position: "Place among its siblings, from 0; last when null."
    first = add_task(server, admin, pid, "C", position=0)["project"]
    assert [r["name"] for r in first["gantt"]] == ["C", "A", "B"]
    assert {n: t["position"] for n, t in rows(first).items()} == {"C": 0, "A": 1, "B": 2}
    # UpdateProjectTaskInput.position: "Place among its siblings, from 0."
    b = rows(first)["B"]
    moved = ok(server.graphql(UPDATE_TASK, {"input": {"id": b["id"], "version": b["version"], "position": 0}}, token=admin),
               "updateProjectTask")["project"]
    assert [r["name"] for r in moved["gantt"]] == ["B", "C", "A"]
    assert {n: t["position"] for n, t in rows(moved).items()} == {"B": 0, "C": 1, "A": 2}


# --- 8. a won deal brings its project --------------------------------------------------------------

DEAL = "id title status version owner { email } client { id } project { id name plannedStart start finish manager { email } template { id } client { id } deal { id } gantt { name kind assignees { email } } }"
CREATE_DEAL = f"mutation($input: CreateDealInput!) {{ createDeal(input: $input) {{ deal {{ {DEAL} }} userErrors {{ field code }} }} }}"
WIN_DEAL = f"mutation($input: WinDealInput!) {{ winDeal(input: $input) {{ deal {{ {DEAL} }} userErrors {{ field code }} }} }}"
REOPEN_DEAL = f"mutation($input: ReopenDealInput!) {{ reopenDeal(input: $input) {{ deal {{ {DEAL} }} userErrors {{ field code }} }} }}"
PIPELINE = "id name version projectTemplateOnWin { id name tasks { key kind name assigneeRoles } }"


def demo_template(server, token):
    """The demo's template «Внедрение CRM» (no pipeline names it in the demo)."""
    edges = server.graphql(LIST_TEMPLATES.replace("node { id name }", "node { id name tasks { key kind name assigneeRoles } }"),
                           {"filter": {"query": "Внедрение CRM"}}, token=token)["data"]["projectTemplates"]["edges"]
    return next(e["node"] for e in edges if e["node"]["name"] == "Внедрение CRM")


def test_winning_a_deal_creates_its_project_once(server, admin_token):
    template = demo_template(server, admin_token)
    made = server.graphql(f"""mutation($input: CreatePipelineInput!) {{ createPipeline(input: $input) {{
        pipeline {{ {PIPELINE} }} userErrors {{ field code }} }} }}""", {"input": {
        "name": unique("E2E Rollout sales"), "stages": [{"name": "Lead"}, {"name": "Contract"}],
        "projectTemplateOnWinId": template["id"]}}, token=admin_token)
    sales = ok(made, "createPipeline")["pipeline"]
    assert sales["projectTemplateOnWin"]["id"] == template["id"]

    manager = server.sign_in(MANAGER)
    client = server.graphql('mutation($n: String!) { createClient(input: {kind: ORGANISATION, name: $n}) { client { id } } }',
                            {"n": unique("E2E Project client")}, token=manager)["data"]["createClient"]["client"]["id"]
    title = unique("E2E Won deal")
    deal = ok(server.graphql(CREATE_DEAL, {"input": {"title": title, "clientId": client, "pipelineId": sales["id"]}}, token=manager),
              "createDeal")["deal"]
    assert deal["project"] is None
    won = ok(server.graphql(WIN_DEAL, {"input": {"id": deal["id"], "version": deal["version"]}}, token=manager), "winDeal")["deal"]
    assert won["status"] == "WON"
    project = won["project"]
    assert project is not None
    # For the deal's client, managed by the deal's owner, starting today (on the default calendar).
    assert project["manager"] == {"email": MANAGER} and project["template"] == {"id": template["id"]}
    assert project["client"] == {"id": client} and project["deal"] == {"id": deal["id"]}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", project["plannedStart"]) and project["start"] >= project["plannedStart"]
    assert project["finish"] >= project["start"]
    assert [(r["name"], r["kind"]) for r in project["gantt"]] == [(t["name"], t["kind"]) for t in template["tasks"]]
    # The owner fills every role.
    for row, row_template in zip(project["gantt"], template["tasks"]):
        assert row["assignees"] == ([{"email": MANAGER}] if row_template["assigneeRoles"] else []), row

    # Reopened and won again: still the one project.
    reopened = ok(server.graphql(REOPEN_DEAL, {"input": {"id": deal["id"], "version": won["version"]}}, token=manager), "reopenDeal")["deal"]
    assert reopened["project"]["id"] == project["id"]
    again = ok(server.graphql(WIN_DEAL, {"input": {"id": deal["id"], "version": reopened["version"]}}, token=manager), "winDeal")["deal"]
    assert again["project"]["id"] == project["id"]
    listed = server.graphql(LIST_PROJECTS, {"filter": {"query": title, "deleted": "INCLUDE"}}, token=admin_token)["data"]["projects"]
    assert [e["node"]["id"] for e in listed["edges"]] == [project["id"]]


def test_a_pipeline_names_the_template_for_won_deals(server, admin_token):
    admin = admin_token
    pipeline = ok(server.graphql('mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { pipeline { id version } userErrors { field code } } }',
                                 {"input": {"name": unique("E2E Project pipeline"), "stages": [{"name": "Lead"}, {"name": "Offer"}]}}, token=admin),
                  "createPipeline")["pipeline"]
    template = create_template(server, admin, [{"key": "go", "name": "Go", "durationDays": 2, "assigneeRoles": ["owner"]},
                                               {"key": "free", "name": "Unassigned", "durationDays": 1}])
    update = f"mutation($input: UpdatePipelineInput!) {{ updatePipeline(input: $input) {{ pipeline {{ {PIPELINE} }} userErrors {{ field code }} }} }}"
    unknown = server.graphql(update, {"input": {"id": pipeline["id"], "version": pipeline["version"],
                                                "projectTemplateOnWinId": global_id("ProjectTemplate", 987654)}}, token=admin)["data"]["updatePipeline"]
    assert errors_of(unknown) == [(("input", "projectTemplateOnWinId"), "NOT_FOUND")]
    assert unknown["pipeline"]["projectTemplateOnWin"] is None
    # Only admins edit pipelines.
    refused = server.graphql(update, {"input": {"id": pipeline["id"], "version": pipeline["version"], "projectTemplateOnWinId": template["id"]}},
                             token=server.sign_in(PROJECT_OFFICE))
    assert codes(refused) == ["FORBIDDEN"], refused
    named = ok(server.graphql(update, {"input": {"id": pipeline["id"], "version": pipeline["version"],
                                                 "projectTemplateOnWinId": template["id"]}}, token=admin), "updatePipeline")["pipeline"]
    assert named["projectTemplateOnWin"]["id"] == template["id"]
    fetched = server.graphql(f'query($id: ID!) {{ node(id: $id) {{ ... on Pipeline {{ {PIPELINE} }} }} }}', {"id": pipeline["id"]},
                             token=server.sign_in(MANAGER))["data"]["node"]
    assert fetched["projectTemplateOnWin"]["id"] == template["id"]

    # A deal won there gets a project of that template, the owner in its role.
    manager = server.sign_in(MANAGER)
    deal = ok(server.graphql(CREATE_DEAL, {"input": {"title": unique("E2E Pipeline deal"), "pipelineId": pipeline["id"]}}, token=manager),
              "createDeal")["deal"]
    won = ok(server.graphql(WIN_DEAL, {"input": {"id": deal["id"], "version": deal["version"]}}, token=manager), "winDeal")["deal"]
    assert [(r["name"], r["assignees"]) for r in won["project"]["gantt"]] == [("Go", [{"email": MANAGER}]), ("Unassigned", [])]
    assert won["project"]["name"] == deal["title"]

    # null stops it: the next won deal has no project.
    stopped = ok(server.graphql(update, {"input": {"id": pipeline["id"], "version": named["version"], "projectTemplateOnWinId": None}},
                                token=admin), "updatePipeline")["pipeline"]
    assert stopped["projectTemplateOnWin"] is None
    plain = ok(server.graphql(CREATE_DEAL, {"input": {"title": unique("E2E No project"), "pipelineId": pipeline["id"]}}, token=manager),
               "createDeal")["deal"]
    plain_won = ok(server.graphql(WIN_DEAL, {"input": {"id": plain["id"], "version": plain["version"]}}, token=manager), "winDeal")["deal"]
    assert plain_won["project"] is None


# --- 9. notes --------------------------------------------------------------------------------------

def test_notes_on_a_project(server):
    admin = server.sign_in(ADMIN)
    supervisor = server.sign_in(PROJECT_OFFICE)
    project = empty_project(server, admin, token=supervisor)
    made = ok(server.graphql('mutation($input: CreateNoteInput!) { createNote(input: $input) { note { id body subject { __typename ... on Project { id } } } userErrors { field code } } }',
                             {"input": {"subject": {"projectId": project["id"]}, "body": "Kick-off agreed"}}, token=supervisor), "createNote")["note"]
    assert made["body"] == "Kick-off agreed" and made["subject"] == {"__typename": "Project", "id": project["id"]}
    notes = server.graphql('query($id: ID!) { node(id: $id) { ... on Project { notes { edges { node { id body } } } } } }',
                           {"id": project["id"]}, token=supervisor)["data"]["node"]["notes"]["edges"]
    assert [e["node"] for e in notes] == [{"id": made["id"], "body": "Kick-off agreed"}]
    # Someone who does not see the project cannot annotate it.
    hidden = server.graphql('mutation($input: CreateNoteInput!) { createNote(input: $input) { note { id } userErrors { field code } } }',
                            {"input": {"subject": {"projectId": project["id"]}, "body": "Peeking"}}, token=server.sign_in(MANAGER))
    assert hidden["data"]["createNote"] == {"note": None, "userErrors": [{"field": ["input", "subject"], "code": "NOT_FOUND"}]}
