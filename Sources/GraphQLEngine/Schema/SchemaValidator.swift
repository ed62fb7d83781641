/// The spec's type-system rules (§3 "Type Validation") checked on a built schema, with the
/// messages of graphql-js's `validateSchema`.
struct SchemaValidator {
    let schema: Schema
    private var errors: [GraphQLError] = []

    init(schema: Schema) { self.schema = schema }

    mutating func validate() -> [GraphQLError] {
        for directive in schema.directives.elements where !directive.isBuiltIn {
            validateDirective(directive)
        }
        var inputCycles = InputCycleFinder()
        for type in schema.types.elements where !type.name.hasPrefix("__") {
            checkName(type.name, loc: type.loc)
            switch type {
            case let object as ObjectType:
                validateFields(object)
                validateInterfaces(object)
            case let interface as InterfaceType:
                validateFields(interface)
                validateInterfaces(interface)
            case let union as UnionType:
                if union.types.isEmpty {
                    report("Union type \(union.name) must define one or more member types.", union.loc)
                }
            case let enumType as EnumType:
                if enumType.values.isEmpty {
                    report("Enum type \(enumType.name) must define one or more values.", enumType.loc)
                }
                for value in enumType.values.elements { checkName(value.name, loc: value.loc) }
            case let input as InputObjectType:
                validateInputFields(input)
                errors += inputCycles.check(input)
            default:
                break
            }
        }
        return errors
    }

    private mutating func report(_ message: String, _ locs: SDLLocation?...) {
        errors.append(GraphQLError(message, sdl: locs))
    }

    private mutating func checkName(_ name: String, loc: SDLLocation?) {
        if name.hasPrefix("__") {
            report("Name \"\(name)\" must not begin with \"__\", which is reserved by GraphQL introspection.", loc)
        }
    }

    private mutating func validateDirective(_ directive: GraphQLDirective) {
        checkName(directive.name, loc: directive.loc)
        if directive.locations.isEmpty {
            report("Directive @\(directive.name) must include 1 or more locations.", directive.loc)
        }
        for arg in directive.arguments.elements {
            checkName(arg.name, loc: arg.loc)
            if !arg.type.isInputType {
                report("The type of @\(directive.name)(\(arg.name):) must be Input Type but got: \(arg.type).", arg.loc)
            }
            if arg.isRequired && arg.isDeprecated {
                report("Required argument @\(directive.name)(\(arg.name):) cannot be deprecated.", arg.loc)
            }
        }
    }

    private mutating func validateFields(_ type: FieldsContainer) {
        if type.fields.isEmpty {
            report("Type \(type.name) must define one or more fields.", type.loc)
        }
        for field in type.fields.elements {
            checkName(field.name, loc: field.loc)
            if !field.type.isOutputType {
                report("The type of \(type.name).\(field.name) must be Output Type but got: \(field.type).", field.loc)
            }
            for arg in field.arguments.elements {
                checkName(arg.name, loc: arg.loc)
                if !arg.type.isInputType {
                    report("The type of \(type.name).\(field.name)(\(arg.name):) must be Input Type but got: \(arg.type).", arg.loc)
                }
                if arg.isRequired && arg.isDeprecated {
                    report("Required argument \(type.name).\(field.name)(\(arg.name):) cannot be deprecated.", arg.loc)
                }
            }
        }
    }

    private mutating func validateInterfaces(_ type: FieldsContainer) {
        for interface in type.interfaces {
            if interface === type {
                report("Type \(type.name) cannot implement itself because it would create a circular reference.", type.loc)
                continue
            }
            validateImplementsAncestors(type, interface)
            validateImplements(type, interface)
        }
    }

    private mutating func validateImplementsAncestors(_ type: FieldsContainer, _ interface: InterfaceType) {
        for transitive in interface.interfaces where !type.interfaces.contains(where: { $0 === transitive }) {
            if transitive === type {
                report("Type \(type.name) cannot implement \(interface.name) because it would create a circular reference.", type.loc)
            } else {
                report("Type \(type.name) must implement \(transitive.name) because it is implemented by \(interface.name).",
                       type.loc, interface.loc)
            }
        }
    }

