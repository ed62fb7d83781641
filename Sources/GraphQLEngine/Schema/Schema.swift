/// A validated GraphQL schema: its root types, every named type, and its directives.
///
/// Build one from SDL with ``Schema/build(sdl:)``. A schema never changes once built and can be
/// shared freely; it answers the type relations validation and execution ask about.
public final class Schema: @unchecked Sendable {
    public let description: String?
    public let queryType: ObjectType?
    public let mutationType: ObjectType?
    public let subscriptionType: ObjectType?
    /// Every named type, in graphql-js's order: reachable from the roots first, then the rest,
    /// then the introspection types.
    public let types: NamedList<GraphQLNamedType>
    public let directives: NamedList<GraphQLDirective>
    /// `__schema: __Schema!`, `__type(name: String!): __Type` and `__typename: String!`.
    public let schemaMetaField: GraphQLField
    public let typeMetaField: GraphQLField
    public let typeNameMetaField: GraphQLField
    /// Directives applied to the schema definition.
    public let appliedDirectives: [DirectiveNode]
    /// Where the schema definition stands, if the SDL has one.
    public let loc: SDLLocation?

    private let possibleTypesByAbstract: [ObjectIdentifier: [ObjectType]]
    private let possibleTypeSets: [ObjectIdentifier: Set<ObjectIdentifier>]
    private let interfaceImplementations: [ObjectIdentifier: [InterfaceType]]

    init(description: String?, query: ObjectType?, mutation: ObjectType?, subscription: ObjectType?,
         types definitionOrder: [GraphQLNamedType], directives: [GraphQLDirective],
         appliedDirectives: [DirectiveNode], loc: SDLLocation?) {
        self.description = description
        self.queryType = query
        self.mutationType = mutation
        self.subscriptionType = subscription
        self.appliedDirectives = appliedDirectives
        self.loc = loc

        var directiveList = NamedList<GraphQLDirective>()
        for d in directives { directiveList.append(d, name: d.name) }
        self.directives = directiveList

        // graphql-js's type map order: the declared types in order, each followed by the types
        // it references that were not declared (built-in scalars); then whatever the roots,
        // directive arguments and the introspection types reach.
        let declared = definitionOrder.filter { !$0.name.hasPrefix("__") }
        let declaredIDs = Set(declared.map { ObjectIdentifier($0) })
        var ordered = NamedList<GraphQLNamedType>()
        func collect(_ type: GraphQLNamedType, root: Bool = false) {
            if !root && declaredIDs.contains(ObjectIdentifier(type)) { return }
            guard ordered.append(type, name: type.name) else { return }
            switch type {
            case let u as UnionType:
                for m in u.types { collect(m) }
            case let c as FieldsContainer:
                for i in c.interfaces { collect(i) }
                for f in c.fields.elements {
                    collect(f.type.namedType)
                    for a in f.arguments.elements { collect(a.type.namedType) }
                }
            case let i as InputObjectType:
                for f in i.fields.elements { collect(f.type.namedType) }
            default:
                break
            }
        }
        for t in declared { collect(t, root: true) }
        for d in directives { for a in d.arguments.elements { collect(a.type.namedType) } }
        for t in definitionOrder where t.name.hasPrefix("__") { collect(t) }
        self.types = ordered

        var possible: [ObjectIdentifier: [ObjectType]] = [:]
        var implementations: [ObjectIdentifier: [InterfaceType]] = [:]
        for t in ordered.elements {
            switch t {
            case let u as UnionType:
                possible[ObjectIdentifier(u)] = u.types
            case let o as ObjectType:
                for i in o.interfaces { possible[ObjectIdentifier(i), default: []].append(o) }
            case let i as InterfaceType:
                for parent in i.interfaces { implementations[ObjectIdentifier(parent), default: []].append(i) }
            default:
                break
            }
        }
        self.possibleTypesByAbstract = possible
        self.possibleTypeSets = possible.mapValues { Set($0.map { ObjectIdentifier($0) }) }
        self.interfaceImplementations = implementations

        guard let schemaType = ordered["__Schema"], let typeType = ordered["__Type"],
              let stringType = ordered["String"] else {
            preconditionFailure("introspection types are always part of a schema")
        }
        schemaMetaField = GraphQLField(name: "__schema", description: "Access the current type schema of this server.",
                                       type: .nonNull(.named(schemaType)), loc: nil)
        typeMetaField = GraphQLField(name: "__type", description: "Request the type information of a single type.",
                                     type: .named(typeType), loc: nil)
        typeMetaField.arguments.append(GraphQLInputValue(name: "name", description: nil, type: .nonNull(.named(stringType)),
                                                         defaultValue: nil, loc: nil), name: "name")
        typeNameMetaField = GraphQLField(name: "__typename", description: "The name of the current Object type at runtime.",
                                         type: .nonNull(.named(stringType)), loc: nil)
    }

