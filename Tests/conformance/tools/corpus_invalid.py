"""Invalid operation documents of the conformance corpus, grouped by the rule each one breaks.

Each entry is (rule slug, document text); generate_corpus.py numbers them per rule and writes
corpus/invalid/<rule slug>-NN.graphql. Most documents break only the rule they are named after;
generate_corpus.py reports the ones that also break others.
"""

INVALID: list[tuple[str, str]] = []


def bad(rule: str, text: str) -> None:
    INVALID.append((rule, text.strip("\n") + "\n"))


# =================================================================================================
# Executable Definitions (5.1.1)
# =================================================================================================

R = "executable-definitions"
bad(R, """
query Me { me { id } }

type Reminder { id: ID! }
""")
bad(R, """
schema { query: Query }

query Me { me { id } }
""")
bad(R, """
input ClientPatch { name: String }

query Clients { clients { totalCount } }
""")
bad(R, """
query Deals { deals { totalCount } }

enum Mood { HAPPY SAD }
""")
bad(R, """
directive @cached(ttl: Int) on FIELD

query Me { me { id } }
""")
bad(R, """
extend type Client { vip: Boolean }

query Client($id: ID!) { client(by: {id: $id}) { id } }
""")
bad(R, """
scalar Money

{ me { id } }
""")
bad(R, """
union Party = Client | Contact

query Search { search(query: "x") { totalCount } }
""")
bad(R, """
interface Named { name: String! }

query Me { me { name } }
""")
bad(R, """
extend schema { subscription: Subscription }

subscription Calls { callIncoming { eventId } }
""")

# =================================================================================================
# Operation Name Uniqueness (5.2.1.1)
# =================================================================================================

R = "unique-operation-names"
bad(R, """
query Clients { clients { totalCount } }

query Clients { clients(first: 10) { edges { node { id } } } }
""")
bad(R, """
query Save { me { id } }

mutation Save { signOut(input: {}) { endedSessionCount } }
""")
bad(R, """
query Live { me { id } }

subscription Live { callIncoming { eventId } }
""")
bad(R, """
mutation CreateClient { createClient(input: {kind: INDIVIDUAL, name: "A"}) { client { id } } }

mutation CreateClient { createClient(input: {kind: INDIVIDUAL, name: "B"}) { client { id } } }
""")
bad(R, """
subscription Feed { dealChanged { eventId } }

subscription Feed { taskDue { eventId } }
""")
bad(R, """
query Me { me { id } }

query Me { me { id } }

query Me { me { id } }
""")
bad(R, """
query Inbox($first: Int) { dialogues(first: $first) { totalCount } }

query Other { me { id } }

query Inbox { dialogues { totalCount } }
""")
bad(R, """
query Card { me { ...UserCard } }

fragment UserCard on User { id name }

query Card { users { edges { node { ...UserCard } } } }
""")

# =================================================================================================
# Lone Anonymous Operation (5.2.2.1)
# =================================================================================================

R = "lone-anonymous-operation"
bad(R, """
{ me { id } }

query Named { me { name } }
""")
bad(R, """
{ me { id } }

{ me { name } }
""")
bad(R, """
query { clients { totalCount } }

query Clients { clients { totalCount } }
""")
bad(R, """
mutation { signOut(input: {}) { endedSessionCount } }

query Me { me { id } }
""")
bad(R, """
subscription { callIncoming { eventId } }

subscription Named { taskDue { eventId } }
""")
bad(R, """
query Named { me { id } }

query { me { id } }
""")
bad(R, """
{ me { ...UserName } }

fragment UserName on User { name }

mutation SignOut { signOut(input: {}) { endedSessionCount } }
""")
bad(R, """
query { deals { totalCount } }

mutation { signOut(input: {}) { endedSessionCount } }

subscription { taskDue { eventId } }
""")

# =================================================================================================
# Single Root Field subscriptions (5.2.3.1)
# =================================================================================================

R = "single-field-subscriptions"
bad(R, """
subscription Phone {
  callIncoming { eventId }
  callUpdated { eventId }
}
""")
bad(R, """
subscription Typename { __typename }
""")
bad(R, """
subscription Calls {
  callIncoming { eventId }
  __typename
}
""")
bad(R, """
subscription Twice {
  first: callIncoming { eventId }
  second: callIncoming { eventId }
}
""")
bad(R, """
subscription Both { ...Both }

fragment Both on Subscription {
  messageReceived { eventId }
  messageStatusChanged { eventId }
}
""")
bad(R, """
subscription Inline {
  ... on Subscription {
    slaBreached { eventId }
    slaDeadlineApproaching { eventId }
  }
}
""")
bad(R, """
subscription Skipped($off: Boolean!) {
  callIncoming @skip(if: $off) { eventId }
}
""")
bad(R, """
subscription Included {
  presenceChanged @include(if: true) { eventId }
}
""")
bad(R, """
subscription Fragment($on: Boolean!) {
  ...Deals @include(if: $on)
}

fragment Deals on Subscription { dealChanged { eventId } }
""")
bad(R, """
subscription InlineDirective {
  ... @skip(if: false) {
    taskDue { eventId }
  }
}
""")
bad(R, """
subscription {
  dialogueAssigned { eventId }
  presenceChanged { eventId }
}
""")
bad(R, """
subscription Schema { __schema { queryType { name } } }
""")
bad(R, """
subscription Empty { }
""")
bad(R, """
subscription Nested {
  ...A
}

fragment A on Subscription { ...B taskDue { eventId } }
fragment B on Subscription { dealChanged { eventId } }
""")

# =================================================================================================
# Fragment spread type existence / Known Type Names (5.5.1.2, 5.8.3)
# =================================================================================================

