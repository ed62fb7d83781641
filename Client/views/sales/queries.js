// The GraphQL documents of the sales board.

/** What a card shows, and what the board needs to place it (owner, pipeline, status, version). */
export const DEAL_CARD = `id title amount currency expectedCloseDate status version stalled
  stage { id name } pipeline { id } owner { id } client { id name } deletedAt`;

export const SALES_SETUP = `query SalesSetup {
  me { id timeZone }
  pipelines(first: 100) { edges { node { id name isDefault position defaultCurrency
    stages { id name position color probability } } } } }`;

/** One page of the user's open deals of a pipeline (the board pages until it has them all). */
export const BOARD_DEALS = `query SalesBoardDeals($owner: ID!, $pipeline: ID!, $after: String) {
  deals(first: 100, after: $after, filter: {ownerIds: [$owner], pipelineIds: [$pipeline], statuses: [OPEN]},
        orderBy: {field: EXPECTED_CLOSE_DATE, direction: ASC}) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${DEAL_CARD} } } } }`;

/** The user's deals of a pipeline won since an instant (the first of the month). */
export const WON_DEALS = `query SalesWonDeals($owner: ID!, $pipeline: ID!, $from: DateTime!, $after: String) {
  deals(first: 100, after: $after, filter: {ownerIds: [$owner], pipelineIds: [$pipeline], statuses: [WON], closedAt: {from: $from}}) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id amount currency } } } }`;

export const MOVE_DEAL = `mutation SalesMoveDeal($input: MoveDealInput!) {
  moveDeal(input: $input) { deal { ${DEAL_CARD} } stageChange { id } userErrors { field message code } } }`;

export const DEAL_CHANGED = `subscription SalesDealChanged($after: ID) {
  dealChanged(after: $after) { eventId change changedFields actor { name user { id } } deal { ${DEAL_CARD} } } }`;
