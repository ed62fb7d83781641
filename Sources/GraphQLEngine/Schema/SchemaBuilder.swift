/// The errors that make SDL unusable as a schema, each located in its source.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public let errors: [GraphQLError]

    public var description: String {
        errors.map { e in
            e.locations.isEmpty ? e.message : "\(e.message) (\(e.locations.map(\.description).joined(separator: ", ")))"
        }.joined(separator: "\n")
    }
}

extension Schema {
    /// Builds a schema from SDL text: the definitions plus any `extend` forms, checked against
    /// the spec's type-system rules.
    ///
    /// ```swift
    /// let schema = try Schema.build(sdl: "type Query { hello: String }")
    /// ```
    public static func build(sdl: String, name: String = "schema.graphql") throws(SchemaError) -> Schema {
        try build(sources: [Source(sdl, name: name)])
    }

    /// Builds a schema from several SDL sources read as one (e.g. a schema file and extensions).
    public static func build(sources: [Source]) throws(SchemaError) -> Schema {
        var documents: [(Source, DocumentNode)] = []
        for source in sources {
            do {
                documents.append((source, try Parser.parse(source, options: .schema)))
            } catch {
                throw SchemaError(errors: [error])
            }
        }
        var builder = SchemaBuilder()
        return try builder.build(documents)
    }
}

/// Turns parsed SDL into a ``Schema``: collects definitions and extensions, creates the types,
/// resolves references, then validates the result.
struct SchemaBuilder {
    private var errors: [GraphQLError] = []
    private var types: [String: GraphQLNamedType] = [:]
    private var typeOrder: [GraphQLNamedType] = []
    private var directives: [String: GraphQLDirective] = [:]
    private var directiveOrder: [GraphQLDirective] = []

    private typealias Located<T> = (source: Source, node: T)