R = "known-type-names"
bad(R, """
query Client($by: ClientLookupInput!) { client(by: $by) { id } }
""")
bad(R, """
query Deals { deals { edges { node { ...DealRow } } } }

fragment DealRow on Dael { id title }
""")
bad(R, """
query Search { search(query: "x") { edges { node { ... on Company { id } } } } }
""")
bad(R, """
query Tasks($due: Datetime) { tasks(filter: {due: {from: $due}}) { totalCount } }
""")
bad(R, """
query Nodes($ids: [Uuid!]!) { nodes(ids: $ids) { id } }
""")
bad(R, """
query Clients($filter: clientFilter) { clients(filter: $filter) { totalCount } }
""")
bad(R, """
query Node($id: ID!) { node(id: $id) { ... on Clients { name } } }
""")
bad(R, """
mutation Create($input: NewClientInput!) { createClient(input: $input) { client { id } } }
""")
bad(R, """
subscription Calls($after: Cursor) { callIncoming(after: $after) { eventId } }
""")
bad(R, """
query Me { me { ...Audit } }

fragment Audit on Audited { version }
""")

# =================================================================================================
# Fragments On Composite Types (5.5.1.3)
# =================================================================================================

R = "fragments-on-composite-types"
bad(R, """
query Me { me { id ...When } }

fragment When on DateTime { __typename }
""")
bad(R, """
query Deal($id: ID!) { node(id: $id) { ... on Deal { id ...Status } } }

fragment Status on DealStatus { __typename }
""")
bad(R, """
query Q { me { id ...Filter } }

fragment Filter on ClientFilter { query }
""")
bad(R, """
query Q { me { ... on String { __typename } } }
""")
bad(R, """
query Q { me { id ... on Int { __typename } } }
""")
bad(R, """
query Q { me { ... on ClientLookup { id } } }
""")
bad(R, """
query Q { me { id ...Priority } }

fragment Priority on Priority { __typename }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ... on Client { id ...Json } } }

fragment Json on JSON { __typename }
""")

# =================================================================================================
# Variables Are Input Types (5.8.2)
# =================================================================================================

R = "variables-are-input-types"
bad(R, """
query Q($client: Client) { me { id } }
""")
bad(R, """
query Q($node: Node!) { me { id } }
""")
bad(R, """
query Q($hit: SearchResult) { me { id } }
""")
bad(R, """
query Q($deals: [Deal!]) { me { id } }
""")
bad(R, """
query Q($page: PageInfo!) { me { id } }
""")
bad(R, """
mutation M($payload: ClientPayload) { signOut(input: {}) { endedSessionCount } }
""")
bad(R, """
subscription S($event: Event) { taskDue { eventId } }
""")
bad(R, """
query Q($record: [[TimelineRecord]]) { me { id } }
""")
bad(R, """
query Q($by: Client!) { client(by: $by) { id } }
""")

# =================================================================================================
# Leaf Field Selections (5.3.3)
# =================================================================================================

R = "scalar-leafs"
bad(R, """
query Me { me }
""")
bad(R, """
query Me { me { name { first } } }
""")
bad(R, """
query Me { me { role { name } } }
""")
bad(R, """
query Clients { clients }
""")
bad(R, """
query Node($id: ID!) { node(id: $id) }
""")
bad(R, """
query Search { search(query: "x") { edges { node } } }
""")
bad(R, """
query Client($id: ID!) { client(by: {id: $id}) { id phones } }
""")
bad(R, """
query Schema { __schema }
""")
bad(R, """
query Q { __typename { name } }
""")
bad(R, """
mutation M { signOut(input: {}) }
""")
bad(R, """
subscription S { callIncoming }
""")

# =================================================================================================
# Field Selections (5.3.1)
# =================================================================================================

R = "fields-on-correct-type"
bad(R, """
query Client($id: ID!) { client(by: {id: $id}) { id fullName } }
""")
bad(R, """
query Node($id: ID!) { node(id: $id) { id name } }
""")
bad(R, """
query Search { search(query: "x") { edges { node { id } } } }
""")
bad(R, """
query Clients { clients { nodes { id } } }
""")
bad(R, """
mutation M { createCompany(input: {name: "x"}) { id } }
""")
bad(R, """
subscription S { dealUpdated { eventId } }
""")
bad(R, """
query Me { me { __schema { queryType { name } } } }
""")
bad(R, """
mutation M { __type(name: "Client") { name } }
""")
bad(R, """
mutation M { createClient(input: {kind: INDIVIDUAL, name: "x"}) { clientId userErrors { code } } }
""")
bad(R, """
query Timeline($id: ID!) {
  client(by: {id: $id}) { timeline { edges { node { record { id } } } } }
}
""")
bad(R, """
query Q { me { ...F } }

fragment F on Auditable { id name }
""")
bad(R, """
query Q { deals { edges { node { id } pageInfo { hasNextPage } } } }
""")

# =================================================================================================
# Fragment Name Uniqueness (5.5.1.1)
# =================================================================================================

R = "unique-fragment-names"
bad(R, """
query Q { me { ...UserFields } }

fragment UserFields on User { id }
fragment UserFields on User { id }
""")
bad(R, """
query Q { me { ...Card } clients { edges { node { ...Card } } } }

fragment Card on User { id name }
fragment Card on Client { id name }
""")
bad(R, """
query Q { me { ...A } }

fragment A on User { id }
fragment A on User { name }
fragment A on User { email }
""")
bad(R, """
query Q { deals { edges { node { ...DealRow } } } }

fragment DealRow on Deal { id }

query R { deals { edges { node { ...DealRow } } } }

fragment DealRow on Deal { title }
""")
bad(R, """
subscription S { taskDue { ...Header } }

fragment Header on Event { eventId }
fragment Header on TaskDueEvent { eventId occurredAt }
""")
bad(R, """
mutation M { signOut(input: {}) { ...Payload } }

fragment Payload on SignOutPayload { endedSessionCount }
fragment Payload on SignOutPayload { userErrors { code } }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ...NodeId } }

fragment NodeId on Node { id }
fragment NodeId on Node { ... on Client { id } }
""")
bad(R, """
query Q { me { ...Me } }

fragment Me on User { ...Dept }
fragment Dept on User { department { id } }
fragment Dept on User { department { name } }
""")

