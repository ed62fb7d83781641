import Testing
@testable import Secrets

@Suite struct SecretsTests {
    @Test func sha256MatchesKnownVectors() {
        #expect(Digest.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hmacMatchesRFC4231() {
        // RFC 4231 test case 2.
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Encoding.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func pbkdf2MatchesRFC7914() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256, "passwd"/"salt", 1 iteration (first 32 bytes).
        let key = PasswordHasher.derive("passwd", salt: Array("salt".utf8), iterations: 1)
        #expect(Encoding.hex(key) == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
    }

    @Test func passwordsVerifyAndWrongOnesDoNot() {
        let hasher = PasswordHasher(iterations: 1_000)
        let stored = hasher.hash("correct horse")
        #expect(stored.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(hasher.verify("correct horse", against: stored))
        #expect(!hasher.verify("correct hors", against: stored))
        #expect(!hasher.verify("correct horse", against: "garbage"))
        // Two hashes of one password differ (random salt).
        #expect(hasher.hash("x") != hasher.hash("x"))
        // The default work factor is the slow one.
        #expect(PasswordHasher().iterations >= 600_000)
    }

    @Test func encodings() {
        #expect(Encoding.base64URL([0xFB, 0xFF]) == "-_8")
        #expect(Encoding.base64URL(Array("Man".utf8)) == "TWFu")
        #expect(Encoding.fromHex("00ff10") == [0, 255, 16])
        #expect(Encoding.fromHex("0g") == nil)
        #expect(SecureRandom.token().count == 43)
        #expect(Digest.constantTimeEquals([1, 2], [1, 2]) && !Digest.constantTimeEquals([1, 2], [1, 3]))
    }
}

/// Sealed secrets open with their key only, and only as sealed.
@Suite struct SecretBoxTests {
    @Test func sealedSecretsOpenWithTheirKeyOnly() throws {
        let box = try SecretBox(key: SecretBox.newKey())
        let sealed = box.seal(Array(#"{"apiSecret":"s3cr3t"}"#.utf8))
        #expect(sealed.hasPrefix("v1.") && !sealed.contains("s3cr3t"))
        #expect(try box.open(sealed) == Array(#"{"apiSecret":"s3cr3t"}"#.utf8))
        // A fresh nonce each time: the same secret never seals the same way twice.
        #expect(box.seal([1, 2, 3]) != box.seal([1, 2, 3]))
        #expect(try box.open(box.seal([])) == [])
        let other = try SecretBox(key: SecretBox.newKey())
        #expect(throws: SecretBox.Failure.self) { try other.open(sealed) }
        // One changed character fails authentication.
        var altered = Array(sealed)
        altered[10] = altered[10] == "A" ? "B" : "A"
        #expect(throws: SecretBox.Failure.self) { try box.open(String(altered)) }
        #expect(throws: SecretBox.Failure.self) { try box.open("plain text") }
        #expect(throws: SecretBox.Failure.self) { try SecretBox(key: [1, 2, 3]) }
    }

    @Test func base64URLRoundTrips() {
        for length in 0..<10 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) & 0xFF) }
            #expect(Encoding.fromBase64URL(Encoding.base64URL(bytes)) == bytes)
        }
        #expect(Encoding.fromBase64URL("a") == nil)
        #expect(Encoding.fromBase64URL("ab+/") == nil)
    }
}