    mutating func build(_ userDocuments: [(Source, DocumentNode)]) throws(SchemaError) -> Schema {
        let builtIn = Source(IntrospectionTypes.sdl + "\n" + IntrospectionTypes.directivesSDL, name: "introspection")
        let builtInDocument: DocumentNode
        do {
            builtInDocument = try Parser.parse(builtIn, options: .schema)
        } catch {
            preconditionFailure("built-in SDL parses: \(error)")
        }

        var schemaDefs: [Located<SchemaDefinitionNode>] = []
        var schemaExts: [Located<SchemaDefinitionNode>] = []
        var typeDefs: [Located<TypeDefinitionNode>] = []
        var typeExts: [Located<TypeDefinitionNode>] = []
        var directiveDefs: [Located<DirectiveDefinitionNode>] = []

        for (source, document) in [(builtIn, builtInDocument)] + userDocuments {
            let isBuiltIn = source.name == "introspection" && document == builtInDocument
            for definition in document.definitions {
                switch definition {
                case .operation(let op):
                    errors.append(GraphQLError("A schema document may only contain type-system definitions; found an operation.",
                                               sdl: [SDLLocation(source: source, loc: op.loc)]))
                case .fragment(let f):
                    errors.append(GraphQLError("A schema document may only contain type-system definitions; found a fragment.",
                                               sdl: [SDLLocation(source: source, loc: f.loc)]))
                case .typeSystem(.schema(let s)): schemaDefs.append((source, s))
                case .typeSystem(.type(let t)):
                    if !isBuiltIn && t.kind == .scalar && BuiltInScalars.names.contains(t.name.value) { continue }
                    typeDefs.append((source, t))
                case .typeSystem(.directive(let d)):
                    if !isBuiltIn, let existing = directiveDefs.first(where: { $0.node.name.value == d.name.value }),
                       existing.source.name == "introspection" {
                        errors.append(GraphQLError("Directive \"@\(d.name.value)\" already exists in the schema. It cannot be redefined.",
                                                   sdl: [SDLLocation(source: source, loc: d.name.loc)]))
                        continue
                    }
                    directiveDefs.append((source, d))
                case .typeSystemExtension(.schema(let s)): schemaExts.append((source, s))
                case .typeSystemExtension(.type(let t)): typeExts.append((source, t))
                }
            }
        }

        // Built-in scalars come first; SDL may redeclare them (ignored above).
        for scalar in BuiltInScalars.make() { register(scalar) }

        // Create named types.
        for (source, def) in typeDefs {
            let name = def.name.value
            let loc = SDLLocation(source: source, loc: def.name.loc)
            if let existing = types[name] {
                errors.append(GraphQLError("There can be only one type named \"\(name)\".", sdl: [existing.loc, loc]))
                continue
            }
            let description = def.description?.value
            let type: GraphQLNamedType
            switch def.kind {
            case .scalar: type = ScalarType(name: name, description: description, loc: loc, coercion: .passThrough)
            case .object: type = ObjectType(name: name, description: description, loc: loc)
            case .interface: type = InterfaceType(name: name, description: description, loc: loc)
            case .union: type = UnionType(name: name, description: description, loc: loc)
            case .enumType: type = EnumType(name: name, description: description, loc: loc)
            case .inputObject: type = InputObjectType(name: name, description: description, loc: loc)
            }
            register(type)
        }

        // Extensions must extend a defined type of the same kind.
        var extensionsByName: [String: [Located<TypeDefinitionNode>]] = [:]
        for ext in typeExts {
            let name = ext.node.name.value
            let loc = SDLLocation(source: ext.source, loc: ext.node.name.loc)
            guard let type = types[name] else {
                errors.append(GraphQLError("Cannot extend type \"\(name)\" because it is not defined.\(suggestion(name, Array(types.keys)))",
                                           sdl: [loc]))
                continue
            }
            guard kind(of: type) == ext.node.kind else {
                errors.append(GraphQLError("Cannot extend non-\(ext.node.kind.extensionNoun) type \"\(name)\".", sdl: [type.loc, loc]))
                continue
            }
            extensionsByName[name, default: []].append(ext)
        }

        // Directives.
        for (source, def) in directiveDefs {
            let name = def.name.value
            let loc = SDLLocation(source: source, loc: def.name.loc)
            if let existing = directives[name] {
                errors.append(GraphQLError("There can be only one directive named \"@\(name)\".", sdl: [existing.loc, loc]))
                continue
            }
            let directive = GraphQLDirective(name: name, description: def.description?.value,
                                             locations: def.locations.compactMap { DirectiveLocation(rawValue: $0.value) },
                                             isRepeatable: def.repeatable, loc: loc)
            directives[name] = directive
            directiveOrder.append(directive)
        }

        // Directive arguments first: applied directives are checked against them below.
        for (source, def) in directiveDefs {
            guard let directive = directives[def.name.value], directive.loc?.loc == def.name.loc else { continue }
            for arg in def.arguments {
                addArgument(arg, source: source, to: &directive.arguments,
                            owner: "@\(def.name.value)")
            }
        }

        // Fill in the members of types from their definition and extensions.
        for (source, def) in typeDefs {
            guard let type = types[def.name.value], type.loc?.loc == def.name.loc, type.loc?.source.name == source.name else { continue }
            var parts: [Located<TypeDefinitionNode>] = [(source, def)]
            parts += extensionsByName[def.name.value] ?? []
            fill(type, from: parts)
        }

        // Root operation types.
        if schemaDefs.count > 1 {
            for extra in schemaDefs.dropFirst() {
                errors.append(GraphQLError("Must provide only one schema definition.",
                                           sdl: [SDLLocation(source: extra.source, loc: extra.node.loc)]))
            }
        }
        var roots: [OperationType: ObjectType] = [:]
        var rootLocs: [OperationType: SDLLocation] = [:]
        let schemaParts = Array(schemaDefs.prefix(1)) + schemaExts
        for (source, def) in schemaParts {
            for opType in def.operationTypes {
                let loc = SDLLocation(source: source, loc: opType.loc)
                if let previous = rootLocs[opType.operation] {
                    errors.append(GraphQLError("There can be only one \(opType.operation.rawValue) type in schema.", sdl: [previous, loc]))
                    continue
                }
                rootLocs[opType.operation] = loc
                let name = opType.type.name.value
                guard let type = types[name] else {
                    errors.append(GraphQLError("Unknown type \"\(name)\".", sdl: [loc]))
                    continue
                }
                guard let object = type as? ObjectType else {
                    errors.append(GraphQLError("\(opType.operation.rawValue.capitalizedFirst) root type must be Object type, it cannot be \(name).",
                                               sdl: [loc]))
                    continue
                }
                roots[opType.operation] = object
            }
        }
        if schemaDefs.isEmpty {
            // Without a schema definition, the types named Query, Mutation and Subscription are the roots.
            for op in [OperationType.query, .mutation, .subscription] {
                if roots[op] == nil, let object = types[op.rawValue.capitalizedFirst] as? ObjectType { roots[op] = object }
            }
        }
        if roots[.query] == nil && rootLocs[.query] == nil {
            errors.append(GraphQLError("Query root type must be provided.",
                                       sdl: [schemaDefs.first.map { SDLLocation(source: $0.source, loc: $0.node.loc) }]))
        }

        var appliedSchemaDirectives: [DirectiveNode] = []
        for (source, def) in schemaParts {
            checkDirectives(def.directives, at: .schema, source: source)
            appliedSchemaDirectives += def.directives
        }

        guard errors.isEmpty else { throw SchemaError(errors: errors) }
        let schema = Schema(description: schemaDefs.first?.node.description?.value,
                            query: roots[.query], mutation: roots[.mutation], subscription: roots[.subscription],
                            types: typeOrder.filter { !(($0 as? ScalarType)?.isBuiltIn ?? false) }, directives: directiveOrder.filter { !$0.isBuiltIn } + directiveOrder.filter(\.isBuiltIn),
                            appliedDirectives: appliedSchemaDirectives,
                            loc: schemaDefs.first.map { SDLLocation(source: $0.source, loc: $0.node.loc) })
        var validator = SchemaValidator(schema: schema)
        let validationErrors = validator.validate()
        guard validationErrors.isEmpty else { throw SchemaError(errors: validationErrors) }
        return schema
    }

