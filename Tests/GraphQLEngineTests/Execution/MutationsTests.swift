import Synchronization
import Testing
@testable import GraphQLEngine

/// Mutations (spec §6.2.2 "Mutation", §6.3.1 "Normal and Serial Execution"; graphql-js
/// `mutations-test`): the root fields of a mutation run one after the other in document order,
/// each — with its whole sub-selection — complete before the next starts; a failing one does not
/// stop the others.
@Suite struct MutationsTests {
    typealias H = ExecutionHarness

    /// The number every mutation changes; its `theNumber` is read when the field completes, so a
    /// later mutation running early would show in an earlier field's result.
    final class NumberHolder: Sendable {
        private let number = Mutex(0)
        var theNumber: Int { number.withLock { $0 } }
        func set(_ n: Int) { number.withLock { $0 = n } }
    }

    static let sdl = """
    type NumberHolder { theNumber: Int slowNumber: Int }
    type Query { numberHolder: NumberHolder record(label: String!, delayMs: Int!): String }
    type Mutation {
      immediatelyChangeTheNumber(newNumber: Int): NumberHolder
      promiseToChangeTheNumber(newNumber: Int, delayMs: Int = 5): NumberHolder
      failToChangeTheNumber(newNumber: Int): NumberHolder
      promiseAndFailToChangeTheNumber(newNumber: Int): NumberHolder
      record(label: String!, delayMs: Int!): String
      batchedChange(newNumber: Int): NumberHolder
    }
    """

