// The spec's Execution section (§6): ExecuteRequest, ExecuteSelectionSet, CollectFields,
// ExecuteField, CompleteValue and null propagation — executed a level at a time: a field is
// resolved for every parent object of its level together, so batch resolvers see all of them and
// a nested selection over N parents costs one resolver call per level, not N.

extension ExecutableSchema {
    /// Executes a query or mutation operation of a validated document.
    ///
    /// ```swift
    /// let result = await executable.execute(document, source: source, variables: [JSONMember("first", 10)],
    ///                                       context: ctx)
    /// let body = result.jsonBytes()
    /// ```
    public func execute(_ document: DocumentNode, source: Source? = nil, operationName: String? = nil,
                        variables: [JSONMember] = [], context: Context,
                        rootValue: any Sendable = RootValue()) async -> ExecutionResult {
        let prepared: PreparedOperation
        do {
            prepared = try prepare(document, source: source, operationName: operationName, variables: variables)
        } catch {
            return ExecutionResult(requestErrors: error.errors)
        }
        if prepared.operation.operation == .subscription {
            return ExecutionResult(requestErrors: [GraphQLError("Subscription operations must be executed with subscribe().")])
        }
        if let error = limits.check(prepared, schema: schema, source: source) {
            return ExecutionResult(requestErrors: [error])
        }
        guard let rootType = schema.rootType(for: prepared.operation.operation) else {
            return ExecutionResult(requestErrors: [located("Schema is not configured to execute \(prepared.operation.operation.rawValue) operation.",
                                                           [prepared.operation.loc], source)])
        }
        let execution = Execution(schema: self, prepared: prepared, source: source, context: context)
        let data = await execution.executeRoot(rootType, rootValue: rootValue)
        return ExecutionResult(data: data, errors: execution.errors.all)
    }

    /// Selects the operation and coerces its variables (spec GetOperation, CoerceVariableValues).
    func prepare(_ document: DocumentNode, source: Source?, operationName: String?,
                 variables: [JSONMember]) throws(RequestErrors) -> PreparedOperation {
        var operation: OperationDefinitionNode?
        var fragments: [String: FragmentDefinitionNode] = [:]
        var operationCount = 0
        for definition in document.definitions {
            switch definition {
            case .operation(let op):
                operationCount += 1
                if let operationName {
                    if op.name?.value == operationName { operation = op }
                } else if operationCount == 1 {
                    operation = op
                }
            case .fragment(let f):
                fragments[f.name.value] = f
            default:
                break
            }
        }
        if operationName == nil && operationCount > 1 {
            throw RequestErrors(errors: [GraphQLError("Must provide operation name if query contains multiple operations.")])
        }
        guard let operation else {
            if let operationName {
                throw RequestErrors(errors: [GraphQLError("Unknown operation named \"\(operationName)\".")])
            }
            throw RequestErrors(errors: [GraphQLError("Must provide an operation.")])
        }
        let coerced = try coerceVariableValues(operation.variableDefinitions, inputs: variables, schema: schema, source: source)
        return PreparedOperation(operation: operation, fragments: fragments, variables: coerced)
    }
}

/// The root value given to root resolvers when the caller gives none.
public struct RootValue: Sendable {
    public init() {}
}

/// An operation ready to execute: chosen, with its fragments and coerced variables.
struct PreparedOperation: Sendable {
    let operation: OperationDefinitionNode
    let fragments: [String: FragmentDefinitionNode]
    let variables: [JSONMember]
}

/// A field of a selection after collection: its response key, the merged field nodes, and its
/// definition on the object type.
struct ExecutableField {
    let responseKey: String
    var nodes: [FieldNode]
    let definition: GraphQLField
}

/// The outcome of resolving one field for one parent.
public enum RawValue: Sendable {
    case value(any Sendable)
    /// A leaf already serialised by a typed read (a `String` property of a `String` field).
    case completed(ResultValue)
    case null
    /// The resolver failed; the error is already recorded.
    case failed
}

