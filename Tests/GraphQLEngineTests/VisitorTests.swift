import Foundation
import Testing
@testable import GraphQLEngine

@Suite struct VisitorTests {
    // MARK: Every node

    @Test func countsEachKindOfTheKitchenSink() throws {
        let document = try parseNoLoc(try fixture("kitchen-sink"))
        var counter = KindCounter()
        walk(document, &counter)
        let counts = counter.entered

        // Counted by hand in the fixture.
        #expect(counts[.document] == 1)
        #expect(counts[.operationDefinition] == 6)
        #expect(counts[.fragmentDefinition] == 3)
        #expect(counts[.variableDefinition] == 12)
        #expect(counts[.fragmentSpread] == 3)
        #expect(counts[.inlineFragment] == 6)
        #expect(counts[.directive] == 13)
        #expect(counts[.schemaDefinition] == nil && counts[.typeDefinition] == nil)
        // Every value kind is there.
        for kind in [ASTNodeKind.intValue, .floatValue, .stringValue, .booleanValue, .nullValue, .enumValue,
                     .listValue, .objectValue, .objectField, .variable, .listType, .nonNullType, .namedType] {
            #expect(counts[kind, default: 0] > 0, "no \(kind)")
        }
        // And as many of each as a plain recursion over the AST finds.
        #expect(counts == ReferenceCount.of(document))
        #expect(counter.left == counts)
    }

    @Test func countsEachKindOfTheSchemaKitchenSink() throws {
        let document = try parseNoLoc(try fixture("schema-kitchen-sink"))
        var counter = KindCounter()
        walk(document, &counter)
        let counts = counter.entered

        #expect(counts[.schemaDefinition] == 1)
        #expect(counts[.schemaExtension] == 2)
        #expect(counts[.operationTypeDefinition] == 4)
        #expect(counts[.typeDefinition] == 12)
        #expect(counts[.typeExtension] == 11)
        #expect(counts[.directiveDefinition] == 3)
        #expect(counts[.enumValueDefinition] == 5)
        #expect(counts[.operationDefinition] == nil && counts[.field] == nil)
        for kind in [ASTNodeKind.fieldDefinition, .inputValueDefinition, .intValue, .floatValue, .stringValue,
                     .booleanValue, .nullValue, .enumValue, .listValue, .objectValue, .objectField] {
            #expect(counts[kind, default: 0] > 0, "no \(kind)")
        }
        #expect(counts == ReferenceCount.of(document))
        #expect(counter.left == counts)
    }

    // MARK: Order

