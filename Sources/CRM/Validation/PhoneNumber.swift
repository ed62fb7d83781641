/// A telephone number normalised to E.164 (`+` and 8 to 15 digits), with an optional extension.
///
/// Accepted input, all ending up as the same ``e164``:
/// - separators anywhere in the number: spaces, dashes, dots, slashes, parentheses;
/// - international forms: a leading `+`, or the `00` prefix (`00 44 20 7946 0958`);
/// - national forms, read with a default country calling code (7, Russia and Kazakhstan, unless
///   told otherwise). For zone 7: `8 (495) 123-45-67` and `8-912-345-67-89` (trunk prefix 8),
///   `9123456789` (the 10-digit national number alone), `79123456789` (the `+` left out) and
///   `8 10 44 20 7946 0958` (the Russian international prefix 8‑10). For any other default country
///   one leading trunk `0` is dropped (`020 7946 0958` with 44 → `+442079460958`).
///
/// Numbers in zone 7 must have exactly 10 digits after the 7; other countries are checked only
/// against the E.164 bounds. Nothing is guessed beyond that: `+7 8 912 345-67-89` (a trunk 8 kept
/// after the country code) is refused as too long rather than silently repaired.
///
/// An extension is kept apart, in ``extensionNumber``, not refused: `ext. 12`, `ext12`, `x12`,
/// `доб. 12`, `#12` and the RFC 3966 `;ext=12`, 1 to 8 digits, after the number. Any other letter
/// is refused. The extension takes no part in ``e164`` or ``digits``.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// Why a text is not a valid telephone number.
    public enum Invalid: Error, Hashable, Sendable, CustomStringConvertible {
        /// Nothing but whitespace was given.
        case empty
        /// A letter or symbol that has no place in a telephone number.
        case invalidCharacter(Character)
        /// An extension marker without 1 to 8 digits after it.
        case invalidExtension
        /// Fewer digits than a full number has (the count given).
        case tooFewDigits(Int)
        /// More digits than a full number has (the count given).
        case tooManyDigits(Int)
        /// The digits after `+` or `00` start with 0: no country code does.
        case invalidCountryCode
        /// A number without a country code that fits no national form of the default country,
        /// or any such number when there is no default country.
        case missingCountryCode

        /// The code of the user error this becomes in the API.
        public var code: String { "INVALID_PHONE" }

        /// A sentence to show to the person who typed the number.
        public var message: String {
            switch self {
            case .empty: "Phone number is empty."
            case .invalidCharacter(let c): "Phone number may contain only digits, spaces, - . ( ) and a leading +; found \"\(c)\"."
            case .invalidExtension: "Extension must be 1 to 8 digits after ext., доб., x or #."
            case .tooFewDigits(let n): "Phone number has too few digits (\(n))."
            case .tooManyDigits(let n): "Phone number has too many digits (\(n))."
            case .invalidCountryCode: "Country code cannot start with 0."
            case .missingCountryCode: "Not a recognised national number; write the country code with a leading +."
            }
        }

        public var description: String { message }
    }

    /// The number in E.164: `+` followed by the country code and the national number, e.g. `+74951234567`.
    public let e164: String
    /// The extension's digits, if one was written after the number.
    public let extensionNumber: String?

    /// The E.164 digits without the `+`, e.g. `74951234567`: the key to store and search by.
    public var digits: String { String(e164.dropFirst()) }

    /// Parses and normalises `text`.
    ///
    /// - Parameter defaultCountryCode: the country calling code for numbers written without one
    ///   (7 by default); `nil` refuses national forms and accepts only `+…` or `00…`.
    /// - Throws: ``Invalid`` naming the first problem found.
    public init(_ text: some StringProtocol, defaultCountryCode: Int? = 7) throws(Invalid) {
        let (main, ext) = try Self.split(Substring(text))
        var national = ""
        var international: Bool? = nil  // nil until the first significant character
        for c in main where !c.isWhitespace && !Self.separators.contains(c) {
            if c == "+", international == nil { international = true; continue }
            guard Self.isDigit(c) else { throw .invalidCharacter(c) }
            if international == nil { international = false }
            national.append(c)
        }
        if main.allSatisfy(\.isWhitespace), ext == nil { throw .empty }
        var full: String
        if international == true {
            full = national
        } else if national.hasPrefix("00") {
            full = String(national.dropFirst(2))
        } else {
            full = try Self.nationalToInternational(national, defaultCountryCode: defaultCountryCode)
        }
        if full.hasPrefix("0") { throw .invalidCountryCode }
        let bounds = full.hasPrefix("7") ? 11...11 : 8...15
        if full.count < bounds.lowerBound { throw .tooFewDigits(full.count) }
        if full.count > bounds.upperBound { throw .tooManyDigits(full.count) }
        e164 = "+" + full
        extensionNumber = ext
    }

    /// The number as E.164, followed by `;ext=…` (RFC 3966) when it has an extension.
    public var description: String {
        extensionNumber.map { "\(e164);ext=\($0)" } ?? e164
    }

    /// The digits to search stored ``digits`` with, for a query typed in any format: a query that
    /// is a whole number gives its normalised digits (`8 (912) 345-67-89` → `79123456789`), a
    /// fragment gives its digits as typed (`345-67` → `34567`), to be matched as a substring.
    public static func searchDigits(_ query: some StringProtocol, defaultCountryCode: Int? = 7) -> String {
        if let number = try? PhoneNumber(query, defaultCountryCode: defaultCountryCode) {
            return number.digits
        }
        return String(query.filter(isDigit))
    }

    private static let separators: Set<Character> = ["-", ".", "(", ")", "/"]
    private static let extensionMarkers = [";ext=", "extension", "ext.", "ext", "доб.", "доб", "x", "#"]

    private static func isDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 48 && a <= 57
    }

    /// Splits the number from an extension written after it.
    private static func split(_ text: Substring) throws(Invalid) -> (Substring, String?) {
        guard let start = text.firstIndex(where: { $0.isLetter || $0 == "#" || $0 == ";" }) else {
            return (text, nil)
        }
        let tail = text[start...].lowercased()
        guard let marker = extensionMarkers.first(where: { tail.hasPrefix($0) }) else {
            throw .invalidCharacter(text[start])
        }
        var digits = tail.dropFirst(marker.count).drop { $0.isWhitespace || $0 == "." || $0 == ":" || $0 == "=" }
        while digits.last?.isWhitespace == true { digits = digits.dropLast() }
        guard (1...8).contains(digits.count), digits.allSatisfy(isDigit) else { throw .invalidExtension }
        return (text[..<start], String(digits))
    }

    /// Turns digits written without a country code into country code + national number.
    private static func nationalToInternational(_ digits: String, defaultCountryCode: Int?) throws(Invalid) -> String {
        guard let code = defaultCountryCode, (1...999).contains(code) else { throw .missingCountryCode }
        if code == 7 {
            switch digits.count {
            case 10: return "7" + digits
            case 11 where digits.hasPrefix("8") || digits.hasPrefix("7"): return "7" + digits.dropFirst()
            case 12... where digits.hasPrefix("810"): return String(digits.dropFirst(3))
            case ..<10: throw .tooFewDigits(digits.count)
            default: throw .missingCountryCode
            }
        }
        return String(code) + (digits.hasPrefix("0") ? digits.dropFirst() : Substring(digits))
    }
}

extension PhoneNumber: Codable {
    /// Decodes from a string in the form of ``description`` (E.164, optionally `;ext=…`); a string
    /// without a country code or otherwise invalid is a `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(text, defaultCountryCode: nil) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
