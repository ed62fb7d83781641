import CRM
import Foundation
import GraphQLEngine

/// Users, departments, sessions and API tokens: `me`, the lists, sign-in and sign-out, creating
/// users, departments and tokens.
enum IdentityResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        bindQueries(&b)
        bindMutations(&b)
        bindUser(&b)
        bindDepartment(&b)
        bindDepartmentChanges(&b)
        bindUserChanges(&b)
        bindApiToken(&b)
        bindSession(&b)
    }

    // MARK: Queries

    static func bindQueries(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.field("me") { _, call in call.context.viewer.user }
            t.asyncField("users") { _, call in
                _ = try call.context.requireReader()
                let deleted = call.arguments["filter"]?["deleted"].flatMap(RecordInput.string) ?? "EXCLUDE"
                var users = deleted == "EXCLUDE" ? try await call.context.services.identity.users(departmentID: nil)
                                                 : try await call.context.services.identity.allUsers()
                if deleted == "ONLY" { users = users.filter { $0.deletedAt != nil } }
                if case .object? = call.arguments["filter"], let filter = call.arguments["filter"] {
                    users = try filterUsers(users, filter)
                }
                users = orderUsers(users, call.arguments["orderBy"])
                return try Connection.page(users, arguments: call.arguments) { GlobalID.encode("User", $0.id) }
            }
            t.asyncField("departments") { _, call in
                _ = try call.context.requireReader()
                var departments = try await call.context.services.identity.departments()
                if case .string(let deleted)? = call.arguments["filter"]?["deleted"], deleted == "ONLY" { departments = [] }
                if case .string(let query)? = call.arguments["filter"]?["query"], !query.isEmpty {
                    departments = departments.filter { $0.name.localizedCaseInsensitiveContains(query) }
                }
                return try Connection.page(departments, arguments: call.arguments) { GlobalID.encode("Department", $0.id) }
            }
            t.asyncField("apiTokens") { _, call in
                guard call.context.viewer.user?.role == .admin, case .user = call.context.viewer else {
                    throw ResolverError("Only admins see API tokens.", code: call.context.viewer == .anonymous ? "UNAUTHENTICATED" : "FORBIDDEN")
                }
                var tokens = try await call.context.services.identity.apiTokens()
                if call.arguments["filter"]?["includeRevoked"] != .bool(true) { tokens = tokens.filter { $0.revokedAt == nil } }
                return try Connection.page(tokens, arguments: call.arguments) { GlobalID.encode("ApiToken", $0.id) }
            }
        }
    }

    static func filterUsers(_ users: [User], _ filter: JSONValue) throws -> [User] {
        var result = users
        if case .string(let query)? = filter["query"], !query.isEmpty {
            result = result.filter { $0.name.localizedCaseInsensitiveContains(query) || $0.email.contains(query.lowercased()) }
        }
        if case .array(let roles)? = filter["roles"] {
            let wanted = Set(roles.compactMap { if case .string(let r) = $0 { r.lowercased() } else { nil } })
            result = result.filter { wanted.contains($0.role.rawValue) }
        }
        if case .array(let ids)? = filter["departmentIds"] {
            let wanted = Set(ids.compactMap { if case .string(let id) = $0 { GlobalID.id(id, of: "Department") } else { nil } })
            result = result.filter { $0.departmentID.map(wanted.contains) ?? false }
        }
        if case .array(let presences)? = filter["presences"] {
            let wanted = Set(presences.compactMap { if case .string(let p) = $0 { p } else { nil } })
            result = result.filter { wanted.contains($0.presence.uppercased()) }
        }
        return result
    }

    static func orderUsers(_ users: [User], _ orderBy: JSONValue?) -> [User] {
        guard case .string(let field)? = orderBy?["field"] else { return users }
        let descending = orderBy?["direction"] == .string("DESC")
        let sorted: [User]
        switch field {
        case "EMAIL": sorted = users.sorted { ($0.email, $0.id) < ($1.email, $1.id) }
        case "CREATED_AT": sorted = users.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        default: sorted = users.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        }
        return descending ? sorted.reversed() : sorted
    }

    // MARK: Mutations

    static func bindMutations(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("signIn") { _, call in
                let input = call.arguments["input"]
                guard case .string(let email)? = input?["email"], case .string(let password)? = input?["password"] else {
                    throw ResolverError("signIn needs an e-mail and a password.", code: "BAD_USER_INPUT")
                }
                var device: String?
                if case .string(let d)? = input?["deviceName"] { device = d }
                do {
                    let signedIn = try await call.context.services.auth.signIn(email: email, password: password, deviceName: device)
                    return payload(["token": signedIn.token, "session": signedIn.session, "user": signedIn.user])
                } catch let error as DomainError {
                    return try failure(error)
                }
            }
            t.asyncField("signOut") { _, call in
                let everywhere = call.arguments["input"]?["everywhere"] == .bool(true)
                do {
                    let ended = try await call.context.services.auth.signOut(call.context.viewer, everywhere: everywhere)
                    return payload(["endedSessionCount": ended])
                } catch let error as DomainError {
                    return try failure(error)
                }
            }
            t.asyncField("changePassword") { _, call in
                let input = call.arguments["input"]
                let current = RecordInput.string(input?["currentPassword"] ?? .null) ?? ""
                let new = RecordInput.string(input?["newPassword"] ?? .null) ?? ""
                return try await MutationPayload.run("user") { try await call.context.services.users.changePassword(call.context.viewer, current: current, new: new) }
            }
            t.asyncField("createApiToken") { _, call in
                let input = call.arguments["input"]
                var scopes: Set<TokenScope> = []
                if case .array(let values)? = input?["scopes"] {
                    for case .string(let s) in values { if let scope = TokenScope(rawValue: s.lowercased()) { scopes.insert(scope) } }
                }
                var actsAs: Int64?
                if case .string(let id)? = input?["actsAsUserId"] {
                    guard let userID = GlobalID.id(id, of: "User") else {
                        return payload(["userErrors": [userError(["input", "actsAsUserId"], "No such user.", "NOT_FOUND")]])
                    }
                    actsAs = userID
                }
                var expiresAt: Date?
                if case .string(let text)? = input?["expiresAt"] { expiresAt = RFC3339.parse(text) }
                var name = ""
                if case .string(let n)? = input?["name"] { name = n }
                do {
                    let (token, apiToken) = try await call.context.services.auth.createApiToken(
                        call.context.viewer, name: name, scopes: scopes, actsAsUserID: actsAs, expiresAt: expiresAt)
                    return payload(["token": token, "apiToken": apiToken])
                } catch let error as DomainError {
                    return try failure(error)
                }
            }
            t.asyncField("revokeApiToken") { _, call in
                guard call.context.viewer.user?.role == .admin, case .user = call.context.viewer else {
                    throw ResolverError("Only admins revoke API tokens.", code: call.context.viewer == .anonymous ? "UNAUTHENTICATED" : "FORBIDDEN")
                }
                guard case .string(let id)? = call.arguments["input"]?["id"], let tokenID = GlobalID.id(id, of: "ApiToken"),
                      try await call.context.services.identity.apiTokens(ids: [tokenID]).first != nil else {
                    throw ResolverError("No such API token.", code: "NOT_FOUND")
                }
                let identity = call.context.services.identity
                try await identity.revokeApiToken(id: tokenID, at: call.context.services.auth.clock.now())
                return payload(["apiToken": try await identity.apiTokens(ids: [tokenID]).first])
            }
            t.asyncField("createUser") { _, call in
                let viewer = try call.context.requireWriter()
                guard viewer.user?.role == .admin else { throw ResolverError("Only admins create users.", code: "FORBIDDEN") }
                let input = call.arguments["input"]
                func text(_ key: String) -> String? { if case .string(let s)? = input?[key] { s } else { nil } }
                var departmentID: Int64?
                if let id = text("departmentId") {
                    guard let parsed = GlobalID.id(id, of: "Department") else {
                        return payload(["userErrors": [userError(["input", "departmentId"], "No such department.", "NOT_FOUND")]])
                    }
                    departmentID = parsed
                }
                do {
                    let user = try await call.context.services.auth.createUser(
                        name: text("name") ?? "", email: text("email") ?? "", password: text("password") ?? "",
                        role: Role(rawValue: (text("role") ?? "").lowercased()) ?? .operator, departmentID: departmentID,
                        phone: text("phone"), position: text("position"), extensionNumber: text("extension"),
                        timeZone: text("timeZone"), locale: text("locale"), createdBy: viewer.user?.id)
                    return payload(["user": user])
                } catch let error as DomainError {
                    return try failure(error)
                }
            }
            t.asyncField("createDepartment") { _, call in
                let viewer = try call.context.requireWriter()
                guard viewer.user?.role == .admin else { throw ResolverError("Only admins create departments.", code: "FORBIDDEN") }
                let input = call.arguments["input"]
                guard case .string(let rawName)? = input?["name"] else { throw ResolverError("A name is required.", code: "BAD_USER_INPUT") }
                let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
                let identity = call.context.services.identity
                if name.isEmpty { return payload(["userErrors": [userError(["input", "name"], "Enter a name.", "REQUIRED")]]) }
                if try await identity.department(name: name) != nil {
                    return payload(["userErrors": [userError(["input", "name"], "A department with this name exists.", "TAKEN")]])
                }
                var headID: Int64?
                if case .string(let id)? = input?["headId"] {
                    guard let parsed = GlobalID.id(id, of: "User"), try await identity.user(id: parsed) != nil else {
                        return payload(["userErrors": [userError(["input", "headId"], "No such user.", "NOT_FOUND")]])
                    }
                    headID = parsed
                }
                let department = try await identity.insertDepartment(name: name, headID: headID, createdBy: viewer.user?.id,
                                                                     at: call.context.services.auth.clock.now())
                return payload(["department": department])
            }
        }
    }

    /// The department mutations that follow the record pattern: versioned updates, soft delete,
    /// restore, each recorded in the history.
    static func bindDepartmentChanges(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("updateDepartment") { _, call in
                let input = call.arguments["input"]
                let id = try RecordInput.recordID(input, "Department", noun: "department")
                let version = try RecordInput.requiredVersion(input)
                var name: String?
                if case .string(let n)? = input?["name"] { name = n }
                var head: Int64?? = nil
                switch input?["headId"] {
                case .string(let headID)?:
                    guard let userID = GlobalID.id(headID, of: "User") else {
                        return payload(["userErrors": [userError(["input", "headId"], "No such user.", "NOT_FOUND")]])
                    }
                    head = .some(userID)
                case .null?: head = .some(nil)
                default: break
                }
                return try await MutationPayload.run("department") {
                    try await call.context.services.departments.update(call.context.viewer, id: id, version: version,
                                                                       name: name, headID: head)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "Department", noun: "department") { call, id, version, deleting in
                let service = call.context.services.departments
                return try await MutationPayload.run("department") {
                    deleting ? try await service.delete(call.context.viewer, id: id, version: version)
                             : try await service.restore(call.context.viewer, id: id, version: version)
                }
            }
        }
    }

    /// Changing, deactivating and reactivating users.
    static func bindUserChanges(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("updateUser") { _, call in
                let raw = call.arguments["input"]
                let id = try RecordInput.recordID(raw, "User", noun: "user")
                let version = try RecordInput.requiredVersion(raw)
                var input = UserInput()
                guard case .object(let members)? = raw else { throw ResolverError("input is required.", code: "BAD_USER_INPUT") }
                for member in members {
                    let value = RecordInput.string(member.value)
                    switch member.key {
                    case "name": input.name = .set(value ?? "")
                    case "email": input.email = .set(value ?? "")
                    case "password": input.password = .set(value ?? "")
                    case "role": if let role = value.flatMap({ Role(rawValue: $0.lowercased()) }) { input.role = .set(role) }
                    case "departmentId": input.departmentID = .set(RecordInput.id(member.value, of: "Department"))
                    case "phone": input.phone = .set(value)
                    case "position": input.position = .set(value)
                    case "extension": input.extensionNumber = .set(value)
                    case "timeZone": input.timeZone = .set(value ?? "")
                    case "locale": input.locale = .set(value ?? "")
                    default: break
                    }
                }
                let change = input
                return try await MutationPayload.run("user") {
                    try await call.context.services.users.update(call.context.viewer, id: id, version: version, input: change)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "User", noun: "user") { call, id, version, deleting in
                let service = call.context.services.users
                return try await MutationPayload.run("user") {
                    deleting ? try await service.delete(call.context.viewer, id: id, version: version)
                             : try await service.restore(call.context.viewer, id: id, version: version)
                }
            }
        }
    }

    /// A record's recorded changes as a connection of `FieldChange`s, newest first.
    static func history(_ entity: String, _ id: Int64, _ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        var changes = try await call.context.services.identity.history(entity: entity, id: id)
        if let filter = call.arguments["filter"] {
            if case .array(let names)? = filter["fields"] {
                let wanted = Set(RecordInput.strings(names))
                changes = changes.filter { wanted.contains(HistoryForm.name($0.field)) }
            }
            let (from, to) = DealResolvers.timeRange(filter["changedAt"])
            changes = changes.filter { change in
                (from.map { change.changedAt >= $0 } ?? true) && (to.map { change.changedAt < $0 } ?? true)
            }
            if case .array(let kinds)? = filter["actorKinds"] {
                let wanted = Set(RecordInput.strings(kinds))
                changes = changes.filter { change in
                    let kind = switch change.actor {
                    case .user: "USER"
                    case .apiToken: "API_TOKEN"
                    case .robot: "ROBOT"
                    case .system: "SYSTEM"
                    }
                    return wanted.contains(kind)
                }
            }
        }
        let actors = try await actorObjects(changes.map(\.actor), call.context)
        let nodes: [[String: any Sendable]] = zip(changes, actors).map { change, actor in
            var node: [String: any Sendable] = ["field": HistoryForm.name(change.field), "changedAt": change.changedAt, "actor": actor,
                                                "version": change.version, "cursor": String(change.id)]
            if let old = change.oldValue, let value = try? JSONParser.parse(old) { node["oldValue"] = HistoryForm.value(change.field, value) }
            if let new = change.newValue, let value = try? JSONParser.parse(new) { node["newValue"] = HistoryForm.value(change.field, value) }
            return node
        }
        return try Connection.page(nodes, arguments: call.arguments) { ($0["cursor"] as? String) ?? "" }
    }

    /// `Actor` objects for recorded actors, with one user look-up for all of them.
    static func actorObjects(_ actors: [Actor], _ context: RequestContext) async throws -> [[String: any Sendable]] {
        let users = try await usersByID(actors.compactMap { if case .user(let id) = $0 { id } else { nil } }, context)
        return actors.map { actor in
            switch actor {
            case .user(let userID):
                if let user = users[userID] { return ["kind": "USER", "user": user, "name": user.name] }
                return ["kind": "USER", "name": "Deleted user"]
            case .apiToken: return ["kind": "API_TOKEN", "name": "API token"]
            case .robot(let name): return ["kind": "ROBOT", "name": name]
            case .system: return ["kind": "SYSTEM", "name": "Switchboard"]
            }
        }
    }

    /// A mutation payload read by name, with no user errors unless given.
    static func payload(_ fields: [String: (any Sendable)?]) -> [String: any Sendable] {
        var result: [String: any Sendable] = ["userErrors": [any Sendable]()]
        for (key, value) in fields { if let value { result[key] = value } }
        return result
    }

    static func userError(_ field: [String], _ message: String, _ code: String) -> [String: any Sendable] {
        ["field": field, "message": message, "code": code]
    }

    /// Expected failures become `userErrors`; the others are request-level errors.
    static func failure(_ error: DomainError) throws -> [String: any Sendable] {
        if case .invalid(let errors) = error {
            return payload(["userErrors": errors.map { userError($0.field, $0.message, $0.code) } as [any Sendable]])
        }
        throw error.resolverError
    }

    // MARK: Types

    static func bindUser(_ b: inout SchemaBindings<RequestContext>) {
        b.object("User", as: User.self) { t in
            t.field("id") { u, _ in GlobalID.encode("User", u.id) }
            t.field("name", \.name)
            t.field("email", \.email)
            t.field("phone", \.phone)
            t.field("position", \.position)
            t.field("role") { u, _ in u.role.rawValue.uppercased() }
            t.batchField("department") { users, call in
                let ids = Array(Set(users.compactMap(\.departmentID)))
                let departments = Dictionary(uniqueKeysWithValues: try await call.context.services.identity.departments(ids: ids).map { ($0.id, $0) })
                return users.map { u in u.departmentID.flatMap { departments[$0] } }
            }
            t.field("extension", \.extensionNumber)
            t.field("timeZone", \.timeZone)
            t.field("locale", \.locale)
            // Online means a live console connection; none exist until the WebSocket transport does.
            t.field("presence") { u, _ in u.presence.uppercased() }
            t.field("presenceChoice") { u, _ in u.presenceChoice.rawValue.uppercased() }
            t.field("presenceChangedAt", \.presenceChangedAt)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { users, call in try await actors(users.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { u, call in try await history("User", u.id, call) }
        }
    }

    static func bindDepartment(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Department", as: Department.self) { t in
            t.field("id") { d, _ in GlobalID.encode("Department", d.id) }
            t.field("name", \.name)
            t.batchField("head") { departments, call in
                let users = try await usersByID(departments.compactMap(\.headID), call.context)
                return departments.map { d in d.headID.flatMap { users[$0] } }
            }
            t.asyncField("members") { d, call in try await call.context.services.identity.users(departmentID: d.id) }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { departments, call in try await actors(departments.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { d, call in try await history("Department", d.id, call) }
        }
    }

    static func bindApiToken(_ b: inout SchemaBindings<RequestContext>) {
        b.object("ApiToken", as: ApiToken.self) { t in
            t.field("id") { a, _ in GlobalID.encode("ApiToken", a.id) }
            t.field("createdAt", \.createdAt)
            t.batchField("createdBy") { tokens, call in try await actors(tokens.map(\.createdBy), call.context) }
            t.field("name", \.name)
            t.field("scopes") { a, _ in TokenScope.allCases.filter(a.scopes.contains).map { $0.rawValue.uppercased() } }
            t.field("prefix", \.prefix)
            t.batchField("actsAs") { tokens, call in
                let users = try await usersByID(tokens.compactMap(\.actsAsUserID), call.context)
                return tokens.map { a in a.actsAsUserID.flatMap { users[$0] } }
            }
            t.field("expiresAt", \.expiresAt)
            t.field("lastUsedAt", \.lastUsedAt)
            t.field("revokedAt", \.revokedAt)
        }
    }

    static func bindSession(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Session", as: Session.self) { t in
            t.field("id") { s, _ in GlobalID.encode("Session", s.id) }
            t.batchField("user") { sessions, call in
                let users = try await usersByID(sessions.map(\.userID), call.context)
                return sessions.map { users[$0.userID] }
            }
            t.field("createdAt", \.createdAt)
            t.field("expiresAt", \.expiresAt)
            t.field("lastUsedAt", \.lastUsedAt)
            t.field("deviceName", \.deviceName)
        }
        for name in ["SignInPayload", "SignOutPayload", "ChangePasswordPayload", "CreateApiTokenPayload", "ApiTokenPayload", "UserPayload",
                     "DepartmentPayload", "UserError", "Actor", "PageInfo", "UserConnection", "UserEdge",
                     "DepartmentConnection", "DepartmentEdge", "ApiTokenConnection", "ApiTokenEdge", "FieldChange",
                     "FieldChangeConnection", "FieldChangeEdge"] {
            b.mapObject(name)
        }
    }

    static func usersByID(_ ids: [Int64], _ context: RequestContext) async throws -> [Int64: User] {
        let users = try await context.services.identity.users(ids: Array(Set(ids)))
        return Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0) })
    }

    /// `Actor` values for "created by" user ids: the user, or the system when nobody is named
    /// (records made by the command line or the demo seed).
    static func actors(_ ids: [Int64?], _ context: RequestContext) async throws -> [(any Sendable)?] {
        let users = try await usersByID(ids.compactMap { $0 }, context)
        return ids.map { id -> [String: any Sendable] in
            if let id, let user = users[id] { return ["kind": "USER", "user": user, "name": user.name] }
            return ["kind": "SYSTEM", "name": "Switchboard"]
        }
    }
}
