import Foundation

/// `application/x-www-form-urlencoded`: query strings, and the bodies of providers that post forms
/// (Zadarma, Mango Office) or take them (VK's API). `+` is a space, `%XX` a byte.
public enum FormEncoding {
    /// The pairs in order; a name may repeat. Malformed escapes are kept as written.
    public static func parse(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// A form body's fields by name; a repeated name keeps its last value.
    public static func fields(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in parse(String(decoding: body, as: UTF8.self)) { fields[name] = value }
        return fields
    }

    /// The pairs as a form body, each name and value percent-encoded.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let b = iterator.next() {
            switch b {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                let hi = iterator.next(), lo = iterator.next()
                if let hi, let lo, let h = hexDigit(hi), let l = hexDigit(lo) {
                    bytes.append(h << 4 | l)
                } else {
                    bytes.append(b)
                    if let hi { bytes.append(hi) }
                    if let lo { bytes.append(lo) }
                }
            default: bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }
}
