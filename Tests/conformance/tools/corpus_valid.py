"""Valid operation documents of the conformance corpus: what the CRM console and integrations send.

Each entry is (file name without extension, document text). generate_corpus.py writes them to
corpus/valid/ and checks with graphql-core that they are valid.
"""

from graphql import get_introspection_query

VALID: list[tuple[str, str]] = []


def doc(name: str, text: str) -> None:
    VALID.append((name, text.strip("\n") + "\n"))


# =================================================================================================
# Session, users and access
# =================================================================================================

doc("query-me", """
# The console's start-up query: who am I, and what may I see.
query Me {
  me {
    id
    name
    email
    role
    timeZone
    locale
    presence
    presenceChoice
    department { id name }
  }
}
""")

doc("query-users-by-role", """
query UsersByRole($roles: [UserRole!], $first: Int = 50, $after: String) {
  users(first: $first, after: $after, filter: {roles: $roles, deleted: EXCLUDE}, orderBy: {field: NAME, direction: ASC}) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node { id name email role extension presence onCall openDialogueCount }
    }
  }
}
""")

doc("query-users-backward-paging", """
query UsersPreviousPage($before: String!) {
  users(last: 20, before: $before) {
    pageInfo { hasPreviousPage startCursor }
    edges { node { id name } }
  }
}
""")

doc("query-departments-with-members", """
query Departments {
  departments(first: 100) {
    edges {
      node {
        id
        name
        head { id name }
        members { id name role presence }
        version
      }
    }
  }
}
""")

doc("query-api-tokens", """
query ApiTokens($includeRevoked: Boolean = false) {
  apiTokens(filter: {includeRevoked: $includeRevoked}) {
    totalCount
    edges {
      node {
        id
        name
        prefix
        scopes
        createdAt
        expiresAt
        lastUsedAt
        revokedAt
        actsAs { id name }
        createdBy { kind name user { id } apiToken { id name } }
      }
    }
  }
}
""")

doc("mutation-sign-in", """
mutation SignIn($email: String!, $password: String!) {
  signIn(input: {email: $email, password: $password, deviceName: "Switchboard Desktop"}) {
    token
    session { id createdAt expiresAt deviceName user { id name } }
    user { id name role }
    userErrors { field message code }
  }
}
""")

doc("mutation-sign-out-everywhere", """
mutation { signOut(input: {everywhere: true}) { endedSessionCount userErrors { message code } } }
""")

doc("mutation-change-password", """
mutation ChangePassword($current: String!, $new: String!) {
  changePassword(input: {currentPassword: $current, newPassword: $new}) {
    user { id updatedAt }
    userErrors { field message code }
  }
}
""")

doc("mutation-create-api-token", """
mutation CreateApiToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token
    apiToken { id name prefix scopes expiresAt }
    userErrors { field message code }
  }
}
""")

doc("mutation-create-api-token-literal", """
mutation {
  createApiToken(input: {name: "1C exchange", scopes: [READ, WRITE], expiresAt: "2026-01-01T00:00:00Z"}) {
    token
    apiToken { id }
    userErrors { code }
  }
}
""")

doc("mutation-revoke-api-token", """
mutation Revoke($id: ID!) { revokeApiToken(input: {id: $id}) { apiToken { id revokedAt } userErrors { code } } }
""")

doc("mutation-create-user", """
mutation CreateUser {
  createUser(input: {
    name: "Anna Petrova"
    email: "Anna.Petrova@Example.ru"
    password: "correct horse battery staple"
    role: OPERATOR
    phone: "+7 (495) 123-45-67"
    extension: "204"
    timeZone: "Europe/Moscow"
    locale: "ru"
  }) {
    user { id name email phone extension }
    userErrors { field message code }
  }
}
""")

doc("mutation-update-user-patch", """
mutation UpdateUser($id: ID!, $version: Int!, $departmentId: ID) {
  updateUser(input: {id: $id, version: $version, departmentId: $departmentId, position: null}) {
    user { id version department { id name } position }
    userErrors { field message code }
  }
}
""")

doc("mutation-delete-restore-user", """
mutation DeleteUser($id: ID!, $version: Int) {
  deleteUser(input: {id: $id, version: $version}) { user { id deletedAt } userErrors { code } }
}

mutation RestoreUser($id: ID!) {
  restoreUser(input: {id: $id}) { user { id deletedAt } userErrors { code } }
}
""")

doc("mutation-set-presence", """
mutation SetPresence($presence: PresenceChoice!) {
  setPresence(input: {presence: $presence}) {
    user { id presence presenceChoice presenceChangedAt }
    userErrors { code message }
  }
}
""")

doc("mutation-departments", """
mutation CreateDepartment {
  createDepartment(input: {name: "Key accounts", headId: "VXNlcjox"}) {
    department { id name head { name } }
    userErrors { field code }
  }
}

mutation RenameDepartment($id: ID!, $version: Int!) {
  updateDepartment(input: {id: $id, version: $version, name: "Enterprise"}) {
    department { id name version }
    userErrors { field code }
  }
}
""")

# =================================================================================================
# Clients and contacts
# =================================================================================================

doc("query-clients-list", """
query Clients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder) {
  clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor
      node {
        ...ClientRow
      }
    }
  }
}

fragment ClientRow on Client {
  id
  kind
  status
  name
  inn
  owner { id name }
  tags
  phones { number kind primary }
  emails { address kind primary }
  updatedAt
}
""")

doc("query-clients-default-filter", """
query ProspectsByTag($filter: ClientFilter = {statuses: [PROSPECT], tags: ["vip"], deleted: EXCLUDE}) {
  clients(filter: $filter, orderBy: {field: UPDATED_AT, direction: DESC}) {
    edges { node { id name status tags } }
  }
}
""")

doc("query-clients-literal-filter", """
{
  clients(
    first: 100
    filter: {
      query: "ООО \\"Ромашка\\""
      kinds: [ORGANISATION]
      industries: ["Retail", "E-commerce"]
      createdAt: {from: "2025-01-01T00:00:00Z", to: "2025-03-31T23:59:59.999+03:00"}
    }
  ) {
    totalCount
    edges { node { id name legalName industry createdAt } }
  }
}
""")

doc("query-client-by-id", """
query ClientCard($id: ID!) {
  client(by: {id: $id}) {
    id
    kind
    status
    convertedAt
    name
    legalName
    inn
    webDomain
    industry
    source
    campaign
    address
    customFields
    owner { id name presence }
    tags
    phones { number kind primary }
    emails { address kind primary }
    messengers { messenger handle }
    contacts(first: 50) { totalCount edges { node { id name position phones { number } } } }
    deals(filter: {statuses: [OPEN]}) { totalCount edges { node { id title amount currency stage { name color } } } }
    tasks(filter: {statuses: [OPEN, IN_PROGRESS]}, orderBy: {field: DUE, direction: ASC}) {
      edges { node { id title dueAt overdue assignee { name } } }
    }
    timeSpentMinutes(period: {from: "2025-01-01", to: "2025-12-31"})
    createdAt
    createdBy { kind name }
    version
  }
}
""")

doc("query-client-by-phone", """
query ClientByPhone($phone: String!) {
  client(by: {phone: $phone}) { id name phones { number } }
}
""")

doc("query-client-by-lookup-variable", """
query ClientByLookup($by: ClientLookup!) {
  client(by: $by) { id name }
}
""")

doc("query-client-by-lookup-default", """
# A nullable variable with a non-null default may be used where a non-null type is expected.
query ClientByInn($by: ClientLookup = {inn: "7707083893"}) {
  client(by: $by) { id name inn }
}
""")

doc("query-client-by-literal-lookups", """
query ClientLookups {
  byEmail: client(by: {email: "info@romashka.ru"}) { id name }
  byInn: client(by: {inn: "7707083893"}) { id name }
  byDomain: client(by: {webDomain: "romashka.ru"}) { id name }
}
""")

doc("query-client-timeline", """
query ClientTimeline($id: ID!, $after: String, $kinds: [TimelineItemKind!]) {
  client(by: {id: $id}) {
    id
    timeline(first: 30, after: $after, filter: {kinds: $kinds}) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          kind
          action
          occurredAt
          summary
          actor { kind name user { id name } }
          record {
            __typename
            ... on Node { id }
            ... on Client { name }
            ... on Contact { name }
            ... on Deal { title stage { name } }
            ... on DealStageChange { fromStage { name } toStage { name } }
            ... on Task { title taskStatus: status }
            ... on Note { body pinned }
            ... on File { name contentType size }
            ... on Call { callDirection: direction callStatus: status durationSeconds }
            ... on Message { messageDirection: direction text }
            ... on Dialogue { channel { kind } dialogueStatus: status }
            ... on Inquiry { number subject inquiryStatus: status }
            ... on Project { name projectStatus: status }
          }
        }
      }
    }
  }
}
""")

doc("query-client-history", """
query ClientHistory($id: ID!) {
  client(by: {id: $id}) {
    history(first: 50, filter: {fields: ["status", "owner"], actorKinds: [USER, API_TOKEN]}) {
      totalCount
      edges {
        node { field oldValue newValue changedAt version actor { kind name } }
      }
    }
  }
}
""")

