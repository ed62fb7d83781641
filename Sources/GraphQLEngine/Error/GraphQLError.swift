/// An error as the GraphQL spec reports it: a message, the locations in the document it concerns,
/// the response path of the field it arose in, and `extensions` (such as `code`).
public struct GraphQLError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var locations: [SourceLocation]
    public var path: [PathComponent]
    public var extensions: [JSONMember]
    /// Byte offsets of the nodes the error concerns, kept to print an excerpt of the source.
    public var positions: [Int]

    public init(_ message: String, locations: [SourceLocation] = [], path: [PathComponent] = [],
                extensions: [JSONMember] = [], positions: [Int] = []) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
        self.positions = positions
    }

    /// An error about the nodes at `locations` (byte ranges) of `source`.
    public init(_ message: String, source: Source, nodes: [Location], code: String? = nil) {
        self.message = message
        self.positions = nodes.map(\.start)
        self.locations = positions.map { source.location(of: $0) }
        self.path = []
        self.extensions = code.map { [JSONMember("code", .string($0))] } ?? []
    }

    /// The value of `extensions.code`, if any.
    public var code: String? {
        for m in extensions where m.key == "code" {
            if case .string(let s) = m.value { return s }
        }
        return nil
    }

    public var description: String { message }

    /// The message followed by an excerpt of the source around each location, with a caret under
    /// the column, in the format of graphql-js's `printError`.
    public func printed(with source: Source) -> String {
        var out = message
        for (i, loc) in locations.enumerated() {
            out += "\n\n" + SourceExcerpt.render(source: source, location: loc, offset: positions.indices.contains(i) ? positions[i] : nil)
        }
        return out
    }
}

/// One step of a response path: a field's response name or a list index.
public enum PathComponent: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): k
        case .index(let i): String(i)
        }
    }
}

/// Renders the lines around a location with line numbers and a caret.
enum SourceExcerpt {
    static func render(source: Source, location: SourceLocation, offset: Int?) -> String {
        let lines = splitLines(source.text)
        let lineIndex = location.line - 1
        var out = "\(source.name):\(location.line):\(location.column)"
        let numbered: [(Int, String)] = [lineIndex - 1, lineIndex, lineIndex + 1].compactMap { i in
            (i >= 0 && i < lines.count) ? (i + 1, lines[i]) : nil
        }
        let width = numbered.map { String($0.0).count }.max() ?? 1
        for (number, text) in numbered {
            // Like graphql-js, an empty line just before or after the error line is omitted.
            if number != location.line && text.isEmpty { continue }
            let label = String(repeating: " ", count: width - String(number).count) + String(number)
            out += "\n\(label) | \(text)"
            if number == location.line {
                out += "\n" + String(repeating: " ", count: width) + " | "
                    + String(repeating: " ", count: max(0, location.column - 1)) + "^"
            }
        }
        return out
    }

    private static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var iterator = text.unicodeScalars.makeIterator()
        var pendingCR = false
        while let c = iterator.next() {
            if pendingCR {
                pendingCR = false
                if c == "\n" { continue }
            }
            if c == "\n" {
                lines.append(current)
                current = ""
            } else if c == "\r" {
                lines.append(current)
                current = ""
                pendingCR = true
            } else {
                current.unicodeScalars.append(c)
            }
        }
        lines.append(current)
        return lines
    }
}
