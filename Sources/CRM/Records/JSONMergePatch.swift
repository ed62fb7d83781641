import Foundation

/// JSON Merge Patch (RFC 7396) over JSON object text: keys of the patch replace those of the
/// target, a key set to null is removed, nested objects merge. Used for custom fields, where a
/// client changes one field without sending the others.
public enum JSONMergePatch {
    /// The merged object as compact JSON text with sorted keys.
    public static func apply(_ patch: String, to target: String) -> String {
        let base = object(target)
        let merged = merge(object(patch), into: base)
        guard let data = try? JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return target }
        return text
    }

    private static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) as? [String: Any] ?? [:]
    }

    private static func merge(_ patch: [String: Any], into target: [String: Any]) -> [String: Any] {
        var result = target
        for (key, value) in patch {
            if value is NSNull {
                result[key] = nil
            } else if let nested = value as? [String: Any] {
                result[key] = merge(nested, into: result[key] as? [String: Any] ?? [:])
            } else {
                result[key] = value
            }
        }
        return result
    }
}