# =================================================================================================
# Fragment spread target defined / Known Fragment Names (5.5.2.1)
# =================================================================================================

R = "known-fragment-names"
bad(R, """
query Q { me { ...UserFields } }
""")
bad(R, """
query Q { me { ...UserField } }

fragment UserFields on User { id }
""")
bad(R, """
query Q { me { ...userFields } }

fragment UserFields on User { id }
""")
bad(R, """
query Q { clients { edges { node { id owner { ...Owner } } } } }
""")
bad(R, """
query Q { me { ...A } }

fragment A on User { id ...B }
""")
bad(R, """
subscription S { callIncoming { ...CallEvent } }
""")
bad(R, """
mutation M { signOut(input: {}) { ...Payload } }
""")
bad(R, """
query Q($skip: Boolean!) { me { ...UserFields @skip(if: $skip) } }
""")
bad(R, """
query Q { search(query: "x") { edges { node { ... on Client { ...ClientCard } } } } }
""")

# =================================================================================================
# Fragments must be used / No Unused Fragments (5.5.1.4)
# =================================================================================================

R = "no-unused-fragments"
bad(R, """
query Q { me { id } }

fragment UserFields on User { name }
""")
bad(R, """
query Q { me { ...A } }

fragment A on User { id }
fragment B on User { name }
""")
bad(R, """
query Q { me { id } }

fragment A on User { ...B }
fragment B on User { name }
""")
bad(R, """
query Q { me { id } }

query R { clients { totalCount } }

fragment ClientRow on Client { id }
""")
bad(R, """
mutation M { signOut(input: {}) { endedSessionCount } }

fragment Payload on SignOutPayload { userErrors { code } }
""")
bad(R, """
subscription S { taskDue { eventId } }

fragment Header on Event { occurredAt }
""")
bad(R, """
fragment Lonely on Query { me { id } }

query Q { me { id } }
""")
bad(R, """
query Q { me { ...Used } }

fragment Used on User { id }
fragment Unused1 on User { name }
fragment Unused2 on Client { name }
""")

# =================================================================================================
# Fragment spread is possible (5.5.2.3)
# =================================================================================================

R = "possible-fragment-spreads"
bad(R, """
query Q($id: ID!) { client(by: {id: $id}) { ... on Deal { title } } }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ... on Deal { ...TaskRow } } }

fragment TaskRow on Task { title }
""")
bad(R, """
query Q { search(query: "x") { edges { node { ... on Task { id } } } } }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ... on Message { ... on Auditable { version } } } }
""")
bad(R, """
query Q($id: ID!) { client(by: {id: $id}) { ... on Event { eventId } } }
""")
bad(R, """
query Q { me { ...Record } }

fragment Record on TimelineRecord { __typename }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ... on PipelineStage { ... on Annotatable { id } } } }
""")
bad(R, """
subscription S { taskDue { ... on CallIncomingEvent { call { id } } } }
""")
bad(R, """
query Q { search(query: "x") { edges { node { ...EventFields } } } }

fragment EventFields on Event { eventId }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ... on Session { ... on SearchResult { __typename } } } }
""")

# =================================================================================================
# Fragment spreads must not form cycles (5.5.2.2)
# =================================================================================================

R = "no-fragment-cycles"
bad(R, """
query Q { me { ...Self } }

fragment Self on User { id ...Self }
""")
bad(R, """
query Q { me { ...A } }

fragment A on User { id ...B }
fragment B on User { name ...A }
""")
bad(R, """
query Q { me { ...A } }

fragment A on User { ...B }
fragment B on User { ...C }
fragment C on User { id ...A }
""")
bad(R, """
query Q { me { ...Manager } }

fragment Manager on User { department { head { ...Manager } } }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ...N } }

fragment N on Node { ... on Client { ...N } }
""")
bad(R, """
query Q { me { ...A ...C } }

fragment A on User { ...B }
fragment B on User { ...A }
fragment C on User { ...D }
fragment D on User { ...C }
""")
bad(R, """
query Q($skip: Boolean!) { me { ...A } }

fragment A on User { id ...A @skip(if: $skip) }
""")
bad(R, """
query Q { deals { edges { node { ...DealTree } } } }

fragment DealTree on Deal { client { deals { edges { node { ...DealTree } } } } }
""")

# =================================================================================================
# Variable Uniqueness (5.8.1)
# =================================================================================================

R = "unique-variable-names"
bad(R, """
query Q($id: ID!, $id: ID!) { node(id: $id) { id } }
""")
bad(R, """
query Q($first: Int, $after: String, $first: Int) { clients(first: $first, after: $after) { totalCount } }
""")
bad(R, """
query Q($q: String!, $q: String!, $q: String!) { search(query: $q) { totalCount } }
""")
bad(R, """
mutation M($input: CreateClientInput!, $input: CreateClientInput!) { createClient(input: $input) { client { id } } }
""")
bad(R, """
subscription S($after: ID, $after: ID) { callIncoming(after: $after) { eventId } }
""")
bad(R, """
query Q($withOwner: Boolean!, $withOwner: Boolean!) { me { department @include(if: $withOwner) { id } } }
""")
bad(R, """
query Q($filter: DealFilter = {}, $filter: DealFilter) { deals(filter: $filter) { totalCount } }
""")
bad(R, """
query A($id: ID!) { node(id: $id) { id } }

query B($id: ID!, $id: ID!) { node(id: $id) { id } }
""")