/// Where the items of a column stand in the response.
struct ItemPaths {
    let level: PathLevel

    /// The values of a field for each object of `objects`.
    init(objects: PathLevel, key: PathComponent) {
        level = PathLevel(parent: objects, key: key)
    }

    /// The items of lists: each item's list (an index among `listOwners`' items) and index in it.
    init(listOwners: PathLevel, owners: [Int], indexes: [Int]) {
        level = PathLevel(parent: listOwners, parentIndexes: owners, indexes: indexes)
    }

    func path(_ i: Int) -> LazyPath { LazyPath(level: level, index: i) }
}

/// One execution of one operation.
final class Execution<Context: Sendable>: @unchecked Sendable {
    let schema: ExecutableSchema<Context>
    let prepared: PreparedOperation
    let source: Source?
    let context: Context
    let errors = ErrorCollector()

    init(schema: ExecutableSchema<Context>, prepared: PreparedOperation, source: Source?, context: Context) {
        self.schema = schema
        self.prepared = prepared
        self.source = source
        self.context = context
    }

    var variables: [JSONMember] { prepared.variables }

    func executeRoot(_ rootType: ObjectType, rootValue: any Sendable) async -> ResultValue {
        let fields = collectFields(rootType, [prepared.operation.selectionSet])
        let results = await executeFields(rootType, sources: [rootValue], level: .root, fields: fields)
        return results[0]
    }

    // MARK: - CollectFields (§6.3.2)

    func collectFields(_ type: ObjectType, _ selectionSets: [SelectionSetNode]) -> [ExecutableField] {
        var fields: [ExecutableField] = []
        var index: [String: Int] = [:]
        var visitedFragments: Set<String> = []
        for set in selectionSets {
            collect(type, set, &fields, &index, &visitedFragments)
        }
        return fields
    }

    private func collect(_ type: ObjectType, _ set: SelectionSetNode, _ fields: inout [ExecutableField],
                         _ index: inout [String: Int], _ visited: inout Set<String>) {
        for selection in set.selections {
            switch selection {
            case .field(let node):
                guard shouldInclude(node.directives) else { continue }
                let key = node.responseName
                if let i = index[key] {
                    fields[i].nodes.append(node)
                } else if let definition = fieldDefinition(type, node.name.value) {
                    index[key] = fields.count
                    fields.append(ExecutableField(responseKey: key, nodes: [node], definition: definition))
                }
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard shouldInclude(spread.directives), !visited.contains(name),
                      let fragment = prepared.fragments[name] else { continue }
                visited.insert(name)
                guard fragmentApplies(fragment.typeCondition.name.value, to: type) else { continue }
                collect(type, fragment.selectionSet, &fields, &index, &visited)
            case .inlineFragment(let inline):
                guard shouldInclude(inline.directives) else { continue }
                if let condition = inline.typeCondition, !fragmentApplies(condition.name.value, to: type) { continue }
                collect(type, inline.selectionSet, &fields, &index, &visited)
            }
        }
    }

    private func fieldDefinition(_ type: ObjectType, _ name: String) -> GraphQLField? {
        if name.hasPrefix("__") {
            if name == "__typename" { return schema.schema.typeNameMetaField }
            if !schema.introspectionEnabled { return nil }
        }
        return schema.schema.fieldDefinition(type, name)
    }

    private func fragmentApplies(_ typeName: String, to type: ObjectType) -> Bool {
        if typeName == type.name { return true }
        guard let conditionType = schema.schema.type(named: typeName), conditionType.isAbstract else { return false }
        return schema.schema.isPossibleType(conditionType, type)
    }

