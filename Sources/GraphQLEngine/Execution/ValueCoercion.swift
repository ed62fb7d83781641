// Input coercion of the spec's Execution section: variable values (CoerceVariableValues),
// argument values (CoerceArgumentValues) and literals (ValueFromAST), with graphql-js's messages.

/// Coerces the request's variables to the operation's variable definitions. Throws the list of
/// request errors when any variable is missing, null where not allowed, or of the wrong type.
func coerceVariableValues(_ definitions: [VariableDefinitionNode], inputs: [JSONMember], schema: Schema,
                          source: Source?) throws(RequestErrors) -> [JSONMember] {
    var coerced: [JSONMember] = []
    var errors: [GraphQLError] = []
    func fail(_ message: String, _ node: VariableDefinitionNode) {
        errors.append(located(message, [node.loc], source))
    }
    for definition in definitions {
        let name = definition.variable.name.value
        guard let type = schema.type(from: definition.type), type.isInputType else {
            fail("Variable \"$\(name)\" expected value of type \"\(Printer.print(definition.type))\" which cannot be used as an input type.", definition)
            continue
        }
        let given = inputs.first { $0.key == name }
        guard let given else {
            if let defaultValue = definition.defaultValue {
                if let value = valueFromAST(defaultValue, type: type, variables: nil) {
                    coerced.append(JSONMember(name, value))
                }
            } else if type.isNonNull {
                fail("Variable \"$\(name)\" of required type \"\(type)\" was not provided.", definition)
            }
            continue
        }
        if given.value.isNull && type.isNonNull {
            fail("Variable \"$\(name)\" of non-null type \"\(type)\" must not be null.", definition)
            continue
        }
        var problems: [(path: String, message: String, value: JSONValue)] = []
        let value = coerceInputValue(given.value, type: type, path: "") { path, message, value in
            problems.append((path, message, value))
        }
        if problems.isEmpty {
            coerced.append(JSONMember(name, value))
        } else {
            for p in problems {
                let at = p.path.isEmpty ? "" : " at \"\(name)\(p.path)\""
                fail("Variable \"$\(name)\" got invalid value \(p.value.inspect)\(at); \(p.message)", definition)
            }
        }
    }
    if !errors.isEmpty { throw RequestErrors(errors: errors) }
    return coerced
}

/// Coerces a JSON value to an input type (spec §3 input coercion), reporting each problem with
/// its path inside the value (`.field[2]`). Returns the coerced value (meaningless on error).
func coerceInputValue(_ value: JSONValue, type: GraphQLType, path: String,
                      onError: (String, String, JSONValue) -> Void) -> JSONValue {
    switch type {
    case .nonNull(let inner):
        if value.isNull {
            onError(path, "Expected non-nullable type \"\(type)\" not to be null.", value)
            return .null
        }
        return coerceInputValue(value, type: inner, path: path, onError: onError)
    case .list(let inner):
        if value.isNull { return .null }
        if case .array(let items) = value {
            return .array(items.enumerated().map { i, item in
                coerceInputValue(item, type: inner, path: "\(path)[\(i)]", onError: onError)
            })
        }
        return .array([coerceInputValue(value, type: inner, path: path, onError: onError)])
    case .named(let named):
        if value.isNull { return .null }
        switch named {
        case let scalar as ScalarType:
            do {
                return try scalar.coercion.parseValue(value)
            } catch {
                onError(path, error.message, value)
                return .null
            }
        case let enumType as EnumType:
            if case .string(let name) = value, enumType.values[name] != nil { return value }
            if case .string(let name) = value {
                let suggestions = suggestionList(name, options: enumType.values.elements.map(\.name))
                onError(path, "Value \"\(name)\" does not exist in \"\(enumType.name)\" enum.\(didYouMean(suggestions, subMessage: "the enum value"))", value)
            } else {
                onError(path, "Enum \"\(enumType.name)\" cannot represent non-string value: \(value.inspect).", value)
            }
            return .null
        case let input as InputObjectType:
            guard case .object(let members) = value else {
                onError(path, "Expected type \"\(input.name)\" to be an object.", value)
                return .null
            }
            var result: [JSONMember] = []
            for field in input.fields.elements {
                if let member = members.first(where: { $0.key == field.name }) {
                    result.append(JSONMember(field.name, coerceInputValue(member.value, type: field.type,
                                                                          path: "\(path).\(field.name)", onError: onError)))
                } else if let defaultValue = field.defaultValue {
                    if let v = valueFromAST(defaultValue, type: field.type, variables: nil) {
                        result.append(JSONMember(field.name, v))
                    }
                } else if field.type.isNonNull {
                    onError(path, "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided.", value)
                }
            }
            for member in members where input.fields[member.key] == nil {
                let suggestions = suggestionList(member.key, options: input.fields.elements.map(\.name))
                onError(path, "Field \"\(member.key)\" is not defined by type \"\(input.name)\".\(didYouMean(suggestions))", value)
            }
            if input.isOneOf {
                // Only known fields count: an unknown one is reported above, not as a second key.
                let given = members.filter { input.fields[$0.key] != nil }
                if given.count != 1 {
                    if members.count == given.count || given.count > 1 {
                        onError(path, "Exactly one key must be specified for OneOf type \"\(input.name)\".", value)
                    }
                } else if given[0].value.isNull {
                    onError("\(path).\(given[0].key)", "Field \"\(given[0].key)\" must be non-null.", given[0].value)
                }
            }
            return .object(result)
        default:
            onError(path, "Expected type \"\(named.name)\" to be an input type.", value)
            return .null
        }
    }
}

