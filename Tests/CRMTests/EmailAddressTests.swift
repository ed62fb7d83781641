import Foundation
import Testing
@testable import CRM

@Suite struct EmailAddressTests {
    @Test(arguments: [
        "ivan@example.com",
        "ivan.petrov@mail.ru",
        "ivan+crm@gmail.com",
        "o'brien@example.co.uk",
        "a@b.io",
        "user_1-x@sub.domain-name.example.org",
        "!#$%&'*+-/=?^_`{|}~@example.com",
        "info@xn--80ak6aa92e.xn--p1ai",
    ])
    func acceptsCommonAddresses(_ text: String) throws {
        let email = try EmailAddress(text)
        #expect(email.value == text)
        #expect(email.normalized == text.lowercased())
    }

    @Test func trimsAndNormalisesCase() throws {
        let email = try EmailAddress("  Ivan.Petrov@Mail.RU \n")
        #expect(email.value == "Ivan.Petrov@mail.ru")
        #expect(email.normalized == "ivan.petrov@mail.ru")
        #expect(email.localPart == "Ivan.Petrov")
        #expect(email.domain == "mail.ru")
        #expect(email == (try EmailAddress("ivan.petrov@mail.ru")))
        #expect(Set([email, try EmailAddress("IVAN.PETROV@MAIL.RU")]).count == 1)
    }

    @Test func acceptsInternationalisedDomainsAndMailboxes() throws {
        #expect(try EmailAddress("info@Почта.РФ").value == "info@почта.рф")
        #expect(try EmailAddress("иван@почта.рф").normalized == "иван@почта.рф")
        #expect(try EmailAddress("user@münchen.de").domain == "münchen.de")
    }

    @Test func refusesMissingParts() {
        #expect(throws: EmailAddress.Invalid.empty) { try EmailAddress(" ") }
        #expect(throws: EmailAddress.Invalid.wrongNumberOfAtSigns(0)) { try EmailAddress("ivan.example.com") }
        #expect(throws: EmailAddress.Invalid.wrongNumberOfAtSigns(2)) { try EmailAddress("a@b@example.com") }
        #expect(throws: EmailAddress.Invalid.emptyLocalPart) { try EmailAddress("@example.com") }
        #expect(throws: EmailAddress.Invalid.emptyDomain) { try EmailAddress("ivan@") }
        #expect(throws: EmailAddress.Invalid.domainWithoutDot) { try EmailAddress("ivan@localhost") }
    }

    @Test func refusesBadLocalParts() {
        #expect(throws: EmailAddress.Invalid.containsWhitespace) { try EmailAddress("ivan petrov@mail.ru") }
        #expect(throws: EmailAddress.Invalid.misplacedDot) { try EmailAddress(".ivan@mail.ru") }
        #expect(throws: EmailAddress.Invalid.misplacedDot) { try EmailAddress("ivan.@mail.ru") }
        #expect(throws: EmailAddress.Invalid.misplacedDot) { try EmailAddress("ivan..petrov@mail.ru") }
        #expect(throws: EmailAddress.Invalid.invalidLocalCharacter("\"")) { try EmailAddress("\"ivan\"@mail.ru") }
        #expect(throws: EmailAddress.Invalid.invalidLocalCharacter(",")) { try EmailAddress("ivan,petrov@mail.ru") }
        #expect(throws: EmailAddress.Invalid.invalidLocalCharacter("<")) { try EmailAddress("Ivan<ivan@mail.ru>") }
    }

    @Test func refusesBadDomains() {
        #expect(throws: EmailAddress.Invalid.invalidDomainLabel("")) { try EmailAddress("ivan@mail..ru") }
        #expect(throws: EmailAddress.Invalid.invalidDomainLabel("")) { try EmailAddress("ivan@.mail.ru") }
        #expect(throws: EmailAddress.Invalid.invalidDomainLabel("")) { try EmailAddress("ivan@mail.ru.") }
        #expect(throws: EmailAddress.Invalid.invalidDomainLabel("-mail")) { try EmailAddress("ivan@-mail.ru") }
        #expect(throws: EmailAddress.Invalid.invalidDomainLabel("mail-")) { try EmailAddress("ivan@mail-.ru") }
        #expect(throws: EmailAddress.Invalid.invalidDomainLabel("my_mail")) { try EmailAddress("ivan@my_mail.ru") }
        #expect(throws: EmailAddress.Invalid.invalidDomainLabel("[1")) { try EmailAddress("ivan@[1.2.3.4]") }
        #expect(throws: EmailAddress.Invalid.invalidTopLevelDomain("r")) { try EmailAddress("ivan@mail.r") }
        #expect(throws: EmailAddress.Invalid.invalidTopLevelDomain("123")) { try EmailAddress("ivan@mail.123") }
    }

    @Test func enforcesLengthLimits() throws {
        let local64 = String(repeating: "a", count: 64)
        #expect(try EmailAddress("\(local64)@example.com").value.hasPrefix(local64))
        #expect(throws: EmailAddress.Invalid.localPartTooLong) { try EmailAddress("a\(local64)@example.com") }
        let label63 = String(repeating: "b", count: 63)
        #expect(throws: EmailAddress.Invalid.invalidDomainLabel("b\(label63)")) {
            try EmailAddress("ivan@b\(label63).ru")
        }
        // 64 + 1 + 63 + 1 + 63 + 1 + 61 = 254 bytes: the longest accepted.
        let longest = "\(local64)@\(label63).\(label63).\(String(repeating: "c", count: 61))"
        #expect(longest.utf8.count == 254)
        #expect(try EmailAddress(longest).value == longest)
        #expect(throws: EmailAddress.Invalid.tooLong) { try EmailAddress(longest + "c") }
    }

    @Test func errorsCarryCodeAndMessage() {
        do {
            _ = try EmailAddress("nobody")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "INVALID_EMAIL")
            #expect(error.message == "E-mail must contain @.")
        }
    }

    @Test func codableValidates() throws {
        let decoded = try JSONDecoder().decode([EmailAddress].self, from: Data(#"["Ivan@mail.ru"]"#.utf8))
        #expect(decoded[0].description == "Ivan@mail.ru")
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["Ivan@mail.ru"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([EmailAddress].self, from: Data(#"["ivan@localhost"]"#.utf8)) }
    }
}
