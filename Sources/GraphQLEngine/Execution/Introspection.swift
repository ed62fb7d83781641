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

    var kindName: String {
        switch self {
        case .named(let n): n.kind.rawValue
        case .list: TypeKind.list.rawValue
        case .nonNull: TypeKind.nonNull.rawValue
        }
    }

    var name: String? { named?.name }
    var typeDescription: String? { named?.description }
    var specifiedByURL: String? { (named as? ScalarType)?.specifiedByURL }
    var isOneOf: Bool? { (named as? InputObjectType)?.isOneOf }

    var ofType: IntrospectionType? {
        switch self {
        case .named: nil
        case .list(let inner), .nonNull(let inner): IntrospectionType(inner)
        }
    }
}

extension GraphQLField {
    var introspectionType: IntrospectionType { IntrospectionType(type) }
}

extension GraphQLInputValue {
    var introspectionType: IntrospectionType { IntrospectionType(type) }
    var printedDefaultValue: String? { defaultValue.map { Printer.print($0) } }
}

extension GraphQLDirective {
    var locationNames: [String] { locations.map(\.rawValue) }
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
        t.field("kind", \.kindName)
        t.field("name", \.name)
        t.field("description", \.typeDescription)
        t.field("specifiedByURL", \.specifiedByURL)
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
        t.field("ofType", \.ofType)
        t.field("isOneOf", \.isOneOf)
    }
    b.object("__Field", as: GraphQLField.self) { t in
        t.field("name", \.name)
        t.field("description", \.description)
        t.field("args") { f, call in
            let all = call.arguments.bool("includeDeprecated") ?? false
            return f.arguments.elements.filter { all || !$0.isDeprecated }
        }
        t.field("type", \.introspectionType)
        t.field("isDeprecated", \.isDeprecated)
        t.field("deprecationReason", \.deprecationReason)
    }
    b.object("__InputValue", as: GraphQLInputValue.self) { t in
        t.field("name", \.name)
        t.field("description", \.description)
        t.field("type", \.introspectionType)
        t.field("defaultValue", \.printedDefaultValue)
        t.field("isDeprecated", \.isDeprecated)
        t.field("deprecationReason", \.deprecationReason)
    }
    b.object("__EnumValue", as: GraphQLEnumValue.self) { t in
        t.field("name", \.name)
        t.field("description", \.description)
        t.field("isDeprecated", \.isDeprecated)
        t.field("deprecationReason", \.deprecationReason)
    }
    b.object("__Directive", as: GraphQLDirective.self) { t in
        t.field("name", \.name)
        t.field("description", \.description)
        t.field("isRepeatable", \.isRepeatable)
        t.field("locations", \.locationNames)
        t.field("args") { d, call in
            let all = call.arguments.bool("includeDeprecated") ?? false
            return d.arguments.elements.filter { all || !$0.isDeprecated }
        }
    }
}
