import GRDB

// Reads through each connection's statement cache: a query's SQL is compiled once per
// connection and reused, instead of being parsed and authorised again on every call (about a
// fifth of the server's CPU under live load went to compiling). The SQL of a query must not
// embed values — those go in `arguments` — so the cache stays as small as the set of queries.

extension Row {
    static func fetchAll(cached db: GRDB.Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchOne(cached db: GRDB.Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension DatabaseValueConvertible {
    static func fetchAll(cached db: GRDB.Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchOne(cached db: GRDB.Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}