/// The value of a literal for an input type, with variables substituted; nil when the literal is
/// invalid for the type (spec ValueFromAST; graphql-js `valueFromAST`). A variable that was not
/// provided counts as absent.
func valueFromAST(_ node: ValueNode, type: GraphQLType, variables: [JSONMember]?) -> JSONValue? {
    if case .variable(let v) = node {
        guard let value = variables?.first(where: { $0.key == v.name.value })?.value else { return nil }
        if value.isNull && type.isNonNull { return nil }
        return value
    }
    switch type {
    case .nonNull(let inner):
        if case .null = node { return nil }
        return valueFromAST(node, type: inner, variables: variables)
    case .list(let inner):
        if case .null = node { return .null }
        if case .list(let list) = node {
            var items: [JSONValue] = []
            items.reserveCapacity(list.values.count)
            for item in list.values {
                if case .variable(let v) = item, variables?.contains(where: { $0.key == v.name.value }) != true {
                    // An absent variable inside a list is null, unless the item type forbids it.
                    if inner.isNonNull { return nil }
                    items.append(.null)
                    continue
                }
                guard let value = valueFromAST(item, type: inner, variables: variables) else { return nil }
                items.append(value)
            }
            return .array(items)
        }
        return valueFromAST(node, type: inner, variables: variables).map { .array([$0]) }
    case .named(let named):
        if case .null = node { return .null }
        switch named {
        case let scalar as ScalarType:
            return try? scalar.coercion.parseLiteral(node)
        case let enumType as EnumType:
            guard case .enumValue(let e) = node, enumType.values[e.value] != nil else { return nil }
            return .string(e.value)
        case let input as InputObjectType:
            guard case .object(let object) = node else { return nil }
            var result: [JSONMember] = []
            for field in input.fields.elements {
                let given = object.fields.first { $0.name.value == field.name }
                var isAbsent = given == nil
                if let given, case .variable(let v) = given.value, variables?.contains(where: { $0.key == v.name.value }) != true {
                    isAbsent = true
                }
                if isAbsent {
                    if let defaultValue = field.defaultValue {
                        guard let v = valueFromAST(defaultValue, type: field.type, variables: nil) else { return nil }
                        result.append(JSONMember(field.name, v))
                    } else if field.type.isNonNull {
                        return nil
                    }
                    continue
                }
                guard let given, let value = valueFromAST(given.value, type: field.type, variables: variables) else { return nil }
                result.append(JSONMember(field.name, value))
            }
            for given in object.fields where input.fields[given.name.value] == nil { return nil }
            if input.isOneOf {
                guard result.count == 1, !result[0].value.isNull else { return nil }
            }
            return .object(result)
        default:
            return nil
        }
    }
}

/// Coerces the arguments of a field or directive (spec CoerceArgumentValues).
func coerceArgumentValues(_ definitions: NamedList<GraphQLInputValue>, nodes: [ArgumentNode],
                          variables: [JSONMember]) throws(CoercionError) -> Arguments {
    if definitions.isEmpty { return .empty }
    var coerced: [JSONMember] = []
    coerced.reserveCapacity(definitions.count)
    for definition in definitions.elements {
        let name = definition.name
        let node = nodes.first { $0.name.value == name }
        guard let node else {
            if let defaultValue = definition.defaultValue {
                if let v = valueFromAST(defaultValue, type: definition.type, variables: nil) {
                    coerced.append(JSONMember(name, v))
                }
            } else if definition.type.isNonNull {
                throw CoercionError("Argument \"\(name)\" of required type \"\(definition.type)\" was not provided.")
            }
            continue
        }
        if case .variable(let variable) = node.value {
            guard let value = variables.first(where: { $0.key == variable.name.value })?.value else {
                if let defaultValue = definition.defaultValue {
                    if let v = valueFromAST(defaultValue, type: definition.type, variables: nil) {
                        coerced.append(JSONMember(name, v))
                    }
                } else if definition.type.isNonNull {
                    throw CoercionError("Argument \"\(name)\" of required type \"\(definition.type)\" was provided the variable \"$\(variable.name.value)\" which was not provided a runtime value.",
                                        at: node.value.loc)
                }
                continue
            }
            if value.isNull && definition.type.isNonNull {
                throw CoercionError("Argument \"\(name)\" of non-null type \"\(definition.type)\" must not be null.", at: node.value.loc)
            }
            coerced.append(JSONMember(name, value))
            continue
        }
        if case .null = node.value, definition.type.isNonNull {
            throw CoercionError("Argument \"\(name)\" of non-null type \"\(definition.type)\" must not be null.", at: node.value.loc)
        }
        guard let value = valueFromAST(node.value, type: definition.type, variables: variables) else {
            throw CoercionError("Argument \"\(name)\" has invalid value \(Printer.print(node.value)).", at: node.value.loc)
        }
        coerced.append(JSONMember(name, value))
    }
    return Arguments(coerced)
}

/// Errors that end a request before execution (no `data` in the response).
public struct RequestErrors: Error, Sendable {
    public let errors: [GraphQLError]
}

/// An error located at nodes of `source` (or without locations when the source is unknown).
func located(_ message: String, _ locs: [Location], _ source: Source?, path: [PathComponent] = [],
             extensions: [JSONMember] = []) -> GraphQLError {
    guard let source else { return GraphQLError(message, path: path, extensions: extensions) }
    let positions = locs.map(\.start)
    return GraphQLError(message, locations: positions.map { source.location(of: $0) }, path: path,
                        extensions: extensions, positions: positions)
}
