/// An e-mail address, checked against a practical subset of RFC 5322's `addr-spec`.
///
/// Accepted: `local@domain` after trimming surrounding whitespace, where
/// - the local part is 1 to 64 bytes (UTF-8) of letters, digits and ``allowedLocalSymbols``
///   (RFC 5322 `atext`), with dots only between other characters (no leading, trailing or
///   consecutive dots). Non-ASCII letters are allowed, as RFC 6531 (internationalised mail) does,
///   so Cyrillic mailboxes such as `иван@почта.рф` pass. Quoted local parts (`"a b"@x.ru`) and
///   comments are refused: no CRM user types them, and they break matching;
/// - the domain has at least two labels separated by dots; each label is 1 to 63 characters of
///   letters (any script: IDN such as `почта.рф` is kept in Unicode, not converted to punycode),
///   digits and hyphens, not starting or ending with a hyphen; the last label (the TLD) is at
///   least 2 letters, or a punycode label (`xn--p1ai`). IP literals (`[1.2.3.4]`) are refused;
/// - the whole address is at most 254 bytes (UTF-8).
///
/// Case: the domain is always case-insensitive, so ``value`` lowercases it and keeps the local part
/// as typed (for display and for sending). Strictly the local part is case-sensitive, but no
/// mainstream provider treats it so, and CRMs match addresses case-insensitively; ``normalized`` is
/// the whole address lowercased, and equality and hashing use it: `Ivan@Mail.ru` == `ivan@mail.ru`.
/// No provider-specific rewriting (dots or `+tags` in Gmail) is done.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// Why a text is not a valid e-mail address.
    public enum Invalid: Error, Hashable, Sendable, CustomStringConvertible {
        /// Nothing but whitespace was given.
        case empty
        /// Longer than 254 bytes.
        case tooLong
        /// Whitespace inside the address.
        case containsWhitespace
        /// No `@`, or more than one.
        case wrongNumberOfAtSigns(Int)
        /// Nothing before the `@`.
        case emptyLocalPart
        /// More than 64 bytes before the `@`.
        case localPartTooLong
        /// A character not allowed before the `@`.
        case invalidLocalCharacter(Character)
        /// A dot at the start or end of the local part, or two dots in a row.
        case misplacedDot
        /// Nothing after the `@`.
        case emptyDomain
        /// The domain has a single label, as in `user@localhost`.
        case domainWithoutDot
        /// A domain label that is empty, too long, or has a character or hyphen out of place.
        case invalidDomainLabel(String)
        /// The last label is not at least two letters.
        case invalidTopLevelDomain(String)

        /// The code of the user error this becomes in the API.
        public var code: String { "INVALID_EMAIL" }

        /// A sentence to show to the person who typed the address.
        public var message: String {
            switch self {
            case .empty: "E-mail is empty."
            case .tooLong: "E-mail is longer than 254 characters."
            case .containsWhitespace: "E-mail cannot contain spaces."
            case .wrongNumberOfAtSigns(0): "E-mail must contain @."
            case .wrongNumberOfAtSigns: "E-mail must contain exactly one @."
            case .emptyLocalPart: "E-mail needs a name before the @."
            case .localPartTooLong: "The part of the e-mail before the @ is longer than 64 characters."
            case .invalidLocalCharacter(let c): "E-mail cannot contain \"\(c)\" before the @."
            case .misplacedDot: "The part of the e-mail before the @ cannot start or end with a dot or have two dots in a row."
            case .emptyDomain: "E-mail needs a domain after the @."
            case .domainWithoutDot: "The domain of the e-mail must contain a dot, as in example.com."
            case .invalidDomainLabel(let l): "\"\(l)\" is not a valid part of a domain name."
            case .invalidTopLevelDomain(let l): "\"\(l)\" is not a valid top-level domain."
            }
        }

        public var description: String { message }
    }

    /// Symbols RFC 5322 allows in an unquoted local part besides letters, digits and dots.
    public static let allowedLocalSymbols: Set<Character> = [
        "!", "#", "$", "%", "&", "'", "*", "+", "-", "/", "=", "?", "^", "_", "`", "{", "|", "}", "~",
    ]

    /// The address as typed, trimmed, with the domain lowercased: `Ivan.Petrov@mail.ru`.
    public let value: String
    /// The whole address lowercased, for matching and uniqueness: `ivan.petrov@mail.ru`.
    public let normalized: String

    /// The part before the `@`, as typed.
    public var localPart: Substring { value.prefix { $0 != "@" } }
    /// The part after the `@`, lowercased.
    public var domain: Substring { value.drop { $0 != "@" }.dropFirst() }

    /// Validates and normalises `text`.
    ///
    /// - Throws: ``Invalid`` naming the first problem found.
    public init(_ text: some StringProtocol) throws(Invalid) {
        let text = Substring(text)
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { throw .empty }
        let address = text[first...last]
        if address.utf8.count > 254 { throw .tooLong }
        if address.contains(where: \.isWhitespace) { throw .containsWhitespace }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .wrongNumberOfAtSigns(parts.count - 1) }
        let local = parts[0]
        try Self.checkLocalPart(local)
        let domain = parts[1].lowercased()
        try Self.checkDomain(domain)
        value = local + "@" + domain
        normalized = value.lowercased()
    }

    public var description: String { value }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }

    private static func checkLocalPart(_ local: Substring) throws(Invalid) {
        if local.isEmpty { throw .emptyLocalPart }
        if local.utf8.count > 64 { throw .localPartTooLong }
        for c in local where !(c.isLetter || isASCIIDigit(c) || c == "." || allowedLocalSymbols.contains(c)) {
            throw .invalidLocalCharacter(c)
        }
        if local.first == "." || local.last == "." || local.contains("..") { throw .misplacedDot }
    }

    private static func checkDomain(_ domain: String) throws(Invalid) {
        if domain.isEmpty { throw .emptyDomain }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { throw .domainWithoutDot }
        for label in labels {
            guard (1...63).contains(label.unicodeScalars.count), label.first != "-", label.last != "-",
                  label.allSatisfy({ $0.isLetter || isASCIIDigit($0) || $0 == "-" })
            else { throw .invalidDomainLabel(String(label)) }
        }
        let tld = labels[labels.count - 1]
        guard tld.count >= 2, tld.allSatisfy(\.isLetter) || tld.hasPrefix("xn--") else {
            throw .invalidTopLevelDomain(String(tld))
        }
    }

    private static func isASCIIDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 48 && a <= 57
    }
}

extension EmailAddress: Codable {
    /// Decodes from a string and validates it; an invalid address is a `DecodingError.dataCorrupted`.
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
