/// Required Arguments (spec §5.4.2.1): every argument of a field or directive that is non-null and
/// has no default is given. Unknown fields and directives are left to the rules that report them.
final class ProvidedRequiredArgumentsRule: ValidationRule {
    func leave(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .field(let field):
            guard let definition = context.typeInfo.fieldDef else { return }
            for argument in definition.arguments.elements where argument.isRequired {
                if field.arguments.contains(where: { $0.name.value == argument.name }) { continue }
                context.report("Field \"\(definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                               field.loc)
            }
        case .directive(let directive):
            guard let definition = context.schema.directive(named: directive.name.value) else { return }
            for argument in definition.arguments.elements where argument.isRequired {
                if directive.arguments.contains(where: { $0.name.value == argument.name }) { continue }
                context.report("Directive \"@\(definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                               directive.loc)
            }
        default:
            break
        }
    }
}
