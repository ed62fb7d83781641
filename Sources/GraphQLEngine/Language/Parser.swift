/// Limits and switches for parsing.
public struct ParseOptions: Sendable {
    /// Drop source locations (every `loc` is `.none`), e.g. to compare two parses structurally.
    public var noLocation: Bool
    /// Abort after this many tokens (comments excluded); nil for no limit. Guards against huge
    /// documents before any work is spent on them.
    public var maxTokens: Int?
    /// Abort when selection sets, list or object values or list types nest deeper than this, so a
    /// hostile document cannot exhaust the stack.
    public var maxDepth: Int

    public init(noLocation: Bool = false, maxTokens: Int? = 15_000, maxDepth: Int = 128) {
        self.noLocation = noLocation
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
    }

    /// Options for trusted SDL such as the server's own schema: no token limit.
    public static let schema = ParseOptions(maxTokens: nil, maxDepth: 128)
}

/// A recursive-descent parser for executable and type-system documents (spec §2 and §3), with
/// the error messages of graphql-js (`Syntax Error: Expected Name, found "}".`).
public enum Parser {
    /// Parses a whole document.
    public static func parse(_ source: Source, options: ParseOptions = .init()) throws(GraphQLError) -> DocumentNode {
        try run(source, options) { (p: inout ParserState) throws(GraphQLError) in try p.parseDocument() }
    }

    /// Parses a whole document from text.
    public static func parse(_ text: String, options: ParseOptions = .init()) throws(GraphQLError) -> DocumentNode {
        try parse(Source(text), options: options)
    }

    /// Parses a single value literal such as `{a: [1, 2]}` (variables allowed).
    public static func parseValue(_ text: String, options: ParseOptions = .init()) throws(GraphQLError) -> ValueNode {
        try run(Source(text), options) { (p: inout ParserState) throws(GraphQLError) in
            try p.expect(.sof)
            let v = try p.parseValueLiteral(isConst: false)
            try p.expect(.eof)
            return v
        }
    }

    /// Parses a type reference such as `[String!]!`.
    public static func parseType(_ text: String, options: ParseOptions = .init()) throws(GraphQLError) -> TypeNode {
        try run(Source(text), options) { (p: inout ParserState) throws(GraphQLError) in
            try p.expect(.sof)
            let t = try p.parseTypeReference()
            try p.expect(.eof)
            return t
        }
    }

