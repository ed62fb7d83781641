import Foundation

/// RFC 3339 timestamps without a formatter object: written in UTC with milliseconds
/// (`2026-11-29T01:25:19.000Z`, which sorts as text), read with any offset and any number of
/// fractional digits. Used for the API's `DateTime` and for times stored in the database.
public enum RFC3339 {
    /// `date` in UTC with milliseconds and `Z`.
    public static func format(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = ms - seconds * 1000
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        var out = [UInt8]()
        out.reserveCapacity(24)
        func digits(_ value: Int, _ count: Int) {
            var v = value
            var buffer = [UInt8](repeating: 0x30, count: count)
            var i = count - 1
            while i >= 0 {
                buffer[i] = UInt8(0x30 + v % 10)
                v /= 10
                i -= 1
            }
            out.append(contentsOf: buffer)
        }
        digits(Int(parts.tm_year) + 1900, 4); out.append(0x2D)
        digits(Int(parts.tm_mon) + 1, 2); out.append(0x2D)
        digits(Int(parts.tm_mday), 2); out.append(0x54)
        digits(Int(parts.tm_hour), 2); out.append(0x3A)
        digits(Int(parts.tm_min), 2); out.append(0x3A)
        digits(Int(parts.tm_sec), 2); out.append(0x2E)
        digits(Int(millis), 3); out.append(0x5A)
        return String(decoding: out, as: UTF8.self)
    }

    /// The instant an RFC 3339 date-time names (`2026-03-14T09:30:00Z`,
    /// `2026-03-14T12:30:00.5+03:00`), or nil when the text is not one.
    public static func parse(_ text: String) -> Date? {
        let c = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= c.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard c[i] >= 0x30, c[i] <= 0x39 else { return nil }
                v = v * 10 + Int(c[i] - 0x30)
            }
            return v
        }
        guard c.count >= 20, c[4] == 0x2D, c[7] == 0x2D, c[10] | 0x20 == 0x74, c[13] == 0x3A, c[16] == 0x3A,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var i = 19
        var fraction = 0.0
        if i < c.count, c[i] == 0x2E {
            i += 1
            var scale = 0.1
            let start = i
            while i < c.count, c[i] >= 0x30, c[i] <= 0x39 {
                fraction += Double(c[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < c.count else { return nil }
        var offset = 0
        if c[i] | 0x20 == 0x7A {
            i += 1
        } else if c[i] == 0x2B || c[i] == 0x2D {
            guard let oh = number(i + 1, 2), i + 3 < c.count, c[i + 3] == 0x3A, let om = number(i + 4, 2),
                  oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (c[i] == 0x2D ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == c.count else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        // timegm normalises impossible dates (31 February): refuse them instead.
        var check = time_t(seconds)
        var back = tm()
        gmtime_r(&check, &back)
        guard back.tm_mday == Int32(day), back.tm_mon == Int32(month - 1) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds - offset) + fraction)
    }
}