    private mutating func register(_ type: GraphQLNamedType) {
        types[type.name] = type
        typeOrder.append(type)
    }

    private func kind(of type: GraphQLNamedType) -> TypeDefinitionKind {
        switch type.kind {
        case .scalar: .scalar
        case .object: .object
        case .interface: .interface
        case .union: .union
        case .enumType: .enumType
        default: .inputObject
        }
    }

    // MARK: - Members

    private mutating func fill(_ type: GraphQLNamedType, from parts: [Located<TypeDefinitionNode>]) {
        let location = directiveLocation(for: type.kind)
        for (source, def) in parts {
            checkDirectives(def.directives, at: location, source: source)
            type.appliedDirectives += def.directives
            switch type {
            case let container as FieldsContainer:
                for iface in def.interfaces {
                    guard let resolved = namedType(iface, source: source) else { continue }
                    guard let interface = resolved as? InterfaceType else {
                        errors.append(GraphQLError("Type \(type.name) must only implement Interface types, it cannot implement \(resolved.name).",
                                                   sdl: [SDLLocation(source: source, loc: iface.loc)]))
                        continue
                    }
                    if container.interfaces.contains(where: { $0 === interface }) {
                        errors.append(GraphQLError("Type \(type.name) can only implement \(interface.name) once.",
                                                   sdl: [SDLLocation(source: source, loc: iface.loc)]))
                        continue
                    }
                    container.interfaces.append(interface)
                }
                for fieldDef in def.fields {
                    let loc = SDLLocation(source: source, loc: fieldDef.name.loc)
                    guard let fieldType = typeReference(fieldDef.type, source: source) else { continue }
                    let field = GraphQLField(name: fieldDef.name.value, description: fieldDef.description?.value,
                                             type: fieldType, loc: loc)
                    field.appliedDirectives = fieldDef.directives
                    checkDirectives(fieldDef.directives, at: .fieldDefinition, source: source)
                    field.deprecationReason = deprecationReason(fieldDef.directives)
                    for arg in fieldDef.arguments {
                        addArgument(arg, source: source, to: &field.arguments, owner: "\(type.name).\(fieldDef.name.value)")
                    }
                    if !container.fields.append(field, name: field.name) {
                        errors.append(GraphQLError("Field \"\(type.name).\(field.name)\" can only be defined once.",
                                                   sdl: [container.fields[field.name]?.loc, loc]))
                    }
                }
            case let union as UnionType:
                for member in def.types {
                    guard let resolved = namedType(member, source: source) else { continue }
                    guard let object = resolved as? ObjectType else {
                        errors.append(GraphQLError("Union type \(type.name) can only include Object types, it cannot include \(resolved.name).",
                                                   sdl: [SDLLocation(source: source, loc: member.loc)]))
                        continue
                    }
                    if union.types.contains(where: { $0 === object }) {
                        errors.append(GraphQLError("Union type \(type.name) can only include type \(object.name) once.",
                                                   sdl: [SDLLocation(source: source, loc: member.loc)]))
                        continue
                    }
                    union.types.append(object)
                }
            case let enumType as EnumType:
                for valueDef in def.values {
                    let loc = SDLLocation(source: source, loc: valueDef.name.loc)
                    let value = GraphQLEnumValue(name: valueDef.name.value, description: valueDef.description?.value, loc: loc)
                    value.appliedDirectives = valueDef.directives
                    checkDirectives(valueDef.directives, at: .enumValue, source: source)
                    value.deprecationReason = deprecationReason(valueDef.directives)
                    if !enumType.values.append(value, name: value.name) {
                        errors.append(GraphQLError("Enum value \"\(type.name).\(value.name)\" can only be defined once.",
                                                   sdl: [enumType.values[value.name]?.loc, loc]))
                    }
                }
            case let input as InputObjectType:
                for fieldDef in def.inputFields {
                    addInputField(fieldDef, source: source, to: input)
                }
            case let scalar as ScalarType:
                if let url = argumentString(def.directives, directive: "specifiedBy", argument: "url") {
                    scalar.specifiedByURL = url
                }
            default:
                break
            }
            if let input = type as? InputObjectType, def.directives.contains(where: { $0.name.value == "oneOf" }) {
                input.isOneOf = true
            }
        }
    }