# =================================================================================================
# All Variable Uses Defined / No Undefined Variables (5.8.3)
# =================================================================================================

R = "no-undefined-variables"
bad(R, """
query Q { node(id: $id) { id } }
""")
bad(R, """
query Q($first: Int) { clients(first: $first, after: $after) { totalCount } }
""")
bad(R, """
query Q { me { ...Deals } }

fragment Deals on User { id department @include(if: $withDepartment) { id } }
""")
bad(R, """
query Q { clients(filter: {ownerIds: [$me], tags: ["vip"]}) { totalCount } }
""")
bad(R, """
mutation M { createNote(input: {subject: {dealId: $dealId}, body: "x"}) { note { id } } }
""")
bad(R, """
subscription S { messageReceived(dialogueId: $dialogueId) { eventId } }
""")
bad(R, """
query A($id: ID!) { node(id: $id) { id } }

query B { node(id: $id) { id } }
""")
bad(R, """
query Q($q: String!) { search(query: $q, kinds: [CLIENT], first: $pageSize) { totalCount } }
""")
bad(R, """
{ me { id } client(by: {id: $clientId}) { id } }
""")

# =================================================================================================
# All Variables Used / No Unused Variables (5.8.4)
# =================================================================================================

R = "no-unused-variables"
bad(R, """
query Q($id: ID!) { me { id } }
""")
bad(R, """
query Q($first: Int = 20, $after: String) { clients(first: $first) { totalCount } }
""")
bad(R, """
mutation M($input: CreateClientInput!) { signOut(input: {}) { endedSessionCount } }
""")
bad(R, """
subscription S($dialogueId: ID) { messageReceived { eventId } }
""")
bad(R, """
query Q($a: ID, $b: ID, $c: ID) { node(id: "1") { id } }
""")
bad(R, """
query A($id: ID!) { node(id: $id) { id } }

query B($id: ID!) { me { id } }
""")
bad(R, """
query Q($skip: Boolean = false) { me { ...UserFields } }

fragment UserFields on User { id }
""")
bad(R, """
query Q($filter: TaskFilter, $order: TaskOrder) { tasks(filter: $filter) { totalCount } }
""")

# =================================================================================================
# Directives Are Defined / In Valid Locations / Known Directives (5.7.1, 5.7.2)
# =================================================================================================

R = "known-directives"
bad(R, """
query Q($id: ID!) { node(id: $id) { id ... on Client @defer { contacts { totalCount } } } }
""")
bad(R, """
query Q { me { department { members @stream(initialCount: 10) { id } } } }
""")
bad(R, """
query Q { me @cached(ttl: 60) { id } }
""")
bad(R, """
query Q @include(if: true) { me { id } }
""")
bad(R, """
query Q { me { ...UserFields } }

fragment UserFields on User @skip(if: false) { id }
""")
bad(R, """
query Q { me { name @deprecated(reason: "use fullName") } }
""")
bad(R, """
query Q($id: ID! @include(if: true)) { node(id: $id) { id } }
""")
bad(R, """
query Q { me { id @specifiedBy(url: "https://example.com") } }
""")
bad(R, """
mutation M @oneOf { signOut(input: {}) { endedSessionCount } }
""")
bad(R, """
subscription S @skip(if: false) { taskDue { eventId } }
""")
bad(R, """
query Q { me { id @Include(if: true) } }
""")

# =================================================================================================
# Directives Are Unique Per Location (5.7.3)
# =================================================================================================

R = "unique-directives-per-location"
bad(R, """
query Q($a: Boolean!, $b: Boolean!) { me { id @skip(if: $a) @skip(if: $b) } }
""")
bad(R, """
query Q { me { ...UserFields @include(if: true) @include(if: true) } }

fragment UserFields on User { id }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ... on Client @include(if: true) @include(if: false) { name } } }
""")
bad(R, """
mutation M($x: Boolean!) { signOut(input: {}) { endedSessionCount @skip(if: $x) @skip(if: $x) } }
""")
bad(R, """
subscription S($a: Boolean!) { taskDue { task @include(if: $a) @include(if: $a) { id } } }
""")
bad(R, """
query Q { me { id @skip(if: false) @include(if: true) @skip(if: true) } }
""")
bad(R, """
query Q { me { ... @skip(if: false) @skip(if: true) { id } } }
""")
bad(R, """
query Q($v: Boolean!) { clients @include(if: $v) @include(if: $v) @include(if: $v) { totalCount } }
""")

# =================================================================================================
# Argument Names / Known Argument Names (5.4.1)
# =================================================================================================

R = "known-argument-names"
bad(R, """
query Q { clients(limit: 10) { totalCount } }
""")
bad(R, """
query Q { users(first: 5, sort: NAME) { totalCount } }
""")
bad(R, """
query Q { me { id @include(if: true, when: false) } }
""")
bad(R, """
query Q { me { history(last: 5) { totalCount } } }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ... on Annotatable { notes(filter: {pinned: true}) { totalCount } } } }
""")
bad(R, """
subscription S { callIncoming(lineId: "1") { eventId } }
""")
bad(R, """
mutation M { createClient(input: {kind: INDIVIDUAL, name: "x"}, dryRun: true) { client { id } } }
""")
bad(R, """
query Q { workingCalendars { edges { node { specialDays(year: 2025) { date } } } } }
""")
bad(R, """
query Q { me(id: "1") { id } }
""")
bad(R, """
query Q { search(q: "acme", query: "acme") { totalCount } }
""")

# =================================================================================================
# Argument Uniqueness (5.4.2)
# =================================================================================================

