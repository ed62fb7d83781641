import Foundation
import Secrets

/// Write-only secrets of a connection (a PBX line, a channel account): a JSON object of strings
/// sealed by a ``SecretBox``, with the names kept in the clear so the API can show which exist.
public struct SealedCredentials: Equatable, Sendable {
    /// The sealed JSON object; nil when there are no secrets.
    public var sealed: String?
    /// The names of the secrets, sorted.
    public var keys: [String]

    public init(sealed: String? = nil, keys: [String] = []) {
        self.sealed = sealed
        self.keys = keys
    }

    /// The secrets, opened.
    public func open(_ box: SecretBox) throws -> [String: String] {
        guard let sealed else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(try box.open(sealed)))) as? [String: String] ?? [:]
    }

    /// These secrets with a merge patch applied (a name set to nil is removed), sealed anew;
    /// names are 1–100 characters, values at most 4096 bytes (user errors under `field`).
    func merging(_ patch: [String: String?], box: SecretBox, field: String, _ errors: inout Errors) throws -> SealedCredentials {
        var values = try open(box)
        for (key, value) in patch {
            let name = key.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100 else {
                errors.add([field], "Secret names are 1 to 100 characters.", "INVALID")
                continue
            }
            values[name] = value
        }
        if values.values.contains(where: { $0.utf8.count > 4_096 }) { errors.add([field], "A secret is at most 4096 bytes.", "TOO_LONG") }
        guard !values.isEmpty else { return SealedCredentials() }
        return SealedCredentials(sealed: box.seal(Array(try JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]))),
                                 keys: values.keys.sorted())
    }

    /// The history of a change: which secrets exist, and that their values changed — never the values.
    public static func edits(_ a: SealedCredentials, _ b: SealedCredentials) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        if a.keys != b.keys { edits.append(FieldEdit("credentialKeys", old: RecordJSON.tags(a.keys), new: RecordJSON.tags(b.keys))) }
        else if a.sealed != b.sealed { edits.append(FieldEdit("credentials", old: "\"(sealed)\"", new: "\"(sealed, changed)\"")) }
        return edits
    }
}