    private mutating func addArgument(_ arg: InputValueDefinitionNode, source: Source,
                                      to list: inout NamedList<GraphQLInputValue>, owner: String) {
        let loc = SDLLocation(source: source, loc: arg.name.loc)
        guard let argType = typeReference(arg.type, source: source) else { return }
        let value = GraphQLInputValue(name: arg.name.value, description: arg.description?.value, type: argType,
                                      defaultValue: arg.defaultValue, loc: loc)
        value.appliedDirectives = arg.directives
        checkDirectives(arg.directives, at: .argumentDefinition, source: source)
        value.deprecationReason = deprecationReason(arg.directives)
        if !list.append(value, name: value.name) {
            let ownerText = owner.hasPrefix("@") ? owner : owner
            errors.append(GraphQLError("Argument \"\(ownerText)(\(value.name):)\" can only be defined once.",
                                       sdl: [list[value.name]?.loc, loc]))
        }
    }

    private mutating func addInputField(_ def: InputValueDefinitionNode, source: Source, to input: InputObjectType) {
        let loc = SDLLocation(source: source, loc: def.name.loc)
        guard let fieldType = typeReference(def.type, source: source) else { return }
        let field = GraphQLInputValue(name: def.name.value, description: def.description?.value, type: fieldType,
                                      defaultValue: def.defaultValue, loc: loc)
        field.appliedDirectives = def.directives
        checkDirectives(def.directives, at: .inputFieldDefinition, source: source)
        field.deprecationReason = deprecationReason(def.directives)
        if !input.fields.append(field, name: field.name) {
            errors.append(GraphQLError("Field \"\(input.name).\(field.name)\" can only be defined once.",
                                       sdl: [input.fields[field.name]?.loc, loc]))
        }
    }