doc("query-contacts", """
query Contacts($clientId: ID!, $first: Int = 20) {
  contacts(first: $first, filter: {clientIds: [$clientId]}, orderBy: {field: NAME, direction: ASC}) {
    totalCount
    edges {
      node {
        id
        firstName
        middleName
        lastName
        name
        position
        birthday
        phones { number kind }
        emails { address }
        messengers { messenger handle }
        client { id name }
      }
    }
  }
}
""")

doc("mutation-create-client", """
mutation CreateClient($input: CreateClientInput!) {
  createClient(input: $input) {
    client { id name status kind version }
    userErrors { field message code }
  }
}
""")

doc("mutation-create-client-literal", """
mutation CreateOrganisation {
  createClient(input: {
    kind: ORGANISATION
    status: PROSPECT
    name: "Romashka"
    legalName: "ООО «Ромашка»"
    inn: "7707083893"
    webDomain: "romashka.ru"
    tags: ["vip", "retail"]
    phones: [{number: "8 (495) 123-45-67", kind: WORK, primary: true}, {number: "+79001234567", kind: MOBILE}]
    emails: [{address: "INFO@romashka.ru", kind: WORK, primary: true}]
    messengers: [{messenger: TELEGRAM, handle: "@romashka"}]
    customFields: {segment: "B2B", employees: 120, regions: ["MSK", "SPB"], vat: true, parent: null}
  }) {
    client { id phones { number } emails { address } customFields }
    userErrors { field message code }
  }
}
""")

doc("mutation-update-client", """
mutation UpdateClient($id: ID!, $version: Int!, $tags: [String!], $ownerId: ID) {
  updateClient(input: {id: $id, version: $version, tags: $tags, ownerId: $ownerId, address: null}) {
    client { id version tags owner { id name } address }
    userErrors { field message code }
  }
}
""")

doc("mutation-convert-prospect", """
mutation Convert($id: ID!, $version: Int!) {
  updateClient(input: {id: $id, version: $version, status: CLIENT}) {
    client { id status convertedAt }
    userErrors { code }
  }
}
""")

doc("mutation-delete-restore-client", """
mutation DeleteClient($id: ID!, $version: Int) {
  deleteClient(input: {id: $id, version: $version}) {
    client { id deletedAt }
    userErrors { code message }
  }
}

mutation RestoreClient($id: ID!) {
  restoreClient(input: {id: $id}) {
    client { id deletedAt }
    userErrors { code message }
  }
}
""")

doc("mutation-create-contact", """
mutation CreateContact($clientId: ID) {
  createContact(input: {
    firstName: "Ivan"
    lastName: "Sidorov"
    clientId: $clientId
    position: "CFO"
    phones: [{number: "+7 916 000-00-00"}]
    emails: [{address: "i.sidorov@example.ru", kind: WORK}]
    birthday: "1980-04-12"
  }) {
    contact { id name client { id } birthday }
    userErrors { field message code }
  }
}
""")

doc("mutation-update-delete-contact", """
mutation UpdateContact($input: UpdateContactInput!) {
  updateContact(input: $input) { contact { id version name } userErrors { field code } }
}

mutation DeleteContact($id: ID!) {
  deleteContact(input: {id: $id}) { contact { id deletedAt } userErrors { code } }
}

mutation RestoreContact($id: ID!) {
  restoreContact(input: {id: $id}) { contact { id deletedAt } userErrors { code } }
}
""")

# =================================================================================================
# Node, search and abstract types
# =================================================================================================

doc("query-node-interfaces", """
query NodeCard($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Auditable {
      createdAt
      updatedAt
      version
      deletedAt
      createdBy { kind name }
    }
    ... on Annotatable {
      notes(first: 5) { totalCount edges { node { id body pinned } } }
      files(first: 5) { totalCount edges { node { id name url } } }
    }
    ... on Client { name status }
    ... on Deal { title amount }
  }
}
""")

doc("query-nodes-batch", """
query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    id
    ...NodeLabel
  }
}

fragment NodeLabel on Node {
  ... on User { name }
  ... on Client { name }
  ... on Contact { name }
  ... on Deal { title }
  ... on Task { title }
  ... on Inquiry { number subject }
  ... on Project { name }
}
""")

doc("query-nodes-literal-list", """
# An Int literal is a valid ID; a single value is coerced to a one-element list.
query {
  a: nodes(ids: ["Q2xpZW50OjE=", 42]) { id }
  b: nodes(ids: "Q2xpZW50OjI=") { id }
  c: node(id: 7) { id }
}
""")

doc("query-search-union", """
query Search($query: String!, $kinds: [SearchResultKind!], $after: String) {
  search(query: $query, kinds: $kinds, first: 25, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      rank
      matchedFields
      highlight
      node {
        __typename
        ... on Client { id name inn phones { number } }
        ... on Contact { id name client { name } }
        ... on Deal { id title stage { name } }
      }
    }
  }
}
""")

doc("query-search-single-kind", """
query SearchDeals {
  search(query: "поставка", kinds: DEAL) {
    edges { node { ... on Deal { id title } } }
  }
}
""")

doc("query-search-shared-alias", """
# The same response name on mutually exclusive types, with the same return type, merges.
query SearchLabels($q: String!) {
  search(query: $q) {
    edges {
      node {
        ... on Client { label: name }
        ... on Contact { label: name }
        ... on Deal { label: title }
      }
    }
  }
}
""")

doc("query-search-interface-fragments", """
query SearchAudit($q: String!) {
  search(query: $q) {
    edges {
      node {
        ... on Node { id }
        ... on Auditable { updatedAt version }
        ... on Annotatable { notes(first: 1) { totalCount } }
        ...SearchOwner
      }
    }
  }
}

fragment SearchOwner on SearchResult {
  ... on Client { owner { id } }
  ... on Contact { owner { id } }
  ... on Deal { owner { id } }
}
""")

doc("query-typename-everywhere", """
{
  __typename
  me { __typename id }
  search(query: "a") { __typename edges { __typename node { __typename } } }
}
""")

doc("query-file-subject", """
query FileSubject($id: ID!) {
  node(id: $id) {
    ... on File {
      name
      subject {
        __typename
        id
        ... on Client { name }
        ... on Deal { title }
        notes(first: 3) { edges { node { body } } }
      }
    }
  }
}
""")

# =================================================================================================
# Pipelines and deals
# =================================================================================================

doc("query-pipelines", """
query Pipelines {
  pipelines(first: 20, filter: {deleted: EXCLUDE}) {
    edges {
      node {
        id
        name
        description
        position
        isDefault
        defaultCurrency
        stages { id name position probability color stallDays }
        projectTemplateOnWin { id name }
      }
    }
  }
}
""")

doc("query-deal-board", """
query DealBoard($pipelineId: ID!, $perStage: Int = 30, $owners: [ID!]) {
  node(id: $pipelineId) {
    ... on Pipeline {
      id
      name
      stages {
        id
        name
        color
        probability
        deals(first: $perStage, filter: {statuses: OPEN, ownerIds: $owners}, orderBy: {field: STAGE_ENTERED_AT, direction: ASC}) {
          totalCount
          edges { node { ...DealCard } }
        }
      }
    }
  }
}

fragment DealCard on Deal {
  id
  title
  amount
  currency
  expectedCloseDate
  stalled
  stalledSince
  owner { id name }
  client { id name }
  contact { id name }
}
""")

doc("query-deals-filtered", """
query Deals($filter: DealFilter!, $order: DealOrder = {field: AMOUNT, direction: DESC}) {
  deals(first: 50, filter: $filter, orderBy: $order) {
    totalCount
    edges { node { id title amount currency status probability closedAt lossReason } }
  }
}
""")

doc("query-deal-details", """
query DealDetails($id: ID!) {
  node(id: $id) {
    ... on Deal {
      ...DealCard
      status
      lossReason
      customFields
      stageEnteredAt
      pipeline { id name }
      stage { id name }
      inquiry { id number }
      project { id name progress }
      stageHistory(first: 20) {
        edges {
          node {
            id
            fromStage { name }
            toStage { name }
            fromStatus
            toStatus
            changedAt
            secondsInPreviousStage
            actor { kind name }
          }
        }
      }
      tasks(first: 10) { edges { node { id title status } } }
    }
  }
}

fragment DealCard on Deal {
  id
  title
  amount
  currency
  owner { id name }
  client { id name }
}
""")

doc("mutation-create-pipeline", """
mutation CreatePipeline {
  createPipeline(input: {
    name: "Wholesale"
    isDefault: false
    defaultCurrency: "RUB"
    stages: [
      {name: "Lead", probability: 10, color: "#9e9e9e"}
      {name: "Offer", probability: 40, stallDays: 14}
      {name: "Contract", probability: 80}
    ]
  }) {
    pipeline { id stages { id name } }
    userErrors { field message code }
  }
}
""")

doc("mutation-pipeline-stages", """
mutation AddStage($pipelineId: ID!) {
  createPipelineStage(input: {pipelineId: $pipelineId, name: "Negotiation", position: 2, probability: 60}) {
    stage { id name position }
    pipeline { id stages { id } }
    userErrors { field code }
  }
}

mutation ReorderStages($id: ID!, $version: Int!, $stageIds: [ID!]!) {
  reorderPipelineStages(input: {id: $id, version: $version, stageIds: $stageIds}) {
    pipeline { id version stages { id position } }
    userErrors { field code }
  }
}

mutation UpdateStage($id: ID!, $version: Int!) {
  updatePipelineStage(input: {id: $id, version: $version, stallDays: null, color: "#ff9800"}) {
    stage { id stallDays color }
    userErrors { code }
  }
}
""")