    /// `@skip(if:)` and `@include(if:)` with literal or variable conditions.
    private func shouldInclude(_ directives: [DirectiveNode]) -> Bool {
        if directives.isEmpty { return true }
        for directive in directives {
            let name = directive.name.value
            guard name == "skip" || name == "include",
                  let arg = directive.arguments.first(where: { $0.name.value == "if" }) else { continue }
            var condition = false
            switch arg.value {
            case .boolean(let b): condition = b.value
            case .variable(let v):
                if case .bool(let b)? = variables.first(where: { $0.key == v.name.value })?.value { condition = b }
            default: break
            }
            if name == "skip" && condition { return false }
            if name == "include" && !condition { return false }
        }
        return true
    }

    // MARK: - ExecuteSelectionSet / ExecuteField (§6.3, §6.4)

    /// Executes `fields` on every source of one object type; returns one completed object per
    /// source, or null for a source whose non-null field failed (the null then propagates).
    func executeFields(_ type: ObjectType, sources: [any Sendable], level: PathLevel,
                       fields: [ExecutableField]) async -> [ResultValue] {
        let count = sources.count
        // The parents as one typed array, made once for all the column reads of this level.
        let typedSources: Result<any Sendable, any Error>? = schema.sourceColumns[ObjectIdentifier(type)].map { make in
            Result { try make(sources) }
        }
        var columns: [[ResultValue]] = []
        columns.reserveCapacity(fields.count)
        if prepared.operation.operation != .mutation && fields.lazy.filter(isAwaited).count > 1 {
            // Query and subscription fields may run concurrently (§6.3.1): fields that wait on
            // I/O are resolved side by side; mutation root fields always run in order.
            columns = Array(repeating: [], count: fields.count)
            await withTaskGroup(of: (Int, [ResultValue]).self) { group in
                for (i, field) in fields.enumerated() {
                    group.addTask {
                        (i, await self.executeField(type, field, sources: sources, typedSources: typedSources, level: level))
                    }
                }
                for await (i, column) in group { columns[i] = column }
            }
        } else {
            for field in fields {
                columns.append(await executeField(type, field, sources: sources, typedSources: typedSources, level: level))
            }
        }
        let keys = ResponseKeys(fields.map(\.responseKey))
        var results: [ResultValue] = []
        results.reserveCapacity(count)
        for i in 0..<count {
            var values: [ResultValue] = []
            values.reserveCapacity(fields.count)
            var nulled = false
            for (f, column) in columns.enumerated() {
                let value = column[i]
                if value.isNull && fields[f].definition.type.isNonNull {
                    nulled = true
                    break
                }
                values.append(value)
            }
            results.append(nulled ? .null : .object(ResultObject(keys: keys, values: values)))
        }
        return results
    }

    /// Whether resolving the field may wait (an async or batch resolver).
    private func isAwaited(_ field: ExecutableField) -> Bool {
        switch schema.resolvers[ObjectIdentifier(field.definition)] {
        case .async?, .batch?: true
        default: false
        }
    }

    /// Resolves and completes one field for every source.
    private func executeField(_ type: ObjectType, _ field: ExecutableField, sources: [any Sendable],
                              typedSources: Result<any Sendable, any Error>?, level: PathLevel) async -> [ResultValue] {
        let definition = field.definition
        let itemPaths = ItemPaths(objects: level, key: .key(field.responseKey))
        if definition === schema.schema.typeNameMetaField {
            return Array(repeating: .string(type.name), count: sources.count)
        }
        let raw = await resolve(type, field, sources: sources, typedSources: typedSources, itemPaths: itemPaths)
        return await completeValues(definition.type, raw, paths: itemPaths, field: field, parentType: type)
    }

