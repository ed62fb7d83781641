import CRM
import Foundation
import GRDB

/// ``MessagingStore`` over SQLite: channels and accounts, dialogues with their visibility in SQL,
/// messages written together with their dialogue's new state, and read markers.
public struct MessagingRepository: MessagingStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A dialogue that moved on since it was read: the transaction is rolled back.
    struct Moved: Error {}

    // MARK: Channels and accounts

    public func channels(ids: [Int64]) async throws -> [Channel] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM channels WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.channel)
        }
    }

    public func channels(kinds: [Channel.Kind]?, enabled: Bool?, deleted: DeletedFilter) async throws -> [Channel] {
        var list = RecordList(visibility: .all, deleted: deleted)
        if let kinds { list.add("kind IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(kinds.map(\.rawValue))]) }
        if let enabled { list.add("enabled = ?", [enabled]) }
        let final = list
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM channels WHERE \(final.conditions.joined(separator: " AND ")) ORDER BY name, id",
                             arguments: final.arguments).map(Self.channel)
        }
    }

    public func insertChannel(_ c: Channel, createdBy: Int64?, at date: Date) async throws -> Channel {
        let id = try await insert("channels", c, { Self.columns($0) }, createdBy: createdBy, at: date)
        guard let channel = try await channels(ids: [id]).first else { throw StorageFailure("channel \(id) vanished") }
        return channel
    }

    public func updateChannel(_ c: Channel, expectedVersion: Int?, edits: [FieldEdit], actor: Actor, at date: Date) async throws -> VersionedWrite<Channel> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "channels", entity: "Channel", id: c.id, expectedVersion: expectedVersion,
                                    columns: Self.columns(c) + [("deleted_at", c.deletedAt.map(SQLTime.text))], edits: edits, actor: actor,
                                    at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await channels(ids: [c.id]).first)
    }

    public func advanceChannel(id: Int64, to operatorID: Int64) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE channels SET last_operator_id = ? WHERE id = ?", arguments: [operatorID, id])
        }
    }

    public func accounts(ids: [Int64]) async throws -> [ChannelAccount] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM channel_accounts WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.account)
        }
    }

    public func accounts(channelIDs: [Int64]) async throws -> [ChannelAccount] {
        if channelIDs.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: """
                SELECT * FROM channel_accounts WHERE channel_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY name, id
                """, arguments: [IdentityRepository.jsonArray(channelIDs)]).map(Self.account)
        }
    }

    public func insertAccount(_ a: ChannelAccount, createdBy: Int64?, at date: Date) async throws -> ChannelAccount {
        let id = try await insert("channel_accounts", a, { Self.columns($0) }, createdBy: createdBy, at: date)
        guard let account = try await accounts(ids: [id]).first else { throw StorageFailure("channel account \(id) vanished") }
        return account
    }

    public func updateAccount(_ a: ChannelAccount, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                              at date: Date) async throws -> VersionedWrite<ChannelAccount> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "channel_accounts", entity: "ChannelAccount", id: a.id, expectedVersion: expectedVersion,
                                    columns: Self.columns(a) + [("deleted_at", a.deletedAt.map(SQLTime.text))], edits: edits, actor: actor,
                                    at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await accounts(ids: [a.id]).first)
    }

    private func insert<Record: Sendable>(_ table: String, _ record: Record, _ columnsOf: @escaping @Sendable (Record) -> [(String, (any DatabaseValueConvertible)?)],
                                          createdBy: Int64?, at date: Date) async throws -> Int64 {
        let now = SQLTime.text(date)
        return try await database.write { db in
            let columns = columnsOf(record)
            try db.execute(sql: "INSERT INTO \(table) (\(columns.map(\.0).joined(separator: ", ")), created_at, updated_at, created_by) "
                            + "VALUES (\(Array(repeating: "?", count: columns.count + 3).joined(separator: ", ")))",
                           arguments: StatementArguments(columns.map(\.1)) + [now, now, createdBy])
            return db.lastInsertedRowID
        }
    }

    // MARK: Dialogues

    /// Client dialogues by the viewer's visibility — assignee, past participants, the client's
    /// owner, and the operators of the channel while unassigned; corporate chats by membership.
    static func visible(_ v: DialogueVisibility) -> (String, StatementArguments) {
        var parts: [String] = []
        var arguments: StatementArguments = []
        switch v.records {
        case .all: parts.append("kind = 'client'")
        case .none: break
        case .ownedBy(let ids):
            let list = IdentityRepository.jsonArray(ids)
            parts.append("""
                (kind = 'client' AND (assignee_id IN (SELECT value FROM json_each(?))
                 OR EXISTS (SELECT 1 FROM json_each(dialogues.member_ids) AS m WHERE m.value IN (SELECT value FROM json_each(?)))
                 OR client_id IN (SELECT id FROM clients WHERE owner_id IN (SELECT value FROM json_each(?)))
                 OR (assignee_id IS NULL AND EXISTS (SELECT 1 FROM channels AS c, json_each(c.operator_ids) AS o
                     WHERE c.id = dialogues.channel_id AND o.value IN (SELECT value FROM json_each(?))))))
                """)
            arguments += [list, list, list, list]
        }
        if let user = v.userID, v.records != .none {
            parts.append("(kind != 'client' AND EXISTS (SELECT 1 FROM json_each(dialogues.member_ids) AS m WHERE m.value = ?))")
            arguments += [user]
        }
        return (parts.isEmpty ? "0" : "(" + parts.joined(separator: " OR ") + ")", arguments)
    }

    public func dialogues(ids: [Int64], visibility: DialogueVisibility) async throws -> [Dialogue] {
        if ids.isEmpty { return [] }
        let (condition, arguments) = Self.visible(visibility)
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM dialogues WHERE id IN (SELECT value FROM json_each(?)) AND \(condition)",
                             arguments: [IdentityRepository.jsonArray(ids)] + arguments).map(Self.dialogue)
        }
    }

    public func dialogues(_ query: DialogueQuery, visibility: DialogueVisibility) async throws -> Page<Dialogue> {
        var list = RecordList(visible: Self.visible(visibility), deleted: .exclude)
        func ids(_ column: String, _ values: [Int64]?) {
            if let values { list.add("\(column) IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(values)]) }
        }
        func strings(_ column: String, _ values: [String]?) {
            if let values { list.add("\(column) IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(values)]) }
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let p = RecordList.containsPattern(text)
            list.add("""
                (sb_fold(party_name) LIKE ? ESCAPE '\\' OR sb_fold(party_handle) LIKE ? ESCAPE '\\' OR sb_fold(title) LIKE ? ESCAPE '\\'
                 OR EXISTS (SELECT 1 FROM messages AS m WHERE m.dialogue_id = dialogues.id AND sb_fold(m.text) LIKE ? ESCAPE '\\'))
                """, [p, p, p, p])
        }
        strings("kind", query.kinds?.map(\.rawValue))
        strings("status", query.statuses?.map(\.rawValue))
        ids("channel_id", query.channelIDs)
        if let kinds = query.channelKinds {
            list.add("channel_id IN (SELECT id FROM channels WHERE kind IN (SELECT value FROM json_each(?)))", [ClientRepository.jsonStrings(kinds.map(\.rawValue))])
        }
        ids("assignee_id", query.assigneeIDs)
        if let unassigned = query.unassigned { list.add(unassigned ? "(kind = 'client' AND assignee_id IS NULL)" : "assignee_id IS NOT NULL") }
        ids("client_id", query.clientIDs)
        ids("contact_id", query.contactIDs)
        if let unmatched = query.unmatched { list.add(unmatched ? "(kind = 'client' AND client_id IS NULL)" : "client_id IS NOT NULL") }
        if let hasUnread = query.hasUnread, let reader = query.reader {
            list.add("""
                \(hasUnread ? "" : "NOT ")EXISTS (SELECT 1 FROM messages AS m WHERE m.dialogue_id = dialogues.id AND coalesce(m.author_id, 0) != ?
                    AND m.id > coalesce((SELECT last_read_id FROM message_reads AS r WHERE r.dialogue_id = dialogues.id AND r.user_id = ?), 0))
                """, [reader, reader])
        }
        if let from = query.lastFrom { list.add("last_message_at >= ?", [SQLTime.text(from)]) }
        if let to = query.lastTo { list.add("last_message_at < ?", [SQLTime.text(to)]) }
        let order = switch query.order {
        case .lastMessageAt: "coalesce(last_message_at, created_at)"
        case .createdAt: "created_at"
        case .queuedSince: "coalesce(queued_since, '\(query.page.descending ? "0000" : "9999")')"
        }
        let final = list
        return try await database.read { db in
            try final.fetch(db, table: "dialogues", orderColumn: order, page: query.page, map: Self.dialogue)
        }
    }

    public func dialogue(accountID: Int64, externalID: String) async throws -> Dialogue? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM dialogues WHERE account_id = ? AND external_id = ?", arguments: [accountID, externalID])
                .map(Self.dialogue)
        }
    }

    public func directDialogue(key: String) async throws -> Dialogue? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM dialogues WHERE direct_key = ?", arguments: [key]).map(Self.dialogue)
        }
    }

    public func party(phoneDigits: String?, email: String?, messenger: String?, handle: String?) async throws -> (clientID: Int64?, contactID: Int64?) {
        try await database.read { db in
            for (kind, value) in [("phone", phoneDigits), ("email", email?.lowercased())] {
                guard let value else { continue }
                if let row = try Row.fetchOne(cached: db, sql: """
                    SELECT contacts.id, contacts.client_id FROM contact_points JOIN contacts ON contacts.id = contact_points.entity_id
                    WHERE contact_points.entity_type = 'Contact' AND contact_points.kind = ? AND contact_points.value = ? AND contacts.deleted_at IS NULL
                    ORDER BY contacts.id LIMIT 1
                    """, arguments: [kind, value]) {
                    return (row[1], row[0])
                }
                if let client = try Int64.fetchOne(cached: db, sql: """
                    SELECT clients.id FROM contact_points JOIN clients ON clients.id = contact_points.entity_id
                    WHERE contact_points.entity_type = 'Client' AND contact_points.kind = ? AND contact_points.value = ? AND clients.deleted_at IS NULL
                    ORDER BY clients.id LIMIT 1
                    """, arguments: [kind, value]) {
                    return (client, nil)
                }
            }
            guard let messenger, let handle = handle?.trimmingCharacters(in: .whitespaces).trimmingPrefix("@"), !handle.isEmpty else { return (nil, nil) }
            let match = "EXISTS (SELECT 1 FROM json_each(messengers) AS h WHERE json_extract(h.value, '$.messenger') = ? AND lower(json_extract(h.value, '$.handle')) = lower(?))"
            if let row = try Row.fetchOne(cached: db, sql: "SELECT id, client_id FROM contacts WHERE deleted_at IS NULL AND \(match) ORDER BY id LIMIT 1",
                                          arguments: [messenger, String(handle)]) {
                return (row[1], row[0])
            }
            return (try Int64.fetchOne(cached: db, sql: "SELECT id FROM clients WHERE deleted_at IS NULL AND \(match) ORDER BY id LIMIT 1",
                                       arguments: [messenger, String(handle)]), nil)
        }
    }

    public func openDialogueCounts(channelID: Int64?, userIDs: [Int64]) async throws -> [Int64: Int] {
        if userIDs.isEmpty { return [:] }
        return try await database.read { db in
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(cached: db, sql: """
                SELECT assignee_id, count(*) FROM dialogues WHERE kind = 'client' AND status != 'closed' AND deleted_at IS NULL
                    AND (? IS NULL OR channel_id = ?) AND assignee_id IN (SELECT value FROM json_each(?)) GROUP BY assignee_id
                """, arguments: [channelID, channelID, IdentityRepository.jsonArray(userIDs)]) {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }

    public func insertDialogue(_ d: Dialogue, createdBy: Int64?, at date: Date) async throws -> Dialogue? {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64? in
            if let account = d.accountID, let external = d.externalID,
               try Int64.fetchOne(cached: db, sql: "SELECT id FROM dialogues WHERE account_id = ? AND external_id = ?", arguments: [account, external]) != nil {
                return nil
            }
            let key = d.kind == .direct && d.memberIDs.count == 2 ? d.memberIDs.sorted().map(String.init).joined(separator: ":") : nil
            if let key, try Int64.fetchOne(cached: db, sql: "SELECT id FROM dialogues WHERE direct_key = ?", arguments: [key]) != nil { return nil }
            let columns = Self.columns(d) + [("direct_key", key), ("kind", d.kind.rawValue), ("channel_id", d.channelID), ("account_id", d.accountID),
                                             ("external_id", d.externalID)]
            try db.execute(sql: "INSERT INTO dialogues (\(columns.map(\.0).joined(separator: ", ")), created_at, updated_at, created_by) "
                            + "VALUES (\(Array(repeating: "?", count: columns.count + 3).joined(separator: ", ")))",
                           arguments: StatementArguments(columns.map(\.1)) + [now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let id else { return nil }
        return try await dialogue(id: id)
    }

    /// A dialogue by id, whoever may see it.
    private func dialogue(id: Int64) async throws -> Dialogue? {
        try await database.read { db in try Row.fetchOne(cached: db, sql: "SELECT * FROM dialogues WHERE id = ?", arguments: [id]).map(Self.dialogue) }
    }

    public func updateDialogue(_ d: Dialogue, expectedVersion: Int?, edits: [FieldEdit], actor: Actor, at date: Date) async throws -> VersionedWrite<Dialogue> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "dialogues", entity: "Dialogue", id: d.id, expectedVersion: expectedVersion,
                                    columns: Self.columns(d) + [("deleted_at", d.deletedAt.map(SQLTime.text))], edits: edits, actor: actor,
                                    at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await dialogue(id: d.id))
    }

    // MARK: Messages

    public func messages(ids: [Int64]) async throws -> [Message] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM messages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.message)
        }
    }

    public func messages(dialogueIDs: [Int64], page: PageRequest) async throws -> [Int64: Page<Message>] {
        let list = RecordList(visible: ("1", []), deleted: .include)
        return try await database.read { db in
            try list.fetchGrouped(db, table: "messages", groupColumn: "dialogue_id", groupIDs: dialogueIDs, orderColumn: "id", numeric: true,
                                  page: page, map: Self.message)
        }
    }

    public func message(accountID: Int64, externalID: String) async throws -> Message? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM messages WHERE account_id = ? AND external_id = ?", arguments: [accountID, externalID]).map(Self.message)
        }
    }

    public func message(authorID: Int64, idempotencyKey: String) async throws -> Message? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM messages WHERE author_id = ? AND idempotency_key = ?", arguments: [authorID, idempotencyKey])
                .map(Self.message)
        }
    }

    public func insertMessage(_ m: Message, dialogue d: Dialogue, edits: [FieldEdit], actor: Actor, at date: Date) async throws -> Message? {
        let now = SQLTime.text(date)
        do {
            let id = try await database.write { db -> Int64? in
                if let account = m.accountID, let external = m.externalID,
                   try Int64.fetchOne(cached: db, sql: "SELECT id FROM messages WHERE account_id = ? AND external_id = ?", arguments: [account, external]) != nil {
                    return nil
                }
                if let author = m.authorID, let key = m.idempotencyKey,
                   try Int64.fetchOne(cached: db, sql: "SELECT id FROM messages WHERE author_id = ? AND idempotency_key = ?", arguments: [author, key]) != nil {
                    return nil
                }
                let columns = Self.columns(m)
                try db.execute(sql: "INSERT INTO messages (\(columns.map(\.0).joined(separator: ", ")), created_at) "
                                + "VALUES (\(Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")))",
                               arguments: StatementArguments(columns.map(\.1)) + [now])
                let id = db.lastInsertedRowID
                // The dialogue moves on: a tracked change makes a new version; the last message alone does not.
                if edits.isEmpty {
                    try db.execute(sql: "UPDATE dialogues SET member_ids = ?, party_name = ?, party_handle = ?, party_phone = ?, party_email = ? "
                                    + "WHERE id = ? AND version = ?",
                                   arguments: [IdentityRepository.jsonArray(d.memberIDs), d.party?.name, d.party?.handle, d.party?.phone, d.party?.email,
                                               d.id, d.version])
                    if db.changesCount == 0 { throw Moved() }
                } else if try VersionedRow.update(db, table: "dialogues", entity: "Dialogue", id: d.id, expectedVersion: d.version,
                                                  columns: Self.columns(d), edits: edits, actor: actor, at: now) != .written {
                    throw Moved()
                }
                try db.execute(sql: """
                    UPDATE dialogues SET last_message_id = ?, last_message_at = ? WHERE id = ? AND (last_message_at IS NULL OR last_message_at <= ?)
                    """, arguments: [id, SQLTime.text(m.sentAt), d.id, SQLTime.text(m.sentAt)])
                return id
            }
            guard let id else { return nil }
            return try await messages(ids: [id]).first
        } catch is Moved {
            return nil
        }
    }

    public func unreadCounts(dialogueIDs: [Int64], userID: Int64) async throws -> [Int64: Int] {
        if dialogueIDs.isEmpty { return [:] }
        return try await database.read { db in
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(cached: db, sql: """
                SELECT m.dialogue_id, count(*) FROM messages AS m LEFT JOIN message_reads AS r ON r.dialogue_id = m.dialogue_id AND r.user_id = ?
                WHERE m.dialogue_id IN (SELECT value FROM json_each(?)) AND m.id > coalesce(r.last_read_id, 0) AND coalesce(m.author_id, 0) != ?
                GROUP BY m.dialogue_id
                """, arguments: [userID, IdentityRepository.jsonArray(dialogueIDs), userID]) {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }

    public func markRead(dialogueID: Int64, userID: Int64, upTo messageID: Int64) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO message_reads (dialogue_id, user_id, last_read_id) VALUES (?, ?, ?)
                ON CONFLICT (dialogue_id, user_id) DO UPDATE SET last_read_id = max(last_read_id, excluded.last_read_id)
                """, arguments: [dialogueID, userID, messageID])
        }
    }

    // MARK: Delivery

    public func queuedMessages(now: Date, limit: Int) async throws -> [(message: Message, dialogue: Dialogue, account: ChannelAccount, attempts: Int)] {
        try await database.read { db in
            let rows = try Row.fetchAll(cached: db, sql: """
                SELECT * FROM messages WHERE delivery_status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?
                """, arguments: [SQLTime.text(now), limit])
            return try rows.compactMap { row -> (Message, Dialogue, ChannelAccount, Int)? in
                let message = Self.message(row)
                guard let accountID = message.accountID,
                      let dialogue = try Row.fetchOne(cached: db, sql: "SELECT * FROM dialogues WHERE id = ?", arguments: [message.dialogueID]).map(Self.dialogue),
                      let account = try Row.fetchOne(cached: db, sql: "SELECT * FROM channel_accounts WHERE id = ?", arguments: [accountID]).map(Self.account)
                else { return nil }
                return (message, dialogue, account, row["attempts"])
            }
        }
    }

    public func recordDelivery(messageID: Int64, status: Message.Delivery?, externalID: String?, failureReason: String?, nextAttemptAt: Date?,
                               at date: Date) async throws {
        try await database.write { db in
            try db.execute(sql: """
                UPDATE messages SET attempts = attempts + 1, next_attempt_at = ?,
                    delivery_status = coalesce(?, delivery_status), delivery_status_changed_at = CASE WHEN ? IS NULL THEN delivery_status_changed_at ELSE ? END,
                    external_id = coalesce(?, external_id), failure_reason = coalesce(?, failure_reason)
                WHERE id = ?
                """, arguments: [nextAttemptAt.map(SQLTime.text), status?.rawValue, status?.rawValue, SQLTime.text(date), externalID, failureReason, messageID])
        }
    }

    public func recordReceipt(accountID: Int64, externalID: String, status: Message.Delivery, failureReason: String?,
                              at date: Date) async throws -> Bool {
        // The order statuses only move in: a late `delivered` after `read` changes nothing.
        let rank = "CASE delivery_status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 ELSE 9 END"
        let target = ["queued": 0, "sent": 1, "delivered": 2, "read": 3, "failed": 4][status.rawValue] ?? 9
        return try await database.write { db in
            try db.execute(sql: """
                UPDATE messages SET delivery_status = ?, delivery_status_changed_at = ?, failure_reason = coalesce(?, failure_reason)
                WHERE account_id = ? AND external_id = ? AND direction = 'outgoing' AND \(rank) < ?
                """, arguments: [status.rawValue, SQLTime.text(date), failureReason, accountID, externalID, target])
            return db.changesCount > 0
        }
    }

    public func touchAccount(id: Int64, error: String?, at date: Date) async throws {
        try await database.write { db in
            try db.execute(sql: """
                UPDATE channel_accounts SET last_event_at = ?, last_error = ?,
                    status = CASE WHEN NOT enabled THEN 'disabled' WHEN ? IS NULL THEN 'connected' ELSE 'error' END WHERE id = ?
                """, arguments: [SQLTime.text(date), error, error, id])
        }
    }

    // MARK: Rows

    static func columns(_ c: Channel) -> [(String, (any DatabaseValueConvertible)?)] {
        [("name", c.name), ("kind", c.kind.rawValue), ("enabled", c.enabled), ("operator_ids", IdentityRepository.jsonArray(c.operatorIDs)),
         ("auto_assign", c.autoAssign), ("max_open_per_operator", c.maxOpenPerOperator), ("create_inquiries", c.createInquiries),
         ("sla_policy_id", c.slaPolicyID)]
    }

    static func channel(_ row: Row) -> Channel {
        Channel(id: row["id"], name: row["name"], kind: Channel.Kind(rawValue: row["kind"]) ?? .webChat, enabled: row["enabled"],
                operatorIDs: (SupportRepository.json(row["operator_ids"]) as? [Int] ?? []).map(Int64.init), autoAssign: row["auto_assign"],
                maxOpenPerOperator: row["max_open_per_operator"], createInquiries: row["create_inquiries"], slaPolicyID: row["sla_policy_id"],
                lastOperatorID: row["last_operator_id"], createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast, createdBy: row["created_by"], version: row["version"],
                deletedAt: SQLTime.date(row["deleted_at"]))
    }

    static func columns(_ a: ChannelAccount) -> [(String, (any DatabaseValueConvertible)?)] {
        [("channel_id", a.channelID), ("name", a.name), ("external_id", a.externalID), ("enabled", a.enabled), ("status", a.status.rawValue),
         ("last_error", a.lastError), ("last_event_at", a.lastEventAt.map(SQLTime.text)), ("settings", a.settings),
         ("credentials", a.credentials.sealed), ("credential_keys", RecordJSON.tags(a.credentials.keys))]
    }

    static func account(_ row: Row) -> ChannelAccount {
        ChannelAccount(id: row["id"], channelID: row["channel_id"], name: row["name"], externalID: row["external_id"], enabled: row["enabled"],
                       status: ChannelAccount.Status(rawValue: row["status"]) ?? .pending, lastError: row["last_error"],
                       lastEventAt: SQLTime.date(row["last_event_at"]), settings: row["settings"],
                       credentials: SealedCredentials(sealed: row["credentials"], keys: SupportRepository.json(row["credential_keys"]) as? [String] ?? []),
                       createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                       createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }

    /// The columns a dialogue's changes write (its kind, channel and conversation are fixed).
    static func columns(_ d: Dialogue) -> [(String, (any DatabaseValueConvertible)?)] {
        [("title", d.title), ("status", d.status.rawValue), ("assignee_id", d.assigneeID), ("queued_since", d.queuedSince.map(SQLTime.text)),
         ("client_id", d.clientID), ("contact_id", d.contactID), ("party_name", d.party?.name), ("party_handle", d.party?.handle),
         ("party_phone", d.party?.phone), ("party_email", d.party?.email), ("member_ids", IdentityRepository.jsonArray(d.memberIDs))]
    }

    static func dialogue(_ row: Row) -> Dialogue {
        let kind = Dialogue.Kind(rawValue: row["kind"]) ?? .client
        let party = kind == .client ? DialogueParty(name: row["party_name"], handle: row["party_handle"], phone: row["party_phone"],
                                                    email: row["party_email"]) : nil
        return Dialogue(id: row["id"], kind: kind, channelID: row["channel_id"], accountID: row["account_id"], externalID: row["external_id"],
                        title: row["title"], status: Dialogue.Status(rawValue: row["status"]) ?? .open, assigneeID: row["assignee_id"],
                        queuedSince: SQLTime.date(row["queued_since"]), clientID: row["client_id"], contactID: row["contact_id"], party: party,
                        memberIDs: (SupportRepository.json(row["member_ids"]) as? [Int] ?? []).map(Int64.init),
                        lastMessageAt: SQLTime.date(row["last_message_at"]), lastMessageID: row["last_message_id"],
                        createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                        createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }

    static func columns(_ m: Message) -> [(String, (any DatabaseValueConvertible)?)] {
        let attachments = m.attachments.map { a -> [String: Any] in
            var object: [String: Any] = ["kind": a.kind.rawValue, "name": a.name, "contentType": a.contentType]
            if let size = a.size { object["size"] = size }
            if let sha = a.sha256 { object["sha256"] = sha }
            if let file = a.fileID { object["fileId"] = file }
            if let url = a.sourceURL { object["sourceUrl"] = url }
            return object
        }
        return [("dialogue_id", m.dialogueID), ("account_id", m.accountID), ("direction", m.direction.rawValue), ("author_kind", m.authorKind.rawValue),
                ("author_id", m.authorID), ("author_name", m.authorName), ("subject", m.subject), ("text", m.text), ("html", m.html),
                ("attachments", ProjectRepository.json(attachments)), ("reply_to_id", m.replyToID), ("external_id", m.externalID),
                ("sent_at", SQLTime.text(m.sentAt)), ("delivery_status", m.delivery?.rawValue),
                ("delivery_status_changed_at", m.deliveryChangedAt.map(SQLTime.text)), ("failure_reason", m.failureReason),
                ("template_id", m.templateID), ("idempotency_key", m.idempotencyKey)]
    }

    static func message(_ row: Row) -> Message {
        let attachments = (SupportRepository.json(row["attachments"]) as? [[String: Any]] ?? []).map { a in
            MessageAttachment(kind: MessageAttachment.Kind(rawValue: a["kind"] as? String ?? "") ?? .other, name: a["name"] as? String ?? "",
                              contentType: a["contentType"] as? String ?? "application/octet-stream", size: a["size"] as? Int,
                              sha256: a["sha256"] as? String, fileID: (a["fileId"] as? Int).map(Int64.init), sourceURL: a["sourceUrl"] as? String)
        }
        return Message(id: row["id"], dialogueID: row["dialogue_id"], accountID: row["account_id"],
                       direction: Message.Direction(rawValue: row["direction"]) ?? .incoming,
                       authorKind: Message.AuthorKind(rawValue: row["author_kind"]) ?? .client, authorID: row["author_id"],
                       authorName: row["author_name"], subject: row["subject"], text: row["text"], html: row["html"], attachments: attachments,
                       replyToID: row["reply_to_id"], externalID: row["external_id"], sentAt: SQLTime.date(row["sent_at"]) ?? .distantPast,
                       createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                       delivery: (row["delivery_status"] as String?).flatMap(Message.Delivery.init(rawValue:)),
                       deliveryChangedAt: SQLTime.date(row["delivery_status_changed_at"]), failureReason: row["failure_reason"],
                       templateID: row["template_id"], idempotencyKey: row["idempotency_key"])
    }
}
