import Foundation
import Testing
@testable import CRM

@Suite struct WordStemmerTests {
    @Test(arguments: [
        (["счёт", "счета", "счёта", "счету", "счётом", "счетов", "счёте"], "счет"),
        (["оплата", "оплаты", "оплату", "оплатой", "оплатить", "оплатил"], "оплат"),
        (["телефония", "телефонию", "телефонии"], "телефон"),
        (["доставка", "доставки", "доставку", "доставкой"], "доставк"),
        (["контактное", "контактного", "контактным"], "контактн"),
        (["клиент", "клиента", "клиентов", "клиентами"], "клиент"),
    ])
    func russianWordFormsShareAStem(_ forms: [String], _ stem: String) {
        for form in forms { #expect(WordStemmer.stem(form) == stem, "\(form)") }
    }

    @Test(arguments: [
        ("вагоне", "вагон"), ("важнейшие", "важн"), ("взяла", "взял"), ("валялась", "валя"), ("подключение", "подключен"),
        ("подключить", "подключ"), ("сделавши", "сдела"), ("красивейший", "красив"), ("длинный", "длин"), ("общительность", "общительн"),
        ("я", "я"), ("в", "в"), ("ммм", "ммм"),
    ])
    func russianSnowballSteps(_ word: String, _ stem: String) {
        #expect(WordStemmer.stem(word) == stem)
    }

    @Test(arguments: [
        ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("feed", "feed"), ("agreed", "agre"), ("plastered", "plaster"),
        ("motoring", "motor"), ("sing", "sing"), ("hopping", "hop"), ("falling", "fall"), ("filing", "file"), ("happy", "happi"),
        ("relational", "relat"), ("conditional", "condit"), ("generalization", "gener"), ("oscillators", "oscil"), ("hopeful", "hope"),
        ("goodness", "good"), ("adoption", "adopt"), ("controlling", "control"), ("connection", "connect"), ("connected", "connect"),
        ("connecting", "connect"), ("invoices", "invoic"), ("invoice", "invoic"), ("payments", "payment"), ("is", "is"),
    ])
    func englishPorterSteps(_ word: String, _ stem: String) {
        #expect(WordStemmer.stem(word) == stem)
    }

    @Test func textBecomesStemsOfItsWords() {
        #expect(WordStemmer.stems("Счёт на оплату №15, Invoices!") == "счет на оплат 15 invoic")
        // Query syntax is only punctuation to the stemmer.
        #expect(WordStemmer.stems(#"NEAR("оплата" счёт*) -x OR"#) == "near оплат счет x or")
        // Other scripts are lowercased; diacritics go.
        #expect(WordStemmer.stems("Straße CAFÉ Über") == "straße cafe uber")
        #expect(WordStemmer.stems("") == "")
    }
}

@Suite struct KnowledgeSearchTextTests {
    @Test func functionWordsAreLeftOutUnlessAlone() {
        #expect(KnowledgeSearchText("Как оплатить счёт?").stems == ["оплат", "счет"])
        #expect(KnowledgeSearchText("how to pay invoices").stems == ["pai", "invoic"])
        #expect(KnowledgeSearchText("как").stems == ["как"])
        #expect(KnowledgeSearchText(" *** ").isEmpty)
        #expect(KnowledgeSearchText((1...50).map { "слово\($0)" }.joined(separator: " ")).stems.count == 32)
    }

    @Test func longStemsMatchAsPrefixes() {
        let text = KnowledgeSearchText("подключить кот")
        #expect(text.matches("подключен"))
        #expect(text.matches("кот"))
        #expect(!text.matches("котел"))
        #expect(!text.matches("подклю"))
    }

    @Test func snippetMarksMatchesAroundTheFirstAndEscapesTheRest() {
        let body = "Вступление. <script>alert(1)</script> Счёт на оплату приходит на почту, & оплатите счета вовремя."
        let snippet = KnowledgeSearchText("счета").snippet(title: "Оплата", body: body, tags: [])
        #expect(snippet == "Вступление. &lt;script&gt;alert(1)&lt;/script&gt; <mark>Счёт</mark> на оплату приходит на почту, &amp; "
                + "оплатите <mark>счета</mark> вовремя.")
    }

    @Test func longBodiesAreCutAroundTheMatch() {
        let words = (1...100).map { "слово\($0)" }
        let body = (words[..<50] + ["доставка"] + words[50...]).joined(separator: "\n\n")
        let snippet = KnowledgeSearchText("доставки").snippet(title: "T", body: body, tags: [], words: 10)
        #expect(snippet == "…слово49 слово50 <mark>доставка</mark> слово51 слово52 слово53 слово54 слово55 слово56 слово57…")
    }

    @Test func withoutABodyMatchTheTitleOrTagsAreShown() {
        let text = KnowledgeSearchText("тарифы")
        #expect(text.snippet(title: "Новые тарифы <2027>", body: "Текст.", tags: []) == "Новые <mark>тарифы</mark> &lt;2027&gt;")
        #expect(text.snippet(title: "Цены", body: "Текст.", tags: ["доставка", "Тарифы"]) == "доставка, <mark>Тарифы</mark>")
    }
}