    private static func run<T>(_ source: Source, _ options: ParseOptions,
                               _ body: (inout ParserState) throws(GraphQLError) -> T) throws(GraphQLError) -> T {
        let result: Result<T, GraphQLError> = source.bytes.withUnsafeBufferPointer { buf in
            var state = ParserState(lexer: Lexer(bytes: buf, source: source), options: options)
            do throws(GraphQLError) {
                return .success(try body(&state))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// The parser's working state: the lexer, the token count and the nesting depth.
struct ParserState {
    var lexer: Lexer
    let options: ParseOptions
    var tokenCount = 0
    var depth = 0
    /// End of the last token consumed, for node locations.
    var lastEnd = 0

    /// The token limit, `Int.max` when there is none (one comparison per token).
    let tokenLimit: Int

    init(lexer: Lexer, options: ParseOptions) {
        self.lexer = lexer
        self.options = options
        self.tokenLimit = options.maxTokens ?? Int.max
    }

    var token: Token { lexer.token }

    // MARK: - Token helpers

    @inline(__always)
    mutating func advance() throws(GraphQLError) {
        lastEnd = lexer.token.end
        try lexer.advance()
        tokenCount &+= 1
        if tokenCount > tokenLimit && lexer.token.kind != .eof {
            throw lexer.syntaxError("Document contains more than \(tokenLimit) tokens. Parsing aborted.", at: lexer.token.start)
        }
    }

    @inline(__always) func peek(_ kind: TokenKind) -> Bool { lexer.token.kind == kind }

    mutating func expect(_ kind: TokenKind) throws(GraphQLError) {
        if kind == .sof && token.kind == .sof {
            try advance()
            return
        }
        guard token.kind == kind else {
            throw error("Expected \(kind.description), found \(describe(token)).", at: token.start)
        }
        try advance()
    }

    mutating func expectOptional(_ kind: TokenKind) throws(GraphQLError) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    mutating func expectKeyword(_ keyword: StaticString) throws(GraphQLError) {
        guard lexer.tokenIs(keyword) else {
            throw error("Expected \"\(keyword)\", found \(describe(token)).", at: token.start)
        }
        try advance()
    }

    mutating func expectOptionalKeyword(_ keyword: StaticString) throws(GraphQLError) -> Bool {
        guard lexer.tokenIs(keyword) else { return false }
        try advance()
        return true
    }

    func unexpected(_ t: Token? = nil) -> GraphQLError {
        let t = t ?? token
        return error("Unexpected \(describe(t)).", at: t.start)
    }

    func error(_ message: String, at offset: Int) -> GraphQLError {
        lexer.syntaxError(message, at: offset)
    }

    /// A token as graphql-js names it: `Name "foo"`, `"}"`, `<EOF>`.
    func describe(_ t: Token) -> String {
        switch t.kind {
        case .name, .int, .float:
            let text = String(decoding: UnsafeBufferPointer(rebasing: lexer.bytes[t.start..<t.end]), as: UTF8.self)
            return "\(t.kind.description) \"\(text)\""
        case .string, .blockString:
            return "\(t.kind.description) \"\(t.start == token.start ? lexer.stringValue : lexer.stringValue(of: t))\""
        default:
            return t.kind.description
        }
    }

    func loc(_ start: Int) -> Location {
        options.noLocation ? .none : Location(start: start, end: lastEnd)
    }

    mutating func enterNesting() throws(GraphQLError) {
        depth += 1
        if depth > options.maxDepth {
            throw error("Document nesting is deeper than \(options.maxDepth) levels. Parsing aborted.", at: token.start)
        }
    }

    /// `open item+ close`
    mutating func many<T>(_ open: TokenKind, _ close: TokenKind,
                          _ item: (inout ParserState) throws(GraphQLError) -> T) throws(GraphQLError) -> [T] {
        try expect(open)
        var nodes: [T] = []
        nodes.reserveCapacity(4)
        repeat {
            nodes.append(try item(&self))
        } while try !expectOptional(close)
        return nodes
    }

    /// `(open item+ close)?`
    mutating func optionalMany<T>(_ open: TokenKind, _ close: TokenKind,
                                  _ item: (inout ParserState) throws(GraphQLError) -> T) throws(GraphQLError) -> [T] {
        guard peek(open) else { return [] }
        return try many(open, close, item)
    }

    /// `open item* close`
    mutating func any<T>(_ open: TokenKind, _ close: TokenKind,
                         _ item: (inout ParserState) throws(GraphQLError) -> T) throws(GraphQLError) -> [T] {
        try expect(open)
        var nodes: [T] = []
        while try !expectOptional(close) {
            nodes.append(try item(&self))
        }
        return nodes
    }

    /// `delimiter? item (delimiter item)*`
    mutating func delimitedMany<T>(_ delimiter: TokenKind,
                                   _ item: (inout ParserState) throws(GraphQLError) -> T) throws(GraphQLError) -> [T] {
        _ = try expectOptional(delimiter)
        var nodes: [T] = []
        repeat {
            nodes.append(try item(&self))
        } while try expectOptional(delimiter)
        return nodes
    }

    // MARK: - Document

    mutating func parseDocument() throws(GraphQLError) -> DocumentNode {
        let start = token.start
        try expect(.sof)
        var definitions: [DefinitionNode] = []
        repeat {
            definitions.append(try parseDefinition())
        } while !peek(.eof)
        lastEnd = token.end
        return DocumentNode(definitions: definitions, loc: loc(start))
    }

    mutating func parseDefinition() throws(GraphQLError) -> DefinitionNode {
        if peek(.braceL) { return .operation(try parseOperationDefinition()) }
        let hasDescription = peek(.string) || peek(.blockString)
        let keyword = hasDescription ? try lexer.lookahead() : token
        if keyword.kind == .name {
            switch keywordText(keyword) {
            case "schema": return .typeSystem(.schema(try parseSchemaDefinition()))
            case "scalar": return .typeSystem(.type(try parseScalarDefinition()))
            case "type": return .typeSystem(.type(try parseObjectDefinition(kind: .object, keyword: "type")))
            case "interface": return .typeSystem(.type(try parseObjectDefinition(kind: .interface, keyword: "interface")))
            case "union": return .typeSystem(.type(try parseUnionDefinition()))
            case "enum": return .typeSystem(.type(try parseEnumDefinition()))
            case "input": return .typeSystem(.type(try parseInputObjectDefinition()))
            case "directive": return .typeSystem(.directive(try parseDirectiveDefinition()))
            case "query", "mutation", "subscription": return .operation(try parseOperationDefinition())
            case "fragment": return .fragment(try parseFragmentDefinition())
            case "extend":
                if hasDescription {
                    throw error("Unexpected description, only GraphQL definitions support descriptions.", at: token.start)
                }
                return .typeSystemExtension(try parseTypeSystemExtension())
            default: break
            }
        } else if hasDescription && keyword.kind == .braceL {
            throw error("Unexpected description, descriptions are not supported on shorthand queries.", at: token.start)
        }
        throw unexpected(keyword)
    }

    func keywordText(_ t: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: lexer.bytes[t.start..<t.end]), as: UTF8.self)
    }

    // MARK: - Operations

    mutating func parseOperationDefinition() throws(GraphQLError) -> OperationDefinitionNode {
        let start = token.start
        if peek(.braceL) {
            let selectionSet = try parseSelectionSet()
            return OperationDefinitionNode(operation: .query, selectionSet: selectionSet, loc: loc(start))
        }
        let description = try parseDescription()
        let operation = try parseOperationType()
        let name: NameNode? = peek(.name) ? try parseName() : nil
        let variables = try optionalMany(.parenL, .parenR) { (p: inout ParserState) throws(GraphQLError) in
            try p.parseVariableDefinition()
        }
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return OperationDefinitionNode(description: description, operation: operation, name: name,
                                       variableDefinitions: variables, directives: directives,
                                       selectionSet: selectionSet, loc: loc(start))
    }

    mutating func parseOperationType() throws(GraphQLError) -> OperationType {
        let t = token
        if lexer.tokenIs("query") { try advance(); return .query }
        if lexer.tokenIs("mutation") { try advance(); return .mutation }
        if lexer.tokenIs("subscription") { try advance(); return .subscription }
        throw unexpected(t)
    }

    mutating func parseVariableDefinition() throws(GraphQLError) -> VariableDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        let variable = try parseVariable()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue: ValueNode? = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return VariableDefinitionNode(description: description, variable: variable, type: type,
                                      defaultValue: defaultValue, directives: directives, loc: loc(start))
    }

    mutating func parseVariable() throws(GraphQLError) -> VariableNode {
        let start = token.start
        try expect(.dollar)
        let name = try parseName()
        return VariableNode(name: name, loc: loc(start))
    }

    mutating func parseSelectionSet() throws(GraphQLError) -> SelectionSetNode {
        let start = token.start
        try enterNesting()
        let selections = try many(.braceL, .braceR) { (p: inout ParserState) throws(GraphQLError) in
            try p.parseSelection()
        }
        depth -= 1
        return SelectionSetNode(selections: selections, loc: loc(start))
    }

    mutating func parseSelection() throws(GraphQLError) -> SelectionNode {
        peek(.spread) ? try parseFragment() : .field(try parseField())
    }

    mutating func parseField() throws(GraphQLError) -> FieldNode {
        let start = token.start
        let nameOrAlias = try parseName()
        var alias: NameNode? = nil
        var name = nameOrAlias
        if try expectOptional(.colon) {
            alias = nameOrAlias
            name = try parseName()
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        let selectionSet: SelectionSetNode? = peek(.braceL) ? try parseSelectionSet() : nil
        return FieldNode(alias: alias, name: name, arguments: arguments, directives: directives,
                         selectionSet: selectionSet, loc: loc(start))
    }

    mutating func parseArguments(isConst: Bool) throws(GraphQLError) -> [ArgumentNode] {
        try optionalMany(.parenL, .parenR) { (p: inout ParserState) throws(GraphQLError) in
            let start = p.token.start
            let name = try p.parseName()
            try p.expect(.colon)
            let value = try p.parseValueLiteral(isConst: isConst)
            return ArgumentNode(name: name, value: value, loc: p.loc(start))
        }
    }

    mutating func parseFragment() throws(GraphQLError) -> SelectionNode {
        let start = token.start
        try expect(.spread)
        let hasTypeCondition = try expectOptionalKeyword("on")
        if !hasTypeCondition && peek(.name) {
            let name = try parseFragmentName()
            let directives = try parseDirectives(isConst: false)
            return .fragmentSpread(FragmentSpreadNode(name: name, directives: directives, loc: loc(start)))
        }
        let typeCondition: NamedTypeNode? = hasTypeCondition ? try parseNamedType() : nil
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return .inlineFragment(InlineFragmentNode(typeCondition: typeCondition, directives: directives,
                                                  selectionSet: selectionSet, loc: loc(start)))
    }

    mutating func parseFragmentDefinition() throws(GraphQLError) -> FragmentDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        let typeCondition = try parseNamedType()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return FragmentDefinitionNode(description: description, name: name, typeCondition: typeCondition,
                                      directives: directives, selectionSet: selectionSet, loc: loc(start))
    }

    mutating func parseFragmentName() throws(GraphQLError) -> NameNode {
        if lexer.tokenIs("on") { throw unexpected() }
        return try parseName()
    }

    mutating func parseName() throws(GraphQLError) -> NameNode {
        guard token.kind == .name else {
            throw error("Expected Name, found \(describe(token)).", at: token.start)
        }
        let start = token.start
        let value = lexer.nameText
        try advance()
        return NameNode(value, loc: loc(start))
    }

    // MARK: - Values

    mutating func parseValueLiteral(isConst: Bool) throws(GraphQLError) -> ValueNode {
        let t = token
        switch t.kind {
        case .bracketL:
            try enterNesting()
            let values = try any(.bracketL, .bracketR) { (p: inout ParserState) throws(GraphQLError) in
                try p.parseValueLiteral(isConst: isConst)
            }
            depth -= 1
            return .list(ListValueNode(values, loc: loc(t.start)))
        case .braceL:
            try enterNesting()
            let fields = try any(.braceL, .braceR) { (p: inout ParserState) throws(GraphQLError) in
                let start = p.token.start
                let name = try p.parseName()
                try p.expect(.colon)
                let value = try p.parseValueLiteral(isConst: isConst)
                return ObjectFieldNode(name: name, value: value, loc: p.loc(start))
            }
            depth -= 1
            return .object(ObjectValueNode(fields, loc: loc(t.start)))
        case .int:
            let text = lexer.tokenText
            try advance()
            return .int(IntValueNode(text, loc: loc(t.start)))
        case .float:
            let text = lexer.tokenText
            try advance()
            return .float(FloatValueNode(text, loc: loc(t.start)))
        case .string, .blockString:
            return .string(try parseStringLiteral())
        case .name:
            try advance()
            switch keywordText(t) {
            case "true": return .boolean(BooleanValueNode(true, loc: loc(t.start)))
            case "false": return .boolean(BooleanValueNode(false, loc: loc(t.start)))
            case "null": return .null(NullValueNode(loc: loc(t.start)))
            case let name: return .enumValue(EnumValueNode(name, loc: loc(t.start)))
            }
        case .dollar:
            if isConst {
                let next = try lexer.lookahead()
                if next.kind == .name {
                    throw error("Unexpected variable \"$\(keywordText(next))\" in constant value.", at: t.start)
                }
                throw unexpected(t)
            }
            return .variable(try parseVariable())
        default:
            throw unexpected(t)
        }
    }

    mutating func parseStringLiteral() throws(GraphQLError) -> StringValueNode {
        let t = token
        let value = lexer.stringValue
        try advance()
        return StringValueNode(value, block: t.kind == .blockString, loc: loc(t.start))
    }

    // MARK: - Directives and types

    mutating func parseDirectives(isConst: Bool) throws(GraphQLError) -> [DirectiveNode] {
        var directives: [DirectiveNode] = []
        while peek(.at) {
            let start = token.start
            try advance()
            let name = try parseName()
            let arguments = try parseArguments(isConst: isConst)
            directives.append(DirectiveNode(name: name, arguments: arguments, loc: loc(start)))
        }
        return directives
    }

    mutating func parseTypeReference() throws(GraphQLError) -> TypeNode {
        let start = token.start
        var type: TypeNode
        if try expectOptional(.bracketL) {
            try enterNesting()
            let inner = try parseTypeReference()
            try expect(.bracketR)
            depth -= 1
            type = .list(ListTypeNode(type: inner, loc: loc(start)))
        } else {
            type = .named(try parseNamedType())
        }
        if try expectOptional(.bang) {
            type = .nonNull(NonNullTypeNode(type: type, loc: loc(start)))
        }
        return type
    }

    mutating func parseNamedType() throws(GraphQLError) -> NamedTypeNode {
        let start = token.start
        let name = try parseName()
        return NamedTypeNode(name: name, loc: loc(start))
    }

    // MARK: - Type system

    mutating func parseDescription() throws(GraphQLError) -> StringValueNode? {
        (peek(.string) || peek(.blockString)) ? try parseStringLiteral() : nil
    }

    mutating func parseSchemaDefinition() throws(GraphQLError) -> SchemaDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        let operationTypes = try many(.braceL, .braceR) { (p: inout ParserState) throws(GraphQLError) in
            try p.parseOperationTypeDefinition()
        }
        return SchemaDefinitionNode(description: description, directives: directives,
                                    operationTypes: operationTypes, loc: loc(start))
    }