R = "unique-argument-names"
bad(R, """
query Q { clients(first: 10, first: 20) { totalCount } }
""")
bad(R, """
query Q { me { id @include(if: true, if: false) } }
""")
bad(R, """
query Q { node(id: "a", id: "b") { id } }
""")
bad(R, """
mutation M {
  createDeal(input: {title: "A"}, input: {title: "B"}) { deal { id } }
}
""")
bad(R, """
subscription S { messageReceived(dialogueId: "1", after: "2", dialogueId: "3") { eventId } }
""")
bad(R, """
query Q { search(query: "a", kinds: [CLIENT], query: "b") { totalCount } }
""")
bad(R, """
query Q { me { history(first: 1, after: "x", first: 2) { totalCount } } }
""")
bad(R, """
query Q($s: Boolean!) { me { ... @skip(if: $s, if: $s) { id } } }
""")

# =================================================================================================
# Values of Correct Type (5.6.1)
# =================================================================================================

R = "values-of-correct-type"
# @oneOf: two keys
bad(R, """
query Q { client(by: {id: "Q2xpZW50OjE=", inn: "7707083893"}) { id } }
""")
# @oneOf: a null key
bad(R, """
query Q { client(by: {id: null}) { id } }
""")
# @oneOf: no key
bad(R, """
query Q { client(by: {}) { id } }
""")
# @oneOf inside an input, two keys
bad(R, """
mutation M { createTask(input: {title: "x", schedule: {dueDate: "2025-03-01", dueAt: "2025-03-01T09:00:00Z"}}) { task { id } } }
""")
# @oneOf in a list item, null key
bad(R, """
mutation M { createTask(input: {title: "x", reminders: [{at: null}]}) { task { id } } }
""")
# Int beyond 32 bits
bad(R, """
query Q { clients(first: 2147483648) { totalCount } }
""")
bad(R, """
query Q { deals(first: -2147483649) { totalCount } }
""")
# enum given as a string
bad(R, """
query Q { clients(filter: {kinds: ["ORGANISATION"]}) { totalCount } }
""")
bad(R, """
query Q { deals(orderBy: {field: "AMOUNT", direction: DESC}) { totalCount } }
""")
# unknown input field
bad(R, """
query Q { clients(filter: {name: "Romashka"}) { totalCount } }
""")
# missing required input field
bad(R, """
mutation M { createClient(input: {name: "Romashka"}) { client { id } } }
""")
# wrong scalar types
bad(R, """
query Q { search(query: 42) { totalCount } }
""")
bad(R, """
query Q { clients(first: 10.5) { totalCount } }
""")
bad(R, """
query Q { channels(filter: {enabled: "true"}) { totalCount } }
""")
bad(R, """
query Q { node(id: 1.5) { id } }
""")
# unknown enum value
bad(R, """
query Q { users(orderBy: {field: NAME, direction: DOWN}) { totalCount } }
""")
# null for a non-null input field
bad(R, """
mutation M { createClient(input: {kind: null, name: "x"}) { client { id } } }
""")
# null for a non-null argument
bad(R, """
query Q { node(id: null) { id } }
""")
# a wrong item in a list
bad(R, """
query Q { deals(filter: {statuses: [OPEN, 7]}) { totalCount } }
""")
# a wrong value in a nested input object in a list
bad(R, """
mutation M { createClient(input: {kind: INDIVIDUAL, name: "x", phones: [{number: 79001234567}]}) { client { id } } }
""")
# a variable's default value of the wrong type
bad(R, """
query Q($first: Int = "ten") { clients(first: $first) { totalCount } }
""")
# an object where a scalar is expected, and a scalar where an object is expected
bad(R, """
query Q { search(query: {text: "x"}) { totalCount } }
""")
bad(R, """
query Q { clients(filter: "vip") { totalCount } }
""")
# a list where a single value is expected
bad(R, """
query Q { node(id: ["a", "b"]) { id } }
""")
# Boolean for an enum, enum for a Boolean
bad(R, """
query Q { users(orderBy: {field: true, direction: ASC}) { totalCount } }
""")
bad(R, """
query Q { me { id @include(if: TRUE) } }
""")

# =================================================================================================
# Required Arguments / Provided Required Arguments (5.4.2.1)
# =================================================================================================

R = "provided-required-arguments"
bad(R, """
query Q { node { id } }
""")
bad(R, """
query Q { client { id } }
""")
bad(R, """
mutation M { createClient { client { id } } }
""")
bad(R, """
query Q { me { id @include } }
""")
bad(R, """
query Q { me { id @skip } }
""")
bad(R, """
query Q { search { totalCount } }
""")
bad(R, """
query Q { renderTemplate(context: {dealId: "1"}) { text } }
""")
bad(R, """
query Q { timeTotals { minutes } }
""")
bad(R, """
query Q { inquiryReport { overall { total } } }
""")
bad(R, """
query Q { nodes { id } }
""")
bad(R, """
query Q { search(kinds: [CLIENT], first: 5) { totalCount } }
""")

# =================================================================================================
# All Variable Usages Are Allowed / Variables In Allowed Position (5.8.5)
# =================================================================================================

R = "variables-in-allowed-position"
bad(R, """
query Q($id: ID) { node(id: $id) { id } }
""")
bad(R, """
query Q($first: String) { clients(first: $first) { totalCount } }
""")
bad(R, """
query Q($ids: [ID]) { nodes(ids: $ids) { id } }
""")
bad(R, """
mutation M($kind: ClientKind) { createClient(input: {kind: $kind, name: "x"}) { client { id } } }
""")
bad(R, """
query Q($flag: Boolean) { me { id @include(if: $flag) } }
""")
bad(R, """
query Q($statuses: [DealStatus!]) { tasks(filter: {statuses: $statuses}) { totalCount } }
""")
bad(R, """
mutation M($input: CreateClientInput) { createClient(input: $input) { client { id } } }
""")
bad(R, """
query Q($id: Int!) { node(id: $id) { id } }
""")
bad(R, """
query Q($id: ID!) { nodes(ids: $id) { id } }
""")
bad(R, """
query Q($q: String = null) { search(query: $q) { totalCount } }
""")
# a nullable variable as the value of a @oneOf input object's field
bad(R, """
mutation M($phone: String) { createInquiry(input: {subject: "x", client: {phone: $phone}}) { inquiry { id } } }
""")
bad(R, """
mutation M($dueAt: DateTime) { createTask(input: {title: "x", schedule: {dueAt: $dueAt}}) { task { id } } }
""")
bad(R, """
mutation M($id: ID!, $version: Int!, $date: Date) {
  updateTask(input: {id: $id, version: $version, schedule: {dueDate: $date}}) { task { id } }
}
""")
bad(R, """
query Q($a: Boolean) { me { ...UserFields } }

fragment UserFields on User { id department @skip(if: $a) { id } }
""")

