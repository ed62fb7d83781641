import Secrets

/// Opaque global ids (`Node.id`): the type name and the row id, base64url-encoded, so clients
/// treat them as opaque while the server can tell which table an id belongs to.
public enum GlobalID {
    public static func encode(_ type: String, _ id: Int64) -> String {
        Encoding.base64URL(Array("\(type):\(id)".utf8))
    }

    /// The type and row id of a global id, or nil when it is not one of ours.
    public static func decode(_ text: String) -> (type: String, id: Int64)? {
        guard let bytes = base64URLDecode(text), let decoded = String(bytes: bytes, encoding: .utf8),
              let colon = decoded.firstIndex(of: ":"), let id = Int64(decoded[decoded.index(after: colon)...]) else {
            return nil
        }
        return (String(decoded[..<colon]), id)
    }

    /// The row id of a global id of type `type`, or nil.
    public static func id(_ text: String, of type: String) -> Int64? {
        guard let (t, id) = decode(text), t == type else { return nil }
        return id
    }

    private static func base64URLDecode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(c - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(c - 97 + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(c - 48 + 52)
            case UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "_"): values.append(63)
            default: return nil
            }
        }
        var out: [UInt8] = []
        var i = 0
        while i + 1 < values.count {
            let n = (UInt32(values[i]) << 18) | (UInt32(values[i + 1]) << 12)
                | (i + 2 < values.count ? UInt32(values[i + 2]) << 6 : 0) | (i + 3 < values.count ? UInt32(values[i + 3]) : 0)
            out.append(UInt8(n >> 16 & 0xFF))
            if i + 2 < values.count { out.append(UInt8(n >> 8 & 0xFF)) }
            if i + 3 < values.count { out.append(UInt8(n & 0xFF)) }
            i += 4
        }
        return values.count % 4 == 1 ? nil : out
    }
}
