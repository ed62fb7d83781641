/// Argument Uniqueness (spec §5.4.2): a field or directive is given each argument once. Every name
/// given more than once gets one error listing all of its occurrences.
final class UniqueArgumentNamesRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .field(let field): check(field.arguments, context)
        case .directive(let directive): check(directive.arguments, context)
        default: break
        }
    }

    /// Argument lists are short: compare pairwise rather than build a dictionary per node.
    private func check(_ arguments: [ArgumentNode], _ context: ValidationContext) {
        guard arguments.count > 1 else { return }
        for i in arguments.indices {
            let name = arguments[i].name.value
            if arguments[..<i].contains(where: { $0.name.value == name }) { continue }
            guard arguments[(i + 1)...].contains(where: { $0.name.value == name }) else { continue }
            let locations = arguments[i...].lazy.filter { $0.name.value == name }.map(\.name.loc)
            context.report("There can be only one argument named \"\(name)\".", locations: Array(locations))
        }
    }
}
