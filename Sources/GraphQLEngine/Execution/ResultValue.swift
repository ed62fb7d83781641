/// A completed value of a response, ready to be written as JSON. An object's keys are shared by
/// every object completed from the same selection (they come from the execution plan), so a list
/// of a thousand objects holds one key array, not a thousand.
public enum ResultValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Any JSON, for scalars such as `JSON` whose values are structured.
    case json(JSONValue)
    case list([ResultValue])
    case object(ResultObject)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// The fields of a completed object: response keys and values, in selection order.
public struct ResultObject: Sendable {
    public let keys: ResponseKeys
    public var values: [ResultValue]

    public init(keys: ResponseKeys, values: [ResultValue]) {
        self.keys = keys
        self.values = values
    }

    /// The value of the response key `key`.
    public subscript(key: String) -> ResultValue? {
        guard let i = keys.names.firstIndex(of: key) else { return nil }
        return values[i]
    }
}

/// The response keys of a selection set for one object type, with each key's JSON encoding
/// (`"name":`) prepared once.
public final class ResponseKeys: Sendable {
    public let names: [String]
    let encoded: [[UInt8]]

    public init(_ names: [String]) {
        self.names = names
        self.encoded = names.map { name in
            var bytes: [UInt8] = []
            JSONText.writeString(name, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            return bytes
        }
    }
}

extension ResultValue {
    /// The value as JSON bytes, members in selection order.
    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(into: &out)
        return out
    }

    /// Appends the value's JSON to `out`.
    public func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): b ? out.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) : out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .int(let i): JSONText.writeInt(i, into: &out)
        case .double(let d): JSONText.writeDouble(d, into: &out)
        case .string(let s): JSONText.writeString(s, into: &out)
        case .json(let j): JSONText.write(j, into: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let encoded = object.keys.encoded
            for i in 0..<object.values.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: encoded[i])
                object.values[i].write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The value as a ``JSONValue`` (for tests and tools; responses are written as bytes).
    public var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .json(let j): j
        case .list(let items): .array(items.map(\.jsonValue))
        case .object(let o): .object(zip(o.keys.names, o.values).map { JSONMember($0, $1.jsonValue) })
        }
    }
}
