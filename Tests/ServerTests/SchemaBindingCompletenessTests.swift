import API
import Foundation
import GraphQLEngine
import Testing

/// Every field of schema.graphql is bound to a resolver, except those listed in
/// docs/not-implemented.txt (which answer `NOT_IMPLEMENTED`). The list must be exact: a new
/// unbound field fails this test, and so does a listed field that got bound — so the list only
/// shrinks, and it always tells the truth.
@Suite struct SchemaBindingCompletenessTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func unboundFieldsAreExactlyTheListedOnes() throws {
        let sdl = try String(contentsOf: Self.root.appendingPathComponent("schema.graphql"), encoding: .utf8)
        let executable = try SwitchboardAPI.executableSchema(try Schema.build(sdl: sdl))
        #expect(executable.unknownBindings.isEmpty, "bindings for fields the schema lacks: \(executable.unknownBindings)")
        let listText = try String(contentsOf: Self.root.appendingPathComponent("docs/not-implemented.txt"), encoding: .utf8)
        let listed = Set(listText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") })
        let unbound = Set(executable.unboundFields)
        let newlyUnbound = unbound.subtracting(listed).sorted()
        let nowBound = listed.subtracting(unbound).sorted()
        #expect(newlyUnbound.isEmpty, "fields without a resolver that are not listed: \(newlyUnbound)")
        #expect(nowBound.isEmpty, "listed fields that now have a resolver — remove them from the list: \(nowBound)")
    }
}
