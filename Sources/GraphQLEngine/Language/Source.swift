/// A GraphQL document's text as UTF-8 bytes, with a name used in error messages.
///
/// Positions everywhere in the engine are byte offsets into `bytes`; line and column are computed
/// on demand (``location(of:)``) because they are only needed when something goes wrong.
public struct Source: Sendable {
    /// The document's UTF-8 bytes.
    public let bytes: [UInt8]
    /// A name for messages, e.g. a file name or `GraphQL request`.
    public let name: String

    public init(_ text: String, name: String = "GraphQL request") {
        self.bytes = Array(text.utf8)
        self.name = name
    }

    public init(bytes: [UInt8], name: String = "GraphQL request") {
        self.bytes = bytes
        self.name = name
    }

    /// The text of the document.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The 1-based line and column of a byte offset. Columns count Unicode scalars, as graphql-js
    /// counts characters; CR, LF and CRLF each end a line.
    public func location(of offset: Int) -> SourceLocation {
        var line = 1
        var lineStart = 0
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                lineStart = i + 1
            } else if b == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var column = 1
        var j = lineStart
        while j < end {
            // Count scalars: skip UTF-8 continuation bytes.
            if bytes[j] & 0xC0 != 0x80 { column += 1 }
            j += 1
        }
        return SourceLocation(line: line, column: column)
    }
}

/// A 1-based line and column in a source, as GraphQL errors report them.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// A byte range of a node or token in its source. Parsing with `noLocation` yields `.none` ranges,
/// so two parses of differently formatted text compare equal.
public struct Location: Hashable, Sendable {
    // 32-bit offsets keep AST nodes small (a document is far below 4 GB; the HTTP layer and the
    // parser's limits see to that).
    private let startOffset: UInt32
    private let endOffset: UInt32

    public var start: Int { Int(startOffset) }
    public var end: Int { Int(endOffset) }

    public init(start: Int, end: Int) {
        self.startOffset = UInt32(truncatingIfNeeded: start)
        self.endOffset = UInt32(truncatingIfNeeded: end)
    }

    public static let none = Location(start: 0, end: 0)
}
