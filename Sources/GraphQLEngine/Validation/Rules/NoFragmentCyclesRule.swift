/// Fragment Spreads Must Not Form Cycles (spec §5.5.2.2): no fragment spreads itself, directly or
/// through other fragments.
///
/// A depth-first walk of the spread graph from each fragment in document order; each fragment is
/// explored once, and every cycle met on the way is reported with the spreads that form it.
final class NoFragmentCyclesRule: ValidationRule {
    /// Fragments already explored: their cycles, if any, have been reported.
    private var visited: Set<String> = []
    /// The spreads followed from the fragment the walk started at to the current one.
    private var spreadPath: [FragmentSpreadNode] = []
    /// Where each fragment on the current path starts in `spreadPath`.
    private var pathIndexByName: [String: Int] = [:]

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .fragmentDefinition(let fragment) = node else { return }
        detectCycles(from: fragment, context)
    }

    private func detectCycles(from fragment: FragmentDefinitionNode, _ context: ValidationContext) {
        let name = fragment.name.value
        guard visited.insert(name).inserted else { return }
        let spreads = context.fragmentSpreads(fragment.selectionSet)
        guard !spreads.isEmpty else { return }

        pathIndexByName[name] = spreadPath.count
        for spread in spreads {
            let target = spread.name.value
            spreadPath.append(spread)
            if let cycleStart = pathIndexByName[target] {
                let cycle = spreadPath[cycleStart...]
                let via = cycle.dropLast().map { "\"\($0.name.value)\"" }.joined(separator: ", ")
                context.report("Cannot spread fragment \"\(target)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
                               locations: cycle.map(\.loc))
            } else if let next = context.fragment(named: target) {
                detectCycles(from: next, context)
            }
            spreadPath.removeLast()
        }
        pathIndexByName[name] = nil
    }
}
