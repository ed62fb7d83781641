import COpenSSL

/// Encrypts small secrets (channel and PBX credentials) for storage: AES-256-GCM with a fresh
/// 96-bit nonce per value, written as `v1.` + base64url(nonce ‖ ciphertext ‖ tag). The key never
/// leaves the process; a value sealed under another key, or altered, does not open.
public struct SecretBox: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let key: [UInt8]

    /// A box with a 32-byte key.
    public init(key: [UInt8]) throws {
        guard key.count == 32 else { throw Failure(description: "a secret key has 32 bytes, not \(key.count)") }
        self.key = key
    }

    /// A new random key (32 bytes).
    public static func newKey() -> [UInt8] { SecureRandom.bytes(32) }

    /// The sealed form of `plaintext`.
    public func seal(_ plaintext: [UInt8]) -> String {
        let nonce = SecureRandom.bytes(12)
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: 16)
        let ok = run { context in
            var length: Int32 = 0
            guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1,
                  EVP_EncryptUpdate(context, &out, &length, plaintext, Int32(plaintext.count)) == 1 else { return false }
            var final: Int32 = 0
            guard out.withUnsafeMutableBufferPointer({ EVP_EncryptFinal_ex(context, $0.baseAddress! + Int(length), &final) }) == 1,
                  EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, 16, &tag) == 1 else { return false }
            out.removeLast(out.count - Int(length + final))
            return true
        }
        precondition(ok, "AES-256-GCM encryption failed")
        return "v1." + Encoding.base64URL(nonce + out + tag)
    }

    /// The plaintext of a sealed value; throws when it is not one or does not authenticate.
    public func open(_ sealed: String) throws -> [UInt8] {
        guard sealed.hasPrefix("v1."), let bytes = Encoding.fromBase64URL(String(sealed.dropFirst(3))), bytes.count >= 28 else {
            throw Failure(description: "not a sealed secret")
        }
        let nonce = Array(bytes[0..<12])
        var tag = Array(bytes[(bytes.count - 16)...])
        let ciphertext = Array(bytes[12..<(bytes.count - 16)])
        var out = [UInt8](repeating: 0, count: ciphertext.count + 16)
        let ok = run { context in
            var length: Int32 = 0
            guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1,
                  EVP_DecryptUpdate(context, &out, &length, ciphertext, Int32(ciphertext.count)) == 1,
                  EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, 16, &tag) == 1 else { return false }
            var final: Int32 = 0
            guard out.withUnsafeMutableBufferPointer({ EVP_DecryptFinal_ex(context, $0.baseAddress! + Int(length), &final) }) == 1 else { return false }
            out.removeLast(out.count - Int(length + final))
            return true
        }
        guard ok else { throw Failure(description: "the secret does not open with this key (altered, or sealed under another key)") }
        return out
    }

    private func run(_ body: (OpaquePointer) -> Bool) -> Bool {
        guard let context = EVP_CIPHER_CTX_new() else { return false }
        defer { EVP_CIPHER_CTX_free(context) }
        return body(context)
    }
}

extension Encoding {
    /// Bytes from unpadded base64url text (as ``base64URL(_:)`` writes it), or nil when it is not that.
    public static func fromBase64URL(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for c in text.utf8 {
            switch c {
            case 0x41...0x5A: values.append(c - 0x41)
            case 0x61...0x7A: values.append(c - 0x61 + 26)
            case 0x30...0x39: values.append(c - 0x30 + 52)
            case UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "_"): values.append(63)
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var i = 0
        while i < values.count {
            let chunk = values[i..<min(i + 4, values.count)]
            var n: UInt32 = 0
            for (k, v) in chunk.enumerated() { n |= UInt32(v) << (18 - 6 * k) }
            out.append(UInt8(n >> 16 & 0xFF))
            if chunk.count > 2 { out.append(UInt8(n >> 8 & 0xFF)) }
            if chunk.count > 3 { out.append(UInt8(n & 0xFF)) }
            i += 4
        }
        return out
    }
}