    private func resolve(_ type: ObjectType, _ field: ExecutableField, sources: [any Sendable], typedSources: Result<any Sendable, any Error>?,
                         itemPaths: ItemPaths) async -> [RawValue] {
        let definition = field.definition
        let node = field.nodes[0]
        let arguments: Arguments
        do {
            arguments = try coerceArgumentValues(definition.arguments, nodes: node.arguments, variables: variables)
        } catch {
            for i in 0..<sources.count {
                errors.append(located(error.message, [error.loc ?? node.loc], source, path: itemPaths.path(i).components))
            }
            return Array(repeating: .failed, count: sources.count)
        }
        let info = ResolveInfo(fieldName: definition.name, responseKey: field.responseKey, parentType: type,
                               returnType: definition.type, fieldNodes: field.nodes, schema: schema.schema,
                               operation: prepared.operation, variables: variables)
        if definition === schema.schema.schemaMetaField {
            return [.value(IntrospectionSchema(schema: schema.schema))]
        }
        if definition === schema.schema.typeMetaField {
            let name = arguments.string("name") ?? ""
            return [schema.schema.type(named: name).map { .value(IntrospectionType.named($0)) } ?? .null]
        }
        guard let resolver = schema.resolvers[ObjectIdentifier(definition)] else {
            return sources.enumerated().map { i, source in
                if let value = readByName(source, definition.name) { return value }
                record(ResolverError("\(type.name).\(definition.name) is not implemented yet.", code: "NOT_IMPLEMENTED"),
                       field: field, path: itemPaths.path(i))
                return .failed
            }
        }
        switch resolver {
        case .column(let read):
            let typed: any Sendable
            switch typedSources {
            case .success(let value)?: typed = value
            case .failure(let error)?:
                for i in 0..<sources.count { record(error, field: field, path: itemPaths.path(i)) }
                return Array(repeating: .failed, count: sources.count)
            case nil:
                return Array(repeating: .failed, count: sources.count)
            }
            let values = read(typed)
            guard values.count == sources.count else {
                for i in 0..<sources.count {
                    record(ResolverError("\(type.name).\(definition.name) read \(values.count) values for \(sources.count) parents.",
                                         code: "INTERNAL_SERVER_ERROR"), field: field, path: itemPaths.path(i))
                }
                return Array(repeating: .failed, count: sources.count)
            }
            return values
        case .property(let read):
            var raw: [RawValue] = []
            raw.reserveCapacity(sources.count)
            for (i, source) in sources.enumerated() {
                do {
                    raw.append(plainValue(try read(source)))
                } catch {
                    record(error, field: field, path: itemPaths.path(i))
                    raw.append(.failed)
                }
            }
            return raw
        case .sync(let resolve):
            var raw: [RawValue] = []
            raw.reserveCapacity(sources.count)
            for (i, source) in sources.enumerated() {
                do {
                    raw.append(rawValue(try resolve(FieldCall(source: source, arguments: arguments, context: context, info: info)),
                                        field: field, path: itemPaths, i))
                } catch {
                    record(error, field: field, path: itemPaths.path(i))
                    raw.append(.failed)
                }
            }
            return raw
        case .async(let resolve):
            if sources.count == 1 {
                do {
                    return [rawValue(try await resolve(FieldCall(source: sources[0], arguments: arguments, context: context, info: info)),
                                     field: field, path: itemPaths, 0)]
                } catch {
                    record(error, field: field, path: itemPaths.path(0))
                    return [.failed]
                }
            }
            let context = self.context
            let outcomes = await withTaskGroup(of: (Int, Result<(any Sendable)?, any Error>).self) { group in
                for (i, source) in sources.enumerated() {
                    group.addTask {
                        do {
                            return (i, .success(try await resolve(FieldCall(source: source, arguments: arguments,
                                                                            context: context, info: info))))
                        } catch {
                            return (i, .failure(error))
                        }
                    }
                }
                var outcomes = [Result<(any Sendable)?, any Error>?](repeating: nil, count: sources.count)
                for await (i, outcome) in group { outcomes[i] = outcome }
                return outcomes
            }
            return outcomes.enumerated().map { i, outcome in
                switch outcome {
                case .success(let value)?: return rawValue(value, field: field, path: itemPaths, i)
                case .failure(let error)?:
                    record(error, field: field, path: itemPaths.path(i))
                    return .failed
                case nil: return .failed
                }
            }
        case .batch(let resolve):
            do {
                let values = try await resolve(BatchCall(sources: sources, arguments: arguments, context: context, info: info))
                guard values.count == sources.count else {
                    throw ResolverError("The batch resolver of \(type.name).\(definition.name) returned \(values.count) values for \(sources.count) parents.",
                                        code: "INTERNAL_SERVER_ERROR")
                }
                return batchValues(values, field: field, paths: itemPaths)
            } catch {
                for i in 0..<sources.count { record(error, field: field, path: itemPaths.path(i)) }
                return Array(repeating: .failed, count: sources.count)
            }
        }
    }

