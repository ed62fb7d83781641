// The GraphQL documents of the "My affairs" view.

const TASK_FIELDS = `
  id title description kind status priority version
  dueDate dueAt startAt durationMinutes timeBound overdue
  reminders { remindAt minutesBefore sentAt }
  assignee { id name }
  client { id name }
  deal { id title }
  project { id name }`;

export const ME_ZONE = `query AffairsMe { me { id timeZone } }`;

export const TASK_LISTS = `query AffairsLists($overdue: TaskFilter!, $today: TaskFilter!) {
  overdue: tasks(first: 100, filter: $overdue, orderBy: {field: DUE, direction: ASC}) { totalCount edges { node { ${TASK_FIELDS} } } }
  today: tasks(first: 100, filter: $today, orderBy: {field: DUE, direction: ASC}) { totalCount edges { node { ${TASK_FIELDS} } } } }`;

export const DAY_SLOTS = `query AffairsDay($filter: TaskFilter!) {
  tasks(first: 100, filter: $filter, orderBy: {field: DUE, direction: ASC}) { edges { node { ${TASK_FIELDS} invitees { id name } } } } }`;

export const COMPLETE_TASK = `mutation AffairsComplete($input: CompleteTaskInput!) {
  completeTask(input: $input) { task { id status completedAt result version } userErrors { field message code } } }`;

export const TASK_DUE = `subscription AffairsTaskDue($after: ID) {
  taskDue(after: $after) { eventId occurredAt reason reminder { remindAt minutesBefore } task { ${TASK_FIELDS} } } }`;
