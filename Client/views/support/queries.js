// The GraphQL documents of the support view.

const DEADLINE = `id metric state dueAt remainingMinutes targetMinutes pausedAt metAt missedAt`;

const INQUIRY_FIELDS = `
  id number subject priority status category createdAt version timeSpentMinutes
  client { id name }
  assignee { id name }
  slaPolicy { id name warningLeadMinutes }
  slaDeadlines { ${DEADLINE} }`;

export const QUEUE = `query SupportQueue($filter: InquiryFilter) {
  inquiries(first: 100, filter: $filter, orderBy: {field: NEXT_DEADLINE, direction: ASC}) {
    totalCount edges { node { ${INQUIRY_FIELDS} } } } }`;

export const INQUIRY = `query Inquiry($id: ID!) {
  node(id: $id) { ... on Inquiry { ${INQUIRY_FIELDS} description
    contact { id name }
    dialogue { id }
    timeEntries(first: 50) { totalCount edges { node { id date minutes note user { id name } createdAt } } } } } }`;

export const SLA_APPROACHING = `subscription SlaApproaching($after: ID) {
  slaDeadlineApproaching(after: $after) { eventId minutesLeft deadline { ${DEADLINE} } inquiry { ${INQUIRY_FIELDS} } } }`;

export const SLA_BREACHED = `subscription SlaBreached($after: ID) {
  slaBreached(after: $after) { eventId deadline { ${DEADLINE} } inquiry { ${INQUIRY_FIELDS} } } }`;

export const INQUIRY_CHANGED = `subscription InquiryChanged($after: ID) {
  inquiryChanged(after: $after) { eventId change inquiry { ${INQUIRY_FIELDS} } } }`;

export const LOG_TIME = `mutation LogTime($input: CreateTimeEntryInput!) {
  createTimeEntry(input: $input) {
    timeEntry { id date minutes note user { id name } createdAt inquiry { id timeSpentMinutes } }
    userErrors { field message code } } }`;