doc("mutation-create-deal", """
mutation CreateDeal($title: String!, $clientId: ID, $amount: Decimal) {
  createDeal(input: {title: $title, clientId: $clientId, amount: $amount, currency: "RUB", expectedCloseDate: "2025-06-30"}) {
    deal { id title amount stage { id name } pipeline { id } }
    userErrors { field message code }
  }
}
""")

doc("mutation-decimal-literals", """
# Decimal is a custom scalar: graphql-core accepts any literal for it during validation.
mutation {
  a: winDeal(input: {id: "RGVhbDox", version: 3, amount: "125000.50"}) { deal { id amount } userErrors { code } }
  b: updateDeal(input: {id: "RGVhbDoy", version: 1, amount: 990}) { deal { id amount } userErrors { code } }
}
""")

doc("mutation-move-deal", """
mutation MoveDeal($id: ID!, $version: Int!, $stageId: ID!) {
  moveDeal(input: {id: $id, version: $version, stageId: $stageId}) {
    deal { id version stage { id name } stageEnteredAt }
    stageChange { id fromStage { id } toStage { id } secondsInPreviousStage }
    userErrors { field message code }
  }
}
""")

doc("mutation-win-lose-reopen", """
mutation Win($id: ID!, $version: Int!, $amount: Decimal) {
  winDeal(input: {id: $id, version: $version, amount: $amount}) {
    deal { id status closedAt project { id } }
    userErrors { code }
  }
}

mutation Lose($id: ID!, $version: Int!, $reason: String!) {
  loseDeal(input: {id: $id, version: $version, lossReason: $reason}) {
    deal { id status lossReason }
    userErrors { code }
  }
}

mutation Reopen($id: ID!, $version: Int!) {
  reopenDeal(input: {id: $id, version: $version}) {
    deal { id status }
    userErrors { code }
  }
}
""")

# =================================================================================================
# Tasks
# =================================================================================================

doc("query-my-tasks", """
query MyTasks($me: ID!, $withDeal: Boolean = true) {
  tasks(first: 50, filter: {assigneeIds: [$me], statuses: [OPEN, IN_PROGRESS], overdue: false}, orderBy: {field: DUE, direction: ASC}) {
    edges {
      node {
        id
        title
        kind
        priority
        status
        dueDate
        dueAt
        startAt
        durationMinutes
        timeBound
        overdue
        reminders { remindAt minutesBefore sentAt }
        deal @include(if: $withDeal) { id title }
        client { id name }
      }
    }
  }
}
""")

doc("query-overdue-tasks", """
query Overdue($now: DateTime!) {
  tasks(filter: {due: {to: $now}, statuses: [OPEN], overdue: true}) {
    totalCount
    edges { node { id title dueAt assignee { id name } } }
  }
}
""")

doc("mutation-create-task-due-date", """
mutation CreateTask {
  createTask(input: {
    title: "Call back about the invoice"
    kind: CALL_BACK
    priority: HIGH
    schedule: {dueDate: "2025-03-20"}
    reminders: [{minutesBefore: 30}, {at: "2025-03-20T08:00:00Z"}]
    clientId: "Q2xpZW50OjE="
  }) {
    task { id dueDate reminders { remindAt } }
    userErrors { field message code }
  }
}
""")

doc("mutation-create-task-time-slot", """
mutation CreateMeeting($start: DateTime!, $minutes: Int!, $invitees: [ID!]) {
  createTask(input: {
    title: "Demo meeting"
    kind: MEETING
    schedule: {timeSlot: {startAt: $start, durationMinutes: $minutes}}
    inviteeIds: $invitees
  }) {
    task { id startAt durationMinutes timeBound invitees { id name } }
    userErrors { field code }
  }
}
""")

doc("mutation-create-task-oneof-variable", """
mutation CreateTaskDueAt($dueAt: DateTime!, $reminder: ReminderInput!) {
  createTask(input: {title: "Send the offer", schedule: {dueAt: $dueAt}, reminders: [$reminder]}) {
    task { id dueAt }
    userErrors { code }
  }
}
""")

doc("mutation-create-task-schedule-variable", """
mutation CreateTaskWithSchedule($input: CreateTaskInput!) {
  createTask(input: $input) { task { id } userErrors { code } }
}
""")

doc("mutation-update-complete-task", """
mutation UpdateTask($id: ID!, $version: Int!, $schedule: TaskScheduleInput) {
  updateTask(input: {id: $id, version: $version, schedule: $schedule, status: IN_PROGRESS}) {
    task { id status dueAt dueDate }
    userErrors { field code }
  }
}

mutation CompleteTask($id: ID!, $version: Int!, $result: String) {
  completeTask(input: {id: $id, version: $version, result: $result}) {
    task { id status completedAt result }
    userErrors { code }
  }
}
""")

doc("mutation-delete-task", """
mutation { deleteTask(input: {id: "VGFzazox"}) { task { id deletedAt } userErrors { code } } }
""")

# =================================================================================================
# Notes and files
# =================================================================================================

doc("mutation-create-note", """
mutation AddNote($dealId: ID!, $body: String!) {
  createNote(input: {subject: {dealId: $dealId}, body: $body, pinned: true}) {
    note { id body pinned subject { id } createdBy { name } }
    userErrors { field message code }
  }
}
""")

doc("mutation-create-note-block-string", '''
mutation {
  createNote(input: {subject: {clientId: "Q2xpZW50OjE="}, body: """
    Met at the expo.
      - wants 3 licences
      - call back in "April"
  """}) {
    note { id body }
    userErrors { code }
  }
}
''')

doc("mutation-note-update-delete", """
mutation EditNote($id: ID!, $version: Int!) {
  updateNote(input: {id: $id, version: $version, pinned: false}) { note { id pinned version } userErrors { code } }
}

mutation RemoveNote($id: ID!) {
  deleteNote(input: {id: $id}) { note { id deletedAt } userErrors { code } }
}
""")

doc("mutation-file-upload-and-attach", """
mutation StartUpload($name: String!, $type: String!, $size: Int!) {
  createFileUpload(input: {name: $name, contentType: $type, size: $size}) {
    upload { id uploadUrl expiresAt maxSize }
    userErrors { field code }
  }
}

mutation Attach($uploadId: ID!, $subject: AnnotatableRef!) {
  attachFile(input: {uploadId: $uploadId, subject: $subject}) {
    file { id name contentType size sha256 url subject { id } }
    userErrors { field code }
  }
}
""")

doc("query-record-files", """
query Files($id: ID!, $after: String) {
  node(id: $id) {
    ... on Annotatable {
      files(first: 20, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { id name contentType size url createdAt createdBy { name } } }
      }
    }
  }
}
""")

# =================================================================================================
# Channels, dialogues and messages
# =================================================================================================

doc("query-channels", """
query Channels {
  channels(filter: {enabled: true, kinds: [TELEGRAM, EMAIL, WEB_CHAT]}) {
    edges {
      node {
        id
        name
        kind
        enabled
        autoAssign
        maxOpenDialoguesPerOperator
        createInquiries
        slaPolicy { id name }
        operators { id name }
        accounts { id name status lastError lastEventAt webhookUrl settings credentialKeys }
      }
    }
  }
}
""")

doc("query-inbox", """
query Inbox($statuses: [DialogueStatus!] = [OPEN, WAITING], $unassigned: Boolean, $after: String) {
  dialogues(first: 40, after: $after, filter: {statuses: $statuses, unassigned: $unassigned, kinds: [CLIENT]}, orderBy: {field: LAST_MESSAGE_AT, direction: DESC}) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        kind
        title
        status
        unreadCount
        queuedSince
        lastMessageAt
        channel { id kind name }
        assignee { id name }
        client { id name }
        contact { id name }
        party { name handle phone email }
        lastMessage { id text direction sentAt deliveryStatus }
      }
    }
  }
}
""")

doc("query-dialogue-messages", """
query DialogueMessages($id: ID!, $before: String) {
  node(id: $id) {
    ... on Dialogue {
      id
      title
      members { id name }
      messages(last: 50, before: $before) {
        pageInfo { hasPreviousPage startCursor }
        edges {
          node {
            id
            direction
            authorKind
            author { id name }
            authorName
            subject
            text
            html
            attachments { kind name contentType size url }
            replyTo { id text }
            externalId
            sentAt
            deliveryStatus
            deliveryStatusChangedAt
            failureReason
            template { id name }
          }
        }
      }
    }
  }
}
""")

doc("mutation-send-message", """
mutation SendMessage($dialogueId: ID!, $text: String, $uploadId: ID!, $key: String) {
  sendMessage(input: {
    dialogueId: $dialogueId
    text: $text
    attachments: [{uploadId: $uploadId}, {fileId: "RmlsZTox"}]
    dialogueStatus: WAITING
    idempotencyKey: $key
  }) {
    message { id sentAt deliveryStatus attachments { name url } }
    dialogue { id status unreadCount }
    userErrors { field message code }
  }
}
""")