    @Test func entersBeforeChildrenAndLeavesAfterThemInDocumentOrder() throws {
        let document = try parseNoLoc("query Q($a: [Int!] = [1] @v) @o { x: f(k: {y: $a}) @d(if: true) { ...F ... on T { g } } }")
        var recorder = Recorder()
        walk(document, &recorder)
        #expect(recorder.events == [
            "> Document",
            "> OperationDefinition",
            "> VariableDefinition",
            "> Variable", "< Variable",
            "> ListType", "> NonNullType", "> NamedType", "< NamedType", "< NonNullType", "< ListType",
            "> ListValue", "> IntValue", "< IntValue", "< ListValue",
            "> Directive", "< Directive",
            "< VariableDefinition",
            "> Directive", "< Directive",
            "> SelectionSet",
            "> Field",
            "> Argument", "> ObjectValue", "> ObjectField", "> Variable", "< Variable", "< ObjectField",
            "< ObjectValue", "< Argument",
            "> Directive", "> Argument", "> BooleanValue", "< BooleanValue", "< Argument", "< Directive",
            "> SelectionSet",
            "> FragmentSpread", "< FragmentSpread",
            "> InlineFragment", "> NamedType", "< NamedType",
            "> SelectionSet", "> Field", "< Field", "< SelectionSet",
            "< InlineFragment",
            "< SelectionSet",
            "< Field",
            "< SelectionSet",
            "< OperationDefinition",
            "< Document",
        ])
    }

    @Test func walksTypeSystemNodesInDocumentOrder() throws {
        let document = try parseNoLoc("""
            schema { query: Q }
            type A implements I @d { f(a: Int = 1 @x): [B!] @y }
            union U = A | B
            enum E { V @z }
            input In { i: String = null }
            directive @d(r: Boolean) on OBJECT
            extend schema @s
            extend type A { g: Int }
            """)
        var recorder = Recorder()
        walk(document, &recorder)
        #expect(recorder.events == [
            "> Document",
            "> SchemaDefinition", "> OperationTypeDefinition", "> NamedType", "< NamedType",
            "< OperationTypeDefinition", "< SchemaDefinition",
            "> TypeDefinition", "> NamedType", "< NamedType", "> Directive", "< Directive",
            "> FieldDefinition",
            "> InputValueDefinition", "> NamedType", "< NamedType", "> IntValue", "< IntValue",
            "> Directive", "< Directive", "< InputValueDefinition",
            "> ListType", "> NonNullType", "> NamedType", "< NamedType", "< NonNullType", "< ListType",
            "> Directive", "< Directive",
            "< FieldDefinition", "< TypeDefinition",
            "> TypeDefinition", "> NamedType", "< NamedType", "> NamedType", "< NamedType", "< TypeDefinition",
            "> TypeDefinition", "> EnumValueDefinition", "> Directive", "< Directive", "< EnumValueDefinition",
            "< TypeDefinition",
            "> TypeDefinition", "> InputValueDefinition", "> NamedType", "< NamedType", "> NullValue",
            "< NullValue", "< InputValueDefinition", "< TypeDefinition",
            "> DirectiveDefinition", "> InputValueDefinition", "> NamedType", "< NamedType",
            "< InputValueDefinition", "< DirectiveDefinition",
            "> SchemaExtension", "> Directive", "< Directive", "< SchemaExtension",
            "> TypeExtension", "> FieldDefinition", "> NamedType", "< NamedType", "< FieldDefinition",
            "< TypeExtension",
            "< Document",
        ])
    }

    @Test func leavesMatchEntersLikeAStack() throws {
        for name in ["kitchen-sink", "schema-kitchen-sink"] {
            var checker = StackChecker()
            walk(try parseNoLoc(try fixture(name)), &checker)
            #expect(checker.mismatches == 0)
            #expect(checker.stack.isEmpty)
            #expect(checker.deepest > 5)
        }
    }

    // MARK: Actions

    @Test func skipChildrenSkipsTheSubtreeButStillLeaves() throws {
        let document = try parseNoLoc(try fixture("kitchen-sink"))
        struct SkipFragments: ASTVisitor {
            var fieldNames: Set<String> = []
            var fragmentsLeft = 0
            mutating func enter(_ node: ASTNode) -> VisitAction {
                switch node {
                case .fragmentDefinition: return .skipChildren
                case .field(let f): fieldNames.insert(f.name.value)
                default: break
                }
                return .continue
            }
            mutating func leave(_ node: ASTNode) {
                if case .fragmentDefinition = node { fragmentsLeft += 1 }
            }
        }
        var visitor = SkipFragments()
        walk(document, &visitor)
        #expect(visitor.fragmentsLeft == 3)
        #expect(visitor.fieldNames.contains("callIncoming"))
        // `title`, `caller` and `peer` appear only inside fragment definitions.
        #expect(!visitor.fieldNames.contains("title"))
        #expect(!visitor.fieldNames.contains("caller"))
        #expect(!visitor.fieldNames.contains("peer"))
    }

    @Test func stopEndsTheWalkAtOnce() throws {
        let document = try parseNoLoc("query Q($a: Int) { f(x: $a) { y } g }")
        struct StopAtF: ASTVisitor {
            var recorder = Recorder()
            mutating func enter(_ node: ASTNode) -> VisitAction {
                _ = recorder.enter(node)
                if case .field(let f) = node, f.name.value == "f" { return .stop }
                return .continue
            }
            mutating func leave(_ node: ASTNode) { recorder.leave(node) }
        }
        var visitor = StopAtF()
        walk(document, &visitor)
        #expect(visitor.recorder.events == [
            "> Document", "> OperationDefinition", "> VariableDefinition", "> Variable", "< Variable",
            "> NamedType", "< NamedType", "< VariableDefinition", "> SelectionSet", "> Field",
        ])
    }

    @Test func stopInsideAValueEndsTheWalk() throws {
        let document = try parseNoLoc("{ a(x: [1, 2, 3]) b }")
        struct StopAtTwo: ASTVisitor {
            var ints: [String] = []
            var fields: [String] = []
            mutating func enter(_ node: ASTNode) -> VisitAction {
                switch node {
                case .intValue(let i):
                    ints.append(i.value)
                    if i.value == "2" { return .stop }
                case .field(let f): fields.append(f.name.value)
                default: break
                }
                return .continue
            }
        }
        var visitor = StopAtTwo()
        walk(document, &visitor)
        #expect(visitor.ints == ["1", "2"])
        #expect(visitor.fields == ["a"])
    }

    // MARK: Use

    @Test func collectsVariableUsesAsTheDocCommentShows() throws {
        struct VariableUses: ASTVisitor {
            var names: [String] = []
            mutating func enter(_ node: ASTNode) -> VisitAction {
                switch node {
                case .variableDefinition: return .skipChildren
                case .variable(let v): names.append(v.name.value)
                default: break
                }
                return .continue
            }
        }
        var uses = VariableUses()
        walk(try Parser.parse("query ($a: Int) { f(x: $a, y: [$b]) @d(if: $c) }"), &uses)
        #expect(uses.names == ["a", "b", "c"])
    }

    @Test func walksTheSubtreeOfAnyNode() throws {
        let document = try parseNoLoc("{ a { b(x: 1) c } d }")
        guard case .operation(let op) = document.definitions[0],
              case .field(let a) = op.selectionSet.selections[0] else {
            Issue.record("unexpected shape")
            return
        }
        var recorder = Recorder()
        walk(.field(a), &recorder)
        #expect(recorder.events == [
            "> Field", "> SelectionSet", "> Field", "> Argument", "> IntValue", "< IntValue", "< Argument",
            "< Field", "> Field", "< Field", "< SelectionSet", "< Field",
        ])
    }

    @Test func nodesKnowTheirLocation() throws {
        let text = "{ field }"
        struct FieldLocation: ASTVisitor {
            var loc: Location?
            mutating func enter(_ node: ASTNode) -> VisitAction {
                if node.kind == .field { loc = node.loc }
                return .continue
            }
        }
        var visitor = FieldLocation()
        walk(try Parser.parse(text), &visitor)
        #expect(visitor.loc == Location(start: 2, end: 7))
    }
}