    /// The values of a batch: when they are plain values of one Swift type (the usual case), they
    /// are taken as they are; otherwise each is looked at for a nil, an error or a JSON null.
    private func batchValues(_ values: [(any Sendable)?], field: ExecutableField, paths: ItemPaths) -> [RawValue] {
        var uniformType: Any.Type?
        var uniform = true
        for case let value? in values {
            if let t = uniformType {
                if type(of: value) != t {
                    uniform = false
                    break
                }
            } else {
                guard plainKind(value) else {
                    uniform = false
                    break
                }
                uniformType = type(of: value)
            }
        }
        if uniform { return values.map { $0.map(RawValue.value) ?? .null } }
        return values.enumerated().map { i, value in rawValue(value, field: field, path: paths, i) }
    }

    /// Reads a field by name from a map source (a JSON object or a dictionary).
    private func readByName(_ source: any Sendable, _ name: String) -> RawValue? {
        if let json = source as? JSONValue, case .object = json {
            guard let value = json[name], !value.isNull else { return .null }
            return .value(value)
        }
        if let dictionary = source as? [String: any Sendable] {
            guard let value = dictionary[name] else { return .null }
            return rawValue(value)
        }
        return nil
    }

    private func rawValue(_ value: (any Sendable)?, field: ExecutableField, path: ItemPaths, _ i: Int) -> RawValue {
        if let error = value as? any Error {
            record(error, field: field, path: path.path(i))
            return .failed
        }
        return rawValue(value)
    }

    /// A value that may be a boxed `nil` or a JSON null (list items, dictionary reads).
    private func rawValue(_ value: (any Sendable)?) -> RawValue {
        guard let value else { return .null }
        if let optional = value as? any OptionalBox {
            // A boxed optional came from a generic value: unwrap it (it was sendable as a whole,
            // so its content is; `any Sendable` and `Any` share one representation).
            guard let wrapped = optional.wrapped else { return .null }
            return rawValue(unsafeBitCast(wrapped as Any, to: (any Sendable).self))
        }
        if let json = value as? JSONValue, json.isNull { return .null }
        return .value(value)
    }

    /// Whether a value is neither an error, a boxed `nil` nor JSON (which may be null).
    private func plainKind(_ value: any Sendable) -> Bool {
        !(value is any Error) && !(value is any OptionalBox) && !(value is JSONValue)
    }

    /// A property's value: typed reads never box a `nil`, so only a JSON null needs a look.
    @inline(__always)
    private func plainValue(_ value: (any Sendable)?) -> RawValue {
        guard let value else { return .null }
        if let json = value as? JSONValue, json.isNull { return .null }
        return .value(value)
    }

    func record(_ error: any Error, field: ExecutableField, path: LazyPath) {
        let locs = field.nodes.map(\.loc)
        switch error {
        case let e as ResolverError:
            errors.append(located(e.message, locs, source, path: path.components, extensions: e.extensions))
        case let e as GraphQLError:
            var copy = located(e.message, locs, source, path: path.components, extensions: e.extensions)
            if !e.locations.isEmpty { copy.locations = e.locations }
            errors.append(copy)
        default:
            var masked = schema.maskError(error)
            let extensions = masked.extensions
            masked = located(masked.message, locs, source, path: path.components, extensions: extensions)
            errors.append(masked)
        }
    }

