// The printer: turns an AST back into GraphQL text in exactly the format of graphql-js's `print()`
// (v16.11, the edition with descriptions on operations, fragments and variables). Two-space
// indentation, `{a: 1}` objects, `[1, 2]` lists, a blank line between definitions, field arguments
// wrapped one per line when the field's line would pass 80 characters, argument definitions one per
// line when any of them spans lines. Introspection's `defaultValue` and printed schemas are compared
// with graphql-js's by clients and tests, so the output must match the reference byte for byte.
//
// graphql-js builds the text bottom-up, one string per node, and indents a nested string by
// replacing each of its newlines with a newline and two spaces. Here everything is appended, as
// UTF-8, to one buffer while the writer keeps the current depth: every newline written — including
// those inside block strings — is followed by the depth's indentation, which gives the same text.
// The two layouts that depend on the text of the children (long field arguments, multi-line
// argument or variable definitions) print the children inline, measure, and reprint if needed.

/// Prints AST nodes as GraphQL text, in the format of graphql-js's `print()`.
///
/// ```swift
/// let document = try Parser.parse("query Q($id: ID!){node(id:$id){...on User{name}}}")
/// Printer.print(document)
/// // query Q($id: ID!) {
/// //   node(id: $id) {
/// //     ... on User {
/// //       name
/// //     }
/// //   }
/// // }
/// ```
public enum Printer {
    /// Fields whose `name(arguments)` text is longer than this print one argument per line.
    public static let maxLineLength = 80

    /// Prints a document: its definitions separated by a blank line, with no final newline.
    public static func print(_ document: DocumentNode) -> String {
        // The source's length is a good estimate of the printed length.
        var w = PrintWriter(capacity: max(256, document.loc.end - document.loc.start))
        w.document(document)
        return w.finish()
    }

    public static func print(_ definition: DefinitionNode) -> String {
        run { $0.definition(definition) }
    }

    public static func print(_ operation: OperationDefinitionNode) -> String {
        run { $0.operation(operation) }
    }

    public static func print(_ fragment: FragmentDefinitionNode) -> String {
        run { $0.fragmentDefinition(fragment) }
    }

    public static func print(_ variableDefinition: VariableDefinitionNode) -> String {
        run { $0.variableDefinition(variableDefinition) }
    }

    public static func print(_ selectionSet: SelectionSetNode) -> String {
        run { $0.selectionSet(selectionSet) }
    }

    public static func print(_ selection: SelectionNode) -> String {
        run { $0.selection(selection) }
    }

    public static func print(_ field: FieldNode) -> String {
        run { $0.field(field) }
    }

    public static func print(_ argument: ArgumentNode) -> String {
        run { $0.argument(argument) }
    }

    public static func print(_ directive: DirectiveNode) -> String {
        run { $0.directive(directive) }
    }

    /// Prints a value literal: `{a: [1, 2.5, "x"], b: $var, c: ENUM}`.
    public static func print(_ value: ValueNode) -> String {
        run { $0.value(value) }
    }

    /// Prints a type reference: `[String!]!`.
    public static func print(_ type: TypeNode) -> String {
        run { $0.type(type) }
    }

    public static func print(_ definition: TypeSystemDefinitionNode) -> String {
        run { $0.typeSystemDefinition(definition) }
    }

    public static func print(_ extensionNode: TypeSystemExtensionNode) -> String {
        run { $0.typeSystemExtension(extensionNode) }
    }

    /// Prints a type definition (never as an extension: wrap it in `TypeSystemExtensionNode` for that).
    public static func print(_ definition: TypeDefinitionNode) -> String {
        run { $0.typeDefinition(definition, isExtension: false) }
    }

    public static func print(_ definition: FieldDefinitionNode) -> String {
        run { $0.fieldDefinition(definition) }
    }

    public static func print(_ definition: InputValueDefinitionNode) -> String {
        run { $0.inputValueDefinition(definition) }
    }

    public static func print(_ definition: DirectiveDefinitionNode) -> String {
        run { $0.directiveDefinition(definition) }
    }

    /// Prints any node the visitor names.
    public static func print(_ node: ASTNode) -> String {
        run { $0.node(node) }
    }

