/// Field Selections (spec §5.3.1): every field selected is defined on the type in scope, or is a
/// meta-field allowed there (`__typename`; `__schema` and `__type` on the query type).
///
/// As graphql-js does, an unknown field on an interface or union first suggests the types that do
/// define it (to select it in an inline fragment); failing those, the type's fields with close names.
final class FieldsOnCorrectTypeRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .field(let field) = node, let parentType = context.typeInfo.parentType,
              context.typeInfo.fieldDef == nil else { return }
        let fieldName = field.name.value
        var suggestion = didYouMean(Self.typesDefining(fieldName, under: parentType, context.schema),
                                    subMessage: "to use an inline fragment on")
        if suggestion.isEmpty {
            suggestion = didYouMean(suggestionList(fieldName, options: parentType.fieldList.map(\.name)))
        }
        context.report("Cannot query field \"\(fieldName)\" on type \"\(parentType.name)\".\(suggestion)", field.loc)
    }

    /// The possible types of an abstract type that define `fieldName`, and the interfaces of theirs
    /// that do: the types most often met first, then supertypes before their subtypes, then by name.
    private static func typesDefining(_ fieldName: String, under type: GraphQLNamedType, _ schema: Schema) -> [String] {
        guard type.isAbstract else { return [] }
        var types: [FieldsContainer] = []
        var usageCount: [ObjectIdentifier: Int] = [:]
        for object in schema.possibleTypes(of: type) where object.field(fieldName) != nil {
            if usageCount[ObjectIdentifier(object)] == nil { types.append(object) }
            usageCount[ObjectIdentifier(object)] = 1
            for interface in object.interfaces where interface.field(fieldName) != nil {
                if usageCount[ObjectIdentifier(interface)] == nil { types.append(interface) }
                usageCount[ObjectIdentifier(interface), default: 0] += 1
            }
        }
        sortLikeV8(&types) { a, b in
            let usageDifference = usageCount[ObjectIdentifier(b), default: 0] - usageCount[ObjectIdentifier(a), default: 0]
            if usageDifference != 0 { return usageDifference }
            if a is InterfaceType && schema.isSubType(a, b) { return -1 }
            if b is InterfaceType && schema.isSubType(b, a) { return 1 }
            return naturalLess(a.name, b.name) ? -1 : (naturalLess(b.name, a.name) ? 1 : 0)
        }
        return types.map(\.name)
    }
}

/// Sorts as V8's `Array.prototype.sort` sorts an array of fewer than 64 elements: the leading run
/// (reversed if strictly descending), then a binary insertion of each remaining element.
///
/// graphql-js's order of suggested types is not always a strict order (supertype-first can
/// contradict the name order), so the result depends on the algorithm; following V8's makes the
/// suggestions the same as graphql-js's. Longer arrays are sorted the same way, which V8 does not
/// do, but which differs from it only for such inconsistent orders.
private func sortLikeV8<T>(_ elements: inout [T], by compare: (T, T) -> Int) {
    let count = elements.count
    guard count >= 2 else { return }
    var runLength = 2
    let descending = compare(elements[1], elements[0]) < 0
    while runLength < count {
        let order = compare(elements[runLength], elements[runLength - 1])
        if descending ? order >= 0 : order < 0 { break }
        runLength += 1
    }
    if descending { elements[0..<runLength].reverse() }
    for start in runLength..<count {
        let pivot = elements[start]
        var left = 0, right = start
        while left < right {
            let middle = left + (right - left) / 2
            if compare(pivot, elements[middle]) < 0 { right = middle } else { left = middle + 1 }
        }
        var position = start
        while position > left {
            elements[position] = elements[position - 1]
            position -= 1
        }
        elements[left] = pivot
    }
}
