import Foundation
import Testing
@testable import CRM

@Suite struct TaxIDTests {
    @Test(arguments: [
        "7707083893",  // Sberbank
        "7736207543",  // Yandex
        "7728168971",  // Alfa-Bank
        "7830002293",
        "7702070139",  // VTB
        "5406004460",
    ])
    func acceptsRealOrganisationINNs(_ text: String) throws {
        let inn = try TaxID(text)
        #expect(inn.value == text)
        #expect(inn.kind == .organisation)
    }

    @Test func acceptsIndividualINN() throws {
        let inn = try TaxID("500100732259")
        #expect(inn.value == "500100732259")
        #expect(inn.kind == .individual)
    }

    @Test func trimsSurroundingWhitespace() throws {
        #expect(try TaxID("  7707083893\t").value == "7707083893")
        #expect(try TaxID("\u{A0}500100732259\n").value == "500100732259")
    }

    @Test func refusesWrongCheckDigits() {
        #expect(throws: TaxID.Invalid.checksumMismatch) { try TaxID("7707083894") }
        // 12 digits: the 12th digit wrong, then the 11th.
        #expect(throws: TaxID.Invalid.checksumMismatch) { try TaxID("500100732258") }
        #expect(throws: TaxID.Invalid.checksumMismatch) { try TaxID("500100732269") }
        // Two adjacent digits swapped: the commonest typo.
        #expect(throws: TaxID.Invalid.checksumMismatch) { try TaxID("7707038893") }
    }

    @Test func refusesWrongLength() {
        #expect(throws: TaxID.Invalid.wrongLength(9)) { try TaxID("770708389") }
        #expect(throws: TaxID.Invalid.wrongLength(11)) { try TaxID("77070838930") }
        #expect(throws: TaxID.Invalid.wrongLength(13)) { try TaxID("1027700132195") }  // an OGRN, not an INN
    }

    @Test func refusesNonDigits() {
        #expect(throws: TaxID.Invalid.invalidCharacter("A")) { try TaxID("77070838A3") }
        #expect(throws: TaxID.Invalid.invalidCharacter(" ")) { try TaxID("7707 083893") }
        #expect(throws: TaxID.Invalid.invalidCharacter("-")) { try TaxID("7707-083893") }
        // Digits of other scripts are not ASCII digits.
        #expect(throws: TaxID.Invalid.invalidCharacter("٧")) { try TaxID("٧707083893") }
    }

    @Test func refusesEmptyAndAllZeros() {
        #expect(throws: TaxID.Invalid.empty) { try TaxID("") }
        #expect(throws: TaxID.Invalid.empty) { try TaxID("   ") }
        // Both pass the checksum, yet are placeholders.
        #expect(throws: TaxID.Invalid.allZeros) { try TaxID("0000000000") }
        #expect(throws: TaxID.Invalid.allZeros) { try TaxID("000000000000") }
    }

    @Test func errorsCarryCodeAndMessage() {
        do {
            _ = try TaxID("7707083894")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "INVALID_INN")
            #expect(error.message.contains("check digits"))
        }
    }

    @Test func equalityAndDescription() throws {
        #expect(try TaxID(" 7707083893 ") == TaxID("7707083893"))
        #expect(try TaxID("7707083893").description == "7707083893")
    }

    @Test func codableValidates() throws {
        let decoded = try JSONDecoder().decode([TaxID].self, from: Data(#"["7707083893"]"#.utf8))
        #expect(decoded[0].description == "7707083893")
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["7707083893"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TaxID].self, from: Data(#"["7707083894"]"#.utf8)) }
    }
}