doc("mutation-start-dialogue", """
mutation StartDialogue($account: ID!, $contactId: ID) {
  startDialogue(input: {channelAccountId: $account, contactId: $contactId, subject: "Your order", text: "Hello! Your order has shipped."}) {
    message { id }
    dialogue { id channel { kind } }
    userErrors { field code }
  }
}
""")

doc("mutation-dialogue-workflow", """
mutation Assign($id: ID!, $version: Int!, $assigneeId: ID) {
  assignDialogue(input: {id: $id, version: $version, assigneeId: $assigneeId}) {
    dialogue { id assignee { id name } }
    userErrors { code }
  }
}

mutation Close($id: ID!, $version: Int!) {
  setDialogueStatus(input: {id: $id, version: $version, status: CLOSED}) {
    dialogue { id status }
    userErrors { code }
  }
}

mutation Match($id: ID!, $version: Int!, $clientId: ID, $contactId: ID) {
  matchDialogue(input: {id: $id, version: $version, clientId: $clientId, contactId: $contactId, rememberParty: true}) {
    dialogue { id client { id } contact { id } }
    userErrors { code }
  }
}

mutation Read($id: ID!, $upTo: ID) {
  markDialogueRead(input: {id: $id, upToMessageId: $upTo}) { dialogue { id unreadCount } userErrors { code } }
}
""")

doc("mutation-internal-chats", """
mutation DirectChat($userId: ID!) {
  openDirectChat(input: {userId: $userId}) { dialogue { id kind members { id } } userErrors { code } }
}

mutation GroupChat($title: String!, $members: [ID!]!) {
  createGroupChat(input: {title: $title, memberIds: $members}) { dialogue { id title } userErrors { code } }
}

mutation RenameGroupChat($id: ID!, $version: Int!) {
  updateGroupChat(input: {id: $id, version: $version, title: "Sales floor", addMemberIds: ["VXNlcjoy"], removeMemberIds: []}) {
    dialogue { id title members { id } }
    userErrors { code }
  }
}
""")

doc("mutation-channels-admin", """
mutation CreateChannel {
  createChannel(input: {name: "Telegram support", kind: TELEGRAM, operatorIds: ["VXNlcjox"], autoAssign: true, maxOpenDialoguesPerOperator: 8}) {
    channel { id kind }
    userErrors { field code }
  }
}

mutation ConnectBot($channelId: ID!, $token: String!) {
  createChannelAccount(input: {channelId: $channelId, name: "@switchboard_bot", credentials: {botToken: $token}, settings: {greeting: "Hi!"}}) {
    channelAccount { id status webhookUrl credentialKeys }
    userErrors { field code }
  }
}
""")

# =================================================================================================
# Answer templates and knowledge base
# =================================================================================================

doc("query-answer-templates", """
query Templates($channelKind: ChannelKind) {
  answerTemplates(first: 100, filter: {channelKind: $channelKind}) {
    edges { node { id name body shortcut category channelKinds shared placeholders } }
  }
}
""")

doc("query-render-template-oneof", """
query Render($templateId: ID!, $dialogueId: ID) {
  byId: renderTemplate(source: {templateId: $templateId}, context: {dialogueId: $dialogueId}) { text missing unknown }
  byText: renderTemplate(source: {text: "Hello, {{contact.firstName}}!"}) { text missing unknown }
}
""")

doc("query-render-template-variable", """
query Preview($source: TemplateSource!, $context: TemplateContextInput) {
  renderTemplate(source: $source, context: $context) { text missing unknown }
}
""")

doc("mutation-answer-templates", """
mutation CreateTemplate {
  createAnswerTemplate(input: {name: "Greeting", body: "Hello, {{contact.firstName}}!", shortcut: "/hi", channelKinds: [TELEGRAM, VIBER], shared: true}) {
    answerTemplate { id placeholders }
    userErrors { field code }
  }
}

mutation UpdateTemplate($id: ID!, $version: Int!) {
  updateAnswerTemplate(input: {id: $id, version: $version, channelKinds: EMAIL}) {
    answerTemplate { id channelKinds }
    userErrors { code }
  }
}
""")

doc("query-knowledge-base", """
query KnowledgeBase($q: String, $tags: [String!]) {
  knowledgeArticles(first: 10, filter: {query: $q, tags: $tags, published: true}, orderBy: {field: UPDATED_AT, direction: DESC}) {
    totalCount
    edges { rank snippet node { id title category tags published updatedAt } }
  }
}
""")

doc("mutation-knowledge-article", """
mutation Publish($id: ID!, $version: Int!) {
  updateKnowledgeArticle(input: {id: $id, version: $version, published: true}) {
    knowledgeArticle { id published version }
    userErrors { code }
  }
}

mutation Draft {
  createKnowledgeArticle(input: {title: "Refund policy", body: "# Refunds\\n\\nWithin 14 days.", tags: ["billing"]}) {
    knowledgeArticle { id }
    userErrors { field code }
  }
}
""")

# =================================================================================================
# Telephony
# =================================================================================================

doc("query-calls-journal", """
query CallJournal($from: DateTime!, $to: DateTime!, $directions: [CallDirection!]) {
  calls(first: 100, filter: {startedAt: {from: $from, to: $to}, directions: $directions, hasRecording: true}, orderBy: {field: STARTED_AT, direction: DESC}) {
    totalCount
    edges {
      node {
        id
        direction
        status
        from
        to
        fromExtension
        toExtension
        startedAt
        answeredAt
        endedAt
        durationSeconds
        waitSeconds
        recordingUrl
        provider
        providerCallId
        failureReason
        line { id name number }
        queue { id name }
        user { id name }
        routedTo { id name }
        client { id name }
        contact { id name }
        callbackTask { id status }
        inquiry { id number }
      }
    }
  }
}
""")

doc("query-phone-lines-and-queues", """
query Telephony {
  phoneLines(filter: {providers: [ZADARMA, MANGO]}) {
    edges { node { id name number provider enabled webhookUrl queue { id name } } }
  }
  callQueues {
    edges { node { id name ringTimeoutSeconds members { id name onCall } callbackAssignee { id } } }
  }
}
""")

doc("mutation-call-handling", """
mutation Answer($id: ID!, $ext: String) {
  answerCall(input: {id: $id, extension: $ext}) { call { id status answeredAt user { id } } userErrors { code } }
}

mutation TransferToUser($id: ID!, $userId: ID!) {
  transferCall(input: {id: $id, to: {userId: $userId}}) { call { id routedTo { id } } userErrors { code } }
}

mutation TransferToNumber($id: ID!) {
  transferCall(input: {id: $id, to: {phoneNumber: "+74951234567"}}) { call { id } userErrors { code } }
}

mutation HangUp($id: ID!) {
  hangUpCall(input: {id: $id}) { call { id status endedAt durationSeconds } userErrors { code } }
}

mutation LinkCall($id: ID!, $version: Int!, $clientId: ID) {
  updateCall(input: {id: $id, version: $version, clientId: $clientId}) { call { id client { id } } userErrors { code } }
}
""")

doc("mutation-phone-line-admin", """
mutation AddLine($queueId: ID) {
  createPhoneLine(input: {name: "Main", number: "+7 495 000-00-00", provider: ZADARMA, queueId: $queueId, credentials: {key: "k", secret: "s"}}) {
    phoneLine { id number webhookUrl }
    userErrors { field code }
  }
}

mutation AddQueue {
  createCallQueue(input: {name: "Sales", memberIds: ["VXNlcjox", "VXNlcjoy"], ringTimeoutSeconds: 25}) {
    callQueue { id members { id } }
    userErrors { field code }
  }
}
""")

# =================================================================================================
# Support inquiries, SLA and calendars
# =================================================================================================

doc("query-inquiries-queue", """
query InquiryQueue($slaStates: [SlaState!] = [RUNNING], $priorities: [Priority!]) {
  inquiries(first: 50, filter: {statuses: [NEW, OPEN], slaStates: $slaStates, priorities: $priorities, unassigned: true}, orderBy: {field: NEXT_DEADLINE, direction: ASC}) {
    totalCount
    edges {
      node {
        id
        number
        subject
        origin
        priority
        status
        category
        channel { kind }
        client { id name }
        assignee { id name }
        firstResponseDeadline { ...Deadline }
        nextResponseDeadline { ...Deadline }
        resolutionDeadline { ...Deadline }
      }
    }
  }
}

fragment Deadline on SlaDeadline {
  id
  metric
  state
  targetMinutes
  startedAt
  dueAt
  remainingMinutes
  pausedAt
  metAt
  missedAt
}
""")

doc("query-inquiry-card", """
query InquiryCard($id: ID!) {
  node(id: $id) {
    ... on Inquiry {
      id
      number
      subject
      description
      rejectionReason
      slaPolicy { id name }
      slaDeadlines { metric state dueAt }
      firstRespondedAt
      waitingSince
      resolvedAt
      closedAt
      dialogue { id messages(last: 3) { edges { node { text } } } }
      call { id recordingUrl }
      deal { id title }
      timeEntries(first: 20) { edges { node { id minutes date user { name } } } }
      timeSpentMinutes
    }
  }
}
""")

