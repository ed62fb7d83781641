/// What a validation rule can see and do: the schema, the document, the type information at the
/// current node, and a way to report errors. Fragment and variable look-ups are cached.
public final class ValidationContext {
    public let schema: Schema
    public let document: DocumentNode
    public let source: Source
    /// The types at the node being visited.
    public internal(set) var typeInfo: TypeInfo
    public private(set) var errors: [GraphQLError] = []
    /// Set once `maxErrors` errors are reported; the walk then stops.
    public private(set) var isAborted = false
    let maxErrors: Int

    private var fragmentsByName: [String: FragmentDefinitionNode]?
    private var spreadsCache: [Location: [FragmentSpreadNode]] = [:]
    private var recursiveFragmentsCache: [Location: [FragmentDefinitionNode]] = [:]
    private var variableUsagesCache: [Location: [VariableUsage]] = [:]

    init(schema: Schema, document: DocumentNode, source: Source, maxErrors: Int) {
        self.schema = schema
        self.document = document
        self.source = source
        self.maxErrors = maxErrors
        self.typeInfo = TypeInfo(schema: schema)
    }

    /// Records an error about the nodes at `locations`.
    public func report(_ message: String, _ locations: Location...) {
        report(message, locations: locations)
    }

    /// Records an error about the nodes at `locations`.
    public func report(_ message: String, locations: [Location]) {
        guard !isAborted else { return }
        if errors.count >= maxErrors {
            errors.append(GraphQLError("Too many validation errors, error limit reached. Validation aborted.",
                                       extensions: [JSONMember("code", "GRAPHQL_VALIDATION_FAILED")]))
            isAborted = true
            return
        }
        errors.append(GraphQLError(message, source: source, nodes: locations, code: "GRAPHQL_VALIDATION_FAILED"))
    }

    // MARK: - Fragments

    /// The fragment definition named `name`.
    public func fragment(named name: String) -> FragmentDefinitionNode? {
        if fragmentsByName == nil {
            var map: [String: FragmentDefinitionNode] = [:]
            for case .fragment(let f) in document.definitions where map[f.name.value] == nil {
                map[f.name.value] = f
            }
            fragmentsByName = map
        }
        return fragmentsByName?[name]
    }

    /// The fragment spreads in a selection set, including those inside its inline fragments and
    /// nested fields, but not inside the fragments they name.
    public func fragmentSpreads(_ selectionSet: SelectionSetNode) -> [FragmentSpreadNode] {
        if selectionSet.loc != .none, let cached = spreadsCache[selectionSet.loc] { return cached }
        var spreads: [FragmentSpreadNode] = []
        var stack = [selectionSet]
        while let set = stack.popLast() {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let s): spreads.append(s)
                case .inlineFragment(let i): stack.append(i.selectionSet)
                case .field(let f): if let s = f.selectionSet { stack.append(s) }
                }
            }
        }
        if selectionSet.loc != .none { spreadsCache[selectionSet.loc] = spreads }
        return spreads
    }

    /// Every fragment an operation (or fragment) reaches through spreads, directly or not, each once.
    public func recursivelyReferencedFragments(_ selectionSet: SelectionSetNode) -> [FragmentDefinitionNode] {
        if selectionSet.loc != .none, let cached = recursiveFragmentsCache[selectionSet.loc] { return cached }
        var fragments: [FragmentDefinitionNode] = []
        var collected: Set<String> = []
        var setsToVisit = [selectionSet]
        while let set = setsToVisit.popLast() {
            for spread in fragmentSpreads(set) {
                let name = spread.name.value
                guard collected.insert(name).inserted, let fragment = fragment(named: name) else { continue }
                fragments.append(fragment)
                setsToVisit.append(fragment.selectionSet)
            }
        }
        if selectionSet.loc != .none { recursiveFragmentsCache[selectionSet.loc] = fragments }
        return fragments
    }

    // MARK: - Variables

    /// A use of a variable and the input type expected where it stands.
    public struct VariableUsage {
        public let node: VariableNode
        /// The type expected at the variable's position, if known.
        public let type: GraphQLType?
        /// The default value of the argument or input field the variable is given to.
        public let defaultValue: ValueNode?
        /// The input type enclosing the position (e.g. the input object of a field), if any.
        public let parentType: GraphQLType?
    }

    /// The variables used in an operation's or fragment's own selections (not in fragments it spreads).
    public func variableUsages(_ definition: ASTNode) -> [VariableUsage] {
        if definition.loc != .none, let cached = variableUsagesCache[definition.loc] { return cached }
        var collector = VariableUsageCollector(typeInfo: TypeInfo(schema: schema))
        walk(definition, &collector)
        if definition.loc != .none { variableUsagesCache[definition.loc] = collector.usages }
        return collector.usages
    }

    /// The variables used by an operation, including inside every fragment it reaches.
    public func recursiveVariableUsages(_ operation: OperationDefinitionNode) -> [VariableUsage] {
        var usages = variableUsages(.operationDefinition(operation))
        for fragment in recursivelyReferencedFragments(operation.selectionSet) {
            usages += variableUsages(.fragmentDefinition(fragment))
        }
        return usages
    }
}

/// Collects variable uses with the input types expected at their positions.
private struct VariableUsageCollector: ASTVisitor {
    var typeInfo: TypeInfo
    var usages: [ValidationContext.VariableUsage] = []

    mutating func enter(_ node: ASTNode) -> VisitAction {
        if case .variableDefinition = node { return .skipChildren }
        typeInfo.enter(node)
        if case .variable(let v) = node {
            usages.append(.init(node: v, type: typeInfo.inputType, defaultValue: typeInfo.defaultValue,
                                parentType: typeInfo.parentInputType))
        }
        return .continue
    }

    mutating func leave(_ node: ASTNode) {
        if case .variableDefinition = node { return }
        typeInfo.leave(node)
    }
}
