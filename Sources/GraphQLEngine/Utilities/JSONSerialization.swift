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

    /// A finite double in the shortest form that reads back the same; integral values without a
    /// fraction (`1e21` and above in exponent form, as JavaScript writes them). Non-finite → null.
    public static func writeDouble(_ d: Double, into out: inout [UInt8]) {
        guard d.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        if d.rounded() == d && abs(d) < 1e21 {
            if d == 0 {
                out.append(UInt8(ascii: "0"))
            } else {
                out.append(contentsOf: String(Int64(d)).utf8)
            }
            return
        }
        out.append(contentsOf: d.description.utf8)
    }

    /// A string with `"`, `\` and control characters escaped.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        let clean: Bool? = s.withUTF8 { utf8 in
            for b in utf8 where b < 0x20 || b == 0x22 || b == 0x5C { return false }
            out.append(contentsOf: utf8)
            return true
        }
        if clean == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x00..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
