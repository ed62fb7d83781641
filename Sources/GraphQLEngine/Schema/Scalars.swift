/// Why a value could not be coerced to a type; the message is shown to the client.
public struct CoercionError: Error, Sendable {
    public let message: String
    /// The document node the error is about, when there is one (e.g. an argument's value).
    public let loc: Location?
    public init(_ message: String, at loc: Location? = nil) {
        self.message = message
        self.loc = loc
    }
}

/// How a scalar checks and converts input — literals written in a document and values given as
/// JSON variables, both to the scalar's value as JSON — and how a resolver's value is written in
/// a response (`serialize`).
public struct ScalarCoercion: Sendable {
    public var parseLiteral: @Sendable (ValueNode) throws(CoercionError) -> JSONValue
    public var parseValue: @Sendable (JSONValue) throws(CoercionError) -> JSONValue
    public var serialize: @Sendable (any Sendable) throws(CoercionError) -> ResultValue

    public init(parseLiteral: @escaping @Sendable (ValueNode) throws(CoercionError) -> JSONValue,
                parseValue: @escaping @Sendable (JSONValue) throws(CoercionError) -> JSONValue,
                serialize: @escaping @Sendable (any Sendable) throws(CoercionError) -> ResultValue = ScalarCoercion.serializeAny) {
        self.parseLiteral = parseLiteral
        self.parseValue = parseValue
        self.serialize = serialize
    }

    /// Writes strings, numbers, booleans and JSON values as they are.
    public static let serializeAny: @Sendable (any Sendable) throws(CoercionError) -> ResultValue = { value throws(CoercionError) in
        switch value {
        case let s as String: return .string(s)
        case let i as Int: return .int(i)
        case let d as Double: return .double(d)
        case let b as Bool: return .bool(b)
        case let j as JSONValue: return .json(j)
        case let i as Int32: return .int(Int(i))
        case let i as Int64: return .int(Int(i))
        case let s as Substring: return .string(String(s))
        default: throw CoercionError("Cannot represent value: \(inspectAny(value))")
        }
    }

    /// What a scalar declared in SDL accepts until the application says otherwise: any literal
    /// without variables and any JSON value, unchanged (graphql-js's `buildASTSchema` default).
    public static let passThrough = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            guard let value = node.untypedJSON() else {
                throw CoercionError("Variables are not allowed in this literal")
            }
            return value
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in value },
        serialize: serializeAny
    )
}

/// The spec's five scalars (§3.5) with its coercion rules; Int is 32-bit, Float finite.
enum BuiltInScalars {
    static let names: Set<String> = ["Int", "Float", "String", "Boolean", "ID"]

    static func make() -> [ScalarType] {
        [
            ScalarType(name: "Int", description: "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.", coercion: int),
            ScalarType(name: "Float", description: "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).", coercion: float),
            ScalarType(name: "String", description: "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.", coercion: string),
            ScalarType(name: "Boolean", description: "The `Boolean` scalar type represents `true` or `false`.", coercion: boolean),
            ScalarType(name: "ID", description: "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.", coercion: id),
        ]
    }

