/// Block string rules of the spec (§2.9.6 BlockStringValue): the value of a raw block string, and
/// whether a value can be printed back as a block string.
public enum BlockString {
    /// Splits the raw text into lines (LF, CR, CRLF), removes the common indentation of all lines
    /// but the first, drops leading and trailing blank lines and joins with LF.
    public static func value(ofRaw raw: [UInt8]) -> String {
        // One line: no indentation to remove; the value is the line unless it is blank.
        if !raw.contains(0x0A) && !raw.contains(0x0D) {
            return raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) ? "" : String(decoding: raw, as: UTF8.self)
        }
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var i = 0
        while i < raw.count {
            let c = raw[i]
            if c == 0x0A || c == 0x0D {
                lines.append(raw[start..<i])
                if c == 0x0D, i + 1 < raw.count, raw[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        lines.append(raw[start..<raw.count])

        var commonIndent = Int.max
        var firstNonBlank: Int? = nil
        var lastNonBlank = -1
        for (index, line) in lines.enumerated() {
            let indent = leadingWhitespace(line)
            if indent == line.count { continue } // blank
            if firstNonBlank == nil { firstNonBlank = index }
            lastNonBlank = index
            if index != 0 && indent < commonIndent { commonIndent = indent }
        }
        guard let first = firstNonBlank else { return "" }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        for index in first...lastNonBlank {
            if index > first { out.append(0x0A) }
            var line = lines[index]
            if index != 0 && commonIndent != Int.max { line = line.dropFirst(min(commonIndent, line.count)) }
            out.append(contentsOf: line)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func leadingWhitespace(_ line: ArraySlice<UInt8>) -> Int {
        var n = 0
        for c in line {
            if c == 0x20 || c == 0x09 { n += 1 } else { break }
        }
        return n
    }
}

extension BlockString {
    /// Whether `value` survives a round trip as a block string: no control characters or CR, no
    /// leading or trailing blank line, and no indentation common to every line after the first.
    public static func isPrintable(_ value: String) -> Bool {
        if value.isEmpty { return true }
        var isEmptyLine = true
        var hasIndent = false
        var hasCommonIndent = true
        var seenNonEmptyLine = false
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x0D:
                return false
            case 0x0A:
                if isEmptyLine && !seenNonEmptyLine { return false }
                seenNonEmptyLine = true
                isEmptyLine = true
                hasIndent = false
            case 0x09, 0x20:
                hasIndent = hasIndent || isEmptyLine
            default:
                hasCommonIndent = hasCommonIndent && hasIndent
                isEmptyLine = false
            }
        }
        if isEmptyLine { return false }
        if hasCommonIndent && seenNonEmptyLine { return false }
        return true
    }
}
