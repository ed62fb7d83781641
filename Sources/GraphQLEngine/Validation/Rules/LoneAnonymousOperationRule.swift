/// Lone Anonymous Operation (spec §5.2.3.1): an operation without a name must be the only
/// operation of its document.
final class LoneAnonymousOperationRule: ValidationRule {
    private var operationCount = 0

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .document(let document):
            operationCount = 0
            for case .operation in document.definitions { operationCount += 1 }
        case .operationDefinition(let operation) where operation.name == nil && operationCount > 1:
            context.report("This anonymous operation must be the only defined operation.", operation.loc)
        default:
            break
        }
    }
}
