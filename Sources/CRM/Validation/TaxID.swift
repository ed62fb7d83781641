/// A Russian taxpayer identification number (ИНН), checked with its official check digits.
///
/// - An organisation's INN has 10 digits; the last is a check digit over the first nine with the
///   weights 2, 4, 10, 3, 5, 9, 4, 6, 8.
/// - An individual's INN (people and sole proprietors) has 12 digits; the 11th is a check digit
///   over the first ten (weights 7, 2, 4, 10, 3, 5, 9, 4, 6, 8) and the 12th over the first eleven
///   (weights 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8).
/// - Each check digit is `(weighted sum mod 11) mod 10`.
///
/// Input may carry surrounding whitespace, which is dropped; anything else that is not an ASCII
/// digit (letters, inner spaces, dashes) is refused, since INNs are written without separators.
///
/// An all-zero INN (`0000000000`, `000000000000`) satisfies the checksum but is a placeholder that
/// people type into forms when they do not know the number; it is refused as ``Invalid/allZeros``.
/// No other structural rule (region or tax-office code) is checked: those tables change over time.
public struct TaxID: Hashable, Sendable, CustomStringConvertible {
    /// Which kind of taxpayer the number belongs to, read from its length.
    public enum Kind: String, Hashable, Sendable {
        /// A legal entity: 10 digits.
        case organisation
        /// A person or a sole proprietor: 12 digits.
        case individual
    }

    /// Why a text is not a valid INN.
    public enum Invalid: Error, Hashable, Sendable, CustomStringConvertible {
        /// Nothing but whitespace was given.
        case empty
        /// A character other than an ASCII digit.
        case invalidCharacter(Character)
        /// The number of digits is neither 10 nor 12.
        case wrongLength(Int)
        /// Every digit is zero: passes the checksum, but is never a real INN.
        case allZeros
        /// A check digit does not match the digits before it.
        case checksumMismatch

        /// The code of the user error this becomes in the API.
        public var code: String { "INVALID_INN" }

        /// A sentence to show to the person who typed the number.
        public var message: String {
            switch self {
            case .empty: "INN is empty."
            case .invalidCharacter(let c): "INN may contain only digits; found \"\(c)\"."
            case .wrongLength(let n): "INN must have 10 digits (organisation) or 12 (individual); got \(n)."
            case .allZeros: "INN cannot be all zeros."
            case .checksumMismatch: "INN check digits do not match; check the number for typos."
            }
        }

        public var description: String { message }
    }

    /// The 10 or 12 digits, without whitespace.
    public let value: String
    /// Organisation (10 digits) or individual (12 digits).
    public let kind: Kind

    /// Validates `text` as an INN.
    ///
    /// - Throws: ``Invalid`` naming the first problem found.
    public init(_ text: some StringProtocol) throws(Invalid) {
        let trimmed = Self.trim(Substring(text))
        if trimmed.isEmpty { throw .empty }
        var digits: [Int] = []
        digits.reserveCapacity(12)
        for c in trimmed {
            guard let a = c.asciiValue, a >= 48, a <= 57 else { throw .invalidCharacter(c) }
            digits.append(Int(a - 48))
        }
        switch digits.count {
        case 10:
            kind = .organisation
            if digits.allSatisfy({ $0 == 0 }) { throw .allZeros }
            guard Self.check(digits, [2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[9] else { throw .checksumMismatch }
        case 12:
            kind = .individual
            if digits.allSatisfy({ $0 == 0 }) { throw .allZeros }
            guard Self.check(digits, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[10],
                  Self.check(digits, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[11]
            else { throw .checksumMismatch }
        default:
            throw .wrongLength(digits.count)
        }
        value = String(trimmed)
    }

    public var description: String { value }

    /// The check digit over the first `weights.count` digits.
    static func check(_ digits: [Int], _ weights: [Int]) -> Int {
        var sum = 0
        for (d, w) in zip(digits, weights) { sum += d * w }
        return sum % 11 % 10
    }

    private static func trim(_ s: Substring) -> Substring {
        guard let first = s.firstIndex(where: { !$0.isWhitespace }),
              let last = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return s[first...last]
    }
}

extension TaxID: Codable {
    /// Decodes from a string and validates it; an invalid INN is a `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
