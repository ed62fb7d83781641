import CRM
import Foundation
import GraphQLEngine

/// The coercion of the schema's custom scalars: what clients may send and how values are written.
enum CustomScalars {
    /// `DateTime`: RFC 3339; written in UTC with milliseconds and `Z`.
    static let dateTime = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = node else { throw CoercionError("DateTime must be an RFC 3339 string.") }
            return .string(try parseDateTime(s.value))
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = value else { throw CoercionError("DateTime must be an RFC 3339 string.") }
            return .string(try parseDateTime(s))
        },
        serialize: { (value: any Sendable) throws(CoercionError) -> ResultValue in
            guard let date = value as? Date else { throw CoercionError("DateTime cannot represent \(value).") }
            return .string(formatDateTime(date))
        }
    )

    /// `Email`: written as stored.
    static let email = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = node else { throw CoercionError("Email must be a string.") }
            do throws(EmailAddress.Invalid) { return .string(try EmailAddress(s.value).normalized) } catch { throw CoercionError(error.message) }
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = value else { throw CoercionError("Email must be a string.") }
            do throws(EmailAddress.Invalid) { return .string(try EmailAddress(s).normalized) } catch { throw CoercionError(error.message) }
        }
    )

    /// `PhoneNumber`: E.164.
    static let phoneNumber = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = node else { throw CoercionError("PhoneNumber must be a string.") }
            do throws(PhoneNumber.Invalid) { return .string(try PhoneNumber(s.value).e164) } catch { throw CoercionError(error.message) }
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = value else { throw CoercionError("PhoneNumber must be a string.") }
            do throws(PhoneNumber.Invalid) { return .string(try PhoneNumber(s).e164) } catch { throw CoercionError(error.message) }
        }
    )

    /// `Decimal`: exact decimal text (`"1250.50"`, `"-3"`); numbers are refused so no precision is
    /// lost in a client's JSON encoder. Written as stored.
    static let decimal = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = node else { throw CoercionError("Decimal must be a string such as \"1250.50\", not a number.") }
            return .string(try parseDecimal(s.value))
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = value else { throw CoercionError("Decimal must be a string such as \"1250.50\", not a number.") }
            return .string(try parseDecimal(s))
        }
    )

    /// `Date`: a calendar date `YYYY-MM-DD`.
    static let date = ScalarCoercion(
        parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = node else { throw CoercionError("Date must be a string YYYY-MM-DD.") }
            return .string(try parseDate(s.value))
        },
        parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
            guard case .string(let s) = value else { throw CoercionError("Date must be a string YYYY-MM-DD.") }
            return .string(try parseDate(s))
        }
    )

    static func parseDecimal(_ text: String) throws(CoercionError) -> String {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }) else {
            throw CoercionError("Decimal cannot represent \"\(text)\": expected digits with an optional sign and point, e.g. \"1250.50\".")
        }
        return text
    }

    static func parseDate(_ text: String) throws(CoercionError) -> String {
        guard CalendarDate.isValid(text) else { throw CoercionError("Date cannot represent \"\(text)\": expected YYYY-MM-DD, e.g. 2026-03-14.") }
        return text
    }

    static func parseDateTime(_ text: String) throws(CoercionError) -> String {
        guard let date = RFC3339.parse(text) else {
            throw CoercionError("DateTime cannot represent \"\(text)\": expected RFC 3339, e.g. 2026-03-14T09:30:00Z.")
        }
        return RFC3339.format(date)
    }

    static func formatDateTime(_ date: Date) -> String { RFC3339.format(date) }
}
