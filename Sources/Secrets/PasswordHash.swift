import COpenSSL

/// Passwords stored as PBKDF2-HMAC-SHA256 with a random salt, in the self-describing form
/// `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`, so the work factor can rise over time
/// and old hashes still verify.
public struct PasswordHasher: Sendable {
    /// Iterations for new hashes: 600,000 is OWASP's figure for PBKDF2-HMAC-SHA256.
    public let iterations: Int

    public init(iterations: Int = 600_000) {
        self.iterations = iterations
    }

    /// A new salted hash of `password`.
    public func hash(_ password: String) -> String {
        let salt = SecureRandom.bytes(16)
        let key = Self.derive(password, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(Encoding.hex(salt))$\(Encoding.hex(key))"
    }

    /// Whether `password` matches a stored hash (in constant time for the comparison).
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
              let salt = Encoding.fromHex(String(parts[2])), let expected = Encoding.fromHex(String(parts[3])) else {
            return false
        }
        let key = Self.derive(password, salt: salt, iterations: rounds)
        return Digest.constantTimeEquals(key, expected)
    }

    static func derive(_ password: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let passwordBytes = Array(password.utf8).map { CChar(bitPattern: $0) }
        passwordBytes.withUnsafeBufferPointer { p in
            salt.withUnsafeBufferPointer { s in
                out.withUnsafeMutableBufferPointer { o in
                    _ = PKCS5_PBKDF2_HMAC(p.baseAddress, Int32(p.count), s.baseAddress, Int32(s.count), Int32(iterations),
                                          EVP_sha256(), 32, o.baseAddress)
                }
            }
        }
        return out
    }
}
