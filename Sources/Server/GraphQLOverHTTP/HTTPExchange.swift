/// An HTTP request as the GraphQL-over-HTTP handler needs it, independent of the HTTP framework.
public struct GraphQLHTTPRequest: Sendable {
    public var method: String
    public var contentType: String?
    public var accept: String?
    /// The decoded parameters of the URL's query string, in order.
    public var queryItems: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, contentType: String? = nil, accept: String? = nil,
                queryItems: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.contentType = contentType
        self.accept = accept
        self.queryItems = queryItems
        self.body = body
    }
}

/// The answer: status, headers and body bytes.
public struct GraphQLHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// The two response media types of the GraphQL-over-HTTP spec.
public enum GraphQLMediaType: String, Sendable {
    case graphQLResponse = "application/graphql-response+json"
    case json = "application/json"

    /// The content type header value, with its charset.
    var contentType: String { rawValue + "; charset=utf-8" }

    /// The media type to answer with for an `Accept` header, or nil when none is acceptable.
    ///
    /// No header, `*/*` and `application/*` mean `application/json` (what legacy clients
    /// expect, and what the graphql-http audits ask). When both types are named, the higher
    /// quality wins; a tie goes to `application/graphql-response+json`.
    static func negotiate(_ accept: String?) -> GraphQLMediaType? {
        guard let accept, !accept.trimmingSpaces.isEmpty else { return .json }
        var best: (type: GraphQLMediaType, q: Double, explicit: Bool)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { String($0).trimmingSpaces.lowercased() }
            guard let mediaRange = parts.first else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                q = Double(parameter.dropFirst(2)) ?? 0
            }
            guard q > 0 else { continue }
            let candidate: (GraphQLMediaType, Bool)?
            switch mediaRange {
            case GraphQLMediaType.graphQLResponse.rawValue: candidate = (.graphQLResponse, true)
            case GraphQLMediaType.json.rawValue: candidate = (.json, true)
            case "*/*", "application/*": candidate = (.json, false)
            default: candidate = nil
            }
            guard let (type, explicit) = candidate else { continue }
            if let current = best {
                if q > current.q || (q == current.q && type == .graphQLResponse && explicit) {
                    best = (type, q, explicit)
                }
            } else {
                best = (type, q, explicit)
            }
        }
        return best?.type
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
