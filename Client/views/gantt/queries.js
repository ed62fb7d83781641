// The GraphQL documents of the project Gantt view.

export const PROJECTS = `query GanttProjects {
  projects(first: 100, orderBy: {field: PLANNED_START, direction: DESC}) {
    edges { node { id name status start finish } } } }`;

// The plan as the chart needs it: rows in plan order with the critical path and float the API
// computed, each task's version (for moves) and late dates (for the float), the calendar's days off.
const PLAN = `
  id name status plannedStart start finish progress
  client { id name }
  manager { id name }
  calendar { id name timeZone week { weekday intervals { start end } } specialDays { date kind name } }
  gantt { id parentId name kind start finish progress critical totalFloat
          dependencies { predecessorId type lagDays } assignees { id name } }
  tasks(first: 100) { edges { node { id version durationDays startNoEarlierThan earlyStart earlyFinish lateStart lateFinish } } }`;

export const PROJECT_PLAN = `query GanttPlan($id: ID!) {
  node(id: $id) { ... on Project { ${PLAN} } } }`;

export const MOVE_TASK = `mutation GanttMove($input: MoveProjectTaskInput!) {
  moveProjectTask(input: $input) {
    projectTask { id start finish version startNoEarlierThan }
    rescheduled { id start finish }
    project { ${PLAN} }
    userErrors { field message code } } }`;