    static func executable(holder: NumberHolder, log: EventLog = EventLog()) throws -> ExecutableSchema<NoContext> {
        try H.schema(sdl) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("numberHolder") { _, _ in holder }
                t.asyncField("record") { _, call in
                    let label = call.arguments.string("label") ?? "?"
                    log.append("start \(label)")
                    try await Task.sleep(for: .milliseconds(call.arguments.int("delayMs") ?? 0))
                    log.append("end \(label)")
                    return label
                }
            }
            b.object("NumberHolder", as: NumberHolder.self) { t in
                t.field("theNumber", \.theNumber)
                t.asyncField("slowNumber") { h, _ in
                    log.append("slowNumber read")
                    try await Task.sleep(for: .milliseconds(15))
                    return h.theNumber
                }
            }
            b.object("Mutation", as: RootValue.self) { t in
                t.field("immediatelyChangeTheNumber") { _, call in
                    holder.set(call.arguments.int("newNumber") ?? 0)
                    return holder
                }
                t.asyncField("promiseToChangeTheNumber") { _, call in
                    try await Task.sleep(for: .milliseconds(call.arguments.int("delayMs") ?? 0))
                    holder.set(call.arguments.int("newNumber") ?? 0)
                    return holder
                }
                t.field("failToChangeTheNumber") { _, call in
                    throw ResolverError("Cannot change the number to \(call.arguments.int("newNumber") ?? 0)")
                }
                t.asyncField("promiseAndFailToChangeTheNumber") { _, call in
                    try await Task.sleep(for: .milliseconds(5))
                    throw ResolverError("Cannot change the number to \(call.arguments.int("newNumber") ?? 0)")
                }
                t.asyncField("record") { _, call in
                    let label = call.arguments.string("label") ?? "?"
                    log.append("start \(label)")
                    try await Task.sleep(for: .milliseconds(call.arguments.int("delayMs") ?? 0))
                    log.append("end \(label)")
                    return label
                }
                t.batchField("batchedChange") { roots, call in
                    try await Task.sleep(for: .milliseconds(10))
                    holder.set(call.arguments.int("newNumber") ?? 0)
                    return roots.map { _ in holder }
                }
            }
        }
    }

    @Test func evaluatesMutationsSerially() async throws {
        let query = """
        mutation M {
          first: immediatelyChangeTheNumber(newNumber: 1) { theNumber }
          second: promiseToChangeTheNumber(newNumber: 2, delayMs: 30) { theNumber }
          third: immediatelyChangeTheNumber(newNumber: 3) { theNumber }
          fourth: promiseToChangeTheNumber(newNumber: 4, delayMs: 1) { theNumber }
          fifth: immediatelyChangeTheNumber(newNumber: 5) { theNumber }
          sixth: batchedChange(newNumber: 6) { theNumber }
          seventh: immediatelyChangeTheNumber(newNumber: 7) { theNumber }
        }
        """
        let json = try await H.run(Self.executable(holder: NumberHolder()), query)
        #expect(json == #"{"data":{"first":{"theNumber":1},"second":{"theNumber":2},"third":{"theNumber":3},"fourth":{"theNumber":4},"fifth":{"theNumber":5},"sixth":{"theNumber":6},"seventh":{"theNumber":7}}}"#)
    }

    @Test func runsRootFieldsInDocumentOrderWhateverTheirDurations() async throws {
        let log = EventLog()
        let query = #"mutation { a: record(label: "a", delayMs: 40) b: record(label: "b", delayMs: 0) c: record(label: "c", delayMs: 20) d: record(label: "d", delayMs: 1) }"#
        let json = try await H.run(Self.executable(holder: NumberHolder(), log: log), query)
        #expect(json == #"{"data":{"a":"a","b":"b","c":"c","d":"d"}}"#)
        #expect(log.events == ["start a", "end a", "start b", "end b", "start c", "end c", "start d", "end d"])
    }

    /// The contrast that shows the test above can fail: the same fields in a query may run side by
    /// side (§6.3.1 "normal" execution), so the short one ends first.
    @Test func queryRootFieldsMayOverlap() async throws {
        let log = EventLog()
        let query = #"{ a: record(label: "a", delayMs: 200) b: record(label: "b", delayMs: 0) }"#
        let json = try await H.run(Self.executable(holder: NumberHolder(), log: log), query)
        #expect(json == #"{"data":{"a":"a","b":"b"}}"#)
        #expect(log.events.firstIndex(of: "end b")! < log.events.firstIndex(of: "end a")!)
    }

    @Test func completesTheWholeSubSelectionBeforeTheNextRootField() async throws {
        let log = EventLog()
        let query = #"mutation { first: promiseToChangeTheNumber(newNumber: 1) { slowNumber } marker: record(label: "second", delayMs: 0) third: immediatelyChangeTheNumber(newNumber: 3) { slowNumber theNumber } }"#
        let json = try await H.run(Self.executable(holder: NumberHolder(), log: log), query)
        #expect(json == #"{"data":{"first":{"slowNumber":1},"marker":"second","third":{"slowNumber":3,"theNumber":3}}}"#)
        #expect(log.events == ["slowNumber read", "start second", "end second", "slowNumber read"])
    }

    @Test func aFailedMutationDoesNotStopTheOthers() async throws {
        let query = """
        mutation M {
          first: immediatelyChangeTheNumber(newNumber: 1) { theNumber }
          second: promiseToChangeTheNumber(newNumber: 2) { theNumber }
          third: failToChangeTheNumber(newNumber: 3) { theNumber }
          fourth: promiseToChangeTheNumber(newNumber: 4) { theNumber }
          fifth: immediatelyChangeTheNumber(newNumber: 5) { theNumber }
          sixth: promiseAndFailToChangeTheNumber(newNumber: 6) { theNumber }
        }
        """
        let json = try await H.run(Self.executable(holder: NumberHolder()), query)
        #expect(json == #"{"errors":[{"message":"Cannot change the number to 3","locations":[{"line":4,"column":3}],"path":["third"]},{"message":"Cannot change the number to 6","locations":[{"line":7,"column":3}],"path":["sixth"]}],"data":{"first":{"theNumber":1},"second":{"theNumber":2},"third":null,"fourth":{"theNumber":4},"fifth":{"theNumber":5},"sixth":null}}"#)
    }

    @Test func aQueryAfterMutationsSeesTheirEffects() async throws {
        let holder = NumberHolder()
        let exe = try Self.executable(holder: holder)
        _ = try await H.run(exe, "mutation { immediatelyChangeTheNumber(newNumber: 42) { theNumber } }")
        #expect(try await H.run(exe, "{ numberHolder { theNumber } }") == #"{"data":{"numberHolder":{"theNumber":42}}}"#)
    }

    @Test func mutationsTakeVariablesAndFragments() async throws {
        let query = """
        mutation Change($n: Int = 9) {
          __typename
          ...Changes
        }
        fragment Changes on Mutation { changed: immediatelyChangeTheNumber(newNumber: $n) { theNumber } }
        """
        let exe = try Self.executable(holder: NumberHolder())
        #expect(try await H.run(exe, query, variables: [JSONMember("n", 11)]) == #"{"data":{"__typename":"Mutation","changed":{"theNumber":11}}}"#)
        #expect(try await H.run(exe, query) == #"{"data":{"__typename":"Mutation","changed":{"theNumber":9}}}"#)
    }

    @Test func doesNotIncludeIllegalMutationFields() async throws {
        let json = try await H.run(Self.executable(holder: NumberHolder()), "mutation { thisIsIllegalDoNotIncludeMe }", validate: false)
        #expect(json == #"{"data":{}}"#)
    }
}
