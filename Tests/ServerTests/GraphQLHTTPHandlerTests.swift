import GraphQLEngine
import Secrets
import Testing
@testable import Server

/// GraphQL over HTTP: parameters, media types and status codes as the GraphQL-over-HTTP spec and
/// the graphql-http audits want them, and automatic persisted queries.
@Suite struct GraphQLHTTPHandlerTests {
    static let handler: GraphQLHTTPHandler<Void> = {
        let schema = try! Schema.build(sdl: """
        type Query { hello(name: String): String! }
        type Mutation { touch: Int! }
        """)
        let executable = try! ExecutableSchema<Void>(schema: schema, strict: true) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("hello") { _, call in "Hello, \(call.arguments.string("name") ?? "world")" }
            }
            b.object("Mutation", as: RootValue.self) { t in t.field("touch") { _, _ in 1 } }
        }
        return GraphQLHTTPHandler(executable: executable)
    }()

    func post(_ body: String, contentType: String? = "application/json", accept: String? = nil) async -> GraphQLHTTPResponse {
        await Self.handler.handle(GraphQLHTTPRequest(method: "POST", contentType: contentType, accept: accept,
                                                     body: Array(body.utf8)), context: {})
    }

    func get(_ items: [(String, String)], accept: String? = nil) async -> GraphQLHTTPResponse {
        await Self.handler.handle(GraphQLHTTPRequest(method: "GET", accept: accept,
                                                     queryItems: items.map { (name: $0.0, value: $0.1) }), context: {})
    }

    func text(_ r: GraphQLHTTPResponse) -> String { String(decoding: r.body, as: UTF8.self) }

    @Test func negotiatesTheMediaType() {
        #expect(GraphQLMediaType.negotiate(nil) == .json)
        #expect(GraphQLMediaType.negotiate("*/*") == .json)
        #expect(GraphQLMediaType.negotiate("application/graphql-response+json") == .graphQLResponse)
        #expect(GraphQLMediaType.negotiate("application/json") == .json)
        #expect(GraphQLMediaType.negotiate("application/graphql-response+json, application/json;q=0.9") == .graphQLResponse)
        #expect(GraphQLMediaType.negotiate("application/json, application/graphql-response+json;q=0.5") == .json)
        #expect(GraphQLMediaType.negotiate("text/html") == nil)
        #expect(GraphQLMediaType.negotiate("application/graphql-response+json;q=0") == nil)
    }

    @Test func answersQueriesOverPOSTAndGET() async {
        let r = await post(#"{"query":"query($n: String) { hello(name: $n) }","variables":{"n":"Anna"}}"#)
        #expect(r.status == 200 && r.header("Content-Type") == "application/json; charset=utf-8")
        #expect(text(r) == #"{"data":{"hello":"Hello, Anna"}}"#)
        let g = await get([("query", "{ hello }")], accept: "application/graphql-response+json")
        #expect(g.status == 200 && g.header("Content-Type") == "application/graphql-response+json; charset=utf-8")
        #expect(text(g) == #"{"data":{"hello":"Hello, world"}}"#)
        let withVariables = await get([("query", "query($n: String) { hello(name: $n) }"), ("variables", #"{"n":"Boris"}"#),
                                       ("operationName", ""), ("extensions", "")])
        #expect(text(withVariables) == #"{"data":{"hello":"Hello, Boris"}}"#)
        let nulls = await post(#"{"query":"{ hello }","variables":null,"operationName":null,"extensions":null}"#)
        #expect(nulls.status == 200 && text(nulls) == #"{"data":{"hello":"Hello, world"}}"#)
    }

    @Test func refusesMutationsOverGET() async {
        let r = await get([("query", "mutation { touch }")])
        #expect(r.status == 405 && r.header("Allow") == "POST")
        let ok = await post(#"{"query":"mutation { touch }"}"#)
        #expect(ok.status == 200 && text(ok) == #"{"data":{"touch":1}}"#)
        let put = await Self.handler.handle(GraphQLHTTPRequest(method: "PUT"), context: {})
        #expect(put.status == 405 && put.header("Allow") == "GET, POST")
    }

    @Test func malformedRequestsAre4xx() async {
        #expect(await post("{}", contentType: nil).status == 415)
        #expect(await post("{}", contentType: "text/plain").status == 415)
        #expect(await post("", contentType: "application/json").status == 400)
        #expect(await post("{\"query\":").status == 400)
        #expect(await post("[]").status == 400)
        #expect(await post(#"{"qeury":"{ hello }"}"#).status == 400)
        for bad in [#"{"query":{}}"#, #"{"query":1}"#, #"{"query":true}"#, #"{"query":["{ hello }"]}"#,
                    #"{"query":"{ hello }","operationName":1}"#, #"{"query":"{ hello }","variables":"x"}"#,
                    #"{"query":"{ hello }","variables":[]}"#, #"{"query":"{ hello }","extensions":7}"#] {
            let r = await post(bad)
            #expect(r.status == 400, "\(bad)")
            #expect(text(r).hasPrefix(#"{"errors":[{"message":"#), "\(bad)")
        }
        #expect(await get([("query", "{ hello }"), ("variables", "{nope")]).status == 400)
        let notAcceptable = await post(#"{"query":"{ hello }"}"#, accept: "text/html")
        #expect(notAcceptable.status == 406)
    }

    @Test func invalidDocumentsDependOnTheMediaType() async {
        // application/json: 200 with errors; application/graphql-response+json: 400 without data.
        for (query, variables) in [("{", "{}"), ("{ nope }", "{}"), (#"query($n: String!) { hello(name: $n) }"#, #"{"n":null}"#)] {
            let body = #"{"query":\#(JSONValue.string(query).jsonText),"variables":\#(variables)}"#
            let legacy = await post(body)
            #expect(legacy.status == 200 && text(legacy).hasPrefix(#"{"errors":"#) && !text(legacy).contains(#""data""#), "\(query)")
            let modern = await post(body, accept: "application/graphql-response+json")
            #expect(modern.status == 400 && !text(modern).contains(#""data""#), "\(query)")
        }
        let subscription = await post(#"{"query":"subscription { x }"}"#)
        #expect(subscription.status == 200)
    }

    @Test func automaticPersistedQueries() async {
        let query = "{ hello(name: \"APQ\") }"
        let hash = "\(sha256(query))"
        let miss = await post(#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}}"#)
        #expect(miss.status == 200)
        #expect(text(miss) == #"{"errors":[{"message":"PersistedQueryNotFound","extensions":{"code":"PERSISTED_QUERY_NOT_FOUND"}}]}"#)
        let register = await post(#"{"query":\#(JSONValue.string(query).jsonText),"extensions":{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}}"#)
        #expect(text(register) == #"{"data":{"hello":"Hello, APQ"}}"#)
        let hit = await get([("extensions", #"{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}"#)])
        #expect(hit.status == 200 && text(hit) == #"{"data":{"hello":"Hello, APQ"}}"#)
        let wrong = await post(#"{"query":"{ hello }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}}"#)
        #expect(wrong.status == 400 && text(wrong).contains("provided sha does not match query"))
    }

    func sha256(_ text: String) -> String {
        // The handler's own registration checks the hash, so compute it the same way.
        Digest.sha256Hex(text)
    }
}