# =================================================================================================
# Field Selection Merging / Overlapping Fields Can Be Merged (5.3.2)
# =================================================================================================

R = "overlapping-fields-can-be-merged"
bad(R, """
query Q($id: ID!) { client(by: {id: $id}) { name: legalName name } }
""")
bad(R, """
query Q { clients(first: 5) { totalCount } clients(first: 10) { totalCount } }
""")
bad(R, """
query Q { clients(first: 5) { totalCount } clients { totalCount } }
""")
bad(R, """
query Q { search(query: "x") { edges { node { ... on Client { status } ... on Deal { status } } } } }
""")
bad(R, """
query Q { me { department { name } } me { department { name: id } } }
""")
bad(R, """
query Q($a: ID!, $b: ID!) { node(id: $a) { id } node(id: $b) { id } }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ... on Client { kind } ... on Contact { kind: firstName } } }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { ... on Node { id } ... on Client { id: name } } }
""")
bad(R, """
query Q { search(query: "x") { edges { node { ... on Client { label: tags } ... on Deal { label: title } } } } }
""")
bad(R, """
query Q { search(query: "x") { edges { node { ... on Client { x: inn } ... on Deal { x: title } } } } }
""")
bad(R, """
query Q { me { ...A ...B } }

fragment A on User { contact: email }
fragment B on User { contact: phone }
""")
bad(R, """
query Q { deals { edges { node { owner { id } } } } deals { edges { node { owner: client { id } } } } }
""")
bad(R, """
query Q { me { history(first: 1) { totalCount } ...H } }

fragment H on User { history(first: 2) { totalCount } }
""")
bad(R, """
subscription S { dealChanged { deal { title } deal { title: id } } }
""")
bad(R, """
mutation M { signOut(input: {}) { count: endedSessionCount } signOut(input: {everywhere: true}) { count: endedSessionCount } }
""")
bad(R, """
query Q { me { id @skip(if: false) } me { id: name } }
""")
bad(R, """
# Mutually exclusive types, but the same response name with different enum types.
query Timeline($id: ID!) {
  client(by: {id: $id}) {
    timeline {
      edges {
        node {
          record {
            ... on Task { title status }
            ... on Call { direction status }
            ... on Message { direction text }
          }
        }
      }
    }
  }
}
""")

# =================================================================================================
# Input Object Field Uniqueness (5.6.3)
# =================================================================================================

R = "unique-input-field-names"
bad(R, """
query Q { clients(filter: {query: "a", query: "b"}) { totalCount } }
""")
bad(R, """
query Q { deals(filter: {closedAt: {from: "2025-01-01T00:00:00Z", from: "2025-02-01T00:00:00Z"}}) { totalCount } }
""")
bad(R, """
mutation M { createClient(input: {kind: INDIVIDUAL, name: "A", phones: [{number: "1", number: "2"}]}) { client { id } } }
""")
bad(R, """
query Q($filter: ClientFilter = {tags: ["a"], tags: ["b"]}) { clients(filter: $filter) { totalCount } }
""")
bad(R, """
mutation M { createClient(input: {kind: INDIVIDUAL, kind: ORGANISATION, name: "A"}) { client { id } } }
""")
bad(R, """
query Q { users(orderBy: {field: NAME, direction: ASC, direction: DESC}) { totalCount } }
""")
bad(R, """
mutation M { createClient(input: {kind: INDIVIDUAL, name: "A", customFields: {a: 1}, customFields: {a: 2}}) { client { id } } }
""")
bad(R, """
mutation M($id: ID!) { createNote(input: {subject: {dealId: $id}, body: "x", body: "y"}) { note { id } } }
""")
bad(R, """
query Q { inquiryReport(filter: {period: {from: "2025-01-01T00:00:00Z", to: "2025-02-01T00:00:00Z", to: "2025-03-01T00:00:00Z"}}) { overall { total } } }
""")

# =================================================================================================
# Maximum introspection depth (graphql-js's MaxIntrospectionDepthRule)
# =================================================================================================

R = "max-introspection-depth"
bad(R, """
query Q { __type(name: "Client") { fields { type { fields { type { fields { name } } } } } } }
""")
bad(R, """
query Q { __schema { types { fields { type { interfaces { possibleTypes { name } } } } } } }
""")
bad(R, """
query Q { __schema { types { inputFields { type { inputFields { type { inputFields { name } } } } } } } }
""")
bad(R, """
query Q { __type(name: "Node") { possibleTypes { interfaces { possibleTypes { name } } } } }
""")
bad(R, """
query Q { __type(name: "Client") { interfaces { interfaces { interfaces { name } } } } }
""")
bad(R, """
query Q { __schema { types { ...Deep } } }

fragment Deep on __Type { fields { type { ...Deeper } } }
fragment Deeper on __Type { fields { type { ...Deepest } } }
fragment Deepest on __Type { fields { name } }
""")
bad(R, """
query Q { __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }
""")
bad(R, """
query Q {
  me { id }
  __type(name: "Deal") { fields { type { ofType { fields { type { ofType { fields { name } } } } } } } }
}
""")
bad(R, """
query Q { a: __type(name: "A") { name } b: __type(name: "Task") { fields { type { possibleTypes { fields { name } } } } } }
""")

