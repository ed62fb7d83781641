// Checks, once before timing, that both engines give the same response: the JSON each wrote is
// parsed (by Foundation's JSONDecoder, neither engine's code) and compared as values.
import Foundation

/// A parsed JSON value. Objects compare by members whatever their order; numbers by value, so
/// `1500` equals `1500.0`; booleans are not numbers.
indirect enum JSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSON] = []
            while !list.isAtEnd { items.append(try list.decode(JSON.self)) }
            self = .array(items)
            return
        }
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSON] = [:]
            for key in keyed.allKeys { members[key.stringValue] = try keyed.decode(JSON.self, forKey: key) }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let b = try? single.decode(Bool.self) { self = .bool(b) }
        else if let d = try? single.decode(Double.self) { self = .number(d) }
        else { self = .string(try single.decode(String.self)) }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The first place where `self` and `other` differ, as a path, or nil when they are equal.
    func firstDifference(_ other: JSON, path: String = "$") -> String? {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            if a.count != b.count { return "\(path): \(a.count) items vs \(b.count)" }
            for (i, (x, y)) in zip(a, b).enumerated() {
                if let d = x.firstDifference(y, path: "\(path)[\(i)]") { return d }
            }
            return nil
        case (.object(let a), .object(let b)):
            let ka = Set(a.keys), kb = Set(b.keys)
            if ka != kb {
                return "\(path): keys only in ours \(ka.subtracting(kb).sorted()), only in the peer's \(kb.subtracting(ka).sorted())"
            }
            for key in a.keys.sorted() {
                if let d = a[key]!.firstDifference(b[key]!, path: "\(path).\(key)") { return d }
            }
            return nil
        default:
            return self == other ? nil : "\(path): \(self.short) vs \(other.short)"
        }
    }

    var short: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let d): "\(d)"
        case .string(let s): "\"\(s.prefix(80))\""
        case .array(let a): "[\(a.count) items]"
        case .object(let o): "{\(o.keys.sorted().prefix(6).joined(separator: ","))…}"
        }
    }

    /// The size of the value: 1 per scalar, plus the sizes of its members and items.
    var leafCount: Int {
        switch self {
        case .array(let a): a.reduce(0) { $0 + $1.leafCount }
        case .object(let o): o.values.reduce(0) { $0 + $1.leafCount }
        default: 1
        }
    }
}

/// The result of comparing the two engines' responses.
struct ResponseComparison {
    let oursBytes: Int
    let peerBytes: Int
    let byteIdentical: Bool
    let leaves: Int

    var summary: String {
        "same data (\(leaves) scalar values); response JSON ours \(oursBytes) B, peer \(peerBytes) B"
            + (byteIdentical ? ", byte-identical" : ", not byte-identical (member order, number format or escaping)")
    }
}

/// Parses both responses, requires `data` without `errors` in each, and requires the same data,
/// after `normalize` (e.g. sorting lists whose order the spec leaves open). Throws otherwise.
func compareResponses(_ caseName: String, ours: [UInt8], peer: [UInt8],
                      normalize: (JSON) -> JSON = { $0 }) throws -> ResponseComparison {
    func parse(_ bytes: [UInt8], _ engine: String) throws -> JSON {
        let value: JSON
        do { value = try JSONDecoder().decode(JSON.self, from: Data(bytes)) } catch {
            throw BenchError("\(caseName): \(engine)'s response is not JSON: \(error)\n\(String(decoding: bytes.prefix(300), as: UTF8.self))")
        }
        if let errors = value["errors"] {
            throw BenchError("\(caseName): \(engine)'s response has errors: \(String(decoding: bytes.prefix(1000), as: UTF8.self)) \(errors.short)")
        }
        guard let data = value["data"], data != .null else {
            throw BenchError("\(caseName): \(engine)'s response has no data: \(String(decoding: bytes.prefix(300), as: UTF8.self))")
        }
        return normalize(data)
    }
    let a = try parse(ours, "ours"), b = try parse(peer, "the peer")
    if let difference = a.firstDifference(b) {
        throw BenchError("\(caseName): the engines' data differ at \(difference)")
    }
    return ResponseComparison(oursBytes: ours.count, peerBytes: peer.count, byteIdentical: ours == peer,
                              leaves: a.leafCount)
}

/// Introspection responses are compared after removing what differs for reasons other than the
/// schema: `schema.graphql`'s own types, fields, arguments, enum values, descriptions and type
/// references must all be equal. What is set aside (see docs/performance.md):
///
/// - Order: lists of named things (types, directives, fields, arguments, input fields, enum
///   values, interfaces, possible types) are sorted by name. The spec leaves the order of
///   `__schema.types` open, and GraphQLSwift lists an SDL type's fields and arguments in another
///   order than the SDL's (ours keeps the SDL's, as graphql-js does).
/// - The built-in definitions, compared by name only: the `__` types, the five specified scalars
///   and the five specified directives. The engines follow different spec editions (ours:
///   `includeDeprecated: Boolean!` and `@deprecated(reason: String!)` as in the current draft;
///   the peer's are nullable, its `__DirectiveLocation` has the experimental
///   `FRAGMENT_VARIABLE_DEFINITION`, its `Float` description differs, and its built-in
///   directive descriptions contain a stray backslash before each backtick).
/// - `isOneOf` of a type other than an input object: null in ours (as in graphql-js), false in
///   the peer's.
/// - `defaultValue` of input fields (not of arguments): GraphQLSwift 4.3.0 returns null for all
///   of them (its resolver only handles argument definitions), ours returns the SDL's value.
func normalizeIntrospection(_ data: JSON) -> JSON {
    let specifiedScalars: Set<String> = ["Int", "Float", "String", "Boolean", "ID"]
    let specifiedDirectives: Set<String> = ["include", "skip", "deprecated", "specifiedBy", "oneOf"]
    func name(_ value: JSON) -> String? {
        if case .string(let s)? = value["name"] { return s }
        return nil
    }
    func normalize(_ value: JSON, key: String?) -> JSON {
        switch value {
        case .array(let items):
            var list = items.map { normalize($0, key: key) }
            if list.allSatisfy({ name($0) != nil }) {
                list.sort { name($0)! < name($1)! }
            }
            return .array(list)
        case .object(var members):
            if key == "types", let n = name(value), n.hasPrefix("__") || specifiedScalars.contains(n) {
                return .object(["name": .string(n), "kind": members["kind"] ?? .null])
            }
            if key == "directives", let n = name(value), specifiedDirectives.contains(n) {
                return .object(["name": .string(n)])
            }
            if key == "inputFields" { members["defaultValue"] = .null }
            if members["isOneOf"] == .bool(false), members["kind"] != .string("INPUT_OBJECT") {
                members["isOneOf"] = .null
            }
            for (k, v) in members where k != "defaultValue" || key != "inputFields" {
                members[k] = normalize(v, key: k)
            }
            return .object(members)
        default:
            return value
        }
    }
    return normalize(data, key: nil)
}
