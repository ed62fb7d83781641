/// Fragments Must Be Used (spec §5.5.1.4): every fragment is spread by some operation, directly or
/// through other fragments. Checked once the whole document has been seen, in document order.
final class NoUnusedFragmentsRule: ValidationRule {
    func leave(_ node: ASTNode, _ context: ValidationContext) {
        guard case .document(let document) = node else { return }
        var used: Set<String> = []
        for case .operation(let operation) in document.definitions {
            for fragment in context.recursivelyReferencedFragments(operation.selectionSet) {
                used.insert(fragment.name.value)
            }
        }
        for case .fragment(let fragment) in document.definitions where !used.contains(fragment.name.value) {
            context.report("Fragment \"\(fragment.name.value)\" is never used.", fragment.loc)
        }
    }
}
