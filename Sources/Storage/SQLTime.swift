import CRM
import Foundation

/// Times are stored as UTC RFC 3339 text with milliseconds (`2026-11-29T01:25:19.000Z`), which
/// sorts as text and reads in any SQL tool.
enum SQLTime {
    static func text(_ date: Date) -> String { RFC3339.format(date) }

    static func date(_ text: String?) -> Date? { text.flatMap(RFC3339.parse) }
}
