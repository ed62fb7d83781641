// The GraphQL documents of the clients view: global search, the client card, its timeline.

export const SEARCH = `query ClientSearch($query: String!, $after: String) {
  search(query: $query, first: 30, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { rank matchedFields highlight node {
      __typename
      ... on Client { id name kind clientStatus: status inn phones { number } emails { address } }
      ... on Contact { id name position client { id name } phones { number } emails { address } }
      ... on Deal { id title dealStatus: status amount currency stage { name } client { id name } } } } } }`;

export const CLIENT_CARD = `query ClientCard($id: ID!) {
  node(id: $id) { ... on Client {
    id kind status name legalName inn webDomain industry source campaign address tags createdAt convertedAt
    owner { id name }
    phones { number kind primary } emails { address kind primary } messengers { messenger handle }
    contacts(first: 50) { totalCount edges { node { id name position
      phones { number kind primary } emails { address kind primary } messengers { messenger handle } } } }
    deals(first: 50, orderBy: {field: UPDATED_AT, direction: DESC}) { totalCount edges { node {
      id title status amount currency expectedCloseDate closedAt stage { id name color } pipeline { id name } owner { id name } } } }
  } } }`;

/** One page of a client's timeline, newest first; `after` is the last page's end cursor. */
export const TIMELINE = `query ClientTimeline($id: ID!, $first: Int!, $after: String) {
  node(id: $id) { ... on Client {
    timeline(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id kind action occurredAt summary actor { name kind } } } } } } }`;