    // MARK: - References and directives

    private mutating func namedType(_ node: NamedTypeNode, source: Source) -> GraphQLNamedType? {
        if let type = types[node.name.value] { return type }
        errors.append(GraphQLError("Unknown type \"\(node.name.value)\".\(suggestion(node.name.value, Array(types.keys)))",
                                   sdl: [SDLLocation(source: source, loc: node.loc)]))
        return nil
    }

    private mutating func typeReference(_ node: TypeNode, source: Source) -> GraphQLType? {
        switch node {
        case .named(let n): return namedType(n, source: source).map(GraphQLType.named)
        case .list(let l): return typeReference(l.type, source: source).map(GraphQLType.list)
        case .nonNull(let n): return typeReference(n.type, source: source).map(GraphQLType.nonNull)
        }
    }

    /// KnownDirectives, UniqueDirectivesPerLocation, KnownArgumentNames and
    /// ProvidedRequiredArguments for directives applied in SDL.
    private mutating func checkDirectives(_ applied: [DirectiveNode], at location: DirectiveLocation, source: Source) {
        var seen: [String: Location] = [:]
        for node in applied {
            let name = node.name.value
            let loc = SDLLocation(source: source, loc: node.loc)
            guard let directive = directives[name] else {
                errors.append(GraphQLError("Unknown directive \"@\(name)\".", sdl: [loc]))
                continue
            }
            if !directive.locations.contains(location) {
                errors.append(GraphQLError("Directive \"@\(name)\" may not be used on \(location.rawValue).", sdl: [loc]))
            }
            if !directive.isRepeatable {
                if let previous = seen[name] {
                    errors.append(GraphQLError("The directive \"@\(name)\" can only be used once at this location.",
                                               sdl: [SDLLocation(source: source, loc: previous), loc]))
                }
                seen[name] = node.loc
            }
            for arg in node.arguments where directive.arguments[arg.name.value] == nil {
                errors.append(GraphQLError("Unknown argument \"\(arg.name.value)\" on directive \"@\(name)\".",
                                           sdl: [SDLLocation(source: source, loc: arg.loc)]))
            }
            for def in directive.arguments.elements where def.isRequired {
                if !node.arguments.contains(where: { $0.name.value == def.name }) {
                    errors.append(GraphQLError("Directive \"@\(name)\" argument \"\(def.name)\" of type \"\(def.type)\" is required, but it was not provided.",
                                               sdl: [loc]))
                }
            }
        }
    }

    private func deprecationReason(_ applied: [DirectiveNode]) -> String? {
        guard let node = applied.first(where: { $0.name.value == "deprecated" }) else { return nil }
        if let arg = node.arguments.first(where: { $0.name.value == "reason" }), case .string(let s) = arg.value {
            return s.value
        }
        return "No longer supported"
    }

    private func argumentString(_ applied: [DirectiveNode], directive: String, argument: String) -> String? {
        guard let node = applied.first(where: { $0.name.value == directive }),
              let arg = node.arguments.first(where: { $0.name.value == argument }),
              case .string(let s) = arg.value else { return nil }
        return s.value
    }

    private func directiveLocation(for kind: TypeKind) -> DirectiveLocation {
        switch kind {
        case .scalar: .scalar
        case .object: .object
        case .interface: .interface
        case .union: .union
        case .enumType: .enumType
        default: .inputObject
        }
    }

    private func suggestion(_ input: String, _ options: [String]) -> String {
        didYouMean(suggestionList(input, options: options.filter { !$0.hasPrefix("__") }))
    }
}

extension TypeDefinitionKind {
    /// The noun graphql-js uses in "Cannot extend non-<noun> type".
    var extensionNoun: String {
        switch self {
        case .scalar: "scalar"
        case .object: "object"
        case .interface: "interface"
        case .union: "union"
        case .enumType: "enum"
        case .inputObject: "input object"
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
