/// Fragment Spread Target Defined (spec §5.5.2.1): every `...Name` spread names a fragment
/// defined in the document.
final class KnownFragmentNamesRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .fragmentSpread(let spread) = node, context.fragment(named: spread.name.value) == nil else { return }
        context.report("Unknown fragment \"\(spread.name.value)\".", spread.name.loc)
    }
}