    /// A string literal with graphql-js's escaping: `"`, `\`, C0 controls (`\b \t \n \f \r`, else
    /// `\u00XX`) and U+007F–U+009F (`\u007F`...); everything else as is.
    public static func printString(_ value: String) -> String {
        run { $0.string(value) }
    }

    /// A block string literal as graphql-js's `printBlockString` writes it: on its own lines when it
    /// spans lines, is long (over 70 characters) or ends in a way a closing `"""` would make ambiguous.
    public static func printBlockString(_ value: String) -> String {
        run { $0.blockString(value) }
    }

    private static func run(_ body: (inout PrintWriter) -> Void) -> String {
        var w = PrintWriter(capacity: 64)
        body(&w)
        return w.finish()
    }
}

/// The output of one print: UTF-8 bytes and the current indentation depth.
struct PrintWriter {
    private var out: [UInt8] = []
    /// The depth: every newline is followed by two spaces per level.
    private var level = 0

    init(capacity: Int) {
        out.reserveCapacity(capacity)
    }

    consuming func finish() -> String {
        String(decoding: out, as: UTF8.self)
    }

    // MARK: Primitives

    @inline(__always) private mutating func byte(_ b: UInt8) {
        out.append(b)
    }

    @inline(__always) private mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Text without line breaks (names, numbers).
    @inline(__always) private mutating func text(_ s: String) {
        out.append(contentsOf: s.utf8)
    }

    private mutating func newline() {
        out.append(Byte.newline)
        if level > 0 { out.append(contentsOf: repeatElement(Byte.space, count: 2 * level)) }
    }

    /// Whether a line feed was written since `start`.
    private func wroteNewline(since start: Int) -> Bool {
        out[start...].contains(Byte.newline)
    }

    /// JavaScript's `length` (UTF-16 code units) of the text written since `start`, without the
    /// indentation after its newlines: graphql-js measures a node's text before its parent indents it.
    private func printedLength(since start: Int) -> Int {
        var units = 0
        var newlines = 0
        for b in out[start...] {
            if b & 0xC0 != 0x80 { units += b >= 0xF0 ? 2 : 1 }
            if b == Byte.newline { newlines += 1 }
        }
        return units - newlines * 2 * level
    }

    // MARK: Document

    mutating func document(_ document: DocumentNode) {
        for (i, definition) in document.definitions.enumerated() {
            if i > 0 { raw("\n\n") }
            self.definition(definition)
        }
    }

    mutating func definition(_ definition: DefinitionNode) {
        switch definition {
        case .operation(let n): operation(n)
        case .fragment(let n): fragmentDefinition(n)
        case .typeSystem(let n): typeSystemDefinition(n)
        case .typeSystemExtension(let n): typeSystemExtension(n)
        }
    }

    mutating func node(_ node: ASTNode) {
        switch node {
        case .document(let n): document(n)
        case .operationDefinition(let n): operation(n)
        case .variableDefinition(let n): variableDefinition(n)
        case .variable(let n): variable(n)
        case .selectionSet(let n): selectionSet(n)
        case .field(let n): field(n)
        case .argument(let n): argument(n)
        case .fragmentSpread(let n): fragmentSpread(n)
        case .inlineFragment(let n): inlineFragment(n)
        case .fragmentDefinition(let n): fragmentDefinition(n)
        case .intValue(let n): text(n.value)
        case .floatValue(let n): text(n.value)
        case .stringValue(let n): stringValue(n)
        case .booleanValue(let n): n.value ? raw("true") : raw("false")
        case .nullValue: raw("null")
        case .enumValue(let n): text(n.value)
        case .listValue(let n): value(.list(n))
        case .objectValue(let n): value(.object(n))
        case .objectField(let n): objectField(n)
        case .directive(let n): directive(n)
        case .namedType(let n): text(n.name.value)
        case .listType(let n): type(.list(n))
        case .nonNullType(let n): type(.nonNull(n))
        case .schemaDefinition(let n): schema(n, isExtension: false)
        case .schemaExtension(let n): schema(n, isExtension: true)
        case .operationTypeDefinition(let n): operationTypeDefinition(n)
        case .typeDefinition(let n): typeDefinition(n, isExtension: false)
        case .typeExtension(let n): typeDefinition(n, isExtension: true)
        case .fieldDefinition(let n): fieldDefinition(n)
        case .inputValueDefinition(let n): inputValueDefinition(n)
        case .enumValueDefinition(let n): enumValueDefinition(n)
        case .directiveDefinition(let n): directiveDefinition(n)
        }
    }