    static let int = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            guard case .int(let n) = node else {
                throw CoercionError("Int cannot represent non-integer value: \(Printer.print(node))")
            }
            guard let v = Int32(n.value) else {
                throw CoercionError("Int cannot represent non 32-bit signed integer value: \(n.value)")
            }
            return .int(Int(v))
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
            try parseIntValue(value)
        },
        serialize: { (value: any Sendable) throws(CoercionError) -> ResultValue in
            let number: Int
            switch value {
            case let i as Int: number = i
            case let i as Int32: return .int(Int(i))
            case let i as Int64: number = Int(i)
            case let b as Bool: return .int(b ? 1 : 0)
            case let d as Double:
                guard d.isFinite, d.rounded() == d else {
                    throw CoercionError("Int cannot represent non-integer value: \(JSONValue.double(d).inspect)")
                }
                guard let i = Int(exactly: d) else {
                    throw CoercionError("Int cannot represent non 32-bit signed integer value: \(JSONValue.double(d).inspect)")
                }
                number = i
            case let s as String:
                guard let i = Int(s) else { throw CoercionError("Int cannot represent non-integer value: \(JSONValue.string(s).inspect)") }
                number = i
            case let j as JSONValue:
                return .int(try parseIntValue(j).intValue)
            case let i as any BinaryInteger:
                guard let exact = Int(exactly: i) else {
                    throw CoercionError("Int cannot represent non 32-bit signed integer value: \(i)")
                }
                number = exact
            default:
                throw CoercionError("Int cannot represent non-integer value: \(inspectAny(value))")
            }
            guard Int32(exactly: number) != nil else {
                throw CoercionError("Int cannot represent non 32-bit signed integer value: \(number)")
            }
            return .int(number)
        }
    )

    static func parseIntValue(_ value: JSONValue) throws(CoercionError) -> JSONValue {
            switch value {
            case .int(let i):
                guard Int32(exactly: i) != nil else {
                    throw CoercionError("Int cannot represent non 32-bit signed integer value: \(value.inspect)")
                }
                return value
            case .double(let d):
                guard d.isFinite, d.rounded() == d else {
                    throw CoercionError("Int cannot represent non-integer value: \(value.inspect)")
                }
                guard let i = Int32(exactly: d) else {
                    throw CoercionError("Int cannot represent non 32-bit signed integer value: \(value.inspect)")
                }
                return .int(Int(i))
            default:
                throw CoercionError("Int cannot represent non-integer value: \(value.inspect)")
            }
    }

    static let float = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            switch node {
            case .int(let n):
                guard let d = Double(n.value) else { throw CoercionError("Float cannot represent non numeric value: \(n.value)") }
                return .double(d)
            case .float(let n):
                guard let d = Double(n.value), d.isFinite else {
                    throw CoercionError("Float cannot represent non numeric value: \(n.value)")
                }
                return .double(d)
            default:
                throw CoercionError("Float cannot represent non numeric value: \(Printer.print(node))")
            }
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
            switch value {
            case .int(let i): return .double(Double(i))
            case .double(let d) where d.isFinite: return value
            default: throw CoercionError("Float cannot represent non numeric value: \(value.inspect)")
            }
        },
        serialize: { (value: any Sendable) throws(CoercionError) -> ResultValue in
            switch value {
            case let d as Double where d.isFinite: return .double(d)
            case let i as Int: return .double(Double(i))
            case let f as Float where f.isFinite: return .double(Double(f))
            case let b as Bool: return .double(b ? 1 : 0)
            case let s as String:
                guard let d = Double(s), d.isFinite else { throw CoercionError("Float cannot represent non numeric value: \(JSONValue.string(s).inspect)") }
                return .double(d)
            case let j as JSONValue:
                switch j {
                case .int(let i): return .double(Double(i))
                case .double(let d) where d.isFinite: return .double(d)
                default: throw CoercionError("Float cannot represent non numeric value: \(j.inspect)")
                }
            case let i as any BinaryInteger: return .double(Double(i))
            default: throw CoercionError("Float cannot represent non numeric value: \(inspectAny(value))")
            }
        }
    )

    static let string = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = node else {
                throw CoercionError("String cannot represent a non string value: \(Printer.print(node))")
            }
            return .string(s.value)
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
            guard case .string = value else {
                throw CoercionError("String cannot represent a non string value: \(value.inspect)")
            }
            return value
        },
        serialize: { (value: any Sendable) throws(CoercionError) -> ResultValue in
            switch value {
            case let s as String: return .string(s)
            case let s as Substring: return .string(String(s))
            case let b as Bool: return .string(b ? "true" : "false")
            case let i as Int: return .string(String(i))
            case let d as Double where d.isFinite: return .string(JSONValue.double(d).inspect)
            case let j as JSONValue:
                if case .string(let s) = j { return .string(s) }
                throw CoercionError("String cannot represent value: \(j.inspect)")
            default: throw CoercionError("String cannot represent value: \(inspectAny(value))")
            }
        }
    )

    static let boolean = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            guard case .boolean(let b) = node else {
                throw CoercionError("Boolean cannot represent a non boolean value: \(Printer.print(node))")
            }
            return .bool(b.value)
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
            guard case .bool = value else {
                throw CoercionError("Boolean cannot represent a non boolean value: \(value.inspect)")
            }
            return value
        },
        serialize: { (value: any Sendable) throws(CoercionError) -> ResultValue in
            switch value {
            case let b as Bool: return .bool(b)
            case let i as Int: return .bool(i != 0)
            case let d as Double where d.isFinite: return .bool(d != 0)
            case let j as JSONValue:
                if case .bool(let b) = j { return .bool(b) }
                throw CoercionError("Boolean cannot represent a non boolean value: \(j.inspect)")
            default: throw CoercionError("Boolean cannot represent a non boolean value: \(inspectAny(value))")
            }
        }
    )

    static let id = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            switch node {
            case .string(let s): return .string(s.value)
            case .int(let n): return .string(n.value)
            default:
                throw CoercionError("ID cannot represent a non-string and non-integer value: \(Printer.print(node))")
            }
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
            switch value {
            case .string: return value
            case .int(let i): return .string(String(i))
            case .double(let d) where d.rounded() == d && abs(d) < 9.007199254740992e15: return .string(String(Int(d)))
            default: throw CoercionError("ID cannot represent value: \(value.inspect)")
            }
        },
        serialize: { (value: any Sendable) throws(CoercionError) -> ResultValue in
            switch value {
            case let s as String: return .string(s)
            case let i as Int: return .string(String(i))
            case let s as Substring: return .string(String(s))
            case let j as JSONValue:
                switch j {
                case .string(let s): return .string(s)
                case .int(let i): return .string(String(i))
                default: throw CoercionError("ID cannot represent value: \(j.inspect)")
                }
            case let i as any BinaryInteger: return .string(String(i))
            default: throw CoercionError("ID cannot represent value: \(inspectAny(value))")
            }
        }
    )
}

