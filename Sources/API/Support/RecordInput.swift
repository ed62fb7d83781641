import CRM
import GraphQLEngine

/// Reading the parts of mutation inputs that records share (phones, e-mails, messengers, custom
/// fields, ids), and writing the list fields back out.
enum RecordInput {
    static func string(_ value: JSONValue) -> String? {
        if case .string(let s) = value { return s }
        return nil
    }

    static func array(_ value: JSONValue) -> [JSONValue] {
        if case .array(let items) = value { return items }
        return []
    }

    static func strings(_ values: [JSONValue]) -> [String] { values.compactMap(string) }

    static func int(_ value: JSONValue) -> Int? {
        if case .int(let v) = value { return v }
        return nil
    }

    /// The row id of the record an input names under `key`; NOT_FOUND when it is not one of `type`.
    static func recordID(_ input: JSONValue?, _ type: String, noun: String, key: String = "id") throws -> Int64 {
        guard case .string(let id)? = input?[key], let rowID = GlobalID.id(id, of: type) else {
            throw ResolverError("No such \(noun).", code: "NOT_FOUND")
        }
        return rowID
    }

    static func requiredVersion(_ input: JSONValue?) throws -> Int {
        guard case .int(let version)? = input?["version"] else { throw ResolverError("version is required.", code: "BAD_USER_INPUT") }
        return version
    }


    /// The row id of a global id of `type`; an id of another type reads as a row that does not
    /// exist (-1), so the service reports it as not found; null clears.
    static func id(_ value: JSONValue, of type: String) -> Int64? {
        guard case .string(let id) = value else { return nil }
        return GlobalID.id(id, of: type) ?? -1
    }

    static func phones(_ value: JSONValue) -> [PhoneEntry] {
        array(value).map { p in
            PhoneEntry(number: string(p["number"] ?? .null) ?? "", kind: (string(p["kind"] ?? .null) ?? "MOBILE").lowercased(),
                       primary: p["primary"] == .bool(true))
        }
    }

    static func emails(_ value: JSONValue) -> [EmailEntry] {
        array(value).map { e in
            EmailEntry(address: string(e["address"] ?? .null) ?? "", kind: (string(e["kind"] ?? .null) ?? "WORK").lowercased(),
                       primary: e["primary"] == .bool(true))
        }
    }

    static func messengers(_ value: JSONValue) -> [MessengerEntry] {
        array(value).map { m in
            MessengerEntry(messenger: (string(m["messenger"] ?? .null) ?? "OTHER").lowercased(), handle: string(m["handle"] ?? .null) ?? "")
        }
    }

    /// Custom fields must be a JSON object; null resets them to `{}`.
    static func customFields(_ value: JSONValue) throws -> String { try jsonObject(value, "customFields") }

    /// A `JSON` argument that must be an object, as text (`{}` for null).
    static func jsonObject(_ value: JSONValue, _ name: String) throws -> String {
        switch value {
        case .object: return value.jsonText
        case .null: return "{}"
        default: throw ResolverError("\(name) must be a JSON object.", code: "BAD_USER_INPUT")
        }
    }
}

/// The list fields of records as the schema's `Phone`, `EmailAddress` and `MessengerHandle`.
enum RecordOutput {
    static func phones(_ phones: [PhoneEntry]) -> [[String: any Sendable]] {
        phones.map { ["number": $0.number, "kind": $0.kind.uppercased(), "primary": $0.primary] }
    }

    static func emails(_ emails: [EmailEntry]) -> [[String: any Sendable]] {
        emails.map { ["address": $0.address, "kind": $0.kind.uppercased(), "primary": $0.primary] }
    }

    static func messengers(_ messengers: [MessengerEntry]) -> [[String: any Sendable]] {
        messengers.map { ["messenger": $0.messenger.uppercased(), "handle": $0.handle] }
    }
}
