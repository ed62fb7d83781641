/// One rule of the spec's Validation section. A rule is a small visitor: the validator walks the
/// document once, with a ``TypeInfo`` kept up to date, and calls every rule on every node.
/// Rules report through the context.
///
/// ```swift
/// final class NoAnonymousOperationsRule: ValidationRule {
///     func enter(_ node: ASTNode, _ context: ValidationContext) {
///         if case .operationDefinition(let op) = node, op.name == nil {
///             context.report("Operations must be named.", op.loc)
///         }
///     }
/// }
/// ```
public protocol ValidationRule: AnyObject {
    func enter(_ node: ASTNode, _ context: ValidationContext)
    func leave(_ node: ASTNode, _ context: ValidationContext)
}

extension ValidationRule {
    public func enter(_ node: ASTNode, _ context: ValidationContext) {}
    public func leave(_ node: ASTNode, _ context: ValidationContext) {}
}

/// Makes a fresh instance of a rule for one validation (rules keep state while they walk).
public typealias ValidationRuleFactory = @Sendable () -> any ValidationRule