    // MARK: - CompleteValue (§6.4.3)

    /// Completes the raw values of one column of a level for `type`; nulls where a non-null
    /// position failed, so the caller can propagate them.
    func completeValues(_ type: GraphQLType, _ raw: [RawValue], paths: ItemPaths, field: ExecutableField,
                        parentType: ObjectType) async -> [ResultValue] {
        switch type {
        case .nonNull(let inner):
            let results = await completeValues(inner, raw, paths: paths, field: field, parentType: parentType)
            for (i, r) in raw.enumerated() {
                if case .null = r {
                    errors.append(located("Cannot return null for non-nullable field \(parentType.name).\(field.definition.name).",
                                          field.nodes.map(\.loc), source, path: paths.path(i).components))
                }
            }
            return results
        case .list(let inner):
            return await completeLists(inner, raw, paths: paths, field: field, parentType: parentType)
        case .named(let named):
            switch named {
            case let scalar as ScalarType:
                return raw.enumerated().map { i, r in
                    if case .completed(let done) = r { return done }
                    guard case .value(let v) = r else { return .null }
                    do throws(CoercionError) {
                        return try scalar.coercion.serialize(v)
                    } catch {
                        errors.append(located(error.message, field.nodes.map(\.loc), source, path: paths.path(i).components))
                        return .null
                    }
                }
            case let enumType as EnumType:
                return raw.enumerated().map { i, r in
                    if case .completed(let done) = r { return done }
                    guard case .value(let v) = r else { return .null }
                    if let name = enumName(v), enumType.values[name] != nil { return .string(name) }
                    errors.append(located("Enum \"\(enumType.name)\" cannot represent value: \(describe(v))",
                                          field.nodes.map(\.loc), source, path: paths.path(i).components))
                    return .null
                }
            case let object as ObjectType:
                return await completeObjects(raw, paths: paths, field: field) { _, _ in object }
            default:
                return await completeObjects(raw, paths: paths, field: field) { [self] value, path in
                    resolveAbstract(value, named, field: field, parentType: parentType, path: path)
                }
            }
        }
    }

    private func completeLists(_ inner: GraphQLType, _ raw: [RawValue], paths: ItemPaths, field: ExecutableField,
                               parentType: ObjectType) async -> [ResultValue] {
        var itemRaw: [RawValue] = []
        var itemOwners: [Int] = []
        var itemIndexes: [Int] = []
        var counts: [Int] = [] // -1: the list itself is null
        counts.reserveCapacity(raw.count)
        for (i, r) in raw.enumerated() {
            guard case .value(let v) = r else {
                counts.append(-1)
                continue
            }
            guard let items = listItems(v) else {
                errors.append(located("Expected Iterable, but did not find one for field \"\(parentType.name).\(field.definition.name)\".",
                                      field.nodes.map(\.loc), source, path: paths.path(i).components))
                counts.append(-1)
                continue
            }
            counts.append(items.count)
            // A typed array ([Task]) holds values of one type: if its first item is a plain value,
            // all are. Arrays of existentials may mix in nils and errors, so each item is looked at.
            let uniform = type(of: v) != [any Sendable].self && type(of: v) != [(any Sendable)?].self
                && items.first.map({ plainKind($0) }) == true
            for (j, item) in items.enumerated() {
                itemRaw.append(uniform ? .value(item)
                                       : rawValue(item, field: field,
                                                  path: ItemPaths(listOwners: paths.level, owners: [i], indexes: [j]), 0))
                itemOwners.append(i)
                itemIndexes.append(j)
            }
        }
        let completed = itemRaw.isEmpty ? [] : await completeValues(inner, itemRaw,
                                                                    paths: ItemPaths(listOwners: paths.level, owners: itemOwners,
                                                                                     indexes: itemIndexes),
                                                                    field: field, parentType: parentType)
        var results: [ResultValue] = []
        results.reserveCapacity(raw.count)
        var offset = 0
        for count in counts {
            guard count >= 0 else {
                results.append(.null)
                continue
            }
            let items = Array(completed[offset..<(offset + count)])
            offset += count
            if inner.isNonNull && items.contains(where: \.isNull) {
                results.append(.null)
            } else {
                results.append(.list(items))
            }
        }
        return results
    }

