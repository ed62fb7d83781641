import Foundation
import Testing
@testable import CRM

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("8 (495) 123-45-67", "+74951234567"),
        ("8-912-345-67-89", "+79123456789"),
        ("9123456789", "+79123456789"),
        ("+7 912 345 67 89", "+79123456789"),
        ("+7 (912) 345-67-89", "+79123456789"),
        ("79123456789", "+79123456789"),
        ("8.912.345.67.89", "+79123456789"),
        ("  +7\u{A0}912\u{A0}345-67-89 ", "+79123456789"),
        ("8 800 555-35-35", "+78005553535"),
        ("007 912 345 67 89", "+79123456789"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 (20) 7946-0958", "+442079460958"),
        ("8 10 44 20 7946 0958", "+442079460958"),
        ("+1 (212) 555-0123", "+12125550123"),
        ("+380 50 123 4567", "+380501234567"),
    ])
    func normalisesToE164(_ input: String, _ expected: String) throws {
        let phone = try PhoneNumber(input)
        #expect(phone.e164 == expected)
        #expect(phone.extensionNumber == nil)
        #expect(phone.digits == String(expected.dropFirst()))
    }

    @Test(arguments: [
        ("+7 495 123-45-67 доб. 123", "123"),
        ("8 (495) 123-45-67 ДОБ 45", "45"),
        ("+7 495 123-45-67 ext. 9", "9"),
        ("+74951234567 Ext 12", "12"),
        ("+74951234567x7", "7"),
        ("+74951234567 #1234", "1234"),
        ("+74951234567;ext=1234", "1234"),
    ])
    func keepsExtensionApart(_ input: String, _ ext: String) throws {
        let phone = try PhoneNumber(input)
        #expect(phone.e164 == "+74951234567")
        #expect(phone.extensionNumber == ext)
        #expect(phone.description == "+74951234567;ext=\(ext)")
        // The description reads back as the same number.
        #expect(try PhoneNumber(phone.description, defaultCountryCode: nil) == phone)
    }

    @Test func refusesBadExtensions() {
        #expect(throws: PhoneNumber.Invalid.invalidExtension) { try PhoneNumber("+74951234567 доб.") }
        #expect(throws: PhoneNumber.Invalid.invalidExtension) { try PhoneNumber("+74951234567 ext 123456789") }
        #expect(throws: PhoneNumber.Invalid.invalidExtension) { try PhoneNumber("+74951234567 ext 12a") }
    }

    @Test func refusesLettersAndSymbols() {
        #expect(throws: PhoneNumber.Invalid.invalidCharacter("F")) { try PhoneNumber("8-800-FLOWERS") }
        #expect(throws: PhoneNumber.Invalid.invalidCharacter("т")) { try PhoneNumber("тел. 8 912 345 67 89") }
        #expect(throws: PhoneNumber.Invalid.invalidCharacter("*")) { try PhoneNumber("8 912 345*67*89") }
        #expect(throws: PhoneNumber.Invalid.invalidCharacter("+")) { try PhoneNumber("7+9123456789") }
        #expect(throws: PhoneNumber.Invalid.invalidCharacter("+")) { try PhoneNumber("++79123456789") }
    }

    @Test func refusesEmptyAndWrongDigitCounts() {
        #expect(throws: PhoneNumber.Invalid.empty) { try PhoneNumber("") }
        #expect(throws: PhoneNumber.Invalid.empty) { try PhoneNumber("  ") }
        #expect(throws: PhoneNumber.Invalid.tooFewDigits(0)) { try PhoneNumber("( ) -") }
        #expect(throws: PhoneNumber.Invalid.tooFewDigits(6)) { try PhoneNumber("12-34-56") }
        #expect(throws: PhoneNumber.Invalid.tooFewDigits(7)) { try PhoneNumber("+1234567") }
        #expect(throws: PhoneNumber.Invalid.tooManyDigits(16)) { try PhoneNumber("+1234567890123456") }
        // Zone 7 has exactly 10 digits after the 7.
        #expect(throws: PhoneNumber.Invalid.tooFewDigits(10)) { try PhoneNumber("+7 912 345 67 8") }
        #expect(throws: PhoneNumber.Invalid.tooManyDigits(12)) { try PhoneNumber("+7 8 912 345 67 89") }
    }

    @Test func refusesBadCountryCodes() {
        #expect(throws: PhoneNumber.Invalid.invalidCountryCode) { try PhoneNumber("+0 123 456 7890") }
        #expect(throws: PhoneNumber.Invalid.invalidCountryCode) { try PhoneNumber("000 123 456 7890") }
        // 11 national digits that start with neither 8 nor 7, or 12 without a +.
        #expect(throws: PhoneNumber.Invalid.missingCountryCode) { try PhoneNumber("59123456789") }
        #expect(throws: PhoneNumber.Invalid.missingCountryCode) { try PhoneNumber("380501234567") }
    }

    @Test func defaultCountryIsConfigurable() throws {
        #expect(try PhoneNumber("020 7946 0958", defaultCountryCode: 44).e164 == "+442079460958")
        #expect(try PhoneNumber("030 1234567", defaultCountryCode: 49).e164 == "+49301234567")
        // International forms ignore the default.
        #expect(try PhoneNumber("+7 912 345 67 89", defaultCountryCode: 44).e164 == "+79123456789")
        // Without a default, only international forms pass.
        #expect(throws: PhoneNumber.Invalid.missingCountryCode) {
            try PhoneNumber("8 912 345 67 89", defaultCountryCode: nil)
        }
        #expect(try PhoneNumber("+79123456789", defaultCountryCode: nil).e164 == "+79123456789")
    }

    @Test func anyFormatFindsTheStoredNumber() throws {
        let stored = try PhoneNumber("+7 (912) 345-67-89").digits
        for query in ["8 912 345 67 89", "89123456789", "9123456789", "+7-912-345-67-89"] {
            #expect(PhoneNumber.searchDigits(query) == stored)
        }
        // A fragment keeps its digits, for a substring match.
        #expect(PhoneNumber.searchDigits("345-67") == "34567")
        #expect(stored.contains(PhoneNumber.searchDigits("345-67")))
    }

    @Test func equalityIgnoresFormatting() throws {
        #expect(try PhoneNumber("8 (912) 345-67-89") == PhoneNumber("+79123456789"))
        #expect(try PhoneNumber("+79123456789 доб. 1") != PhoneNumber("+79123456789"))
    }

    @Test func errorsCarryCodeAndMessage() {
        do {
            _ = try PhoneNumber("abc")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "INVALID_PHONE")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func codableValidates() throws {
        let decoded = try JSONDecoder().decode([PhoneNumber].self, from: Data(#"["+74951234567;ext=12"]"#.utf8))
        #expect(decoded[0].description == "+74951234567;ext=12")
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["+74951234567;ext=12"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PhoneNumber].self, from: Data(#"["8 912 345 67 89"]"#.utf8)) }
    }
}