doc("mutation-create-inquiry", """
mutation CreateInquiry($subject: String!, $phone: String!, $priority: Priority = NORMAL) {
  createInquiry(input: {subject: $subject, origin: PHONE, client: {phone: $phone}, priority: $priority}) {
    inquiry { id number status client { id } }
    userErrors { field message code }
  }
}
""")

doc("mutation-create-inquiry-nonnull-oneof-var", """
mutation CreateInquiryForClient($clientId: ID!) {
  createInquiry(input: {subject: "Invoice copy", client: {id: $clientId}}) {
    inquiry { id }
    userErrors { code }
  }
}
""")

doc("mutation-inquiry-workflow", """
mutation AssignInquiry($id: ID!, $version: Int!, $to: ID) {
  assignInquiry(input: {id: $id, version: $version, assigneeId: $to}) { inquiry { id assignee { id } } userErrors { code } }
}

mutation ResolveInquiry($id: ID!, $version: Int!) {
  setInquiryStatus(input: {id: $id, version: $version, status: RESOLVED}) { inquiry { id status resolvedAt } userErrors { code } }
}

mutation RejectInquiry($id: ID!, $version: Int!, $reason: String!) {
  rejectInquiry(input: {id: $id, version: $version, reason: $reason}) { inquiry { id rejectionReason } userErrors { code } }
}

mutation Reprioritise($id: ID!, $version: Int!) {
  updateInquiry(input: {id: $id, version: $version, priority: URGENT, category: null}) { inquiry { id priority } userErrors { code } }
}
""")

doc("query-sla-policies-and-calendars", """
query SlaSetup {
  slaPolicies {
    edges {
      node {
        id
        name
        isDefault
        warningLeadMinutes
        targets { priority firstResponseMinutes nextResponseMinutes resolutionMinutes }
        calendar { id name timeZone }
      }
    }
  }
  workingCalendars {
    edges {
      node {
        id
        name
        timeZone
        isDefault
        week { weekday intervals { start end } }
        specialDays(from: "2025-01-01", to: "2025-12-31") { date name kind intervals { start end } }
      }
    }
  }
}
""")

doc("mutation-create-sla-policy", """
mutation CreateSla($calendarId: ID!) {
  createSlaPolicy(input: {
    name: "Standard"
    calendarId: $calendarId
    isDefault: true
    targets: [
      {priority: URGENT, firstResponseMinutes: 15, resolutionMinutes: 240}
      {priority: HIGH, firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 480}
      {priority: NORMAL, firstResponseMinutes: 240}
      {priority: LOW}
    ]
    warningLeadMinutes: [30, 10]
  }) {
    slaPolicy { id targets { priority } }
    userErrors { field message code }
  }
}
""")

doc("mutation-create-working-calendar", """
mutation CreateCalendar {
  createWorkingCalendar(input: {
    name: "Moscow office"
    timeZone: "Europe/Moscow"
    week: [
      {weekday: MONDAY, intervals: [{start: "09:00", end: "13:00"}, {start: "14:00", end: "18:00"}]}
      {weekday: TUESDAY, intervals: [{start: "09:00", end: "18:00"}]}
      {weekday: SATURDAY, intervals: []}
    ]
    specialDays: [{date: "2025-05-01", name: "Labour Day", kind: HOLIDAY}, {date: "2025-11-01", kind: WORKING, intervals: {start: "10:00", end: "15:00"}}]
  }) {
    workingCalendar { id week { weekday } }
    userErrors { field code }
  }
}
""")

doc("mutation-update-working-calendar", """
mutation UpdateCalendar($id: ID!, $version: Int!, $remove: [Date!]) {
  updateWorkingCalendar(input: {id: $id, version: $version, removeSpecialDays: $remove, upsertSpecialDays: [{date: "2025-12-31", kind: HOLIDAY}]}) {
    workingCalendar { id version }
    userErrors { code }
  }
}
""")

# =================================================================================================
# Time tracking and reports
# =================================================================================================

doc("query-time-entries", """
query Timesheet($userId: ID!, $from: Date!, $to: Date!) {
  timeEntries(first: 100, filter: {userIds: [$userId], date: {from: $from, to: $to}}, orderBy: {field: DATE, direction: ASC}) {
    edges { node { id date minutes note inquiry { number } client { name } } }
  }
  timeTotals(filter: {userIds: [$userId], date: {from: $from, to: $to}}, groupBy: DATE) { date minutes entryCount }
}
""")

doc("query-time-totals-by-client", """
query TimeByClient {
  timeTotals(groupBy: CLIENT) { client { id name } minutes entryCount }
}
""")

doc("mutation-time-entries", """
mutation Log($inquiryId: ID, $minutes: Int!) {
  createTimeEntry(input: {inquiryId: $inquiryId, minutes: $minutes, note: "Phone consultation"}) {
    timeEntry { id minutes date }
    userErrors { field code }
  }
}

mutation Fix($id: ID!, $version: Int!) {
  updateTimeEntry(input: {id: $id, version: $version, minutes: 45}) { timeEntry { id minutes } userErrors { code } }
}
""")

doc("query-inquiry-report", """
query InquiryReport($from: DateTime!, $to: DateTime!, $managers: [ID!]) {
  inquiryReport(filter: {period: {from: $from, to: $to}, managerIds: $managers}) {
    from
    to
    overall { ...Stats }
    byManager { manager { id name } stats { ...Stats } }
  }
}

fragment Stats on InquiryStats {
  total
  rejected
  byStatus { status count }
  byChannel { origin channel { name } count byStatus { status count } }
  firstResponse { count averageSeconds p90Seconds }
  resolution { count averageSeconds p90Seconds }
  sla { metric met missed pending }
  rejectionReasons { reason count }
}
""")

# =================================================================================================
# Projects
# =================================================================================================

doc("query-projects", """
query Projects($statuses: [ProjectStatus!] = [PLANNED, ACTIVE]) {
  projects(first: 30, filter: {statuses: $statuses}, orderBy: {field: PLANNED_START, direction: ASC}) {
    edges {
      node { id name status plannedStart start finish progress manager { name } client { name } deal { title } template { name } }
    }
  }
}
""")

doc("query-project-gantt", """
query Gantt($id: ID!) {
  node(id: $id) {
    ... on Project {
      id
      name
      calendar { id timeZone }
      gantt {
        id
        parentId
        name
        kind
        start
        finish
        progress
        critical
        totalFloat
        dependencies { predecessorId type lagDays }
        assignees { id name }
      }
      dependencies { id type lagDays predecessor { id name } successor { id name } }
      tasks(first: 100, filter: {critical: true}) {
        edges {
          node {
            id
            name
            kind
            position
            durationDays
            earlyStart
            earlyFinish
            lateStart
            lateFinish
            startNoEarlierThan
            parent { id }
            predecessors { id }
            successors { id }
          }
        }
      }
    }
  }
}
""")

doc("mutation-projects", """
mutation CreateProject($clientId: ID, $start: Date!) {
  createProject(input: {name: "CRM rollout", clientId: $clientId, plannedStart: $start, status: PLANNED}) {
    project { id start finish }
    userErrors { field code }
  }
}

mutation FromTemplate($templateId: ID!, $start: Date!, $roles: [ProjectRoleAssignmentInput!]) {
  createProjectFromTemplate(input: {templateId: $templateId, plannedStart: $start, roleAssignments: $roles}) {
    project { id tasks { totalCount } }
    userErrors { field code }
  }
}
""")

doc("mutation-project-tasks", """
mutation AddTask($projectId: ID!) {
  createProjectTask(input: {projectId: $projectId, name: "Kick-off", kind: MILESTONE, durationDays: 0}) {
    projectTask { id kind }
    project { id finish }
    userErrors { code }
  }
}

mutation Move($id: ID!, $version: Int!, $start: Date!) {
  moveProjectTask(input: {id: $id, version: $version, start: $start}) {
    projectTask { id start finish }
    rescheduled { id start finish }
    project { id finish }
    userErrors { code }
  }
}

mutation Link($a: ID!, $b: ID!) {
  createProjectDependency(input: {predecessorId: $a, successorId: $b, type: FS, lagDays: 2}) {
    dependency { id }
    cycle { id name }
    userErrors { code }
  }
}

mutation Unlink($id: ID!) {
  deleteProjectDependency(input: {id: $id}) { deletedId project { id } userErrors { code } }
}
""")

doc("mutation-project-template", """
mutation CreateTemplate {
  createProjectTemplate(input: {
    name: "Implementation"
    tasks: [
      {key: "design", name: "Design", kind: STAGE}
      {key: "spec", parentKey: "design", name: "Specification", durationDays: 5, assigneeRoles: ["analyst"]}
      {key: "build", name: "Build", durationDays: 20, assigneeRoles: "developer"}
    ]
    dependencies: [{predecessorKey: "spec", successorKey: "build", type: FS}]
  }) {
    projectTemplate { id roles tasks { key name } dependencies { predecessorKey successorKey type lagDays } }
    userErrors { field code }
  }
}
""")

doc("query-project-templates", """
{ projectTemplates { totalCount edges { node { id name description roles } } } }
""")

# =================================================================================================
# Subscriptions
# =================================================================================================

doc("subscription-call-incoming", """
subscription CallIncoming {
  callIncoming {
    eventId
    occurredAt
    routedTo { id name }
    call { id from to line { name } client { id name } contact { id name } queue { name } }
  }
}
""")

