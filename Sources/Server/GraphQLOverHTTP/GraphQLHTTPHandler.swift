import GraphQLEngine

/// GraphQL over HTTP, as the GraphQL-over-HTTP spec says and the graphql-http audits check:
/// parameters from a JSON `POST` body or a `GET` query string, the response media type chosen
/// from `Accept`, and status codes that tell well-formed failures from malformed requests.
///
/// - `application/json` (legacy clients): 200 for any well-formed request, errors in the body;
///   400 for malformed JSON or parameters.
/// - `application/graphql-response+json`: 200 when there is `data`; 400 and no `data` when the
///   document does not parse or validate or its variables do not coerce.
/// - `GET` runs queries only: a mutation gets 405 with `Allow: POST`.
/// - Automatic persisted queries: a `sha256Hash` alone runs a registered query; an unknown hash
///   answers `PersistedQueryNotFound` so the client sends the text once.
public final class GraphQLHTTPHandler<Context: Sendable>: Sendable {
    public let executable: ExecutableSchema<Context>
    public let documents: DocumentCache
    public let persistedQueries: PersistedQueries

    public init(executable: ExecutableSchema<Context>, documentCacheSize: Int = 1_000,
                parseOptions: ParseOptions = ParseOptions(), persistedQueries: PersistedQueries = PersistedQueries()) {
        self.executable = executable
        self.documents = DocumentCache(schema: executable.schema, capacity: documentCacheSize,
                                       parseOptions: parseOptions, rules: executable.validationRules)
        self.persistedQueries = persistedQueries
    }

    /// Answers one request; `context` is made only once the request is known to be well formed.
    public func handle(_ request: GraphQLHTTPRequest, context: @Sendable () async -> Context) async -> GraphQLHTTPResponse {
        guard let media = GraphQLMediaType.negotiate(request.accept) else {
            return plain(406, "None of the types in the Accept header can be served: use application/graphql-response+json or application/json.")
        }
        let method = request.method.uppercased()
        guard method == "GET" || method == "POST" else {
            var response = failure(405, "GraphQL requests use GET (queries only) or POST.", media)
            response.headers.append(("Allow", "GET, POST"))
            return response
        }
        let params: RequestParameters
        switch method == "POST" ? RequestParameters.fromPOST(request) : RequestParameters.fromGET(request) {
        case .success(let p): params = p
        case .failure(let problem): return failure(problem.status, problem.message, media)
        }

        // Automatic persisted queries.
        var queryText = params.query
        if let persisted = params.extensions?["persistedQuery"] {
            guard case .object = persisted, case .string(let hash)? = persisted["sha256Hash"] else {
                return failure(400, "extensions.persistedQuery must be an object with a string sha256Hash.", media)
            }
            if let version = persisted["version"], version != .int(1) {
                return failure(400, "Unsupported persisted query version; only version 1 is supported.", media,
                               code: "PERSISTED_QUERY_NOT_SUPPORTED")
            }
            if let text = queryText {
                guard persistedQueries.register(text, hash: hash) else {
                    return failure(400, "provided sha does not match query", media, code: "PERSISTED_QUERY_HASH_MISMATCH")
                }
            } else if let registered = persistedQueries.query(for: hash) {
                queryText = registered
            } else {
                return respond(200, ExecutionResult(requestErrors: [
                    GraphQLError("PersistedQueryNotFound", extensions: [JSONMember("code", "PERSISTED_QUERY_NOT_FOUND")]),
                ]), media)
            }
        }
        guard let queryText else {
            return failure(400, "The request has no query: send `query` as a string.", media)
        }

        let entry = documents.document(for: queryText)
        guard let document = entry.document else {
            return respond(media == .json ? 200 : 400, ExecutionResult(requestErrors: entry.errors), media)
        }
        // A GET may only read: find the operation it selects before anything else.
        if method == "GET", let operation = selectedOperation(document, params.operationName), operation != .query {
            var response = failure(405, "Only queries can be sent with GET; send \(operation.rawValue)s with POST.", media)
            response.headers.append(("Allow", "POST"))
            return response
        }
        if !entry.errors.isEmpty {
            return respond(media == .json ? 200 : 400, ExecutionResult(requestErrors: entry.errors), media)
        }
        if selectedOperation(document, params.operationName) == .subscription {
            return failure(400, "Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql.", media)
        }
        var result = await executable.execute(document, source: entry.source, operationName: params.operationName,
                                              variables: params.variables, context: await context())
        if result.data == nil {
            // Request errors (variables that do not coerce, an unknown operation) are the
            // client's input at fault: say so in the code, as every other error does.
            for i in result.errors.indices where result.errors[i].code == nil && result.errors[i].path.isEmpty {
                result.errors[i].extensions.append(JSONMember("code", "BAD_USER_INPUT"))
            }
        }
        let status = result.data == nil && media == .graphQLResponse ? 400 : 200
        return respond(status, result, media)
    }

