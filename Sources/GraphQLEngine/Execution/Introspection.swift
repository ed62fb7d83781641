// Resolvers of the introspection types (spec §4.5): `__Schema`, `__Type`, `__Field`,
// `__InputValue`, `__EnumValue` and `__Directive`, over the built schema's own objects.

/// The source of `__schema`.
struct IntrospectionSchema: Sendable {
    let schema: Schema
}

/// The source of a `__Type`: a named type or a wrapper around another type.
enum IntrospectionType: Sendable {
    case named(GraphQLNamedType)
    case list(GraphQLType)
    case nonNull(GraphQLType)

    init(_ type: GraphQLType) {
        switch type {
        case .named(let n): self = .named(n)
        case .list(let inner): self = .list(inner)
        case .nonNull(let inner): self = .nonNull(inner)
        }
    }

    var named: GraphQLNamedType? {
        if case .named(let n) = self { return n }
        return nil
    }
}

func bindIntrospection<Context: Sendable>(_ b: inout SchemaBindings<Context>) {
    b.object("__Schema", as: IntrospectionSchema.self) { t in
        t.field("description") { s, _ in s.schema.description }
        t.field("types") { s, _ in s.schema.types.elements.map { IntrospectionType.named($0) } }
        t.field("queryType") { s, _ in s.schema.queryType.map { IntrospectionType.named($0) } }
        t.field("mutationType") { s, _ in s.schema.mutationType.map { IntrospectionType.named($0) } }
        t.field("subscriptionType") { s, _ in s.schema.subscriptionType.map { IntrospectionType.named($0) } }
        t.field("directives") { s, _ in s.schema.directives.elements }
    }
    b.object("__Type", as: IntrospectionType.self) { t in
        t.field("kind") { type, _ in
            switch type {
            case .named(let n): n.kind.rawValue
            case .list: TypeKind.list.rawValue
            case .nonNull: TypeKind.nonNull.rawValue
            }
        }
        t.field("name") { type, _ in type.named?.name }
        t.field("description") { type, _ in type.named?.description }
        t.field("specifiedByURL") { type, _ in (type.named as? ScalarType)?.specifiedByURL }
        t.field("fields") { type, call in
            guard let container = type.named as? FieldsContainer else { return nil }
            let all = call.arguments.bool("includeDeprecated") ?? false
            return container.fields.elements.filter { all || !$0.isDeprecated }
        }
        t.field("interfaces") { type, _ in
            guard let container = type.named as? FieldsContainer else { return nil }
            return container.interfaces.map { IntrospectionType.named($0) }
        }
        t.field("possibleTypes") { type, call in
            guard let named = type.named, named.isAbstract else { return nil }
            return call.info.schema.possibleTypes(of: named).map { IntrospectionType.named($0) }
        }
        t.field("enumValues") { type, call in
            guard let enumType = type.named as? EnumType else { return nil }
            let all = call.arguments.bool("includeDeprecated") ?? false
            return enumType.values.elements.filter { all || !$0.isDeprecated }
        }
        t.field("inputFields") { type, call in
            guard let input = type.named as? InputObjectType else { return nil }
            let all = call.arguments.bool("includeDeprecated") ?? false
            return input.fields.elements.filter { all || !$0.isDeprecated }
        }
        t.field("ofType") { type, _ in
            switch type {
            case .named: nil
            case .list(let inner), .nonNull(let inner): IntrospectionType(inner)
            }
        }
        t.field("isOneOf") { type, _ in (type.named as? InputObjectType)?.isOneOf }
    }
    b.object("__Field", as: GraphQLField.self) { t in
        t.field("name") { f, _ in f.name }
        t.field("description") { f, _ in f.description }
        t.field("args") { f, call in
            let all = call.arguments.bool("includeDeprecated") ?? false
            return f.arguments.elements.filter { all || !$0.isDeprecated }
        }
        t.field("type") { f, _ in IntrospectionType(f.type) }
        t.field("isDeprecated") { f, _ in f.isDeprecated }
        t.field("deprecationReason") { f, _ in f.deprecationReason }
    }
    b.object("__InputValue", as: GraphQLInputValue.self) { t in
        t.field("name") { v, _ in v.name }
        t.field("description") { v, _ in v.description }
        t.field("type") { v, _ in IntrospectionType(v.type) }
        t.field("defaultValue") { v, _ in v.defaultValue.map { Printer.print($0) } }
        t.field("isDeprecated") { v, _ in v.isDeprecated }
        t.field("deprecationReason") { v, _ in v.deprecationReason }
    }
    b.object("__EnumValue", as: GraphQLEnumValue.self) { t in
        t.field("name") { v, _ in v.name }
        t.field("description") { v, _ in v.description }
        t.field("isDeprecated") { v, _ in v.isDeprecated }
        t.field("deprecationReason") { v, _ in v.deprecationReason }
    }
    b.object("__Directive", as: GraphQLDirective.self) { t in
        t.field("name") { d, _ in d.name }
        t.field("description") { d, _ in d.description }
        t.field("isRepeatable") { d, _ in d.isRepeatable }
        t.field("locations") { d, _ in d.locations.map(\.rawValue) }
        t.field("args") { d, call in
            let all = call.arguments.bool("includeDeprecated") ?? false
            return d.arguments.elements.filter { all || !$0.isDeprecated }
        }
    }
}
