extension JSONValue {
    /// The value as compact JSON text, members in order, strings escaped per RFC 8259.
    public var jsonText: String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        JSONText.write(self, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

extension GraphQLError {
    /// The error as the GraphQL response format lays it out: `message`, `locations`, `path`,
    /// `extensions` (the last three only when present).
    public var jsonValue: JSONValue {
        var members = [JSONMember("message", .string(message))]
        if !locations.isEmpty {
            members.append(JSONMember("locations", .array(locations.map {
                .object([JSONMember("line", .int($0.line)), JSONMember("column", .int($0.column))])
            })))
        }
        if !path.isEmpty {
            members.append(JSONMember("path", .array(path.map {
                switch $0 {
                case .key(let k): .string(k)
                case .index(let i): .int(i)
                }
            })))
        }
        if !extensions.isEmpty { members.append(JSONMember("extensions", .object(extensions))) }
        return .object(members)
    }
}

/// Writes JSON text into a byte buffer.
public enum JSONText {
    public static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): writeInt(i, into: &out)
        case .double(let d): writeDouble(d, into: &out)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(m.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An integer in decimal, without allocating.
    @inline(__always)
    public static func writeInt(_ value: Int, into out: inout [UInt8]) {
        if value >= 0 && value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                buf[19 - count] = UInt8(truncatingIfNeeded: n % 10) &+ 0x30
                n /= 10
                count += 1
            } while n > 0
            if value < 0 { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[(20 - count)...]))
        }
    }

    /// A finite double as JavaScript writes it: the shortest digits that read back the same,
    /// integral values below 1e21 without fraction or exponent. Non-finite → null.
    public static func writeDouble(_ d: Double, into out: inout [UInt8]) {
        guard d.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        let magnitude = abs(d)
        if d.rounded() == d && magnitude < 9.2e18 {
            writeInt(Int(d), into: &out)
            return
        }
        if magnitude >= 1e-4 && magnitude < 1e15 {
            // In this range Swift's shortest form is already JavaScript's (`0.1`, `123.456`).
            out.append(contentsOf: d.description.utf8)
            return
        }
        out.append(contentsOf: javaScriptNumber(d).utf8)
    }

    /// JavaScript's `Number.prototype.toString` for a double: `NaN`, `Infinity`, integral values
    /// below 1e21 in full digits, others in the shortest round-trip form (`1e+21`, `1.5`, `1e-7`).
    public static func javaScriptNumber(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == 0 { return "0" }
        if d.rounded() == d && abs(d) < 9.2e18 { return String(Int(d)) }
        // Swift's description has the shortest round-trip digits; rewrite its layout as JS does.
        var text = d.description
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var pointPosition = parts[0].count + exponent // digits before the decimal point
        while digits.count > 1 && digits.hasPrefix("0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        let k = digits.count
        let sign = negative ? "-" : ""
        if k <= pointPosition && pointPosition <= 21 {
            return sign + digits + String(repeating: "0", count: pointPosition - k)
        }
        if 0 < pointPosition && pointPosition <= 21 {
            let i = digits.index(digits.startIndex, offsetBy: pointPosition)
            return sign + digits[..<i] + "." + digits[i...]
        }
        if -6 < pointPosition && pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        let e = pointPosition - 1
        let exponentText = e < 0 ? "e-\(-e)" : "e+\(e)"
        if k == 1 { return sign + digits + exponentText }
        return sign + digits.prefix(1) + "." + digits.dropFirst() + exponentText
    }

    /// A string with `"`, `\` and control characters escaped; runs without escapes are copied
    /// in one piece.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let written: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            writeEscaped(bytes, into: &out)
            return true
        }
        if written == nil {
            var copy = s
            copy.withUTF8 { writeEscaped($0, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var runStart = 0
        var i = 0
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C {
                i += 1
                continue
            }
            if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            }
            i += 1
            runStart = i
        }
        if count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
    }
}
