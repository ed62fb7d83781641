/// Reads tokens from UTF-8 bytes following the spec's lexical grammar (§2.1, September 2025).
///
/// Ignored tokens (the BOM, whitespace, line terminators, commas and comments) are skipped.
/// The lexer works on an unsafe buffer for speed; use it inside `withUnsafeBufferPointer` of the
/// source's bytes, or through ``tokenize(_:)``.
public struct Lexer {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline let source: Source
    /// Byte offset where the next token starts to be looked for.
    @usableFromInline var position: Int
    /// The current token, after ``advance()``.
    public private(set) var token: Token
    /// The value of the current token when it is a string or block string: escapes resolved,
    /// block indentation removed.
    public private(set) var stringValue = ""

    public init(bytes: UnsafeBufferPointer<UInt8>, source: Source) {
        self.bytes = bytes
        self.source = source
        self.position = 0
        self.token = Token(kind: .sof, start: 0, end: 0)
    }

    /// All tokens of a text with the values of string tokens, for tests and tools; the last one
    /// is `.eof`.
    public static func tokenize(_ text: String) throws(GraphQLError) -> [(token: Token, value: String?)] {
        let source = Source(text)
        do {
            return try source.bytes.withUnsafeBufferPointer { buf in
                var lexer = Lexer(bytes: buf, source: source)
                var tokens: [(token: Token, value: String?)] = []
                repeat {
                    try lexer.advance()
                    let isString = lexer.token.kind == .string || lexer.token.kind == .blockString
                    tokens.append((lexer.token, isString ? lexer.stringValue : nil))
                } while lexer.token.kind != .eof
                return tokens
            }
        } catch let error as GraphQLError {
            throw error
        } catch {
            throw GraphQLError("\(error)")
        }
    }

