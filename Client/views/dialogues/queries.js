// The GraphQL documents of the dialogues view.

const MESSAGE_FIELDS = `
  id direction authorKind authorName text sentAt deliveryStatus failureReason
  author { id }
  attachments { kind name url }`;

const DIALOGUE_FIELDS = `
  id kind title status unreadCount lastMessageAt version
  channel { id kind name }
  party { name handle phone email }
  client { id name }
  contact { id name }
  assignee { id name }
  lastMessage { id text direction authorName sentAt }`;

export const INBOX = `query Inbox($filter: DialogueFilter) {
  dialogues(first: 50, filter: $filter, orderBy: {field: LAST_MESSAGE_AT, direction: DESC}) {
    edges { node { ${DIALOGUE_FIELDS} } } } }`;

export const CONVERSATION = `query Conversation($id: ID!, $before: String) {
  node(id: $id) { ... on Dialogue { ${DIALOGUE_FIELDS}
    messages(last: 30, before: $before) { edges { node { ${MESSAGE_FIELDS} } } pageInfo { hasPreviousPage startCursor } } } } }`;

export const MESSAGE_RECEIVED = `subscription MessageReceived($after: ID) {
  messageReceived(after: $after) { eventId message { ${MESSAGE_FIELDS} } dialogue { ${DIALOGUE_FIELDS} } } }`;

export const MESSAGE_STATUS_CHANGED = `subscription MessageStatusChanged($after: ID) {
  messageStatusChanged(after: $after) { eventId message { id deliveryStatus failureReason dialogue { id } } previousStatus } }`;

export const DIALOGUE_ASSIGNED = `subscription DialogueAssigned($after: ID) {
  dialogueAssigned(after: $after) { eventId dialogue { ${DIALOGUE_FIELDS} } assignee { id } previousAssignee { id } } }`;

export const SEND_MESSAGE = `mutation SendMessage($input: SendMessageInput!) {
  sendMessage(input: $input) { message { ${MESSAGE_FIELDS} } dialogue { ${DIALOGUE_FIELDS} } userErrors { field message code } } }`;

export const MARK_READ = `mutation MarkDialogueRead($input: MarkDialogueReadInput!) {
  markDialogueRead(input: $input) { dialogue { id unreadCount } userErrors { field message code } } }`;

export const ASSIGN = `mutation AssignDialogue($input: AssignDialogueInput!) {
  assignDialogue(input: $input) { dialogue { ${DIALOGUE_FIELDS} } userErrors { field message code } } }`;

export const TEMPLATES = `query AnswerTemplates($filter: AnswerTemplateFilter) {
  answerTemplates(first: 50, filter: $filter) { edges { node { id name shortcut category body } } } }`;

export const RENDER_TEMPLATE = `query RenderTemplate($source: TemplateSource!, $context: TemplateContextInput) {
  renderTemplate(source: $source, context: $context) { text missing unknown } }`;

export const KNOWLEDGE_SEARCH = `query KnowledgeSearch($filter: KnowledgeArticleFilter) {
  knowledgeArticles(first: 8, filter: $filter) { totalCount edges { rank snippet node { id title category tags body } } } }`;

export const UNREAD_DIALOGUES = `query UnreadDialogues($filter: DialogueFilter) { dialogues(first: 1, filter: $filter) { totalCount } }`;

export const DIALOGUE_TOUCHED = `subscription DialogueTouched($after: ID) { messageReceived(after: $after) { eventId dialogue { id } } }`;

export const DIALOGUE_REASSIGNED = `subscription DialogueReassigned($after: ID) { dialogueAssigned(after: $after) { eventId dialogue { id } } }`;