    // MARK: Executable definitions

    mutating func operation(_ op: OperationDefinitionNode) {
        let hasDescription = description(op.description)
        // An anonymous query with nothing before its selection set prints as the `{ ... }` shorthand.
        if !hasDescription && op.operation == .query && op.name == nil
            && op.variableDefinitions.isEmpty && op.directives.isEmpty {
            selectionSet(op.selectionSet)
            return
        }
        text(op.operation.rawValue)
        if op.name != nil || !op.variableDefinitions.isEmpty {
            byte(Byte.space)
            if let name = op.name { text(name.value) }
            variableDefinitions(op.variableDefinitions)
        }
        directives(op.directives)
        byte(Byte.space)
        selectionSet(op.selectionSet)
    }

    /// `($a: Int, $b: String)`, or one per line — not indented, as graphql-js does — when any spans
    /// lines (a description, a multi-line block string default).
    private mutating func variableDefinitions(_ definitions: [VariableDefinitionNode]) {
        guard !definitions.isEmpty else { return }
        let start = out.count
        if !definitions.contains(where: { $0.description != nil }) {
            byte(Byte.leftParen)
            for (i, definition) in definitions.enumerated() {
                if i > 0 { raw(", ") }
                variableDefinition(definition)
            }
            byte(Byte.rightParen)
            guard wroteNewline(since: start) else { return }
            out.removeLast(out.count - start)
        }
        byte(Byte.leftParen)
        for definition in definitions {
            newline()
            variableDefinition(definition)
        }
        newline()
        byte(Byte.rightParen)
    }

    mutating func variableDefinition(_ definition: VariableDefinitionNode) {
        description(definition.description)
        variable(definition.variable)
        raw(": ")
        type(definition.type)
        if let defaultValue = definition.defaultValue {
            raw(" = ")
            value(defaultValue)
        }
        directives(definition.directives)
    }

    mutating func fragmentDefinition(_ fragment: FragmentDefinitionNode) {
        description(fragment.description)
        raw("fragment ")
        text(fragment.name.value)
        raw(" on ")
        text(fragment.typeCondition.name.value)
        byte(Byte.space)
        for directive in fragment.directives {
            self.directive(directive)
            byte(Byte.space)
        }
        selectionSet(fragment.selectionSet)
    }

    /// `{`, one selection per line, `}`; nothing for an empty set, as graphql-js's `block`.
    mutating func selectionSet(_ selectionSet: SelectionSetNode) {
        guard !selectionSet.selections.isEmpty else { return }
        byte(Byte.leftBrace)
        level += 1
        for selection in selectionSet.selections {
            newline()
            self.selection(selection)
        }
        level -= 1
        newline()
        byte(Byte.rightBrace)
    }

    mutating func selection(_ selection: SelectionNode) {
        switch selection {
        case .field(let n): field(n)
        case .fragmentSpread(let n): fragmentSpread(n)
        case .inlineFragment(let n): inlineFragment(n)
        }
    }

    mutating func field(_ field: FieldNode) {
        let start = out.count
        if let alias = field.alias {
            text(alias.value)
            raw(": ")
        }
        text(field.name.value)
        if !field.arguments.isEmpty {
            let argumentsStart = out.count
            byte(Byte.leftParen)
            for (i, argument) in field.arguments.enumerated() {
                if i > 0 { raw(", ") }
                self.argument(argument)
            }
            byte(Byte.rightParen)
            // A UTF-16 length never exceeds the UTF-8 one: measure only when it might be too long.
            if out.count - start > Printer.maxLineLength && printedLength(since: start) > Printer.maxLineLength {
                out.removeLast(out.count - argumentsStart)
                byte(Byte.leftParen)
                level += 1
                for argument in field.arguments {
                    newline()
                    self.argument(argument)
                }
                level -= 1
                newline()
                byte(Byte.rightParen)
            }
        }
        directives(field.directives)
        if let selectionSet = field.selectionSet, !selectionSet.selections.isEmpty {
            byte(Byte.space)
            self.selectionSet(selectionSet)
        }
    }