    /// The text of the current token as written (for names and numbers, their value).
    @inlinable public var tokenText: String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
    }

    /// The text of the current name token. Names are ASCII (the lexer made sure), so the bytes are
    /// copied into the string without the UTF-8 validation a general decode does.
    @inlinable public var nameText: String {
        let start = token.start
        let count = token.end - start
        return String(unsafeUninitializedCapacity: count) { destination in
            _ = destination.initialize(from: UnsafeBufferPointer(rebasing: bytes[start..<(start + count)]))
            return count
        }
    }

    /// Whether the current token is the name `keyword`, compared byte by byte without making a String.
    @inlinable public func tokenIs(_ keyword: StaticString) -> Bool {
        guard token.kind == .name, token.end - token.start == keyword.utf8CodeUnitCount else { return false }
        let k = keyword.utf8Start
        var i = 0
        while i < keyword.utf8CodeUnitCount {
            if bytes[token.start + i] != k[i] { return false }
            i += 1
        }
        return true
    }

    /// Moves to the next significant token.
    @inline(__always)
    public mutating func advance() throws(GraphQLError) {
        token = try readToken(from: position)
        position = token.end
    }

    /// The token after the current one, without moving.
    public func lookahead() throws(GraphQLError) -> Token {
        if token.kind == .eof { return token }
        var copy = self
        try copy.advance()
        return copy.token
    }

    /// The value of any string token of this source (read again from its bytes).
    public func stringValue(of t: Token) -> String {
        var copy = self
        copy.position = t.start
        _ = try? copy.advance()
        return copy.stringValue
    }

    // MARK: - Reading

    @usableFromInline func syntaxError(_ message: String, at offset: Int) -> GraphQLError {
        GraphQLError("Syntax Error: " + message, source: source, nodes: [Location(start: offset, end: offset)],
                     code: "GRAPHQL_PARSE_FAILED")
    }

    private mutating func readToken(from start: Int) throws(GraphQLError) -> Token {
        let count = bytes.count
        var p = start
        while p < count {
            var c = bytes[p]
            // Runs of indentation are the commonest bytes of a document: skip them in a tight loop.
            while c == 0x20 || c == 0x0A {
                p += 1
                guard p < count else { return Token(kind: .eof, start: count, end: count) }
                c = bytes[p]
            }
            switch c {
            case 0x20, 0x09, 0x2C, 0x0A, 0x0D: // space, tab, comma, LF, CR
                p += 1
                continue
            case 0xEF where p + 2 < count && bytes[p + 1] == 0xBB && bytes[p + 2] == 0xBF: // BOM
                p += 3
                continue
            case 0x23: // # comment to the end of the line
                p += 1
                while p < count, bytes[p] != 0x0A, bytes[p] != 0x0D { p += 1 }
                continue
            case 0x21: return Token(kind: .bang, start: p, end: p + 1)
            case 0x24: return Token(kind: .dollar, start: p, end: p + 1)
            case 0x26: return Token(kind: .amp, start: p, end: p + 1)
            case 0x28: return Token(kind: .parenL, start: p, end: p + 1)
            case 0x29: return Token(kind: .parenR, start: p, end: p + 1)
            case 0x2E: // .
                if p + 2 < count, bytes[p + 1] == 0x2E, bytes[p + 2] == 0x2E {
                    return Token(kind: .spread, start: p, end: p + 3)
                }
                if p + 1 < count, bytes[p + 1] == 0x2E {
                    throw syntaxError("Unexpected \"..\", did you mean \"...\"?", at: p)
                }
                if p + 1 < count, isDigit(bytes[p + 1]) {
                    var e = p + 1
                    while e < count, isDigit(bytes[e]) { e += 1 }
                    let digits = String(decoding: UnsafeBufferPointer(rebasing: bytes[(p + 1)..<e]), as: UTF8.self)
                    throw syntaxError("Invalid number, expected digit before \".\", did you mean \"0.\(digits)\"?", at: p)
                }
                throw syntaxError("Unexpected character: \".\".", at: p)
            case 0x3A: return Token(kind: .colon, start: p, end: p + 1)
            case 0x3D: return Token(kind: .equals, start: p, end: p + 1)
            case 0x40: return Token(kind: .at, start: p, end: p + 1)
            case 0x5B: return Token(kind: .bracketL, start: p, end: p + 1)
            case 0x5D: return Token(kind: .bracketR, start: p, end: p + 1)
            case 0x7B: return Token(kind: .braceL, start: p, end: p + 1)
            case 0x7C: return Token(kind: .pipe, start: p, end: p + 1)
            case 0x7D: return Token(kind: .braceR, start: p, end: p + 1)
            case 0x22: // "
                if p + 2 < count, bytes[p + 1] == 0x22, bytes[p + 2] == 0x22 {
                    return try readBlockString(p)
                }
                return try readString(p)
            default:
                if isNameStart(c) {
                    var e = p + 1
                    while e < count, isNameContinue(bytes[e]) { e += 1 }
                    return Token(kind: .name, start: p, end: e)
                }
                if isDigit(c) || c == 0x2D {
                    return try readNumber(p)
                }
                if c == 0x27 {
                    throw syntaxError("Unexpected single quote character ('), did you mean to use a double quote (\")?", at: p)
                }
                // Any Unicode scalar value is a source character: unexpected here. Bytes that
                // are not UTF-8 are invalid.
                if decodeScalar(at: p).0 != nil {
                    throw syntaxError("Unexpected character: \(describeCharacter(at: p)).", at: p)
                }
                throw syntaxError("Invalid character: \(describeCharacter(at: p)).", at: p)
            }
        }
        return Token(kind: .eof, start: count, end: count)
    }

    /// IntValue or FloatValue (§2.9.4–5): no leading zeros, and no digit, `.` or name start after it.
    private func readNumber(_ start: Int) throws(GraphQLError) -> Token {
        let count = bytes.count
        var p = start
        var isFloat = false
        if bytes[p] == 0x2D { p += 1 }
        if p < count, bytes[p] == 0x30 {
            p += 1
            if p < count, isDigit(bytes[p]) {
                throw syntaxError("Invalid number, unexpected digit after 0: \(describeCharacter(at: p)).", at: p)
            }
        } else {
            p = try readDigits(p)
        }
        if p < count, bytes[p] == 0x2E {
            isFloat = true
            p = try readDigits(p + 1)
        }
        if p < count, bytes[p] == 0x45 || bytes[p] == 0x65 {
            isFloat = true
            p += 1
            if p < count, bytes[p] == 0x2B || bytes[p] == 0x2D { p += 1 }
            p = try readDigits(p)
        }
        if p < count, bytes[p] == 0x2E || isNameStart(bytes[p]) {
            throw syntaxError("Invalid number, expected digit but got: \(describeCharacter(at: p)).", at: p)
        }
        return Token(kind: isFloat ? .float : .int, start: start, end: p)
    }

    private func readDigits(_ start: Int) throws(GraphQLError) -> Int {
        guard start < bytes.count, isDigit(bytes[start]) else {
            throw syntaxError("Invalid number, expected digit but got: \(describeCharacter(at: start)).", at: start)
        }
        var p = start + 1
        while p < bytes.count, isDigit(bytes[p]) { p += 1 }
        return p
    }

    /// A `"…"` string (§2.9.6) with its escapes resolved.
    private mutating func readString(_ start: Int) throws(GraphQLError) -> Token {
        let count = bytes.count
        var p = start + 1
        var chunkStart = p
        var value: [UInt8] = []
        var escaped = false
        while p < count {
            let c = bytes[p]
            if c == 0x22 {
                let text: String
                if escaped {
                    value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<p]))
                    text = String(decoding: value, as: UTF8.self)
                } else {
                    text = String(decoding: UnsafeBufferPointer(rebasing: bytes[chunkStart..<p]), as: UTF8.self)
                }
                stringValue = text
                return Token(kind: .string, start: start, end: p + 1)
            }
            if c == 0x5C { // backslash
                if !escaped {
                    escaped = true
                    value.reserveCapacity(p - start + 16)
                }
                value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<p]))
                let (scalar, size) = try readEscape(p)
                UTF8.encode(scalar) { value.append($0) }
                p += size
                chunkStart = p
                continue
            }
            if c == 0x0A || c == 0x0D { break }
            if c >= 0x80 {
                // Any Unicode scalar value may stand in a string (spec §2.1.1); malformed UTF-8 may not.
                let (scalar, width) = decodeScalar(at: p)
                guard scalar != nil else {
                    throw syntaxError("Invalid character within String: \(describeCharacter(at: p)).", at: p)
                }
                p += width
                continue
            }
            p += 1
        }
        throw syntaxError("Unterminated string.", at: p)
    }

    /// One escape sequence at `p` (the backslash): its scalar and its length in bytes.
    private func readEscape(_ p: Int) throws(GraphQLError) -> (Unicode.Scalar, Int) {
        let next: UInt8 = p + 1 < bytes.count ? bytes[p + 1] : 0
        switch next {
        case 0x22: return ("\"", 2)
        case 0x5C: return ("\\", 2)
        case 0x2F: return ("/", 2)
        case 0x62: return ("\u{08}", 2)
        case 0x66: return ("\u{0C}", 2)
        case 0x6E: return ("\n", 2)
        case 0x72: return ("\r", 2)
        case 0x74: return ("\t", 2)
        case 0x75: // u
            if p + 2 < bytes.count, bytes[p + 2] == 0x7B { return try readVariableWidthEscape(p) }
            return try readFixedWidthEscape(p)
        default:
            throw syntaxError("Invalid character escape sequence: \"\(slice(p, p + 2))\".", at: p)
        }
    }

    /// `\u{1F600}`: one to eight hex digits naming a Unicode scalar value.
    private func readVariableWidthEscape(_ p: Int) throws(GraphQLError) -> (Unicode.Scalar, Int) {
        var point: UInt32 = 0
        var size = 3
        while size < 12 {
            let i = p + size
            size += 1
            guard i < bytes.count else { break }
            let c = bytes[i]
            if c == 0x7D {
                if size < 5 { break }
                guard let scalar = Unicode.Scalar(point) else { break }
                return (scalar, size)
            }
            guard let digit = hexValue(c) else { break }
            point = (point &<< 4) | digit
        }
        throw syntaxError("Invalid Unicode escape sequence: \"\(slice(p, p + size))\".", at: p)
    }

    /// `\uXXXX`, or a JSON-style surrogate pair `\uD83D\uDE00` forming one scalar.
    private func readFixedWidthEscape(_ p: Int) throws(GraphQLError) -> (Unicode.Scalar, Int) {
        if let code = read16BitHex(p + 2) {
            if let scalar = Unicode.Scalar(code) { return (scalar, 6) }
            if (0xD800...0xDBFF).contains(code), p + 7 < bytes.count, bytes[p + 6] == 0x5C, bytes[p + 7] == 0x75,
               let trail = read16BitHex(p + 8), (0xDC00...0xDFFF).contains(trail),
               let scalar = Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (trail - 0xDC00)) {
                return (scalar, 12)
            }
        }
        throw syntaxError("Invalid Unicode escape sequence: \"\(slice(p, p + 6))\".", at: p)
    }

    private func read16BitHex(_ p: Int) -> UInt32? {
        guard p + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 {
            guard let d = hexValue(bytes[p + i]) else { return nil }
            v = (v << 4) | d
        }
        return v
    }

    /// A `"""…"""` block string (§2.9.6): raw text, `\"""` the only escape, common indentation removed.
    private mutating func readBlockString(_ start: Int) throws(GraphQLError) -> Token {
        let count = bytes.count
        var p = start + 3
        var raw: [UInt8] = []
        var chunkStart = p
        while p < count {
            let c = bytes[p]
            if c == 0x22, p + 2 < count, bytes[p + 1] == 0x22, bytes[p + 2] == 0x22 {
                raw.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<p]))
                stringValue = BlockString.value(ofRaw: raw)
                return Token(kind: .blockString, start: start, end: p + 3)
            }
            if c == 0x5C, p + 3 < count, bytes[p + 1] == 0x22, bytes[p + 2] == 0x22, bytes[p + 3] == 0x22 {
                raw.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<p]))
                raw.append(contentsOf: [0x22, 0x22, 0x22])
                p += 4
                chunkStart = p
                continue
            }
            if c >= 0x80 {
                let (scalar, width) = decodeScalar(at: p)
                guard scalar != nil else {
                    throw syntaxError("Invalid character within String: \(describeCharacter(at: p)).", at: p)
                }
                p += width
                continue
            }
            p += 1
        }
        throw syntaxError("Unterminated string.", at: p)
    }

    // MARK: - Characters

    /// The character at `p` as graphql-js prints it in messages: printable ASCII quoted, others `U+XXXX`.
    func describeCharacter(at p: Int) -> String {
        guard p < bytes.count else { return "<EOF>" }
        let c = bytes[p]
        if c >= 0x20 && c <= 0x7E {
            return c == 0x22 ? "'\"'" : "\"\(Character(Unicode.Scalar(c)))\""
        }
        let (scalar, _) = decodeScalar(at: p)
        let value = scalar?.value ?? UInt32(c)
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Decodes the UTF-8 scalar at `p`; nil for an invalid sequence.
    func decodeScalar(at p: Int) -> (Unicode.Scalar?, Int) {
        var iterator = UnsafeBufferPointer(rebasing: bytes[p..<min(p + 4, bytes.count)]).makeIterator()
        var decoder = UTF8()
        switch decoder.decode(&iterator) {
        case .scalarValue(let s): return (s, UTF8.width(s))
        default: return (nil, 1)
        }
    }

    private func slice(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<min(to, bytes.count)]), as: UTF8.self)
    }
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
@inline(__always) func isNameStart(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 || c == 0x5F }
@inline(__always) func isNameContinue(_ c: UInt8) -> Bool { isNameStart(c) || isDigit(c) }
@inline(__always) func hexValue(_ c: UInt8) -> UInt32? {
    if isDigit(c) { return UInt32(c - 0x30) }
    let l = c | 0x20
    if l >= 0x61 && l <= 0x66 { return UInt32(l - 0x61 + 10) }
    return nil
}