// MARK: - Visitors used by the tests

/// Counts the nodes entered and left, by kind.
private struct KindCounter: ASTVisitor {
    var entered: [ASTNodeKind: Int] = [:]
    var left: [ASTNodeKind: Int] = [:]

    mutating func enter(_ node: ASTNode) -> VisitAction {
        entered[node.kind, default: 0] += 1
        return .continue
    }

    mutating func leave(_ node: ASTNode) {
        left[node.kind, default: 0] += 1
    }
}

/// Records `> Kind` on enter and `< Kind` on leave.
private struct Recorder: ASTVisitor {
    var events: [String] = []

    mutating func enter(_ node: ASTNode) -> VisitAction {
        events.append("> " + node.kind.rawValue)
        return .continue
    }

    mutating func leave(_ node: ASTNode) {
        events.append("< " + node.kind.rawValue)
    }
}

/// Checks that each node left is the one most recently entered.
private struct StackChecker: ASTVisitor {
    var stack: [ASTNode] = []
    var mismatches = 0
    var deepest = 0

    mutating func enter(_ node: ASTNode) -> VisitAction {
        stack.append(node)
        deepest = max(deepest, stack.count)
        return .continue
    }

    mutating func leave(_ node: ASTNode) {
        if stack.popLast() != node { mismatches += 1 }
    }
}

/// Counts node kinds by plain recursion over the AST, independently of the walker.
private struct ReferenceCount {
    var counts: [ASTNodeKind: Int] = [:]