# =================================================================================================
# More than 100 errors: graphql-core stops with "Too many validation errors"
# =================================================================================================

bad("too-many-errors", "query Q { me { " + " ".join(f"unknown{i}" for i in range(120)) + " } }\n")

# =================================================================================================
# Syntax errors: graphql-core's parser fails
# =================================================================================================

R = "syntax-error"
bad(R, """
query Q { me { id }
""")
bad(R, """
query Q { me { id } } }
""")
bad(R, "")
bad(R, """
# Only a comment, no definitions.
""")
bad(R, """
query Q($id ID!) { node(id: $id) { id } }
""")
bad(R, """
query Q { search(query: "unterminated) { totalCount } }
""")
bad(R, '''
query Q { search(query: """unterminated block) { totalCount } }
''')
bad(R, r"""
query Q { search(query: "bad \x escape") { totalCount } }
""")
bad(R, """
query Q { clients(first: 1.) { totalCount } }
""")
bad(R, """
query Q { clients(first: 007) { totalCount } }
""")
bad(R, """
query Q { me { ... } }
""")
bad(R, """
fragment on on User { id }
""")
bad(R, """
query Q { clients(first: ) { totalCount } }
""")
bad(R, """
query Q { me @ { id } }
""")
bad(R, """
mutation M { createClient(input: {kind: INDIVIDUAL name: }) { client { id } } }
""")
bad(R, """
query Q($ids: [ID!) { nodes(ids: $ids) { id } }
""")
bad(R, """
fragment F($first: Int) on Query { clients(first: $first) { totalCount } }
query Q { ...F }
""")
bad(R, """
query Q { me! { id } }
""")
bad(R, """
query Q { me { id } } query
""")
bad(R, """
query Q { search(query: "x") { edges { node { ... on } } } }
""")
bad(R, """
query Q { me { id } } ?
""")
bad(R, """
subscription S { callIncoming(after: $) { eventId } }
""")
bad(R, """
query Q { clients(filter: {kinds: [ORGANISATION}) { totalCount } }
""")
bad(R, """
query Q { clients(first: 0x10) { totalCount } }
""")
bad(R, """
{ me { id } }
type
""")

# =================================================================================================
# Harder cases, appended to the rules above (numbering continues)
# =================================================================================================

R = "overlapping-fields-can-be-merged"
bad(R, """
# Mutually exclusive parents, but their sub-selections still must return the same types.
query Q { search(query: "x") { edges { node { ... on Client { owner { x: id } } ... on Deal { owner { x: name } } } } } }
""")
bad(R, """
query Q { me { department { id } department: name } }
""")
bad(R, """
query Q { me { name: __typename name } }
""")
bad(R, """
query Q { me { ...A } me { ...B } }

fragment A on User { department { name } }
fragment B on User { department { name: id } }
""")
bad(R, """
query Q($id: ID!) { node(id: $id) { id } node(id: "Q2xpZW50OjE=") { id } }
""")
bad(R, """
query Q { clients(filter: {query: "a"}) { totalCount } clients(filter: {query: "b"}) { totalCount } }
""")

R = "values-of-correct-type"
bad(R, """
query Q { nodes(ids: [null]) { id } }
""")
bad(R, """
query Q { nodes(ids: [["a"]]) { id } }
""")
bad(R, """
query Q { search(query: ASC) { totalCount } }
""")
bad(R, """
query Q($first: Int! = null) { clients(first: $first) { totalCount } }
""")
bad(R, """
query Q($by: ClientLookup! = {id: "1", inn: "7707083893"}) { client(by: $by) { id } }
""")
bad(R, """
query Q($id: ID!) { client(by: {id: $id, inn: "7707083893"}) { id } }
""")
bad(R, """
mutation M { createTask(input: {title: "x", reminders: [{at: "2025-03-01T09:00:00Z"}, {}]}) { task { id } } }
""")
bad(R, """
query Q { __type(name: "Client") { fields(includeDeprecated: null) { name } } }
""")
bad(R, """
query Q { clients(first: 1e3) { totalCount } }
""")
bad(R, """
query Q { me { id @include(if: "true") } }
""")
bad(R, """
mutation M { transferCall(input: {id: "1", to: {userId: "2", extension: "204"}}) { call { id } } }
""")
bad(R, """
mutation M { createNote(input: {subject: {}, body: "x"}) { note { id } } }
""")

R = "variables-in-allowed-position"
bad(R, """
query Q($id: ID) { nodes(ids: [$id]) { id } }
""")
bad(R, """
query Q($ids: [ID!]) { nodes(ids: $ids) { id } }
""")
bad(R, """
query Q($status: DialogueStatus!) { inquiries(filter: {statuses: [$status]}) { totalCount } }
""")
bad(R, """
query Q($from: Date) { tasks(filter: {due: {from: $from}}) { totalCount } }
""")
bad(R, """
query Q($id: String!) { node(id: $id) { id } }
""")
bad(R, """
query A($n: Int) { node(id: "1") { ...Notes } }

query B($n: String) { node(id: "2") { ...Notes } }

fragment Notes on Annotatable { notes(first: $n) { totalCount } }
""")

R = "single-field-subscriptions"
bad(R, """
subscription S { ... on Subscription { __typename } }
""")
bad(R, """
subscription S { ...A }

fragment A on Subscription { callIncoming @skip(if: true) { eventId } }
""")
bad(R, """
subscription S { ... { ... @include(if: true) { taskDue { eventId } } } }
""")

R = "no-fragment-cycles"
bad(R, """
query Q { __schema { types { ...T } } }

fragment T on __Type { fields { type { ...T } } }
""")

