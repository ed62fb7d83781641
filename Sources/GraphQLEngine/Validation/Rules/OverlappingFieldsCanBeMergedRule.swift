/// Field Selection Merging (spec §5.3.2): a selection set is valid only if every pair of fields
/// with the same response name — including those brought in by inline fragments and fragment
/// spreads — can be merged without ambiguity: same field name and arguments unless their parent
/// types are distinct object types, and always the same response shape.
///
/// The search follows graphql-js. Each selection set of the document is checked once "within"
/// itself; fields are then compared "between" collections (a set and a fragment, two fragments, the
/// sub-selections of two overlapping fields). Each (collection, fragment) pair and each pair of
/// fragments is compared at most once per exclusivity, so the work stays polynomial on large
/// documents and ends on cyclic ones. The field collection of each selection set is computed once.
///
/// ```graphql
/// { dog { name: nickname name } }
/// # Fields "name" conflict because "nickname" and "name" are different fields. ...
/// ```
final class OverlappingFieldsCanBeMergedRule: ValidationRule {
    private var finder: FieldConflictFinder?
    /// The fragment whose own selection set is the next one entered (for programmatic ASTs whose
    /// nodes have no location to key the cache by).
    private var enteringFragment: String?

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .fragmentDefinition(let fragment):
            enteringFragment = fragment.name.value
        case .selectionSet(let selectionSet):
            let fragmentName = enteringFragment
            enteringFragment = nil
            if FieldConflictFinder.hasNoOverlap(selectionSet) { return }
            let finder = self.finder ?? FieldConflictFinder(context: context)
            self.finder = finder
            let key = FieldConflictFinder.key(selectionSet, fragmentName: fragmentName)
            let conflicts = finder.findConflictsWithinSelectionSet(context.typeInfo.parentType, selectionSet, key: key)
            for conflict in conflicts {
                context.report("Fields \"\(conflict.responseName)\" conflict because \(conflict.reason.message). "
                               + "Use different aliases on the fields to fetch both if this was intentional.",
                               locations: conflict.fields1 + conflict.fields2)
            }
        default:
            break
        }
    }
}

// MARK: - Conflicts

/// Why two fields of one response name cannot be merged.
private indirect enum ConflictReason {
    /// A plain reason: different fields, differing arguments, conflicting types.
    case message(String)
    /// The fields' sub-selections conflict: each response name with its own reason.
    case subfields([(responseName: String, reason: ConflictReason)])

    /// The reason as graphql-js words it: nested reasons read `subfields "x" conflict because …`,
    /// joined with ` and `.
    var message: String {
        switch self {
        case .message(let text):
            return text
        case .subfields(let reasons):
            return reasons.map { "subfields \"\($0.responseName)\" conflict because \($0.reason.message)" }
                .joined(separator: " and ")
        }
    }
}

/// A conflict between two fields of one response name, with the locations of the fields on each
/// side (the fields themselves first, then the conflicting sub-fields).
private struct FieldConflict {
    let responseName: String
    let reason: ConflictReason
    let fields1: [Location]
    let fields2: [Location]
}

/// A field as collected from a selection set: the type it was selected on and its definition there.
private struct CollectedField {
    let parentType: GraphQLNamedType?
    let node: FieldNode
    let definition: GraphQLField?
}

/// The fields of a selection set grouped by response name (in order of first appearance), through
/// its inline fragments, and the names of the fragments it spreads (each once). Compared by
/// identity: a fragment's collection is never compared with itself.
private final class FieldsAndFragmentNames {
    /// Unique within one validation, to remember which fragments this collection was compared with.
    let id: Int
    private(set) var responseNames: [String] = []
    private(set) var groups: [[CollectedField]] = []
    private var groupIndex: [String: Int] = [:]
    private(set) var fragmentNames: [String] = []
    private var knownFragments: Set<String> = []

    init(id: Int) {
        self.id = id
    }

    func append(_ field: CollectedField, responseName: String) {
        if let i = groupIndex[responseName] {
            groups[i].append(field)
        } else {
            groupIndex[responseName] = groups.count
            responseNames.append(responseName)
            groups.append([field])
        }
    }