    mutating func argument(_ argument: ArgumentNode) {
        text(argument.name.value)
        raw(": ")
        value(argument.value)
    }

    mutating func fragmentSpread(_ spread: FragmentSpreadNode) {
        raw("...")
        text(spread.name.value)
        directives(spread.directives)
    }

    mutating func inlineFragment(_ fragment: InlineFragmentNode) {
        raw("...")
        if let typeCondition = fragment.typeCondition {
            raw(" on ")
            text(typeCondition.name.value)
        }
        directives(fragment.directives)
        if !fragment.selectionSet.selections.isEmpty {
            byte(Byte.space)
            selectionSet(fragment.selectionSet)
        }
    }

    /// Each directive preceded by a space.
    private mutating func directives(_ directives: [DirectiveNode]) {
        for directive in directives {
            byte(Byte.space)
            self.directive(directive)
        }
    }

    mutating func directive(_ directive: DirectiveNode) {
        byte(Byte.at)
        text(directive.name.value)
        if !directive.arguments.isEmpty {
            byte(Byte.leftParen)
            for (i, argument) in directive.arguments.enumerated() {
                if i > 0 { raw(", ") }
                self.argument(argument)
            }
            byte(Byte.rightParen)
        }
    }

    // MARK: Values and types

    mutating func variable(_ variable: VariableNode) {
        byte(Byte.dollar)
        text(variable.name.value)
    }

    mutating func value(_ value: ValueNode) {
        switch value {
        case .variable(let n): variable(n)
        case .int(let n): text(n.value)
        case .float(let n): text(n.value)
        case .string(let n): stringValue(n)
        case .boolean(let n): n.value ? raw("true") : raw("false")
        case .null: raw("null")
        case .enumValue(let n): text(n.value)
        case .list(let n):
            byte(Byte.leftBracket)
            for (i, item) in n.values.enumerated() {
                if i > 0 { raw(", ") }
                self.value(item)
            }
            byte(Byte.rightBracket)
        case .object(let n):
            byte(Byte.leftBrace)
            for (i, field) in n.fields.enumerated() {
                if i > 0 { raw(", ") }
                objectField(field)
            }
            byte(Byte.rightBrace)
        }
    }

    mutating func objectField(_ field: ObjectFieldNode) {
        text(field.name.value)
        raw(": ")
        value(field.value)
    }

    mutating func stringValue(_ node: StringValueNode) {
        if node.block { blockString(node.value) } else { string(node.value) }
    }

    mutating func type(_ type: TypeNode) {
        switch type {
        case .named(let n): text(n.name.value)
        case .list(let n):
            byte(Byte.leftBracket)
            self.type(n.type)
            byte(Byte.rightBracket)
        case .nonNull(let n):
            self.type(n.type)
            byte(Byte.bang)
        }
    }