    /// The named type `name`, if the schema has it.
    public func type(named name: String) -> GraphQLNamedType? { types[name] }

    /// The directive `name` (without `@`), if the schema has it.
    public func directive(named name: String) -> GraphQLDirective? { directives[name] }

    /// The root type of an operation kind.
    public func rootType(for operation: OperationType) -> ObjectType? {
        switch operation {
        case .query: queryType
        case .mutation: mutationType
        case .subscription: subscriptionType
        }
    }

    /// The object types an abstract type may resolve to; for an object type, itself.
    public func possibleTypes(of type: GraphQLNamedType) -> [ObjectType] {
        if let o = type as? ObjectType { return [o] }
        return possibleTypesByAbstract[ObjectIdentifier(type)] ?? []
    }

    /// Whether `object` is one of the possible types of `abstract`.
    public func isPossibleType(_ abstract: GraphQLNamedType, _ object: ObjectType) -> Bool {
        possibleTypeSets[ObjectIdentifier(abstract)]?.contains(ObjectIdentifier(object)) ?? false
    }

    /// Whether `maybeSub` is a possible type of `abstract` or an interface implementing it.
    public func isSubType(_ abstract: GraphQLNamedType, _ maybeSub: GraphQLNamedType) -> Bool {
        if let o = maybeSub as? ObjectType { return isPossibleType(abstract, o) }
        if let i = maybeSub as? InterfaceType, abstract is InterfaceType {
            return interfaceImplementations[ObjectIdentifier(abstract)]?.contains { $0 === i } ?? false
        }
        return false
    }

    /// The interfaces that implement `interface`.
    public func interfaces(implementing interface: InterfaceType) -> [InterfaceType] {
        interfaceImplementations[ObjectIdentifier(interface)] ?? []
    }

    /// Whether two composite types can have a common object type (spec "GetPossibleTypes"
    /// intersection): used to tell whether fragments can apply and fields can conflict.
    public func doTypesOverlap(_ a: GraphQLNamedType, _ b: GraphQLNamedType) -> Bool {
        if a === b { return true }
        if a.isAbstract {
            if b.isAbstract {
                return possibleTypes(of: a).contains { isPossibleType(b, $0) }
            }
            return isSubType(a, b)
        }
        if b.isAbstract { return isSubType(b, a) }
        return false
    }

    /// Whether a value of type `maybeSub` can stand where `superType` is expected (spec
    /// "IsSubType" covariance: non-null narrows, lists match lists, objects implement interfaces).
    public func isTypeSubType(_ maybeSub: GraphQLType, of superType: GraphQLType) -> Bool {
        switch (maybeSub, superType) {
        case (.nonNull(let a), .nonNull(let b)): return isTypeSubType(a, of: b)
        case (.nonNull(let a), _): return isTypeSubType(a, of: superType)
        case (_, .nonNull): return false
        case (.list(let a), .list(let b)): return isTypeSubType(a, of: b)
        case (.list, _), (_, .list): return false
        case (.named(let a), .named(let b)):
            return a === b || (b.isAbstract && (a is ObjectType || a is InterfaceType) && isSubType(b, a))
        }
    }

    /// The field definition for `name` on `parent`, including the meta fields.
    public func fieldDefinition(_ parent: GraphQLNamedType, _ name: String) -> GraphQLField? {
        if name.hasPrefix("__") {
            if name == "__typename" && parent.isComposite { return typeNameMetaField }
            if parent === queryType {
                if name == "__schema" { return schemaMetaField }
                if name == "__type" { return typeMetaField }
            }
        }
        return parent.field(name)
    }
}

/// Equality of two type references, wrapper for wrapper and name for name.
public func isEqualType(_ a: GraphQLType, _ b: GraphQLType) -> Bool {
    switch (a, b) {
    case (.named(let x), .named(let y)): x === y
    case (.list(let x), .list(let y)), (.nonNull(let x), .nonNull(let y)): isEqualType(x, y)
    default: false
    }
}
