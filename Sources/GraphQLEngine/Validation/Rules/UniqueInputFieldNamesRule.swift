/// Input Object Field Uniqueness (spec §5.6.3): an input object literal gives each field once.
/// Each repetition is reported with the first occurrence.
final class UniqueInputFieldNamesRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .objectValue(let object) = node, object.fields.count > 1 else { return }
        let fields = object.fields
        // Object literals are short: compare pairwise rather than build a dictionary per literal.
        for i in 1..<fields.count {
            let name = fields[i].name.value
            guard let first = fields[..<i].first(where: { $0.name.value == name }) else { continue }
            context.report("There can be only one input field named \"\(name)\".", first.name.loc, fields[i].name.loc)
        }
    }
}
