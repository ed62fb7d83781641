extension Schema {
    /// The schema as canonical SDL, in the format of graphql-js's `printSchema`: the schema
    /// definition when root names are not the defaults, custom directives, then every type that is
    /// neither built in nor introspection, in the schema's type order.
    public func printed() -> String {
        var blocks: [String] = []
        if let definition = printedSchemaDefinition() { blocks.append(definition) }
        for directive in directives.elements where !directive.isBuiltIn {
            blocks.append(SchemaPrinter.directive(directive))
        }
        for type in types.elements where !type.name.hasPrefix("__") {
            if let scalar = type as? ScalarType, scalar.isBuiltIn { continue }
            blocks.append(SchemaPrinter.type(type))
        }
        return blocks.joined(separator: "\n\n")
    }

    private func printedSchemaDefinition() -> String? {
        if queryType == nil && mutationType == nil && subscriptionType == nil { return nil }
        let defaultNames = queryType === type(named: "Query")
            && (mutationType == nil || mutationType === type(named: "Mutation"))
            && (subscriptionType == nil || subscriptionType === type(named: "Subscription"))
            && (type(named: "Mutation") == nil || mutationType != nil)
            && (type(named: "Subscription") == nil || subscriptionType != nil)
        if description == nil && defaultNames { return nil }
        var out = SchemaPrinter.description(description) + "schema {\n"
        if let q = queryType { out += "  query: \(q.name)\n" }
        if let m = mutationType { out += "  mutation: \(m.name)\n" }
        if let s = subscriptionType { out += "  subscription: \(s.name)\n" }
        return out + "}"
    }
}

/// Prints schema elements as SDL.
enum SchemaPrinter {
    static func type(_ type: GraphQLNamedType) -> String {
        let head = description(type.description)
        switch type {
        case let scalar as ScalarType:
            var out = head + "scalar \(scalar.name)"
            if let url = scalar.specifiedByURL { out += " @specifiedBy(url: \(Printer.printString(url)))" }
            return out
        case let object as ObjectType:
            return head + "type \(object.name)" + interfaces(object) + fields(object)
        case let interface as InterfaceType:
            return head + "interface \(interface.name)" + interfaces(interface) + fields(interface)
        case let union as UnionType:
            return head + "union \(union.name)" + (union.types.isEmpty ? "" : " = " + union.types.map(\.name).joined(separator: " | "))
        case let enumType as EnumType:
            let lines = enumType.values.elements.enumerated().map { i, value in
                description(value.description, indentation: "  ", firstInBlock: i == 0) + "  " + value.name
                    + deprecated(value.deprecationReason)
            }
            return head + "enum \(enumType.name)" + block(lines)
        case let input as InputObjectType:
            let lines = input.fields.elements.enumerated().map { i, field in
                description(field.description, indentation: "  ", firstInBlock: i == 0) + "  " + inputValue(field)
            }
            return head + "input \(input.name)" + (input.isOneOf ? " @oneOf" : "") + block(lines)
        default:
            return head + type.name
        }
    }

    static func directive(_ directive: GraphQLDirective) -> String {
        description(directive.description) + "directive @\(directive.name)" + arguments(directive.arguments.elements)
            + (directive.isRepeatable ? " repeatable" : "") + " on "
            + directive.locations.map(\.rawValue).joined(separator: " | ")
    }

    private static func interfaces(_ type: FieldsContainer) -> String {
        type.interfaces.isEmpty ? "" : " implements " + type.interfaces.map(\.name).joined(separator: " & ")
    }

    private static func fields(_ type: FieldsContainer) -> String {
        let lines = type.fields.elements.enumerated().map { i, field in
            description(field.description, indentation: "  ", firstInBlock: i == 0) + "  " + field.name
                + arguments(field.arguments.elements, indentation: "  ") + ": \(field.type)" + deprecated(field.deprecationReason)
        }
        return block(lines)
    }

    private static func block(_ lines: [String]) -> String {
        lines.isEmpty ? "" : " {\n" + lines.joined(separator: "\n") + "\n}"
    }

    private static func arguments(_ args: [GraphQLInputValue], indentation: String = "") -> String {
        if args.isEmpty { return "" }
        if args.allSatisfy({ $0.description == nil }) {
            return "(" + args.map(inputValue).joined(separator: ", ") + ")"
        }
        let lines = args.enumerated().map { i, arg in
            description(arg.description, indentation: "  " + indentation, firstInBlock: i == 0) + "  " + indentation + inputValue(arg)
        }
        return "(\n" + lines.joined(separator: "\n") + "\n" + indentation + ")"
    }

    private static func inputValue(_ value: GraphQLInputValue) -> String {
        var out = "\(value.name): \(value.type)"
        if let defaultValue = value.defaultValue { out += " = " + Printer.print(defaultValue) }
        return out + deprecated(value.deprecationReason)
    }

    private static func deprecated(_ reason: String?) -> String {
        guard let reason else { return "" }
        if reason == "No longer supported" { return " @deprecated" }
        return " @deprecated(reason: \(Printer.printString(reason)))"
    }

    /// A description as graphql-js prints it: a block string when it survives as one, otherwise a
    /// quoted string; indented, and preceded by a blank line inside a block unless first.
    static func description(_ text: String?, indentation: String = "", firstInBlock: Bool = true) -> String {
        guard let text else { return "" }
        let printed = Printer.print(ValueNode.string(StringValueNode(text, block: BlockString.isPrintable(text))))
        let prefix = !indentation.isEmpty && !firstInBlock ? "\n" + indentation : indentation
        return prefix + printed.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indentation) + "\n"
    }
}