    private mutating func validateImplements(_ type: FieldsContainer, _ interface: InterfaceType) {
        for interfaceField in interface.fields.elements {
            let name = interfaceField.name
            guard let field = type.fields[name] else {
                report("Interface field \(interface.name).\(name) expected but \(type.name) does not provide it.",
                       interfaceField.loc, type.loc)
                continue
            }
            if !schema.isTypeSubType(field.type, of: interfaceField.type) {
                report("Interface field \(interface.name).\(name) expects type \(interfaceField.type) but \(type.name).\(name) is type \(field.type).",
                       interfaceField.loc, field.loc)
            }
            for interfaceArg in interfaceField.arguments.elements {
                guard let arg = field.arguments[interfaceArg.name] else {
                    report("Interface field argument \(interface.name).\(name)(\(interfaceArg.name):) expected but \(type.name).\(name) does not provide it.",
                           interfaceArg.loc, field.loc)
                    continue
                }
                if !isEqualType(arg.type, interfaceArg.type) {
                    report("Interface field argument \(interface.name).\(name)(\(interfaceArg.name):) expects type \(interfaceArg.type) but \(type.name).\(name)(\(arg.name):) is type \(arg.type).",
                           interfaceArg.loc, arg.loc)
                }
            }
            for arg in field.arguments.elements where arg.isRequired && interfaceField.arguments[arg.name] == nil {
                report("Argument \"\(type.name).\(name)(\(arg.name):)\" must not be required type \"\(arg.type)\" if not provided by the Interface field \"\(interface.name).\(name)\".",
                       arg.loc, interfaceField.loc)
            }
        }
    }

    private mutating func validateInputFields(_ input: InputObjectType) {
        if input.fields.isEmpty {
            report("Input Object type \(input.name) must define one or more fields.", input.loc)
        }
        for field in input.fields.elements {
            checkName(field.name, loc: field.loc)
            if !field.type.isInputType {
                report("The type of \(input.name).\(field.name) must be Input Type but got: \(field.type).", field.loc)
            }
            if field.isRequired && field.isDeprecated {
                report("Required input field \(input.name).\(field.name) cannot be deprecated.", field.loc)
            }
            if input.isOneOf {
                if field.type.isNonNull {
                    report("OneOf input field \(input.name).\(field.name) must be nullable.", field.loc)
                }
                if field.defaultValue != nil {
                    report("OneOf input field \(input.name).\(field.name) cannot have a default value.", field.loc)
                }
            }
        }
    }
}

/// Finds input objects that reference themselves through non-null fields (which no finite value
/// can satisfy), as graphql-js's `createInputObjectCircularRefsValidator` does.
private struct InputCycleFinder {
    private var visited: Set<ObjectIdentifier> = []
    private var path: [(InputObjectType, GraphQLInputValue)] = []
    private var pathIndex: [ObjectIdentifier: Int] = [:]
    private var errors: [GraphQLError] = []

    mutating func check(_ input: InputObjectType) -> [GraphQLError] {
        errors = []
        detect(input)
        return errors
    }

    private mutating func detect(_ input: InputObjectType) {
        guard visited.insert(ObjectIdentifier(input)).inserted else { return }
        pathIndex[ObjectIdentifier(input)] = path.count
        for field in input.fields.elements {
            guard case .nonNull(.named(let named)) = field.type, let fieldType = named as? InputObjectType else { continue }
            path.append((input, field))
            if let start = pathIndex[ObjectIdentifier(fieldType)] {
                let cycle = path[start...]
                let fieldPath = cycle.map(\.1.name).joined(separator: ".")
                errors.append(GraphQLError("Cannot reference Input Object \"\(fieldType.name)\" within itself through a series of non-null fields: \"\(fieldPath)\".",
                                           sdl: cycle.map(\.1.loc)))
            } else {
                detect(fieldType)
            }
            path.removeLast()
        }
        pathIndex[ObjectIdentifier(input)] = nil
    }
}