doc("subscription-call-updated-resume", """
subscription CallUpdated($after: ID) {
  callUpdated(after: $after) { eventId occurredAt changedFields call { id status durationSeconds } }
}
""")

doc("subscription-message-received", """
subscription MessageReceived($dialogueId: ID) {
  messageReceived(dialogueId: $dialogueId) {
    eventId
    occurredAt
    message { id text attachments { kind url } author { name } authorName direction }
    dialogue { id unreadCount assignee { id } }
  }
}
""")

doc("subscription-message-status", """
subscription Statuses($dialogueId: ID!) {
  messageStatusChanged(dialogueId: $dialogueId) { eventId previousStatus message { id deliveryStatus failureReason } }
}
""")

doc("subscription-dialogue-assigned", """
subscription {
  dialogueAssigned { eventId dialogue { id title } assignee { id } previousAssignee { id } actor { kind name } }
}
""")

doc("subscription-sla", """
subscription SlaWarnings($within: Int = 30) {
  slaDeadlineApproaching(within: $within) {
    eventId
    minutesLeft
    inquiry { id number subject assignee { id } }
    deadline { metric dueAt remainingMinutes }
  }
}

subscription SlaBreaches {
  slaBreached { eventId inquiry { id number } deadline { metric missedAt } }
}
""")

doc("subscription-deal-changed-fragment", """
subscription DealFeed($pipelineId: ID) {
  dealChanged(pipelineId: $pipelineId) {
    ...EventHeader
    change
    changedFields
    deal { id title stage { id } status }
    stageChange { fromStage { id } toStage { id } }
    actor { kind name }
  }
}

fragment EventHeader on Event {
  eventId
  occurredAt
}
""")

doc("subscription-task-due", """
subscription TaskDue {
  taskDue { eventId reason reminder { remindAt minutesBefore } task { id title dueAt } }
}
""")

doc("subscription-presence", """
subscription Presence {
  presenceChanged { eventId user { id name } presence previousPresence }
}
""")

doc("subscription-root-fragment-spread", """
# A fragment at the subscription root still selects a single field.
subscription Incoming {
  ...IncomingCall
}

fragment IncomingCall on Subscription {
  callIncoming { eventId call { id } }
}
""")

doc("subscription-root-inline-fragment", """
subscription {
  ... on Subscription {
    presenceChanged { eventId presence }
  }
}
""")

doc("subscription-same-field-twice", """
# Two selections with one response name are one root field.
subscription Incoming {
  callIncoming { eventId }
  callIncoming { call { id from } }
}
""")

doc("subscription-nested-directives", """
subscription Messages($withDialogue: Boolean!, $lean: Boolean = false) {
  messageReceived {
    eventId
    message { id text @skip(if: $lean) }
    dialogue @include(if: $withDialogue) { id }
  }
}
""")

doc("subscription-typename-nested", """
subscription { taskDue { __typename eventId task { __typename id } } }
""")

# =================================================================================================
# Introspection
# =================================================================================================

doc("introspection-graphiql-full", get_introspection_query(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
    one_of=True,
))

doc("introspection-graphiql-classic", """
query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types {
      ...FullType
    }
    directives {
      name
      description
      locations
      args {
        ...InputValue
      }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  fields(includeDeprecated: true) {
    name
    description
    args {
      ...InputValue
    }
    type {
      ...TypeRef
    }
    isDeprecated
    deprecationReason
  }
  inputFields {
    ...InputValue
  }
  interfaces {
    ...TypeRef
  }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes {
    ...TypeRef
  }
}

fragment InputValue on __InputValue {
  name
  description
  type { ...TypeRef }
  defaultValue
}

fragment TypeRef on __Type {
  kind
  name
  ofType {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
              }
            }
          }
        }
      }
    }
  }
}
""")

doc("introspection-minimal-no-descriptions", get_introspection_query(descriptions=False))

doc("introspection-type-by-name", """
query ClientType($name: String!) {
  __type(name: $name) {
    kind
    name
    description
    fields(includeDeprecated: false) { name type { kind name ofType { kind name } } args(includeDeprecated: true) { name defaultValue isDeprecated } }
    interfaces { name }
  }
}
""")

doc("introspection-one-of-input", """
{
  __type(name: "ClientLookup") {
    name
    kind
    isOneOf
    inputFields(includeDeprecated: true) { name type { name kind } defaultValue isDeprecated deprecationReason }
  }
}
""")

doc("introspection-enum-and-scalar", """
{
  priority: __type(name: "Priority") { enumValues(includeDeprecated: true) { name isDeprecated } }
  dateTime: __type(name: "DateTime") { name specifiedByURL }
  decimal: __type(name: "Decimal") { name specifiedByURL description }
}
""")

doc("introspection-root-types", """
query Roots {
  __schema {
    description
    queryType { name fields { name } }
    mutationType { name }
    subscriptionType { name fields { name args { name type { name } } } }
    directives { name isRepeatable locations }
  }
}
""")

doc("introspection-depth-two", """
# Two nested list fields (fields > type > fields) are within the introspection depth limit.
{
  __type(name: "Client") {
    fields {
      name
      type {
        ofType {
          fields { name }
          possibleTypes { name }
        }
      }
    }
  }
}
""")

doc("introspection-union-possible-types", """
{
  __type(name: "TimelineRecord") {
    kind
    possibleTypes { name interfaces { name } }
  }
}
""")

doc("introspection-typename-with-data", """
query Bootstrap {
  __typename
  __schema { queryType { name } }
  me { id }
}
""")

# =================================================================================================
# Documents that exercise the rules' edges and stay valid
# =================================================================================================

doc("edge-multiple-operations-shared-fragments", """
query ClientsPage { clients(first: 10) { edges { node { ...ClientName } } } }

query ContactsPage { contacts(first: 10) { edges { node { client { ...ClientName } } } } }

mutation Rename($id: ID!, $version: Int!, $name: String!) {
  updateClient(input: {id: $id, version: $version, name: $name}) { client { ...ClientName } userErrors { code } }
}

subscription Calls { callIncoming { call { client { ...ClientName } } } }

fragment ClientName on Client { id name }
""")

doc("edge-nested-fragments", """
query DealWithEverything($id: ID!) {
  node(id: $id) { ...DealFull }
}

fragment DealFull on Deal {
  ...DealHeader
  client { ...ClientHeader }
  owner { ...UserHeader }
}

fragment DealHeader on Deal { id title amount currency }
fragment ClientHeader on Client { id name owner { ...UserHeader } }
fragment UserHeader on User { id name presence }
""")

doc("edge-fragment-on-interface-in-object", """
query Me {
  me { ...AuditInfo ...NodeId }
}

fragment AuditInfo on Auditable { createdAt updatedAt version createdBy { name } }
fragment NodeId on Node { id }
""")

doc("edge-fragment-union-in-interface", """
# Spreading a union fragment inside an interface is possible when they share a type.
query Node($id: ID!) {
  node(id: $id) { ...SearchHit }
}

fragment SearchHit on SearchResult {
  ... on Client { name }
  ... on Deal { title }
}
""")

doc("edge-interface-in-interface", """
query History($id: ID!) {
  node(id: $id) {
    ... on Auditable {
      ... on Annotatable { notes(first: 1) { totalCount } }
      ... on Node { id }
    }
  }
}
""")

doc("edge-inline-fragment-without-type", """
query Deal($id: ID!, $full: Boolean!) {
  node(id: $id) {
    id
    ... @include(if: $full) {
      __typename
    }
    ... {
      ... on Deal { title }
    }
  }
}
""")

doc("edge-directives-everywhere", """
query Client($id: ID!, $withContacts: Boolean = false, $hideTags: Boolean!) {
  client(by: {id: $id}) @include(if: true) {
    id
    tags @skip(if: $hideTags)
    contacts(first: 5) @include(if: $withContacts) { totalCount }
    ...Owner @skip(if: false)
    ... on Client @include(if: $withContacts) { name }
    deals @skip(if: $hideTags) @include(if: $withContacts) { totalCount }
  }
}

fragment Owner on Client { owner { id } }
""")

doc("edge-same-field-merged", """
# Identical fields, arguments in a different order, merge into one.
query {
  clients(first: 5, after: "YXJyYXljb25uZWN0aW9uOjQ=") { totalCount }
  clients(after: "YXJyYXljb25uZWN0aW9uOjQ=", first: 5) { edges { node { id } } }
  me { id }
  me { name }
  me { department { id } }
  me { department { name } }
}
""")

doc("edge-aliases", """
query Dashboard($me: ID!) {
  openDeals: deals(filter: {statuses: [OPEN], ownerIds: [$me]}) { totalCount }
  wonDeals: deals(filter: {statuses: [WON], ownerIds: [$me]}) { totalCount }
  lostDeals: deals(filter: {statuses: [LOST], ownerIds: [$me]}) { totalCount }
  myTasks: tasks(filter: {assigneeIds: [$me], overdue: true}) { count: totalCount }
  openInquiries: inquiries(filter: {assigneeIds: [$me], statuses: [OPEN]}) { totalCount }
  unread: dialogues(filter: {assigneeIds: [$me], hasUnread: true}) { totalCount }
}
""")

