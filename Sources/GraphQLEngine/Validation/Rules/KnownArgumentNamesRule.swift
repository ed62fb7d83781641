/// Argument Names (spec §5.4.1): every argument given to a field or a directive is defined by it.
/// Arguments of unknown fields and unknown directives are left to the rules that report those.
final class KnownArgumentNamesRule: ValidationRule {
    /// Whether the walk is inside a directive, whose arguments are checked when it is entered.
    private var inDirective = false

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .directive(let directive):
            inDirective = true
            guard let definition = context.schema.directive(named: directive.name.value) else { return }
            for argument in directive.arguments where definition.arguments[argument.name.value] == nil {
                let name = argument.name.value
                let suggestions = suggestionList(name, options: definition.arguments.elements.map(\.name))
                context.report("Unknown argument \"\(name)\" on directive \"@\(definition.name)\"."
                               + didYouMean(suggestions), argument.loc)
            }
        case .argument(let argument):
            guard !inDirective, context.typeInfo.argument == nil, let field = context.typeInfo.fieldDef,
                  let parent = context.typeInfo.parentType else { return }
            let name = argument.name.value
            let suggestions = suggestionList(name, options: field.arguments.elements.map(\.name))
            context.report("Unknown argument \"\(name)\" on field \"\(parent.name).\(field.name)\"."
                           + didYouMean(suggestions), argument.loc)
        default:
            break
        }
    }

    func leave(_ node: ASTNode, _ context: ValidationContext) {
        if case .directive = node { inDirective = false }
    }
}