    /// graphql-js's `printString`.
    mutating func string(_ value: String) {
        byte(Byte.quote)
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                let escapeLength: Int
                if b < 0x20 || b == Byte.quote || b == Byte.backslash || b == 0x7F {
                    escapeLength = 1
                } else if b == 0xC2 && i + 1 < n && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F {
                    escapeLength = 2 // U+0080...U+009F
                } else {
                    i += 1
                    continue
                }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                let scalar = escapeLength == 1 ? b : bytes[i + 1]
                switch scalar {
                case Byte.quote: raw("\\\"")
                case Byte.backslash: raw("\\\\")
                case 0x08: raw("\\b")
                case 0x09: raw("\\t")
                case 0x0A: raw("\\n")
                case 0x0C: raw("\\f")
                case 0x0D: raw("\\r")
                default:
                    raw("\\u00")
                    byte(Self.hexDigit(scalar >> 4))
                    byte(Self.hexDigit(scalar & 0xF))
                }
                i += escapeLength
                runStart = i
            }
            if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
        }
        byte(Byte.quote)
    }

    private static func hexDigit(_ d: UInt8) -> UInt8 {
        d < 10 ? 0x30 + d : 0x41 + d - 10 // uppercase, as graphql-js
    }

    /// graphql-js's `printBlockString`: `"""` becomes `\"""`; leading and trailing line breaks are
    /// added when the value spans lines, is longer than 70 characters, ends with `"` or `\`, ends with
    /// an escaped `"""`, or has indented lines after the first; a single line that starts with a space
    /// or tab never gets the leading break (it would be lost as indentation).
    mutating func blockString(_ value: String) {
        var value = value
        value.withUTF8 { v in
            let n = v.count
            var isSingleLine = true
            var laterLinesIndentedOrEmpty = true
            var utf16Length = 0
            var lastTripleQuoteEnd = -1 // where the last `"""` replaced (left to right) ends
            var i = 0
            while i < n {
                let b = v[i]
                if b & 0xC0 != 0x80 { utf16Length += b >= 0xF0 ? 2 : 1 }
                if b == Byte.quote && i + 2 < n && v[i + 1] == Byte.quote && v[i + 2] == Byte.quote {
                    lastTripleQuoteEnd = i + 3
                    utf16Length += 2
                    i += 3
                    continue
                }
                if b == Byte.newline || b == Byte.carriageReturn {
                    isSingleLine = false
                    var next = i + 1
                    if b == Byte.carriageReturn && next < n && v[next] == Byte.newline { next += 1 }
                    if next < n {
                        let c = v[next]
                        let startsEmptyOrIndented = c == Byte.newline || c == Byte.carriageReturn
                            || c == Byte.space || c == Byte.tab
                        if !startsEmptyOrIndented { laterLinesIndentedOrEmpty = false }
                    }
                }
                i += 1
            }
            let forceLeadingNewLine = !isSingleLine && laterLinesIndentedOrEmpty
            let hasTrailingTripleQuotes = lastTripleQuoteEnd == n
            let last: UInt8? = n > 0 ? v[n - 1] : nil
            let hasTrailingQuote = last == Byte.quote && !hasTrailingTripleQuotes
            let hasTrailingSlash = last == Byte.backslash
            let forceTrailingNewline = hasTrailingQuote || hasTrailingSlash
            let printAsMultipleLines = !isSingleLine || utf16Length > 70 || forceTrailingNewline
                || forceLeadingNewLine || hasTrailingTripleQuotes
            let skipLeadingNewLine = isSingleLine && n > 0 && (v[0] == Byte.space || v[0] == Byte.tab)

            raw("\"\"\"")
            if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine { newline() }
            var runStart = 0
            i = 0
            while i < n {
                let b = v[i]
                if b == Byte.quote && i + 2 < n && v[i + 1] == Byte.quote && v[i + 2] == Byte.quote {
                    if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: v[runStart..<i])) }
                    raw("\\\"\"\"")
                    i += 3
                    runStart = i
                } else if b == Byte.newline {
                    if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: v[runStart..<i])) }
                    newline()
                    i += 1
                    runStart = i
                } else {
                    i += 1
                }
            }
            if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: v[runStart..<n])) }
            if printAsMultipleLines || forceTrailingNewline { newline() }
            raw("\"\"\"")
        }
    }

    // MARK: Type system

    /// Prints a description and a line break; returns whether there was one.
    @discardableResult
    private mutating func description(_ description: StringValueNode?) -> Bool {
        guard let description else { return false }
        stringValue(description)
        newline()
        return true
    }

    mutating func typeSystemDefinition(_ definition: TypeSystemDefinitionNode) {
        switch definition {
        case .schema(let n): schema(n, isExtension: false)
        case .type(let n): typeDefinition(n, isExtension: false)
        case .directive(let n): directiveDefinition(n)
        }
    }

    mutating func typeSystemExtension(_ extensionNode: TypeSystemExtensionNode) {
        switch extensionNode {
        case .schema(let n): schema(n, isExtension: true)
        case .type(let n): typeDefinition(n, isExtension: true)
        }
    }

    mutating func schema(_ schema: SchemaDefinitionNode, isExtension: Bool) {
        if isExtension {
            raw("extend schema")
        } else {
            description(schema.description)
            raw("schema")
        }
        directives(schema.directives)
        if !schema.operationTypes.isEmpty {
            raw(" {")
            level += 1
            for operationType in schema.operationTypes {
                newline()
                operationTypeDefinition(operationType)
            }
            level -= 1
            newline()
            byte(Byte.rightBrace)
        }
    }

    mutating func operationTypeDefinition(_ definition: OperationTypeDefinitionNode) {
        text(definition.operation.rawValue)
        raw(": ")
        text(definition.type.name.value)
    }

    /// A named type of any kind; an extension prints `extend ` and never the description.
    mutating func typeDefinition(_ definition: TypeDefinitionNode, isExtension: Bool) {
        if isExtension {
            raw("extend ")
        } else {
            description(definition.description)
        }
        text(definition.kind.rawValue)
        byte(Byte.space)
        text(definition.name.value)
        switch definition.kind {
        case .scalar:
            directives(definition.directives)
        case .object, .interface:
            if !definition.interfaces.isEmpty {
                raw(" implements ")
                for (i, interface) in definition.interfaces.enumerated() {
                    if i > 0 { raw(" & ") }
                    text(interface.name.value)
                }
            }
            directives(definition.directives)
            block(definition.fields) { $0.fieldDefinition($1) }
        case .union:
            directives(definition.directives)
            if !definition.types.isEmpty {
                raw(" = ")
                for (i, member) in definition.types.enumerated() {
                    if i > 0 { raw(" | ") }
                    text(member.name.value)
                }
            }
        case .enumType:
            directives(definition.directives)
            block(definition.values) { $0.enumValueDefinition($1) }
        case .inputObject:
            directives(definition.directives)
            block(definition.inputFields) { $0.inputValueDefinition($1) }
        }
    }

    /// ` {`, one item per line, `}`; nothing when there are no items.
    private mutating func block<T>(_ items: [T], _ print: (inout PrintWriter, T) -> Void) {
        guard !items.isEmpty else { return }
        raw(" {")
        level += 1
        for item in items {
            newline()
            print(&self, item)
        }
        level -= 1
        newline()
        byte(Byte.rightBrace)
    }

    mutating func fieldDefinition(_ definition: FieldDefinitionNode) {
        description(definition.description)
        text(definition.name.value)
        argumentDefinitions(definition.arguments)
        raw(": ")
        type(definition.type)
        directives(definition.directives)
    }

    /// `(a: Int, b: String)`, or one per line, indented, when any of them spans lines.
    private mutating func argumentDefinitions(_ arguments: [InputValueDefinitionNode]) {
        guard !arguments.isEmpty else { return }
        let start = out.count
        if !arguments.contains(where: { $0.description != nil }) {
            byte(Byte.leftParen)
            for (i, argument) in arguments.enumerated() {
                if i > 0 { raw(", ") }
                inputValueDefinition(argument)
            }
            byte(Byte.rightParen)
            guard wroteNewline(since: start) else { return }
            out.removeLast(out.count - start)
        }
        byte(Byte.leftParen)
        level += 1
        for argument in arguments {
            newline()
            inputValueDefinition(argument)
        }
        level -= 1
        newline()
        byte(Byte.rightParen)
    }

    mutating func inputValueDefinition(_ definition: InputValueDefinitionNode) {
        description(definition.description)
        text(definition.name.value)
        raw(": ")
        type(definition.type)
        if let defaultValue = definition.defaultValue {
            raw(" = ")
            value(defaultValue)
        }
        directives(definition.directives)
    }

    mutating func enumValueDefinition(_ definition: EnumValueDefinitionNode) {
        description(definition.description)
        text(definition.name.value)
        directives(definition.directives)
    }

    mutating func directiveDefinition(_ definition: DirectiveDefinitionNode) {
        description(definition.description)
        raw("directive @")
        text(definition.name.value)
        argumentDefinitions(definition.arguments)
        if definition.repeatable { raw(" repeatable") }
        raw(" on ")
        for (i, location) in definition.locations.enumerated() {
            if i > 0 { raw(" | ") }
            text(location.value)
        }
    }
}

/// ASCII bytes the printer writes or looks for.
private enum Byte {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let bang: UInt8 = 0x21
    static let quote: UInt8 = 0x22
    static let dollar: UInt8 = 0x24
    static let leftParen: UInt8 = 0x28
    static let rightParen: UInt8 = 0x29
    static let at: UInt8 = 0x40
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D
    static let leftBrace: UInt8 = 0x7B
    static let rightBrace: UInt8 = 0x7D
}
