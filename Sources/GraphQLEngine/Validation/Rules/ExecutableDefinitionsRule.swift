/// Executable Definitions (spec §5.1.1): a document sent for execution holds only operations and
/// fragments; each type-system definition or extension in it is reported.
final class ExecutableDefinitionsRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .document(let document) = node else { return }
        for definition in document.definitions where !definition.isExecutable {
            context.report("The \(Self.subject(of: definition)) definition is not executable.", definition.loc)
        }
    }

    /// `schema` for a schema definition or extension, else the quoted name of what is defined.
    private static func subject(of definition: DefinitionNode) -> String {
        switch definition {
        case .typeSystem(.schema), .typeSystemExtension(.schema): "schema"
        case .typeSystem(.type(let type)), .typeSystemExtension(.type(let type)): "\"\(type.name.value)\""
        case .typeSystem(.directive(let directive)): "\"\(directive.name.value)\""
        case .operation, .fragment: ""
        }
    }
}