doc("edge-same-alias-same-variable", """
query Owner($id: ID!) {
  node(id: $id) { id }
  node(id: $id) { ... on Client { name } }
}
""")

doc("edge-variable-defaults", """
query Defaults(
  $first: Int = 20
  $orderBy: DealOrder = {field: CREATED_AT, direction: DESC}
  $statuses: [DealStatus!] = OPEN
  $query: String = "acme"
  $deleted: DeletedFilter = EXCLUDE
  $closed: DateTimeRangeInput = {from: null, to: "2025-12-31T23:59:59Z"}
  $empty: [ID!] = []
) {
  deals(first: $first, orderBy: $orderBy, filter: {statuses: $statuses, query: $query, deleted: $deleted, closedAt: $closed, ownerIds: $empty}) {
    totalCount
  }
  search(query: $query) { totalCount }
}
""")

doc("edge-list-variables", """
query Lists($ids: [ID!]!, $one: ID!, $two: ID!, $kinds: [ChannelKind!]!) {
  byList: nodes(ids: $ids) { id }
  byItems: nodes(ids: [$one, $two]) { id }
  channels(filter: {kinds: $kinds}) { totalCount }
  dialogues(filter: {channelIds: [$one], channelKinds: $kinds}) { totalCount }
}
""")

doc("edge-nonnull-variable-into-nullable", """
query Strict($first: Int!, $filter: ClientFilter!, $status: ClientStatus!, $tags: [String!]!) {
  clients(first: $first, filter: $filter) { totalCount }
  other: clients(filter: {statuses: [$status], tags: $tags}) { totalCount }
}
""")

doc("edge-null-literals", """
mutation Clear($id: ID!, $version: Int!) {
  updateDeal(input: {id: $id, version: $version, amount: null, expectedCloseDate: null, ownerId: null, customFields: null}) {
    deal { id }
    userErrors { code }
  }
}
""")

doc("edge-int-boundaries", """
query Bounds {
  max: clients(first: 2147483647) { totalCount }
  min: deals(first: -2147483648) { totalCount }
  zero: tasks(first: 0) { totalCount }
}
""")

doc("edge-string-escapes", r'''
query Escapes {
  a: search(query: "\"quoted\" \\ back\/slash \b\f\n\r\t") { totalCount }
  b: search(query: "\u041c\u043e\u0441\u043a\u0432\u0430") { totalCount }
  c: search(query: """block "string" with \""" escaped""") { totalCount }
  d: search(query: "Москва — ёлка 🚀") { totalCount }
  e: search(query: "") { totalCount }
}
''')

doc("edge-comments-and-commas", """
# Leading comment
query Commented,($id: ID!,,) { # trailing comment
  node(id: $id,) { , id, ,, __typename , } # commas are insignificant
}
# Final comment
""")

doc("edge-keyword-like-names", """
query query($query: String!, $on: Int, $fragment: Boolean = true, $true: Boolean = false) {
  search(query: $query, first: $on) @include(if: $fragment) @skip(if: $true) { totalCount }
}

mutation mutation { signOut(input: {}) { endedSessionCount } }

subscription subscription { taskDue { eventId } }

fragment fragment on Query { me { id } }

query type { ...fragment }
""")

doc("edge-input-object-empty", """
query Empty {
  clients(filter: {}) { totalCount }
  deals(filter: {closedAt: {}}) { totalCount }
}
""")

doc("edge-mutation-batch-aliases", """
mutation Bulk($a: ID!, $b: ID!, $va: Int!, $vb: Int!) {
  first: completeTask(input: {id: $a, version: $va}) { task { id status } userErrors { code } }
  second: completeTask(input: {id: $b, version: $vb}) { task { id status } userErrors { code } }
}
""")

doc("edge-variables-in-directive-and-nested", """
query Inbox($me: ID!, $mine: Boolean!, $status: DialogueStatus! = OPEN) {
  dialogues(filter: {assigneeIds: [$me], statuses: [$status]}) @include(if: $mine) {
    edges { node { id status } }
  }
}
""")

doc("edge-variable-used-in-fragment", """
query ClientWithDeals($id: ID!, $dealFilter: DealFilter) {
  client(by: {id: $id}) { ...ClientDeals }
}

fragment ClientDeals on Client {
  deals(first: 10, filter: $dealFilter) { edges { node { id } } }
}
""")

doc("edge-overlap-distinct-parents", """
# Same response name, different fields and arguments, on mutually exclusive object types.
query Timeline($id: ID!) {
  client(by: {id: $id}) {
    timeline {
      edges {
        node {
          record {
            ... on Client { created: createdAt when: deletedAt }
            ... on Task { created: createdAt when: dueAt }
            ... on Deal { when: closedAt }
            ... on Call { when: endedAt }
          }
        }
      }
    }
  }
}
""")

doc("edge-overlap-same-nested", """
query Deal($id: ID!) {
  node(id: $id) {
    ... on Deal { client { id name } owner { id } }
    ...DealClient
  }
}

fragment DealClient on Deal { client { id name: name } owner { id: id } }
""")

doc("edge-shorthand-query", """
{ me { id name } }
""")

doc("edge-anonymous-with-fragments", """
{
  me { ...Me }
}

fragment Me on User { id name email }
""")

doc("edge-root-typename-mutation", """
mutation Ping { __typename signOut(input: {everywhere: false}) { __typename endedSessionCount } }
""")

doc("edge-json-scalar-literals", """
mutation Settings($id: ID!, $version: Int!) {
  updateChannelAccount(input: {
    id: $id
    version: $version
    settings: {greeting: "Hi", retries: 3, ratio: 0.5, flags: [true, false, null], nested: {deep: {deeper: ENUM_LIKE}}}
    credentials: "opaque"
  }) {
    channelAccount { id settings }
    userErrors { code }
  }
}
""")

doc("edge-unicode-names-in-strings", """
query { clients(filter: {query: "Ёжик в тумане", tags: ["ключевой", "日本"]}) { totalCount } }
""")

doc("edge-variable-list-of-input-objects", """
mutation Phones($id: ID!, $version: Int!, $phones: [PhoneInput!], $emails: [EmailAddressInput!]!) {
  updateContact(input: {id: $id, version: $version, phones: $phones, emails: $emails}) {
    contact { id phones { number } emails { address } }
    userErrors { field code }
  }
}
""")

doc("edge-deeply-nested-selection", """
query Deep($id: ID!) {
  node(id: $id) {
    ... on Task {
      deal {
        client {
          owner {
            department {
              head {
                department {
                  members { id name department { id } }
                }
              }
            }
          }
        }
      }
    }
  }
}
""")

doc("edge-reminder-list-coercion", """
mutation Remind($id: ID!, $version: Int!) {
  updateTask(input: {id: $id, version: $version, reminders: {minutesBefore: 15}}) { task { id } userErrors { code } }
}
""")

doc("edge-transfer-to-variable-target", """
mutation Transfer($id: ID!, $to: CallTransferTarget!) {
  transferCall(input: {id: $id, to: $to}) { call { id } userErrors { code } }
}
""")

doc("edge-attachments-variables", """
mutation Send($dialogueId: ID!, $attachments: [MessageAttachmentInput!], $fileId: ID!) {
  a: sendMessage(input: {dialogueId: $dialogueId, attachments: $attachments}) { message { id } userErrors { code } }
  b: sendMessage(input: {dialogueId: $dialogueId, attachments: {fileId: $fileId}}) { message { id } userErrors { code } }
}
""")

doc("edge-integration-sync", """
# What an integration polls every minute: changes since the last cursor.
query Sync($since: DateTime!, $cursor: String) {
  clients(first: 100, after: $cursor, filter: {updatedAt: {from: $since}, deleted: INCLUDE}, orderBy: {field: UPDATED_AT, direction: ASC}) {
    pageInfo { hasNextPage endCursor }
    edges { node { id version updatedAt deletedAt name inn customFields } }
  }
  deals(first: 100, filter: {createdAt: {from: $since}, deleted: ONLY}) { edges { node { id deletedAt } } }
}
""")

doc("edge-operation-with-all-scalars", """
query Scalars($dt: DateTime!, $d: Date, $b: Boolean!, $id: ID!) {
  a: tasks(filter: {due: {from: $dt}}) @include(if: $b) { totalCount }
  b: projects(filter: {plannedStart: {from: $d}}) { totalCount }
  c: node(id: $id) { id }
}
""")

doc("edge-variable-inside-json-literal", """
# A variable inside a custom scalar's object literal.
mutation CreateClient($segment: String!, $source: String) {
  createClient(input: {kind: ORGANISATION, name: "Acme", source: $source, customFields: {segment: $segment, tags: ["a", $segment]}}) {
    client { id customFields }
    userErrors { code }
  }
}
""")

doc("edge-crlf-line-endings", "query Crlf($id: ID!) {\r\n  node(id: $id) {\r\n    id\r\n    __typename\r\n  }\r\n}\r\n")

doc("edge-byte-order-mark", "\ufeffquery Bom { me { id } }\n")

doc("edge-tabs-and-unicode-escapes", "query Escapes {\n\ta: search(query: \"\\u{1F600} \\u{48}i\") { totalCount }\n\tb: search(query: \"\\uD83D\\uDE00\") { totalCount }\n}\n")