    /// Completes object values: groups them by concrete type, executes each group's sub-selection
    /// for all of its objects at once, and puts the results back in order.
    private func completeObjects(_ raw: [RawValue], paths: ItemPaths, field: ExecutableField,
                                 typeOf: (any Sendable, LazyPath) -> ObjectType?) async -> [ResultValue] {
        var results = [ResultValue](repeating: .null, count: raw.count)
        var groups: [(type: ObjectType, indexes: [Int], sources: [any Sendable])] = []
        for (i, r) in raw.enumerated() {
            guard case .value(let v) = r else { continue }
            guard let type = typeOf(v, paths.path(i)) else { continue }
            if let g = groups.firstIndex(where: { $0.type === type }) {
                groups[g].indexes.append(i)
                groups[g].sources.append(v)
            } else {
                groups.append((type, [i], [v]))
            }
        }
        let selectionSets = field.nodes.compactMap(\.selectionSet)
        for group in groups {
            let fields = collectFields(group.type, selectionSets)
            let completed = await executeFields(group.type, sources: group.sources,
                                                level: PathLevel(parent: paths.level, parentIndexes: group.indexes), fields: fields)
            for (k, i) in group.indexes.enumerated() { results[i] = completed[k] }
        }
        return results
    }

    private func resolveAbstract(_ value: any Sendable, _ abstract: GraphQLNamedType, field: ExecutableField,
                                 parentType: ObjectType, path: LazyPath) -> ObjectType? {
        guard let object = schema.resolveObjectType(value, abstract: abstract) else {
            errors.append(located("Abstract type \"\(abstract.name)\" must resolve to an Object type at runtime for field \"\(parentType.name).\(field.definition.name)\". Either the \"\(abstract.name)\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.",
                                  field.nodes.map(\.loc), source, path: path.components))
            return nil
        }
        guard schema.schema.isPossibleType(abstract, object) else {
            errors.append(located("Runtime Object type \"\(object.name)\" is not a possible type for \"\(abstract.name)\".",
                                  field.nodes.map(\.loc), source, path: path.components))
            return nil
        }
        return object
    }

    private func listItems(_ value: any Sendable) -> [any Sendable]? {
        if let items = value as? [any Sendable] { return items }
        if let json = value as? JSONValue {
            if case .array(let items) = json { return items }
            return nil
        }
        if value is String || value is Substring { return nil }
        guard let sequence = value as? any Sequence else { return nil }
        return sendableItems(of: sequence)
    }

    /// The elements of any sequence (an array slice, a set...). The sequence came to us as
    /// `any Sendable`, so its elements are sendable too; `any Sendable` and `Any` share one
    /// representation, so the reinterpretation is exact.
    private func sendableItems<S: Sequence>(of sequence: S) -> [any Sendable] {
        sequence.map { unsafeBitCast($0 as Any, to: (any Sendable).self) }
    }

    private func enumName(_ value: any Sendable) -> String? {
        switch value {
        case let s as String: return s
        case let r as any RawRepresentable: return r.rawValue as? String
        case let j as JSONValue:
            if case .string(let s) = j { return s }
            return nil
        default: return nil
        }
    }

    private func describe(_ value: any Sendable) -> String {
        if let s = value as? String { return JSONValue.string(s).inspect }
        if let j = value as? JSONValue { return j.inspect }
        return "\(value)"
    }
}

/// An optional that was boxed into `any Sendable` (a generic value that was an optional).
protocol OptionalBox {
    var wrapped: Any? { get }
}

extension Optional: OptionalBox {
    var wrapped: Any? { self.map { $0 as Any } }
}
