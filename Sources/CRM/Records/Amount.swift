import Foundation

/// Money amounts as exact decimal text (`"1250.50"`): never a binary float. At most 18 digits
/// before the point and 6 after; leading zeros dropped; never negative where money is meant.
public enum Amount {
    public struct Invalid: Error, Equatable, Sendable {
        public let message: String
        public let code: String
    }

    /// The canonical text of a non-negative amount, or why it is refused.
    public static func normalize(_ text: String) throws(Invalid) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        var digits = Substring(t)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
            throw Invalid(message: "\"\(text)\" is not a decimal amount such as 1250.50.", code: "INVALID")
        }
        var whole = String(parts[0].drop(while: { $0 == "0" }))
        if whole.isEmpty { whole = "0" }
        let fraction = parts.count == 2 ? String(parts[1]) : nil
        let isZero = whole == "0" && (fraction?.allSatisfy { $0 == "0" } ?? true)
        if negative && !isZero { throw Invalid(message: "The amount cannot be negative.", code: "OUT_OF_RANGE") }
        if whole.count > 18 || (fraction?.count ?? 0) > 6 {
            throw Invalid(message: "At most 18 digits before the point and 6 after.", code: "OUT_OF_RANGE")
        }
        return fraction.map { whole + "." + $0 } ?? whole
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