    mutating func parseOperationTypeDefinition() throws(GraphQLError) -> OperationTypeDefinitionNode {
        let start = token.start
        let operation = try parseOperationType()
        try expect(.colon)
        let type = try parseNamedType()
        return OperationTypeDefinitionNode(operation: operation, type: type, loc: loc(start))
    }

    mutating func parseScalarDefinition() throws(GraphQLError) -> TypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return TypeDefinitionNode(kind: .scalar, description: description, name: name, directives: directives,
                                  loc: loc(start))
    }

    mutating func parseObjectDefinition(kind: TypeDefinitionKind, keyword: StaticString) throws(GraphQLError) -> TypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword(keyword)
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return TypeDefinitionNode(kind: kind, description: description, name: name, interfaces: interfaces,
                                  directives: directives, fields: fields, loc: loc(start))
    }

    mutating func parseImplementsInterfaces() throws(GraphQLError) -> [NamedTypeNode] {
        guard try expectOptionalKeyword("implements") else { return [] }
        return try delimitedMany(.amp) { (p: inout ParserState) throws(GraphQLError) in try p.parseNamedType() }
    }

    mutating func parseFieldsDefinition() throws(GraphQLError) -> [FieldDefinitionNode] {
        try optionalMany(.braceL, .braceR) { (p: inout ParserState) throws(GraphQLError) in
            let start = p.token.start
            let description = try p.parseDescription()
            let name = try p.parseName()
            let arguments = try p.parseArgumentDefinitions()
            try p.expect(.colon)
            let type = try p.parseTypeReference()
            let directives = try p.parseDirectives(isConst: true)
            return FieldDefinitionNode(description: description, name: name, arguments: arguments, type: type,
                                       directives: directives, loc: p.loc(start))
        }
    }

    mutating func parseArgumentDefinitions() throws(GraphQLError) -> [InputValueDefinitionNode] {
        try optionalMany(.parenL, .parenR) { (p: inout ParserState) throws(GraphQLError) in try p.parseInputValueDefinition() }
    }

    mutating func parseInputValueDefinition() throws(GraphQLError) -> InputValueDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue: ValueNode? = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return InputValueDefinitionNode(description: description, name: name, type: type,
                                        defaultValue: defaultValue, directives: directives, loc: loc(start))
    }

    mutating func parseUnionDefinition() throws(GraphQLError) -> TypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        return TypeDefinitionNode(kind: .union, description: description, name: name, directives: directives,
                                  types: types, loc: loc(start))
    }

    mutating func parseUnionMemberTypes() throws(GraphQLError) -> [NamedTypeNode] {
        guard try expectOptional(.equals) else { return [] }
        return try delimitedMany(.pipe) { (p: inout ParserState) throws(GraphQLError) in try p.parseNamedType() }
    }

    mutating func parseEnumDefinition() throws(GraphQLError) -> TypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValuesDefinition()
        return TypeDefinitionNode(kind: .enumType, description: description, name: name, directives: directives,
                                  values: values, loc: loc(start))
    }

    mutating func parseEnumValuesDefinition() throws(GraphQLError) -> [EnumValueDefinitionNode] {
        try optionalMany(.braceL, .braceR) { (p: inout ParserState) throws(GraphQLError) in
            let start = p.token.start
            let description = try p.parseDescription()
            if p.lexer.tokenIs("true") || p.lexer.tokenIs("false") || p.lexer.tokenIs("null") {
                throw p.error("\(p.describe(p.token)) is reserved and cannot be used for an enum value.", at: p.token.start)
            }
            let name = try p.parseName()
            let directives = try p.parseDirectives(isConst: true)
            return EnumValueDefinitionNode(description: description, name: name, directives: directives, loc: p.loc(start))
        }
    }

    mutating func parseInputObjectDefinition() throws(GraphQLError) -> TypeDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseInputFieldsDefinition()
        return TypeDefinitionNode(kind: .inputObject, description: description, name: name, directives: directives,
                                  inputFields: fields, loc: loc(start))
    }

    mutating func parseInputFieldsDefinition() throws(GraphQLError) -> [InputValueDefinitionNode] {
        try optionalMany(.braceL, .braceR) { (p: inout ParserState) throws(GraphQLError) in try p.parseInputValueDefinition() }
    }

    mutating func parseDirectiveDefinition() throws(GraphQLError) -> DirectiveDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let repeatable = try expectOptionalKeyword("repeatable")
        try expectKeyword("on")
        let locations = try delimitedMany(.pipe) { (p: inout ParserState) throws(GraphQLError) in
            let t = p.token
            let name = try p.parseName()
            guard DirectiveLocation(rawValue: name.value) != nil else { throw p.unexpected(t) }
            return name
        }
        return DirectiveDefinitionNode(description: description, name: name, arguments: arguments,
                                       repeatable: repeatable, locations: locations, loc: loc(start))
    }

    mutating func parseTypeSystemExtension() throws(GraphQLError) -> TypeSystemExtensionNode {
        let start = token.start
        let keyword = try lexer.lookahead()
        guard keyword.kind == .name else { throw unexpected(keyword) }
        let kindText = keywordText(keyword)
        try expectKeyword("extend")
        switch kindText {
        case "schema":
            try advance()
            let directives = try parseDirectives(isConst: true)
            let operationTypes = try optionalMany(.braceL, .braceR) { (p: inout ParserState) throws(GraphQLError) in
                try p.parseOperationTypeDefinition()
            }
            if directives.isEmpty && operationTypes.isEmpty { throw unexpected() }
            return .schema(SchemaDefinitionNode(directives: directives, operationTypes: operationTypes, loc: loc(start)))
        case "scalar":
            try advance()
            let name = try parseName()
            let directives = try parseDirectives(isConst: true)
            if directives.isEmpty { throw unexpected() }
            return .type(TypeDefinitionNode(kind: .scalar, name: name, directives: directives, loc: loc(start)))
        case "type", "interface":
            try advance()
            let name = try parseName()
            let interfaces = try parseImplementsInterfaces()
            let directives = try parseDirectives(isConst: true)
            let fields = try parseFieldsDefinition()
            if interfaces.isEmpty && directives.isEmpty && fields.isEmpty { throw unexpected() }
            return .type(TypeDefinitionNode(kind: kindText == "type" ? .object : .interface, name: name,
                                            interfaces: interfaces, directives: directives, fields: fields, loc: loc(start)))
        case "union":
            try advance()
            let name = try parseName()
            let directives = try parseDirectives(isConst: true)
            let types = try parseUnionMemberTypes()
            if directives.isEmpty && types.isEmpty { throw unexpected() }
            return .type(TypeDefinitionNode(kind: .union, name: name, directives: directives, types: types, loc: loc(start)))
        case "enum":
            try advance()
            let name = try parseName()
            let directives = try parseDirectives(isConst: true)
            let values = try parseEnumValuesDefinition()
            if directives.isEmpty && values.isEmpty { throw unexpected() }
            return .type(TypeDefinitionNode(kind: .enumType, name: name, directives: directives, values: values, loc: loc(start)))
        case "input":
            try advance()
            let name = try parseName()
            let directives = try parseDirectives(isConst: true)
            let fields = try parseInputFieldsDefinition()
            if directives.isEmpty && fields.isEmpty { throw unexpected() }
            return .type(TypeDefinitionNode(kind: .inputObject, name: name, directives: directives, inputFields: fields,
                                            loc: loc(start)))
        default:
            throw unexpected(keyword)
        }
    }
}

