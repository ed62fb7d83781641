import Secrets

/// Opaque global ids (`Node.id`): the type name and the row id, base64url-encoded, so clients
/// treat them as opaque while the server can tell which table an id belongs to.
public enum GlobalID {
    public static func encode(_ type: String, _ id: Int64) -> String {
        Encoding.base64URL(Array("\(type):\(id)".utf8))
    }

    /// The type and row id of a global id, or nil when it is not one of ours.
    public static func decode(_ text: String) -> (type: String, id: Int64)? {
        guard let bytes = Encoding.fromBase64URL(text), let decoded = String(bytes: bytes, encoding: .utf8),
              let colon = decoded.firstIndex(of: ":"), let id = Int64(decoded[decoded.index(after: colon)...]) else {
            return nil
        }
        return (String(decoded[..<colon]), id)
    }

    /// The row id of a global id of type `type`, or nil.
    public static func id(_ text: String, of type: String) -> Int64? {
        guard let (t, id) = decode(text), t == type else { return nil }
        return id
    }
}
