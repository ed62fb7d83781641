import Foundation
import Testing
@testable import CRM

@Suite struct TemplateTextTests {
    static let now = RFC3339.parse("2026-03-31T22:30:00Z")!
    static let moscow = TimeZone(identifier: "Europe/Moscow")!

    static func records() -> TemplateRecords {
        let client = Client(id: 1, kind: .organisation, status: .client, convertedAt: nil,
                            fields: ClientFields(name: "Ромашка", legalName: "ООО «Ромашка»", inn: "7707083893",
                                                 phones: [PhoneEntry(number: "+74951112233", kind: "work", primary: false),
                                                          PhoneEntry(number: "+79160000001", kind: "mobile", primary: true)],
                                                 emails: [EmailEntry(address: "info@romashka.example", kind: "work", primary: false)]),
                            createdAt: now, updatedAt: now, createdBy: nil, version: 1, deletedAt: nil)
        let contact = Contact(id: 2, fields: ContactFields(firstName: "Иван", middleName: "Петрович", lastName: "Сидоров", clientID: 1,
                                                           position: "Закупщик"),
                              createdAt: now, updatedAt: now, createdBy: nil, version: 1, deletedAt: nil)
        let deal = Deal(id: 3, fields: DealFields(title: "Поставка бумаги", amount: "125000.5", currency: "RUB", clientID: 1), pipelineID: 1,
                        stageID: 1, status: .open, lossReason: nil, closedAt: nil, stageEnteredAt: now, stageProbability: 30, stageStallDays: nil,
                        createdAt: now, updatedAt: now, createdBy: nil, version: 1, deletedAt: nil)
        let inquiry = Inquiry(id: 42, fields: InquiryFields(subject: "Не пришёл счёт"), status: .open, rejectionReason: nil, firstRespondedAt: nil,
                              waitingSince: nil, resolvedAt: nil, closedAt: nil, deadlines: [], createdAt: now, updatedAt: now, createdBy: nil,
                              version: 1, deletedAt: nil)
        let user = User(id: 7, name: "Анна Смирнова", email: "anna@example.test", phone: "+74950000007", role: .admin, departmentID: nil,
                        passwordHash: "", createdAt: now, updatedAt: now, createdBy: nil, version: 1, deletedAt: nil)
        return TemplateRecords(client: client, contact: contact, deal: deal, dealStage: "Переговоры", inquiry: inquiry, user: user,
                               now: now, timeZone: moscow)
    }

    @Test func placeholdersAreListedOnceInOrderOfUse() {
        let text = "{{ contact.firstName }}, {{deal.amount}} {{nope}} {{contact.firstName}} {{ }} {{a\nb}} {{{client.name}}}"
        #expect(TemplateText.placeholders(in: text) == ["contact.firstName", "deal.amount", "nope", "client.name"])
        #expect(TemplateText.placeholders(in: "{{ {{client.inn}} }} {{x}y}} {{") == ["client.inn"])
    }

    @Test func everyPlaceholderIsFilledFromItsRecord() {
        let text = TemplateText.placeholders.map { "\($0.name)=[{{\($0.name)}}]" }.joined(separator: "\n")
        let rendered = TemplateText.render(text, Self.records())
        #expect(rendered.missing == ["contact.phone", "contact.email", "user.position"])
        #expect(rendered.unknown == [])
        #expect(rendered.text == """
            client.name=[Ромашка]
            client.legalName=[ООО «Ромашка»]
            client.inn=[7707083893]
            client.phone=[+79160000001]
            client.email=[info@romashka.example]
            contact.name=[Иван Петрович Сидоров]
            contact.firstName=[Иван]
            contact.position=[Закупщик]
            contact.phone=[]
            contact.email=[]
            deal.title=[Поставка бумаги]
            deal.amount=[125 000.50 RUB]
            deal.stage=[Переговоры]
            inquiry.number=[S-000042]
            inquiry.subject=[Не пришёл счёт]
            user.name=[Анна Смирнова]
            user.position=[]
            user.phone=[+74950000007]
            user.email=[anna@example.test]
            date.today=[01.04.2026]
            """)
    }

    @Test func missingValuesAreEmptyAndUnknownPlaceholdersStayAsWritten() {
        let rendered = TemplateText.render("Hi {{contact.name}}, {{ client.nickname }} <b>{{deal.title}}</b> & {{contact.name}}",
                                           TemplateRecords(now: Self.now, timeZone: .gmt))
        #expect(rendered.text == "Hi , {{ client.nickname }} <b></b> & ")
        #expect(rendered.missing == ["contact.name", "deal.title"])
        #expect(rendered.unknown == ["client.nickname"])
        #expect(TemplateText.render("{{date.today}}", TemplateRecords(now: Self.now, timeZone: .gmt)).text == "31.03.2026")
    }

    @Test func valuesAreNeverEscaped() {
        var records = Self.records()
        records.client?.fields.name = "<b>Tom & Jerry</b>"
        #expect(TemplateText.render("{{client.name}}", records).text == "<b>Tom & Jerry</b>")
    }

    @Test(arguments: [
        ("125000.5", "125 000.50 RUB"), ("1250", "1 250 RUB"), ("1250.00", "1 250 RUB"), ("999", "999 RUB"), ("0.125", "0.125 RUB"),
        ("1234567.10", "1 234 567.10 RUB"), ("0", "0 RUB"),
    ])
    func amountsReadAsMoney(_ amount: String, _ text: String) {
        #expect(TemplateText.money(amount, currency: "RUB") == text)
    }

    @Test func demoTemplatesUseKnownPlaceholdersOnly() {
        for template in DemoKnowledge.templates {
            #expect(!template.placeholders.isEmpty && template.placeholders.allSatisfy(TemplateText.isKnown), "\(template.name)")
            #expect(template.shortcut?.hasPrefix("/") == true)
        }
        #expect(Set(DemoKnowledge.templates.compactMap(\.shortcut)).count == DemoKnowledge.templates.count)
    }
}
