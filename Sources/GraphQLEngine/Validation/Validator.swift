/// Validates executable documents against a schema (spec §5).
public enum Validator {
    /// Runs `rules` over `document` in a single walk and returns the errors, at most `maxErrors`
    /// of them (then one more saying validation was aborted). An empty result means valid.
    ///
    /// ```swift
    /// let errors = Validator.validate(document, schema: schema, source: source)
    /// ```
    public static func validate(_ document: DocumentNode, schema: Schema, source: Source,
                                rules: [ValidationRuleFactory] = specifiedRules,
                                maxErrors: Int = 100) -> [GraphQLError] {
        let context = ValidationContext(schema: schema, document: document, source: source, maxErrors: maxErrors)
        var visitor = ParallelRuleVisitor(context: context, rules: rules.map { $0() })
        walk(document, &visitor)
        return context.errors
    }

    /// Parses and validates a query text; a syntax error is returned as the only error.
    public static func validate(_ text: String, schema: Schema, rules: [ValidationRuleFactory] = specifiedRules,
                                maxErrors: Int = 100) -> [GraphQLError] {
        let source = Source(text)
        do {
            let document = try Parser.parse(source)
            return validate(document, schema: schema, source: source, rules: rules, maxErrors: maxErrors)
        } catch {
            return [error]
        }
    }
}

/// Calls every rule on every node, with the context's type information entered first and left
/// last, and stops the walk when the error limit is reached.
private struct ParallelRuleVisitor: ASTVisitor {
    let context: ValidationContext
    let rules: [any ValidationRule]

    mutating func enter(_ node: ASTNode) -> VisitAction {
        context.typeInfo.enter(node)
        for rule in rules { rule.enter(node, context) }
        return context.isAborted ? .stop : .continue
    }

    mutating func leave(_ node: ASTNode) {
        for rule in rules { rule.leave(node, context) }
        context.typeInfo.leave(node)
    }
}