extension ValueNode {
    /// The literal as JSON without a type to guide it (enum values become strings); nil if it
    /// contains a variable.
    public func untypedJSON() -> JSONValue? {
        switch self {
        case .variable: return nil
        case .int(let n): return Int(n.value).map(JSONValue.int) ?? Double(n.value).map(JSONValue.double)
        case .float(let n): return Double(n.value).map(JSONValue.double)
        case .string(let s): return .string(s.value)
        case .boolean(let b): return .bool(b.value)
        case .null: return .null
        case .enumValue(let e): return .string(e.value)
        case .list(let l):
            var items: [JSONValue] = []
            items.reserveCapacity(l.values.count)
            for v in l.values {
                guard let j = v.untypedJSON() else { return nil }
                items.append(j)
            }
            return .array(items)
        case .object(let o):
            var members: [JSONMember] = []
            for f in o.fields {
                guard let j = f.value.untypedJSON() else { return nil }
                members.append(JSONMember(f.name.value, j))
            }
            return .object(members)
        }
    }
}

extension JSONValue {
    /// The value as graphql-js's `inspect` shows it in messages: strings quoted, objects `{ a: 1 }`.
    public var inspect: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            return JSONText.javaScriptNumber(d)
        case .string(let s): return "\"" + s.replacingQuotes() + "\""
        case .array(let a): return "[" + a.map(\.inspect).joined(separator: ", ") + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{ " + members.map { "\($0.key): \($0.value.inspect)" }.joined(separator: ", ") + " }"
        }
    }
}

private extension String {
    func replacingQuotes() -> String {
        var out = ""
        for c in unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

extension JSONValue {
    /// The integer of an `.int` (0 otherwise), for values already coerced to Int.
    var intValue: Int {
        if case .int(let i) = self { return i }
        return 0
    }
}

/// A resolver's value as graphql-js's `inspect` shows it in messages: strings quoted, numbers as
/// JavaScript writes them.
func inspectAny(_ value: any Sendable) -> String {
    switch value {
    case let s as String: return JSONValue.string(s).inspect
    case let d as Double: return JSONValue.double(d).inspect
    case let f as Float: return JSONValue.double(Double(f)).inspect
    case let j as JSONValue: return j.inspect
    default: return "\(value)"
    }
}