doc("edge-overlap-object-argument-field-order", """
# Object arguments with the same fields in another order are the same arguments.
query Clients {
  clients(filter: {query: "acme", tags: ["vip"]}) { totalCount }
  clients(filter: {tags: ["vip"], query: "acme"}) { edges { node { id } } }
}
""")

doc("edge-fragment-on-query-with-meta-fields", """
query Bootstrap { ...Meta me { id } }

fragment Meta on Query {
  __typename
  __schema { queryType { name } }
  __type(name: "Client") { name }
}
""")

doc("edge-include-deprecated-nullable-variable", """
# includeDeprecated is `Boolean! = false`: a nullable variable may go there since it has a default.
query Fields($name: String!, $all: Boolean) {
  __type(name: $name) {
    fields(includeDeprecated: $all) { name isDeprecated args(includeDeprecated: $all) { name } }
    enumValues(includeDeprecated: $all) { name }
    inputFields(includeDeprecated: $all) { name }
  }
}
""")

doc("edge-operation-and-fragment-same-name", """
query UserCard { me { ...UserCard } }

fragment UserCard on User { id name }
""")

doc("edge-list-item-variable-with-default", """
query Nodes($first: ID = "Q2xpZW50OjE=", $second: ID!) { nodes(ids: [$first, $second]) { id } }
""")

doc("edge-custom-scalar-unchecked-string", """
# graphql-core does not check a custom scalar's literal: "tomorrow" passes validation.
mutation Remind($id: ID!, $version: Int!) {
  updateTask(input: {id: $id, version: $version, schedule: {dueAt: "tomorrow"}}) { task { id } userErrors { code } }
}
""")

doc("edge-custom-scalar-object-literal", """
# Nor the kind of a custom scalar's literal: an object passes for Decimal.
mutation Win($id: ID!) {
  winDeal(input: {id: $id, version: 1, amount: {units: 100, nanos: 0}}) { deal { id } userErrors { code } }
}
""")

doc("edge-negative-zero-and-exponent-free", """
query { clients(first: -0) { totalCount } }
""")

doc("edge-same-fragment-spread-twice", """
query Me { me { ...UserFields ...UserFields id } }

fragment UserFields on User { id name }
""")

doc("edge-variable-only-under-skipped-fragment", """
query Me($withDepartment: Boolean!) {
  me { id ...Department @skip(if: true) }
}

fragment Department on User { department @include(if: $withDepartment) { id } }
""")

doc("edge-null-for-nullable-inputs", """
query Nulls {
  clients(first: null, after: null, filter: null, orderBy: null) { totalCount }
  deals(filter: {statuses: null, query: null, closedAt: {from: null}}) { totalCount }
}
""")

doc("edge-typename-aliases", """
query { kind: __typename me { type: __typename __typename id } }
""")

doc("edge-subscription-root-nested-inline-fragments", """
subscription Feed {
  ... on Subscription {
    ... {
      dealChanged { eventId deal { id } }
    }
  }
}
""")

doc("edge-fragment-variables-shared-across-operations", """
query A($id: ID!, $n: Int) { node(id: $id) { ...Notes } }

query B($id: ID!, $n: Int = 5) { node(id: $id) { id ...Notes } }

fragment Notes on Annotatable { notes(first: $n) { totalCount } }
""")

doc("edge-interface-field-on-implementations", """
query Auditables($id: ID!) {
  node(id: $id) {
    ... on Auditable { history(first: 5) { totalCount } }
    ... on Client { history(first: 5) { edges { node { field } } } }
    ... on Deal { history(first: 5) { pageInfo { hasNextPage } } }
  }
}
""")

doc("edge-control-character-in-string", "# Since the 2021 spec any Unicode scalar value may appear in a string.\nquery { search(query: \"a\\u0007b \x01 c\") { totalCount } }\n")

doc("introspection-fragment-at-two-depths", """
# The same fragment spread at two depths, both within the limit.
query Q {
  __type(name: "Client") {
    ...Names
    interfaces { ...Names }
    fields { type { ...TypeName } }
  }
}

fragment Names on __Type { name fields { name } }
fragment TypeName on __Type { name kind possibleTypes { name } }
""")

doc("edge-control-character-in-comment", "# A control character \x01 in a comment.\nquery { me { id } }\n")

doc("edge-control-character-in-block-string", "query { search(query: \"\"\"a \x01 b\"\"\") { totalCount } }\n")

doc("edge-big-int-literal-as-id", """
# ID accepts an Int literal of any size: it is read as a string.
query { node(id: 12345678901234567890) { id } }
""")

doc("edge-overlap-directives-differ", """
# Directives are not compared when merging fields.
query Me($a: Boolean!) { me { name @skip(if: $a) name @include(if: true) name } }
""")

doc("edge-overlap-variable-args-reordered", """
query History($id: ID!, $n: Int, $c: String) {
  node(id: $id) {
    ... on Client { history(first: $n, after: $c) { totalCount } }
    ... on Client { history(after: $c, first: $n) { edges { cursor } } }
  }
}
""")

doc("edge-union-in-union", """
query Timeline($id: ID!) {
  client(by: {id: $id}) {
    timeline { edges { node { record { ...Hit } } } }
  }
}

fragment Hit on SearchResult { ... on Contact { name } }
""")

doc("edge-interface-in-its-implementation-interface", """
query Audit($id: ID!) {
  node(id: $id) { ... on Auditable { ... on Node { id } ...NodeId } }
}

fragment NodeId on Node { id }
""")

doc("edge-nested-input-variable-with-default", """
mutation Upload($name: String!, $size: Int = 1048576, $type: String = "application/pdf") {
  createFileUpload(input: {name: $name, contentType: $type, size: $size}) { upload { id } userErrors { code } }
}
""")

doc("edge-list-default-single-value", """
query Channels($kinds: [ChannelKind!] = TELEGRAM, $ids: [ID!] = "Q2hhbm5lbDox") {
  channels(filter: {kinds: $kinds}) { totalCount }
  dialogues(filter: {channelIds: $ids}) { totalCount }
}
""")

doc("edge-deep-nesting", "query Deep {\n  me {\n" + "".join("  " * (i + 2) + "department { head {\n" for i in range(15)) + "  " * 17 + "id\n" + "".join("  " * (16 - i) + "} }\n" for i in range(15)) + "  }\n}\n")

doc("introspection-schema-inline-fragments", """
query {
  __schema {
    ... on __Schema { queryType { name } }
    types { ... on __Type { name kind } }
  }
}
""")

doc("edge-overlap-exclusive-through-fragments", """
# Fragments compared under mutually exclusive parents (Client / Deal) may select different fields
# under one response name; the same pair compared again (memoed) must not change the verdict.
query Owners {
  node(id: "Q2xpZW50OjE=") { ... on Client { owner { ...X } } }
  node(id: "Q2xpZW50OjE=") { ... on Deal { owner { ...Y } } }
  memoed: node(id: "Q2xpZW50OjE=") { ... on Client { owner { ...X } } }
  memoed: node(id: "Q2xpZW50OjE=") { ... on Deal { owner { ...Y } } }
}

fragment X on User { v: name }
fragment Y on User { v: timeZone }
""")

doc("edge-overlap-equal-escaped-strings", r'''
# "\u0041" and "A" are the same argument value.
query { search(query: "\u0041") { totalCount } search(query: "A") { edges { cursor } } }
''')

doc("edge-overlap-nested-object-arguments-reordered", """
query Deals {
  deals(filter: {closedAt: {from: "2025-01-01T00:00:00Z", to: "2025-02-01T00:00:00Z"}, query: "q"}) { totalCount }
  deals(filter: {query: "q", closedAt: {to: "2025-02-01T00:00:00Z", from: "2025-01-01T00:00:00Z"}}) { edges { cursor } }
}
""")

doc("edge-overlap-exclusive-parents-differing-arguments", """
query History($id: ID!) {
  node(id: $id) {
    ... on Client { history(first: 1) { totalCount } }
    ... on Deal { history(first: 2) { totalCount } }
  }
}
""")

doc("edge-overlap-exclusive-parents-different-object-types", """
# Object return types never conflict by themselves; their sub-selections are compared.
query Party($id: ID!) {
  node(id: $id) {
    ... on Client { x: owner { name } }
    ... on Deal { x: client { name } }
  }
}
""")

doc("edge-no-newline-at-end", "query { me { id } } # no newline at the end")

doc("edge-crlf-block-string", 'query { search(query: """\r\n    a\r\n      b\r\n""") { totalCount } }\r\n')

doc("edge-underscore-names", """
query Q($_first: Int) { _me: me { __id: id } clients(first: $_first) { totalCount } }
""")

doc("edge-escaped-slash", r'''
query { search(query: "a\/b") { totalCount } }
''')

doc("edge-lone-carriage-returns", "query Cr {\r  me {\r    id\r  }\r}\r")

doc("subscription-root-field-and-fragment-same-key", """
subscription Incoming {
  ... on Subscription { callIncoming { eventId } }
  callIncoming { call { id } }
}
""")

doc("subscription-aliased-field-in-fragment-same-key", """
subscription Incoming {
  call: callIncoming { eventId }
  ... on Subscription { call: callIncoming { occurredAt } }
}
""")