    /// The type of the operation a request selects (nil when the selection is ambiguous or unknown,
    /// which execution then reports).
    private func selectedOperation(_ document: DocumentNode, _ name: String?) -> OperationType? {
        let operations = document.operations
        if let name { return operations.first { $0.name?.value == name }?.operation }
        return operations.count == 1 ? operations[0].operation : nil
    }

    private func respond(_ status: Int, _ result: ExecutionResult, _ media: GraphQLMediaType) -> GraphQLHTTPResponse {
        GraphQLHTTPResponse(status: status, headers: [("Content-Type", media.contentType)], body: result.jsonBytes())
    }

    /// A request error as a GraphQL response body with `extensions.code`.
    private func failure(_ status: Int, _ message: String, _ media: GraphQLMediaType,
                         code: String = "BAD_REQUEST") -> GraphQLHTTPResponse {
        respond(status, ExecutionResult(requestErrors: [GraphQLError(message, extensions: [JSONMember("code", .string(code))])]), media)
    }

    /// A failure before any GraphQL media type could be chosen: plain text.
    private func plain(_ status: Int, _ message: String) -> GraphQLHTTPResponse {
        GraphQLHTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(message.utf8))
    }
}

/// The parameters of a GraphQL request, checked for shape.
struct RequestParameters {
    var query: String?
    var operationName: String?
    var variables: [JSONMember]
    var extensions: JSONValue?

    struct Problem: Error {
        let status: Int
        let message: String
    }

    static func fromPOST(_ request: GraphQLHTTPRequest) -> Result<RequestParameters, Problem> {
        guard let contentType = request.contentType?.lowercased(), !contentType.isEmpty else {
            return .failure(Problem(status: 415, message: "Missing Content-Type: send the request as application/json."))
        }
        let parts = contentType.split(separator: ";").map { String($0).trimmingSpaces }
        guard parts.first == "application/json" else {
            return .failure(Problem(status: 415, message: "Unsupported Content-Type \"\(contentType)\": send the request as application/json."))
        }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") && parameter != "charset=utf-8" {
            return .failure(Problem(status: 415, message: "Unsupported charset in \"\(contentType)\": only utf-8 is accepted."))
        }
        guard !request.body.isEmpty else {
            return .failure(Problem(status: 400, message: "The request body is empty: send a JSON object with a query."))
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(request.body)
        } catch {
            return .failure(Problem(status: 400, message: "The request body is not valid JSON: \(error)."))
        }
        guard case .object = json else {
            return .failure(Problem(status: 400, message: "The request body must be a JSON object."))
        }
        return from(query: json["query"], operationName: json["operationName"], variables: json["variables"],
                    extensions: json["extensions"])
    }

    static func fromGET(_ request: GraphQLHTTPRequest) -> Result<RequestParameters, Problem> {
        func item(_ name: String) -> String? {
            guard let value = request.queryItems.first(where: { $0.name == name })?.value, !value.isEmpty else { return nil }
            return value
        }
        func jsonItem(_ name: String) -> Result<JSONValue?, Problem> {
            guard let text = item(name) else { return .success(nil) }
            do {
                return .success(try JSONParser.parse(text))
            } catch {
                return .failure(Problem(status: 400, message: "The \(name) parameter is not valid JSON: \(error)."))
            }
        }
        let variables: JSONValue?
        let extensions: JSONValue?
        switch jsonItem("variables") {
        case .success(let v): variables = v
        case .failure(let p): return .failure(p)
        }
        switch jsonItem("extensions") {
        case .success(let e): extensions = e
        case .failure(let p): return .failure(p)
        }
        return from(query: item("query").map(JSONValue.string), operationName: item("operationName").map(JSONValue.string),
                    variables: variables, extensions: extensions)
    }

    private static func from(query: JSONValue?, operationName: JSONValue?, variables: JSONValue?,
                             extensions: JSONValue?) -> Result<RequestParameters, Problem> {
        var params = RequestParameters(query: nil, operationName: nil, variables: [], extensions: nil)
        switch query {
        case nil, .null?: break
        case .string(let s)?: params.query = s
        default: return .failure(Problem(status: 400, message: "The query parameter must be a string."))
        }
        switch operationName {
        case nil, .null?: break
        case .string(let s)?: params.operationName = s
        default: return .failure(Problem(status: 400, message: "The operationName parameter must be a string."))
        }
        switch variables {
        case nil, .null?: break
        case .object(let members)?: params.variables = members
        default: return .failure(Problem(status: 400, message: "The variables parameter must be a JSON object."))
        }
        switch extensions {
        case nil, .null?: break
        case .object?: params.extensions = extensions
        default: return .failure(Problem(status: 400, message: "The extensions parameter must be a JSON object."))
        }
        return .success(params)
    }
}