    func appendFragment(_ name: String) {
        if knownFragments.insert(name).inserted { fragmentNames.append(name) }
    }

    func fields(_ responseName: String) -> [CollectedField]? {
        groupIndex[responseName].map { groups[$0] }
    }
}

/// Pairs of fragments already compared, in either order, with whether the comparison was made
/// under mutually exclusive parents. A comparison made without exclusivity covers one with it,
/// not the other way round (graphql-js's `PairSet`).
private struct FragmentPairSet {
    private struct Pair: Hashable {
        let first: String
        let second: String
    }

    private var data: [Pair: Bool] = [:]

    private static func pair(_ a: String, _ b: String) -> Pair {
        a < b ? Pair(first: a, second: b) : Pair(first: b, second: a)
    }

    func contains(_ a: String, _ b: String, mutuallyExclusive: Bool) -> Bool {
        guard let recorded = data[Self.pair(a, b)] else { return false }
        return mutuallyExclusive || !recorded
    }

    mutating func insert(_ a: String, _ b: String, mutuallyExclusive: Bool) {
        data[Self.pair(a, b)] = mutuallyExclusive
    }
}

// MARK: - The search

/// Finds conflicts for one validation; keeps the field collections and the compared fragment
/// pairs across all the selection sets of the document.
private final class FieldConflictFinder {
    /// Identifies a selection set in the cache: by its location, or (for an AST built without
    /// locations) by the fragment it belongs to.
    enum Key: Hashable {
        case location(Location)
        case fragment(String)
    }

    /// A collection of fields compared with a fragment (graphql-js's `OrderedPairSet`).
    private struct FieldsAndFragment: Hashable {
        let fields: Int
        let fragment: String
    }

    private unowned let context: ValidationContext
    private var collections: [Key: FieldsAndFragmentNames] = [:]
    private var collectionCount = 0
    /// Each pair with whether it was compared under mutually exclusive parents, as in ``FragmentPairSet``.
    private var comparedFieldsAndFragments: [FieldsAndFragment: Bool] = [:]
    private var comparedFragmentPairs = FragmentPairSet()

    init(context: ValidationContext) {
        self.context = context
    }

    static func key(_ selectionSet: SelectionSetNode, fragmentName: String?) -> Key? {
        if selectionSet.loc != .none { return .location(selectionSet.loc) }
        return fragmentName.map(Key.fragment)
    }

    /// Whether a selection set made only of fields with distinct response names, and small enough
    /// to check by pairs, trivially has nothing to merge within itself (no collection is built).
    static func hasNoOverlap(_ selectionSet: SelectionSetNode) -> Bool {
        let selections = selectionSet.selections
        guard selections.count <= 16 else { return false }
        for i in selections.indices {
            guard case .field(let a) = selections[i] else { return false }
            let name = a.responseName
            for j in selections.index(after: i)..<selections.endIndex {
                guard case .field(let b) = selections[j] else { return false }
                if b.responseName == name { return false }
            }
        }
        return true
    }

