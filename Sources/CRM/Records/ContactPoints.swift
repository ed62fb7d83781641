import Foundation

/// Checking and normalising the phones, e-mails and messenger handles of a record (clients and
/// contacts alike): phones to E.164, e-mails validated, duplicates dropped, exactly one primary.
/// Problems are reported with the path of the item (`["phones", "0", "number"]`).
public enum ContactPoints {
    public typealias Report = (_ path: [String], _ message: String, _ code: String) -> Void

    public static func phones(_ entries: [PhoneEntry], report: Report) -> [PhoneEntry] {
        var result: [PhoneEntry] = []
        var seen = Set<String>()
        for (i, phone) in entries.enumerated() {
            do throws(PhoneNumber.Invalid) {
                let e164 = try PhoneNumber(phone.number).e164
                if seen.insert(e164).inserted { result.append(PhoneEntry(number: e164, kind: phone.kind, primary: phone.primary)) }
            } catch {
                report(["phones", String(i), "number"], error.message, "INVALID_PHONE")
            }
        }
        return onePrimary(result, \.primary)
    }

    public static func emails(_ entries: [EmailEntry], report: Report) -> [EmailEntry] {
        var result: [EmailEntry] = []
        var seen = Set<String>()
        for (i, email) in entries.enumerated() {
            do throws(EmailAddress.Invalid) {
                let address = try EmailAddress(email.address)
                if seen.insert(address.normalized).inserted {
                    result.append(EmailEntry(address: address.value, kind: email.kind, primary: email.primary))
                }
            } catch {
                report(["emails", String(i), "address"], error.message, "INVALID_EMAIL")
            }
        }
        return onePrimary(result, \.primary)
    }

    public static func messengers(_ entries: [MessengerEntry], report: Report) -> [MessengerEntry] {
        var result: [MessengerEntry] = []
        for (i, m) in entries.enumerated() {
            let handle = m.handle.trimmingCharacters(in: .whitespacesAndNewlines).trimmingPrefix("@")
            if handle.isEmpty {
                report(["messengers", String(i), "handle"], "Enter the handle.", "REQUIRED")
                continue
            }
            result.append(MessengerEntry(messenger: m.messenger, handle: String(handle)))
        }
        return result
    }

    /// Exactly one primary entry (the first marked, else the first), when there are any.
    static func onePrimary<T>(_ entries: [T], _ primary: WritableKeyPath<T, Bool>) -> [T] {
        guard !entries.isEmpty else { return entries }
        let chosen = entries.firstIndex { $0[keyPath: primary] } ?? 0
        return entries.enumerated().map { i, entry in
            var e = entry
            e[keyPath: primary] = i == chosen
            return e
        }
    }
}