R = "max-introspection-depth"
bad(R, """
query Q { __type(name: "Client") { a: fields { b: type { c: interfaces { d: possibleTypes { name } } } } } }
""")

R = "no-unused-fragments"
bad(R, """
fragment UserFields on User { id name }
""")

R = "max-introspection-depth"
bad(R, """
# The fragment is within the limit where it is first spread, and beyond it where it is spread again.
query Q {
  __type(name: "Client") {
    ...TypeFields
    interfaces { ...TypeFields }
  }
}

fragment TypeFields on __Type { fields { type { fields { name } } } }
""")

R = "executable-definitions"
bad(R, """
type Client { id: ID! }
""")

R = "known-argument-names"
bad(R, """
query Q { __schema { types { fields(deprecated: true) { name } } } }
""")

R = "syntax-error"
bad(R, """
query Q($first: Int = $default) { clients(first: $first) { totalCount } }
""")
bad(R, r"""
query Q { search(query: "\uD83D alone") { totalCount } }
""")
bad(R, """
query Q { mé { id } }
""")
bad(R, """
query Q { me { ..UserFields } }
""")
bad(R, """
query Q() { me { id } }
""")
bad(R, """
query Q { me() { id } }
""")
bad(R, """
Query Q { me { id } }
""")
bad(R, """
query Q { clients(first: 1.5e) { totalCount } }
""")
bad(R, "query Q { me \x01 { id } }\n")
bad(R, """
query Q { search(query: "line
break") { totalCount } }
""")

R = "overlapping-fields-can-be-merged"
bad(R, """
query Q($id: ID!) { node(id: $id) { ... on Node { ...A } ... on Client { ...B } } }

fragment A on Node { x: id }
fragment B on Client { x: name }
""")

R = "variables-in-allowed-position"
bad(R, """
# A default value does not make a nullable variable acceptable in a @oneOf input object.
mutation M($phone: String = "+74951234567") { createInquiry(input: {subject: "x", client: {phone: $phone}}) { inquiry { id } } }
""")

R = "values-of-correct-type"
bad(R, """
query Q { node(id: true) { id } }
""")
bad(R, """
query Q { users(orderBy: {field: NAME, direction: NAME}) { totalCount } }
""")
bad(R, """
query Q { clients(filter: {deleted: "EXCLUDE"}) { totalCount } }
""")

R = "scalar-leafs"
bad(R, """
query Q { __schema { types } }
""")

R = "fields-on-correct-type"
bad(R, """
query Q { __type(name: "Client") { name fieldz { name } } }
""")

R = "provided-required-arguments"
bad(R, """
query Q { __type { name } }
""")

R = "known-argument-names"
bad(R, """
query Q { me { __typename(full: true) } }
""")

R = "no-unused-variables"
bad(R, """
query A($n: Int) { node(id: "1") { id } }

query B($n: Int) { node(id: "2") { ...Notes } }

fragment Notes on Annotatable { notes(first: $n) { totalCount } }
""")

R = "executable-definitions"
bad(R, """
query Q { me { id } }

directive @audit repeatable on FIELD | FRAGMENT_SPREAD
""")

R = "syntax-error"
bad(R, """
query Q { clients(first: +1) { totalCount } }
""")
bad(R, """
query Q { clients(first: 123abc) { totalCount } }
""")
bad(R, r"""
query Q { search(query: "\u{D800}") { totalCount } }
""")
bad(R, r"""
query Q { search(query: "\u{110000}") { totalCount } }
""")

R = "overlapping-fields-can-be-merged"
bad(R, """
# As edge-overlap-exclusive-through-fragments, plus one pair under the same parent: only that conflicts.
query Owners {
  node(id: "Q2xpZW50OjE=") { ... on Client { owner { ...X } } }
  node(id: "Q2xpZW50OjE=") { ... on Deal { owner { ...Y } } }
  memoed: node(id: "Q2xpZW50OjE=") { ... on Client { owner { ...X } } }
  memoed: node(id: "Q2xpZW50OjE=") { ... on Deal { owner { ...Y } } }
  other: me { ...X }
  other: me { ...Y }
}

fragment X on User { v: name }
fragment Y on User { v: timeZone }
""")
bad(R, '''
query Q { search(query: "acme") { totalCount } search(query: """acme""") { totalCount } }
''')
bad(R, """
query Q { clients(first: null) { totalCount } clients { totalCount } }
""")
bad(R, """
query Q { nodes(ids: ["a", "b"]) { id } nodes(ids: ["b", "a"]) { id } }
""")
bad(R, """
query Q { nodes(ids: "a") { id } nodes(ids: ["a"]) { id } }
""")
bad(R, """
query Q { node(id: 1) { id } node(id: "1") { id } }
""")
bad(R, """
query Q { clients(filter: {}) { totalCount } clients(filter: {query: null}) { totalCount } }
""")

R = "no-fragment-cycles"
bad(R, """
subscription S { ...A }

fragment A on Subscription { ...A }
""")

R = "single-field-subscriptions"
bad(R, """
subscription { unknownA { id } unknownB { id } }
""")

R = "max-introspection-depth"
bad(R, """
{ ...Meta }

fragment Meta on Query { __type(name: "Client") { fields { type { fields { type { fields { name } } } } } } }
""")

R = "values-of-correct-type"
bad(R, """
query Q { clients(first: 1.0e+5) { totalCount } }
""")

R = "lone-anonymous-operation"
bad(R, """
query { me { id } } query Q { me { id } }
""")

R = "syntax-error"
bad(R, "query { me { id } }\u2028\n")
bad(R, "query {\u00a0me { id } }\n")
bad(R, "query {\x0bme { id } }\n")
bad(R, r"""
query { search(query: "it\'s") { totalCount } }
""")
bad(R, "query { me { id } }\x00\n")