    /// (A–C) The conflicts within one selection set of the document: between its own fields, between
    /// them and each fragment it spreads, and between those fragments.
    func findConflictsWithinSelectionSet(_ parentType: GraphQLNamedType?, _ selectionSet: SelectionSetNode,
                                         key: Key?) -> [FieldConflict] {
        var conflicts: [FieldConflict] = []
        let collected = fieldsAndFragmentNames(parentType, selectionSet, key: key)
        collectConflictsWithin(&conflicts, collected)

        let fragmentNames = collected.fragmentNames
        for i in fragmentNames.indices {
            collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive: false, collected, fragmentNames[i])
            for j in fragmentNames.index(after: i)..<fragmentNames.endIndex {
                collectConflictsBetweenFragments(&conflicts, mutuallyExclusive: false, fragmentNames[i], fragmentNames[j])
            }
        }
        return conflicts
    }

    /// (D, E) Conflicts between a collection of fields and the fields of a fragment, then the
    /// fragments that one spreads; each (collection, fragment) pair once.
    private func collectConflictsBetweenFieldsAndFragment(_ conflicts: inout [FieldConflict], mutuallyExclusive: Bool,
                                                          _ fields: FieldsAndFragmentNames, _ fragmentName: String) {
        let pair = FieldsAndFragment(fields: fields.id, fragment: fragmentName)
        if let recorded = comparedFieldsAndFragments[pair], mutuallyExclusive || !recorded { return }
        comparedFieldsAndFragments[pair] = mutuallyExclusive

        guard let fragment = context.fragment(named: fragmentName) else { return }
        let fragmentFields = referencedFieldsAndFragmentNames(fragment)
        // A fragment's fields are not compared with themselves.
        if fields === fragmentFields { return }

        collectConflictsBetween(&conflicts, mutuallyExclusive: mutuallyExclusive, fields, fragmentFields)
        for referenced in fragmentFields.fragmentNames {
            collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive: mutuallyExclusive, fields, referenced)
        }
    }

    /// (F, G) Conflicts between two fragments and the fragments each spreads; each pair once.
    private func collectConflictsBetweenFragments(_ conflicts: inout [FieldConflict], mutuallyExclusive: Bool,
                                                  _ fragmentName1: String, _ fragmentName2: String) {
        if fragmentName1 == fragmentName2 { return }
        if comparedFragmentPairs.contains(fragmentName1, fragmentName2, mutuallyExclusive: mutuallyExclusive) {
            return
        }
        comparedFragmentPairs.insert(fragmentName1, fragmentName2, mutuallyExclusive: mutuallyExclusive)

        guard let fragment1 = context.fragment(named: fragmentName1),
              let fragment2 = context.fragment(named: fragmentName2) else { return }
        let fields1 = referencedFieldsAndFragmentNames(fragment1)
        let fields2 = referencedFieldsAndFragmentNames(fragment2)

        collectConflictsBetween(&conflicts, mutuallyExclusive: mutuallyExclusive, fields1, fields2)
        for referenced2 in fields2.fragmentNames {
            collectConflictsBetweenFragments(&conflicts, mutuallyExclusive: mutuallyExclusive, fragmentName1, referenced2)
        }
        for referenced1 in fields1.fragmentNames {
            collectConflictsBetweenFragments(&conflicts, mutuallyExclusive: mutuallyExclusive, referenced1, fragmentName2)
        }
    }

    /// (H–J) Conflicts between the sub-selections of two fields of one response name.
    private func findConflictsBetweenSubSelectionSets(mutuallyExclusive: Bool,
                                                      _ parentType1: GraphQLNamedType?, _ selectionSet1: SelectionSetNode,
                                                      _ parentType2: GraphQLNamedType?, _ selectionSet2: SelectionSetNode)
        -> [FieldConflict] {
        var conflicts: [FieldConflict] = []
        let fields1 = fieldsAndFragmentNames(parentType1, selectionSet1, key: Self.key(selectionSet1, fragmentName: nil))
        let fields2 = fieldsAndFragmentNames(parentType2, selectionSet2, key: Self.key(selectionSet2, fragmentName: nil))

        collectConflictsBetween(&conflicts, mutuallyExclusive: mutuallyExclusive, fields1, fields2)

        for fragmentName2 in fields2.fragmentNames {
            collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive: mutuallyExclusive, fields1, fragmentName2)
        }
        for fragmentName1 in fields1.fragmentNames {
            collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive: mutuallyExclusive, fields2, fragmentName1)
        }
        for fragmentName1 in fields1.fragmentNames {
            for fragmentName2 in fields2.fragmentNames {
                collectConflictsBetweenFragments(&conflicts, mutuallyExclusive: mutuallyExclusive,
                                                 fragmentName1, fragmentName2)
            }
        }
        return conflicts
    }

    /// Every pair of fields of one response name within one collection. The only place fields of
    /// a single collection are compared with each other.
    private func collectConflictsWithin(_ conflicts: inout [FieldConflict], _ collected: FieldsAndFragmentNames) {
        for (responseName, fields) in zip(collected.responseNames, collected.groups) where fields.count > 1 {
            for i in fields.indices {
                for j in fields.index(after: i)..<fields.endIndex {
                    if let conflict = findConflict(parentsMutuallyExclusive: false, responseName, fields[i], fields[j]) {
                        conflicts.append(conflict)
                    }
                }
            }
        }
    }

    /// Every field of the first collection against every field of the same response name in the
    /// second.
    private func collectConflictsBetween(_ conflicts: inout [FieldConflict], mutuallyExclusive: Bool,
                                         _ collected1: FieldsAndFragmentNames, _ collected2: FieldsAndFragmentNames) {
        for (responseName, fields1) in zip(collected1.responseNames, collected1.groups) {
            guard let fields2 = collected2.fields(responseName) else { continue }
            for field1 in fields1 {
                for field2 in fields2 {
                    if let conflict = findConflict(parentsMutuallyExclusive: mutuallyExclusive, responseName, field1, field2) {
                        conflicts.append(conflict)
                    }
                }
            }
        }
    }

    /// Whether two fields of one response name conflict, sub-fields included.
    private func findConflict(parentsMutuallyExclusive: Bool, _ responseName: String,
                              _ field1: CollectedField, _ field2: CollectedField) -> FieldConflict? {
        let node1 = field1.node
        let node2 = field2.node

        // Fields on two different object types never apply to the same value, so they may differ
        // in name and arguments. Interfaces and unions might overlap, now or in a later schema.
        var mutuallyExclusive = parentsMutuallyExclusive
        if !mutuallyExclusive, let object1 = field1.parentType as? ObjectType,
           let object2 = field2.parentType as? ObjectType, object1 !== object2 {
            mutuallyExclusive = true
        }

        if !mutuallyExclusive {
            let name1 = node1.name.value
            let name2 = node2.name.value
            if name1 != name2 {
                return FieldConflict(responseName: responseName,
                                     reason: .message("\"\(name1)\" and \"\(name2)\" are different fields"),
                                     fields1: [node1.loc], fields2: [node2.loc])
            }
            if !Self.sameArguments(node1.arguments, node2.arguments) {
                return FieldConflict(responseName: responseName, reason: .message("they have differing arguments"),
                                     fields1: [node1.loc], fields2: [node2.loc])
            }
        }

        let type1 = field1.definition?.type
        let type2 = field2.definition?.type
        if let type1, let type2, Self.doTypesConflict(type1, type2) {
            return FieldConflict(responseName: responseName,
                                 reason: .message("they return conflicting types \"\(type1)\" and \"\(type2)\""),
                                 fields1: [node1.loc], fields2: [node2.loc])
        }

        guard let selectionSet1 = node1.selectionSet, let selectionSet2 = node2.selectionSet else { return nil }
        let subConflicts = findConflictsBetweenSubSelectionSets(mutuallyExclusive: mutuallyExclusive,
                                                                type1?.namedType, selectionSet1,
                                                                type2?.namedType, selectionSet2)
        guard !subConflicts.isEmpty else { return nil }
        var locations1 = [node1.loc]
        var locations2 = [node2.loc]
        for conflict in subConflicts {
            locations1 += conflict.fields1
            locations2 += conflict.fields2
        }
        return FieldConflict(responseName: responseName,
                             reason: .subfields(subConflicts.map { ($0.responseName, $0.reason) }),
                             fields1: locations1, fields2: locations2)
    }

    // MARK: Collections

    /// The collection of a selection set, computed once per selection set.
    private func fieldsAndFragmentNames(_ parentType: GraphQLNamedType?, _ selectionSet: SelectionSetNode,
                                        key: Key?) -> FieldsAndFragmentNames {
        if let key, let cached = collections[key] { return cached }
        collectionCount += 1
        let collected = FieldsAndFragmentNames(id: collectionCount)
        collect(parentType, selectionSet, into: collected)
        if let key { collections[key] = collected }
        return collected
    }

    /// The collection of a fragment's selection set, on its type condition.
    private func referencedFieldsAndFragmentNames(_ fragment: FragmentDefinitionNode) -> FieldsAndFragmentNames {
        let key = Self.key(fragment.selectionSet, fragmentName: fragment.name.value)
        if let key, let cached = collections[key] { return cached }
        let fragmentType = context.schema.type(named: fragment.typeCondition.name.value)
        return fieldsAndFragmentNames(fragmentType, fragment.selectionSet, key: key)
    }

    /// Adds the fields of a selection set, through its inline fragments, and the fragments it spreads.
    /// Definitions are looked up on object and interface types only (not the meta fields).
    private func collect(_ parentType: GraphQLNamedType?, _ selectionSet: SelectionSetNode,
                         into collected: FieldsAndFragmentNames) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                collected.append(CollectedField(parentType: parentType, node: field,
                                                definition: parentType?.field(field.name.value)),
                                 responseName: field.responseName)
            case .fragmentSpread(let spread):
                collected.appendFragment(spread.name.value)
            case .inlineFragment(let inline):
                let type = inline.typeCondition.map { context.schema.type(named: $0.name.value) } ?? parentType
                collect(type, inline.selectionSet, into: collected)
            }
        }
    }

    // MARK: Comparisons

    /// Two response shapes conflict when one is a list and the other not, one non-null and the other
    /// not, or at the bottom either is a leaf type and they differ. Composite types do not conflict
    /// here: their sub-fields are compared instead.
    static func doTypesConflict(_ type1: GraphQLType, _ type2: GraphQLType) -> Bool {
        switch (type1, type2) {
        case (.list(let a), .list(let b)), (.nonNull(let a), .nonNull(let b)):
            return doTypesConflict(a, b)
        case (.list, _), (_, .list), (.nonNull, _), (_, .nonNull):
            return true
        case (.named(let a), .named(let b)):
            return (a.isLeaf || b.isLeaf) && a !== b
        }
    }

    /// Whether two argument lists give the same values to the same names, in any order. Values are
    /// compared as graphql-js compares their printed forms with input object fields sorted.
    static func sameArguments(_ arguments1: [ArgumentNode], _ arguments2: [ArgumentNode]) -> Bool {
        guard arguments1.count == arguments2.count else { return false }
        for argument1 in arguments1 {
            // As a map of the second list would: a repeated name keeps its last value.
            guard let argument2 = arguments2.last(where: { $0.name.value == argument1.name.value }),
                  sameValue(argument1.value, argument2.value) else { return false }
        }
        return true
    }

    /// Whether two literals print the same once their input object fields are sorted by name.
    static func sameValue(_ value1: ValueNode, _ value2: ValueNode) -> Bool {
        switch (value1, value2) {
        case (.variable(let a), .variable(let b)): return a.name.value == b.name.value
        case (.int(let a), .int(let b)): return a.value == b.value
        case (.float(let a), .float(let b)): return a.value == b.value
        case (.string(let a), .string(let b)): return a.value == b.value && a.block == b.block
        case (.boolean(let a), .boolean(let b)): return a.value == b.value
        case (.null, .null): return true
        case (.enumValue(let a), .enumValue(let b)): return a.value == b.value
        case (.list(let a), .list(let b)):
            return a.values.count == b.values.count && zip(a.values, b.values).allSatisfy { sameValue($0, $1) }
        case (.object(let a), .object(let b)):
            guard a.fields.count == b.fields.count else { return false }
            return zip(sortedFields(a.fields), sortedFields(b.fields)).allSatisfy {
                $0.name.value == $1.name.value && sameValue($0.value, $1.value)
            }
        default: return false
        }
    }

    /// Object fields in name order, keeping the written order of a repeated name (a stable sort).
    private static func sortedFields(_ fields: [ObjectFieldNode]) -> [ObjectFieldNode] {
        var sorted = true
        for i in fields.indices.dropFirst() where fields[i].name.value < fields[i - 1].name.value {
            sorted = false
            break
        }
        if sorted { return fields }
        return fields.enumerated().sorted {
            $0.element.name.value != $1.element.name.value
                ? $0.element.name.value < $1.element.name.value
                : $0.offset < $1.offset
        }.map(\.element)
    }
}
