/// Leaf Field Selections (spec §5.3.3): a field of scalar or enum type has no selection set, and a
/// field of object, interface or union type has a non-empty one. Unknown fields are left to
/// `FieldsOnCorrectTypeRule`.
final class ScalarLeafsRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .field(let field) = node, let type = context.typeInfo.type else { return }
        let name = field.name.value
        if type.namedType.isLeaf {
            if let selectionSet = field.selectionSet {
                context.report("Field \"\(name)\" must not have a selection since type \"\(type)\" has no subfields.",
                               selectionSet.loc)
            }
        } else if let selectionSet = field.selectionSet {
            if selectionSet.selections.isEmpty {
                context.report("Field \"\(name)\" of type \"\(type)\" must have at least one field selected.", field.loc)
            }
        } else {
            context.report("Field \"\(name)\" of type \"\(type)\" must have a selection of subfields. Did you mean \"\(name) { ... }\"?",
                           field.loc)
        }
    }
}
