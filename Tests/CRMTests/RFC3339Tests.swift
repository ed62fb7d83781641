import CRM
import Foundation
import Testing

@Suite struct RFC3339Tests {
    @Test func formatsInUTCWithMilliseconds() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_800_000_000.25)) == "2027-01-15T08:00:00.250Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
    }

    @Test func parsesOffsetsAndFractions() {
        #expect(RFC3339.parse("2026-03-14T09:30:00Z") == Date(timeIntervalSince1970: 1_773_480_600))
        #expect(RFC3339.parse("2026-03-14T12:30:00+03:00") == Date(timeIntervalSince1970: 1_773_480_600))
        #expect(RFC3339.parse("2026-03-14t09:30:00.5z") == Date(timeIntervalSince1970: 1_773_480_600.5))
        #expect(RFC3339.parse("2026-03-14T04:30:00-05:00") == Date(timeIntervalSince1970: 1_773_480_600))
        let now = Date(timeIntervalSince1970: 1_700_000_000.123)
        #expect(RFC3339.parse(RFC3339.format(now)).map { abs($0.timeIntervalSince(now)) < 0.001 } == true)
    }

    @Test func refusesWhatIsNotADateTime() {
        for bad in ["", "2026-03-14", "2026-03-14T09:30:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
                    "2026-03-14T25:00:00Z", "2026-03-14T09:30:00.Z", "2026-03-14T09:30:00+0300", "14.03.2026 09:30",
                    "2026-03-14T09:30:00Zjunk"] {
            #expect(RFC3339.parse(bad) == nil, "\(bad)")
        }
    }
}
