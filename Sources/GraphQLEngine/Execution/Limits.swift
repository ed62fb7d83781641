/// Limits on an operation, checked before it executes, so a hostile or careless query is refused
/// with one clear error instead of consuming the server. Each is configurable; nil disables it.
///
/// - `maxDepth`: fields nested deeper than this (root fields are at depth 1).
/// - `maxAliases`: aliased fields (aliases multiply work: `a1: deal(id: 1) a2: deal(id: 2) ...`).
/// - `maxFields`: field selections in all, fragments expanded.
/// - `maxCost`: an estimate of the work: every field costs 1, and a list field multiplies the cost
///   of its selection by its `first`/`last` argument, or by `defaultListSize` when it has none.
///   Lists inside a paginated field (a connection's `edges` or `nodes`) do not multiply again.
///
/// Introspection (`__schema`, `__type`) counts as one field: its size is bounded by the schema,
/// it can be switched off, and validation already bounds its depth.
public struct ExecutionLimits: Sendable {
    public var maxDepth: Int?
    public var maxAliases: Int?
    public var maxFields: Int?
    public var maxCost: Int?
    public var defaultListSize: Int

    public init(maxDepth: Int? = 15, maxAliases: Int? = 50, maxFields: Int? = 2_000, maxCost: Int? = 50_000,
                defaultListSize: Int = 10) {
        self.maxDepth = maxDepth
        self.maxAliases = maxAliases
        self.maxFields = maxFields
        self.maxCost = maxCost
        self.defaultListSize = defaultListSize
    }

    /// No limits at all (for trusted callers such as tests and tools).
    public static let none = ExecutionLimits(maxDepth: nil, maxAliases: nil, maxFields: nil, maxCost: nil)

    /// Measures the operation and returns the first limit it exceeds, as an error with
    /// `extensions.code` (`MAX_DEPTH_EXCEEDED`, `MAX_ALIASES_EXCEEDED`, `MAX_FIELDS_EXCEEDED`,
    /// `MAX_COST_EXCEEDED`) and the limit and measured value; nil when within limits.
    func check(_ prepared: PreparedOperation, schema: Schema, source: Source?) -> GraphQLError? {
        if maxDepth == nil && maxAliases == nil && maxFields == nil && maxCost == nil { return nil }
        var measure = OperationMeasure(prepared: prepared, schema: schema, defaultListSize: defaultListSize)
        let root = schema.rootType(for: prepared.operation.operation)
        let cost = measure.cost(prepared.operation.selectionSet, parent: root, depth: 1, paginated: false, visiting: [])
        let loc = [prepared.operation.loc]
        func error(_ message: String, _ code: String, _ limit: Int, _ actual: Int) -> GraphQLError {
            located(message, loc, source, extensions: [JSONMember("code", .string(code)),
                                                       JSONMember("limit", .int(limit)), JSONMember("actual", .int(actual))])
        }
        if let max = maxDepth, measure.depth > max {
            return error("The query is nested \(measure.depth) levels deep; the maximum is \(max).", "MAX_DEPTH_EXCEEDED", max, measure.depth)
        }
        if let max = maxAliases, measure.aliases > max {
            return error("The query uses \(measure.aliases) aliases; the maximum is \(max).", "MAX_ALIASES_EXCEEDED", max, measure.aliases)
        }
        if let max = maxFields, measure.fields > max {
            return error("The query selects \(measure.fields) fields; the maximum is \(max).", "MAX_FIELDS_EXCEEDED", max, measure.fields)
        }
        if let max = maxCost, cost > max {
            return error("The query's estimated cost is \(cost); the maximum is \(max).", "MAX_COST_EXCEEDED", max, cost)
        }
        return nil
    }
}

/// Walks an operation with its fragments expanded, counting depth, aliases, fields and cost.
private struct OperationMeasure {
    let prepared: PreparedOperation
    let schema: Schema
    let defaultListSize: Int
    var depth = 0
    var aliases = 0
    var fields = 0

    init(prepared: PreparedOperation, schema: Schema, defaultListSize: Int) {
        self.prepared = prepared
        self.schema = schema
        self.defaultListSize = defaultListSize
    }

    mutating func cost(_ set: SelectionSetNode, parent: GraphQLNamedType?, depth level: Int, paginated: Bool,
                       visiting: Set<String>) -> Int {
        var total = 0
        for selection in set.selections {
            switch selection {
            case .field(let field):
                fields += 1
                if field.name.value == "__schema" || field.name.value == "__type" {
                    depth = max(depth, level)
                    total += 1
                    continue
                }
                if field.alias != nil { aliases += 1 }
                depth = max(depth, level)
                let definition = parent.flatMap { schema.fieldDefinition($0, field.name.value) }
                var fieldCost = 1
                if let sub = field.selectionSet {
                    let pageSize = pageSizeArgument(field)
                    let isList = definition?.type.isList ?? false
                    let multiplier = pageSize ?? (isList && !paginated ? defaultListSize : 1)
                    let childCost = cost(sub, parent: definition?.type.namedType, depth: level + 1,
                                         paginated: pageSize != nil, visiting: visiting)
                    fieldCost += multiplier.multipliedReportingOverflow(by: childCost).partialValue
                }
                total = total.addingReportingOverflow(fieldCost).partialValue
            case .inlineFragment(let inline):
                let type = inline.typeCondition.flatMap { schema.type(named: $0.name.value) } ?? parent
                total += cost(inline.selectionSet, parent: type, depth: level, paginated: paginated, visiting: visiting)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visiting.contains(name), let fragment = prepared.fragments[name] else { continue }
                let type = schema.type(named: fragment.typeCondition.name.value)
                total += cost(fragment.selectionSet, parent: type, depth: level, paginated: paginated,
                              visiting: visiting.union([name]))
            }
        }
        return total
    }

    /// The `first` or `last` argument of a field, from a literal or a variable.
    private func pageSizeArgument(_ field: FieldNode) -> Int? {
        for arg in field.arguments where arg.name.value == "first" || arg.name.value == "last" {
            switch arg.value {
            case .int(let n): return Int(n.value).map { max(0, $0) }
            case .variable(let v):
                if case .int(let n)? = prepared.variables.first(where: { $0.key == v.name.value })?.value { return max(0, n) }
            default: break
            }
        }
        return nil
    }
}
