import Testing
@testable import GraphQLEngine

/// `@skip` and `@include` (spec §3.13, §6.3.2 CollectFields; graphql-js `directives-test`) on
/// fields, fragment spreads and inline fragments, with literal and variable conditions.
@Suite struct DirectivesTests {
    typealias H = ExecutionHarness

    static func executable(calls: CallCounter = CallCounter()) throws -> ExecutableSchema<NoContext> {
        try H.schema("type TestType { a: String b: String expensive: String } schema { query: TestType }") { b in
            b.object("TestType", as: RootValue.self) { t in
                t.field("a") { _, _ in "a" }
                t.field("b") { _, _ in "b" }
                t.field("expensive") { _, _ in
                    calls.count("expensive")
                    return "computed"
                }
            }
        }
    }

    func run(_ query: String, _ variables: [JSONMember] = []) async throws -> String {
        try await H.run(Self.executable(), query, variables: variables)
    }

    static let both = #"{"data":{"a":"a","b":"b"}}"#
    static let onlyA = #"{"data":{"a":"a"}}"#

    @Test func worksWithoutDirectives() async throws {
        #expect(try await run("{ a, b }") == Self.both)
    }

    // MARK: - On fields

    @Test(arguments: [
        ("{ a, b @include(if: true) }", both), ("{ a, b @include(if: false) }", onlyA),
        ("{ a, b @skip(if: false) }", both), ("{ a, b @skip(if: true) }", onlyA),
    ])
    func onFields(query: String, expected: String) async throws {
        #expect(try await run(query) == expected)
    }

    // MARK: - On fragment spreads

    @Test(arguments: [
        ("{ a ...Frag @include(if: true) } fragment Frag on TestType { b }", both),
        ("{ a ...Frag @include(if: false) } fragment Frag on TestType { b }", onlyA),
        ("{ a ...Frag @skip(if: false) } fragment Frag on TestType { b }", both),
        ("{ a ...Frag @skip(if: true) } fragment Frag on TestType { b }", onlyA),
    ])
    func onFragmentSpreads(query: String, expected: String) async throws {
        #expect(try await run(query) == expected)
    }

    // MARK: - On inline fragments

    @Test(arguments: [
        ("{ a ... on TestType @include(if: true) { b } }", both), ("{ a ... on TestType @include(if: false) { b } }", onlyA),
        ("{ a ... on TestType @skip(if: false) { b } }", both), ("{ a ... on TestType @skip(if: true) { b } }", onlyA),
        ("{ a ... @include(if: true) { b } }", both), ("{ a ... @include(if: false) { b } }", onlyA),
        ("{ a ... @skip(if: false) { b } }", both), ("{ a ... @skip(if: true) { b } }", onlyA),
    ])
    func onInlineFragments(query: String, expected: String) async throws {
        #expect(try await run(query) == expected)
    }

    // MARK: - Both directives

    @Test(arguments: [
        ("{ a, b @include(if: true) @skip(if: false) }", both),
        ("{ a, b @include(if: true) @skip(if: true) }", onlyA),
        ("{ a, b @include(if: false) @skip(if: false) }", onlyA),
        ("{ a, b @skip(if: true) @include(if: true) }", onlyA),
    ])
    func includedOnlyWhenIncludeIsTrueAndSkipIsFalse(query: String, expected: String) async throws {
        #expect(try await run(query) == expected)
    }

    // MARK: - Variable conditions

    @Test func takesTheConditionFromAVariable() async throws {
        let include = "query ($x: Boolean!) { a b @include(if: $x) }"
        #expect(try await run(include, [JSONMember("x", true)]) == Self.both)
        #expect(try await run(include, [JSONMember("x", false)]) == Self.onlyA)
        let skip = "query ($x: Boolean!) { a ...F @skip(if: $x) } fragment F on TestType { b }"
        #expect(try await run(skip, [JSONMember("x", true)]) == Self.onlyA)
        #expect(try await run(skip, [JSONMember("x", false)]) == Self.both)
        let inline = "query ($x: Boolean!, $y: Boolean!) { a ... @include(if: $x) { b @skip(if: $y) } }"
        #expect(try await run(inline, [JSONMember("x", true), JSONMember("y", false)]) == Self.both)
        #expect(try await run(inline, [JSONMember("x", true), JSONMember("y", true)]) == Self.onlyA)
    }

    @Test func takesTheConditionFromAVariablesDefault() async throws {
        #expect(try await run("query ($x: Boolean = true) { a b @include(if: $x) }") == Self.both)
        #expect(try await run("query ($x: Boolean = true) { a b @skip(if: $x) }") == Self.onlyA)
        #expect(try await run("query ($x: Boolean = true) { a b @skip(if: $x) }", [JSONMember("x", false)]) == Self.both)
    }

    @Test func aMissingConditionVariableIsARequestError() async throws {
        let json = try await run("query ($x: Boolean!) { a b @include(if: $x) }")
        #expect(json == #"{"errors":[{"message":"Variable \"$x\" of required type \"Boolean!\" was not provided.","locations":[{"line":1,"column":8}]}]}"#)
    }

    // MARK: - Interaction with field merging

    @Test func aFieldIsIncludedWhenAnyOfItsMergedNodesIs() async throws {
        #expect(try await run("{ a b @skip(if: true) b }") == Self.both)
        #expect(try await run("{ a b @include(if: false) ... { b } }") == Self.both)
        #expect(try await run("{ b @skip(if: true) a b }") == #"{"data":{"a":"a","b":"b"}}"#)
    }

    @Test func aSkippedFragmentCanStillBeSpreadElsewhere() async throws {
        let query = "{ ...F @skip(if: true) a ...F } fragment F on TestType { b }"
        #expect(try await run(query) == #"{"data":{"a":"a","b":"b"}}"#)
    }

    @Test func aSkippedFieldIsNeverResolved() async throws {
        let calls = CallCounter()
        let exe = try Self.executable(calls: calls)
        let json = try await H.run(exe, "query ($x: Boolean!) { a expensive @include(if: $x) ... @skip(if: true) { expensive } }",
                                   variables: [JSONMember("x", false)])
        #expect(json == Self.onlyA)
        #expect(calls["expensive"] == 0)
        _ = try await H.run(exe, "{ expensive }")
        #expect(calls["expensive"] == 1)
    }
}