    static func of(_ document: DocumentNode) -> [ASTNodeKind: Int] {
        var c = ReferenceCount()
        c.add(.document)
        for definition in document.definitions {
            switch definition {
            case .operation(let op):
                c.add(.operationDefinition)
                op.variableDefinitions.forEach { c.variableDefinition($0) }
                op.directives.forEach { c.directive($0) }
                c.selectionSet(op.selectionSet)
            case .fragment(let f):
                c.add(.fragmentDefinition)
                c.add(.namedType)
                f.directives.forEach { c.directive($0) }
                c.selectionSet(f.selectionSet)
            case .typeSystem(.schema(let s)):
                c.schema(s, .schemaDefinition)
            case .typeSystemExtension(.schema(let s)):
                c.schema(s, .schemaExtension)
            case .typeSystem(.type(let t)):
                c.typeDefinition(t, .typeDefinition)
            case .typeSystemExtension(.type(let t)):
                c.typeDefinition(t, .typeExtension)
            case .typeSystem(.directive(let d)):
                c.add(.directiveDefinition)
                d.arguments.forEach { c.inputValue($0) }
            }
        }
        return c.counts
    }

    mutating func add(_ kind: ASTNodeKind, _ n: Int = 1) {
        counts[kind, default: 0] += n
    }

    mutating func variableDefinition(_ v: VariableDefinitionNode) {
        add(.variableDefinition)
        add(.variable)
        type(v.type)
        if let d = v.defaultValue { value(d) }
        v.directives.forEach { directive($0) }
    }

    mutating func selectionSet(_ s: SelectionSetNode) {
        add(.selectionSet)
        for selection in s.selections {
            switch selection {
            case .field(let f):
                add(.field)
                f.arguments.forEach { add(.argument); value($0.value) }
                f.directives.forEach { directive($0) }
                if let s = f.selectionSet { selectionSet(s) }
            case .fragmentSpread(let f):
                add(.fragmentSpread)
                f.directives.forEach { directive($0) }
            case .inlineFragment(let f):
                add(.inlineFragment)
                if f.typeCondition != nil { add(.namedType) }
                f.directives.forEach { directive($0) }
                selectionSet(f.selectionSet)
            }
        }
    }

    mutating func directive(_ d: DirectiveNode) {
        add(.directive)
        d.arguments.forEach { add(.argument); value($0.value) }
    }

    mutating func value(_ v: ValueNode) {
        switch v {
        case .variable: add(.variable)
        case .int: add(.intValue)
        case .float: add(.floatValue)
        case .string: add(.stringValue)
        case .boolean: add(.booleanValue)
        case .null: add(.nullValue)
        case .enumValue: add(.enumValue)
        case .list(let l):
            add(.listValue)
            l.values.forEach { value($0) }
        case .object(let o):
            add(.objectValue)
            o.fields.forEach { add(.objectField); value($0.value) }
        }
    }

    mutating func type(_ t: TypeNode) {
        switch t {
        case .named: add(.namedType)
        case .list(let l): add(.listType); type(l.type)
        case .nonNull(let n): add(.nonNullType); type(n.type)
        }
    }

    mutating func schema(_ s: SchemaDefinitionNode, _ kind: ASTNodeKind) {
        add(kind)
        s.directives.forEach { directive($0) }
        add(.operationTypeDefinition, s.operationTypes.count)
        add(.namedType, s.operationTypes.count)
    }

    mutating func typeDefinition(_ t: TypeDefinitionNode, _ kind: ASTNodeKind) {
        add(kind)
        add(.namedType, t.interfaces.count + t.types.count)
        t.directives.forEach { directive($0) }
        for f in t.fields {
            add(.fieldDefinition)
            f.arguments.forEach { inputValue($0) }
            type(f.type)
            f.directives.forEach { directive($0) }
        }
        for e in t.values {
            add(.enumValueDefinition)
            e.directives.forEach { directive($0) }
        }
        t.inputFields.forEach { inputValue($0) }
    }

    mutating func inputValue(_ i: InputValueDefinitionNode) {
        add(.inputValueDefinition)
        type(i.type)
        if let d = i.defaultValue { value(d) }
        i.directives.forEach { directive($0) }
    }
}

// MARK: - Helpers

private func parseNoLoc(_ text: String) throws -> DocumentNode {
    try Parser.parse(text, options: ParseOptions(noLocation: true, maxTokens: nil))
}

private func fixture(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: "graphql", subdirectory: "Fixtures") else {
        throw FixtureMissing(name: name)
    }
    return try String(contentsOf: url, encoding: .utf8)
}

private struct FixtureMissing: Error {
    var name: String
}
