/// Fragment Spread Type Existence (spec §5.5.1.2): every type a document names — in a type
/// condition or a variable's type — exists in the schema. Unknown names get suggestions.
///
/// Type-system definitions in the document (themselves reported by `ExecutableDefinitionsRule`)
/// may also name the types the document defines and the standard scalar and introspection types.
final class KnownTypeNamesRule: ValidationRule {
    private static let standardTypeNames = [
        "String", "Int", "Float", "Boolean", "ID",
        "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
    ]

    /// How many type-system definitions enclose the current node (0 or 1).
    private var typeSystemDepth = 0
    /// The names of the types the document itself defines, in order; read on the first unknown name.
    private var documentTypeNames: [String]?

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .namedType(let named):
            check(named, context)
        case .schemaDefinition, .schemaExtension, .typeDefinition, .typeExtension, .directiveDefinition:
            typeSystemDepth += 1
        default:
            break
        }
    }

    func leave(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .schemaDefinition, .schemaExtension, .typeDefinition, .typeExtension, .directiveDefinition:
            typeSystemDepth -= 1
        default:
            break
        }
    }

    private func check(_ named: NamedTypeNode, _ context: ValidationContext) {
        let name = named.name.value
        guard context.schema.type(named: name) == nil else { return }
        let defined = definedTypeNames(context.document)
        guard !defined.contains(name) else { return }
        let inTypeSystem = typeSystemDepth > 0
        if inTypeSystem && Self.standardTypeNames.contains(name) { return }

        var options = inTypeSystem ? Self.standardTypeNames : []
        options += context.schema.types.elements.map(\.name)
        options += defined
        var seen: Set<String> = []
        options.removeAll { !seen.insert($0).inserted }
        context.report("Unknown type \"\(name)\"." + didYouMean(suggestionList(name, options: options)), named.loc)
    }

    private func definedTypeNames(_ document: DocumentNode) -> [String] {
        if let documentTypeNames { return documentTypeNames }
        var names: [String] = []
        for case .typeSystem(.type(let type)) in document.definitions { names.append(type.name.value) }
        documentTypeNames = names
        return names
    }
}
