import Foundation

/// The records a template's placeholders are filled from; any may be missing.
public struct TemplateRecords: Sendable {
    public var client: Client?
    public var contact: Contact?
    public var deal: Deal?
    /// The name of the deal's stage.
    public var dealStage: String?
    public var inquiry: Inquiry?
    /// The user who writes (the viewer).
    public var user: User?
    public var now: Date
    /// The user's time zone, for `date.today`.
    public var timeZone: TimeZone

    public init(client: Client? = nil, contact: Contact? = nil, deal: Deal? = nil, dealStage: String? = nil, inquiry: Inquiry? = nil,
                user: User? = nil, now: Date, timeZone: TimeZone) {
        self.client = client
        self.contact = contact
        self.deal = deal
        self.dealStage = dealStage
        self.inquiry = inquiry
        self.user = user
        self.now = now
        self.timeZone = timeZone
    }
}

/// A template with its placeholders filled.
public struct RenderedTemplate: Equatable, Sendable {
    public let text: String
    /// Known placeholders that had no value (rendered empty), in order of first use.
    public let missing: [String]
    /// Placeholders that do not exist (left as written), in order of first use.
    public let unknown: [String]
}

/// Template text: plain text with placeholders in double braces, `{{client.name}}` or
/// `{{ client.name }}`. Rendering never escapes anything (answers are plain text).
public enum TemplateText {
    /// Every placeholder there is, with where its value comes from. Phones are E.164, the
    /// primary one or else the first; the same for e-mails.
    public static let placeholders: [(name: String, value: @Sendable (TemplateRecords) -> String?)] = [
        ("client.name", { $0.client?.fields.name }),
        ("client.legalName", { $0.client?.fields.legalName }),
        ("client.inn", { $0.client?.fields.inn }),
        ("client.phone", { $0.client.flatMap { phone($0.fields.phones) } }),
        ("client.email", { $0.client.flatMap { email($0.fields.emails) } }),
        ("contact.name", { $0.contact?.fields.name }),
        ("contact.firstName", { $0.contact?.fields.name.split(separator: " ").first.map(String.init) }),
        ("contact.position", { $0.contact?.fields.position }),
        ("contact.phone", { $0.contact.flatMap { phone($0.fields.phones) } }),
        ("contact.email", { $0.contact.flatMap { email($0.fields.emails) } }),
        ("deal.title", { $0.deal?.fields.title }),
        ("deal.amount", { r in r.deal.flatMap { deal in deal.fields.amount.map { money($0, currency: deal.fields.currency) } } }),
        ("deal.stage", { $0.dealStage }),
        ("inquiry.number", { $0.inquiry?.number }),
        ("inquiry.subject", { $0.inquiry?.fields.subject }),
        ("user.name", { $0.user?.name }),
        ("user.position", { $0.user?.position }),
        ("user.phone", { $0.user?.phone }),
        ("user.email", { $0.user?.email }),
        ("date.today", { r in
            let day = CalendarDate.day(of: r.now, in: r.timeZone).split(separator: "-")
            return day.reversed().joined(separator: ".")
        }),
    ]

    static let values = Dictionary(uniqueKeysWithValues: placeholders.map { ($0.name, $0.value) })

    /// Whether a placeholder exists.
    public static func isKnown(_ name: String) -> Bool { values[name] != nil }

    /// A piece of template text: as written, or a placeholder (its name, and the text as written).
    enum Piece: Equatable {
        case text(Substring)
        case placeholder(String, written: Substring)
    }

    /// The text cut into plain pieces and placeholders: `{{`, a name without braces or line
    /// breaks, `}}`; the name is trimmed (`{{ }}` is plain text). One pass over the text.
    static func pieces(_ text: String) -> [Piece] {
        let chars = Array(text)
        var pieces: [Piece] = []
        var plain = 0, i = 0
        let index = Array(text.indices) + [text.endIndex]
        while i + 1 < chars.count {
            guard chars[i] == "{", chars[i + 1] == "{" else { i += 1; continue }
            var j = i + 2
            while j < chars.count, chars[j] != "{", chars[j] != "}", !chars[j].isNewline { j += 1 }
            guard j + 1 < chars.count, chars[j] == "}", chars[j + 1] == "}" else {
                // No placeholder here; the next one may start at the brace or line break met.
                i = j == i + 2 && j < chars.count && chars[j] == "{" ? i + 1 : j
                continue
            }
            let name = String(chars[(i + 2)..<j]).trimmingCharacters(in: .whitespaces)
            if !name.isEmpty {
                if plain < i { pieces.append(.text(text[index[plain]..<index[i]])) }
                pieces.append(.placeholder(name, written: text[index[i]..<index[j + 2]]))
                plain = j + 2
            }
            i = j + 2
        }
        if plain < chars.count { pieces.append(.text(text[index[plain]...])) }
        return pieces
    }

    /// The placeholders `text` uses, known or not, in order of first use.
    public static func placeholders(in text: String) -> [String] {
        pieces(text).compactMap { if case .placeholder(let name, _) = $0 { name } else { nil } }.uniqued()
    }

    /// `text` with its known placeholders replaced by their values from `records` (empty when
    /// there is none) and unknown ones left as written.
    public static func render(_ text: String, _ records: TemplateRecords) -> RenderedTemplate {
        var out = "", missing: [String] = [], unknown: [String] = []
        for piece in pieces(text) {
            switch piece {
            case .text(let plain):
                out += plain
            case .placeholder(let name, let written):
                guard let value = values[name] else {
                    unknown.append(name)
                    out += written
                    continue
                }
                if let filled = value(records), !filled.isEmpty { out += filled } else { missing.append(name) }
            }
        }
        return RenderedTemplate(text: out, missing: missing.uniqued(), unknown: unknown.uniqued())
    }

    static func phone(_ phones: [PhoneEntry]) -> String? { (phones.first(where: \.primary) ?? phones.first)?.number }

    static func email(_ emails: [EmailEntry]) -> String? { (emails.first(where: \.primary) ?? emails.first)?.address }

    /// An amount for people: thousands apart by spaces, a fraction (when not zero) of at least two
    /// digits after a point, then the currency code — `125 000.50 RUB`, `1 250 RUB`.
    static func money(_ amount: String, currency: String) -> String {
        let parts = amount.split(separator: ".", maxSplits: 1)
        let whole = Array(parts.first ?? "0")
        var grouped = ""
        for (i, digit) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped += " " }
            grouped.append(digit)
        }
        if parts.count == 2 {
            var fraction = String(parts[1])
            while fraction.count > 2 && fraction.hasSuffix("0") { fraction.removeLast() }
            if fraction.contains(where: { $0 != "0" }) {
                grouped += "." + fraction.padding(toLength: max(2, fraction.count), withPad: "0", startingAt: 0)
            }
        }
        return grouped + " " + currency
    }
}
