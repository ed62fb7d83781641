import Foundation

/// Demo clients: 500 organisations and individuals with valid INNs, phones, e-mails and domains,
/// owned by the sales team, generated deterministically so every demo database looks the same.
public enum DemoClients {
    public static let count = 500

    static let forms = ["ООО", "АО", "ПАО", "ООО", "ООО"]
    static let words = ["Ромашка", "Вектор", "Северсталь-Трейд", "ТехноПарк", "Альфа", "Меридиан", "Горизонт", "Импульс",
                        "СтройИнвест", "Квант", "Океан", "Сибирь", "Арктика", "Прогресс", "Лотос", "Энергия", "Старт",
                        "Nordwind", "BlueLine", "Polar Star", "Orion", "Atlas", "Vega", "Zenit", "Baltic Trade"]
    static let suffixes = ["", " Групп", " Логистик", " Плюс", " Сервис", " Трейд", " Консалт", " Ltd", " Systems"]
    static let people = ["Алексей Смирнов", "Мария Иванова", "Сергей Кузнецов", "Ольга Попова", "Иван Васильев",
                         "Татьяна Петрова", "Дмитрий Соколов", "Наталья Михайлова", "John Miller", "Anna Schmidt"]
    static let industries = ["Розничная торговля", "Производство", "Логистика", "IT", "Строительство", "Финансы",
                             "Образование", "Медицина", "HoReCa"]
    static let sources = ["Сайт", "Рекомендация", "Выставка", "Яндекс.Директ", "Холодный звонок", "Telegram"]
    static let tagSets = [["vip"], ["опт"], [], ["розница"], ["vip", "опт"], [], ["партнёр"], []]

    /// A small deterministic generator (an LCG), so the demo data is the same every time.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let firstNames = ["Алексей", "Мария", "Сергей", "Ольга", "Иван", "Татьяна", "Дмитрий", "Наталья", "Андрей", "Екатерина"]
    static let lastNames = ["Смирнов(а)", "Иванов(а)", "Кузнецов(а)", "Попов(а)", "Васильев(а)", "Петров(а)", "Соколов(а)"]
    static let positions = ["Генеральный директор", "Менеджер по закупкам", "Главный бухгалтер", "Руководитель отдела", "Инженер"]

    /// Creates the demo clients, and one to three contacts for each organisation, unless clients
    /// exist; returns how many clients were created.
    public static func seed(clients: any ClientStore, contacts: any ContactStore, identity: any IdentityStore,
                            clock: any WallClock) async throws -> Int {
        let existing = try await clients.clients(ClientQuery(), visibility: .all)
        guard existing.totalCount == 0 else { return 0 }
        let sales = try await identity.users(departmentID: nil).filter { $0.role == .manager || $0.role == .supervisor }
        guard !sales.isEmpty else { return 0 }
        var random = Generator(state: 2026)
        for i in 0..<count {
            let individual = random.next(5) == 0
            let name: String
            let inn: String
            if individual {
                name = people[random.next(people.count)] + (i % 3 == 0 ? "" : " (ИП)")
                inn = innDigits(12, &random)
            } else {
                name = "\(forms[random.next(forms.count)]) «\(words[random.next(words.count)])\(suffixes[random.next(suffixes.count)])» №\(i + 1)"
                inn = innDigits(10, &random)
            }
            let domain = individual ? nil : "client\(i + 1).example.ru"
            // Clients came in over the past year, before their deals (at most 182 days old).
            let created = clock.now().addingTimeInterval(-86_400 * Double(190 + i % 170))
            let phone = "+79" + String(format: "%09d", 100_000_000 + random.next(899_999_999))
            let fields = ClientFields(
                name: name, legalName: individual ? nil : name, inn: inn, webDomain: domain,
                industry: industries[random.next(industries.count)], source: sources[random.next(sources.count)],
                campaign: random.next(4) == 0 ? "Весна-\(2025 + random.next(2))" : nil,
                ownerID: sales[i % sales.count].id, tags: tagSets[random.next(tagSets.count)],
                phones: [PhoneEntry(number: phone, kind: individual ? "mobile" : "work", primary: true)],
                emails: [EmailEntry(address: individual ? "client\(i + 1)@mail.example" : "info@\(domain ?? "example.ru")",
                                    kind: "work", primary: true)],
                address: individual ? nil : "г. Москва, ул. Примерная, д. \(1 + random.next(120))")
            let client = try await clients.insertClient(kind: individual ? .individual : .organisation,
                                                        status: random.next(10) < 7 ? .client : .prospect, fields: fields,
                                                        createdBy: nil, actor: .system, at: created)
            guard !individual else { continue }
            for c in 0..<(1 + random.next(3)) {
                let last = lastNames[random.next(lastNames.count)]
                let female = random.next(2) == 0
                let lastName = female ? last.replacingOccurrences(of: "(а)", with: "а") : last.replacingOccurrences(of: "(а)", with: "")
                let contactPhone = "+79" + String(format: "%09d", 100_000_000 + random.next(899_999_999))
                _ = try await contacts.insertContact(
                    ContactFields(firstName: firstNames[random.next(firstNames.count)], lastName: lastName, clientID: client.id,
                                  position: positions[random.next(positions.count)], ownerID: fields.ownerID,
                                  phones: [PhoneEntry(number: contactPhone, kind: "mobile", primary: true)],
                                  emails: [EmailEntry(address: "contact\(c + 1)@\(domain ?? "example.ru")", kind: "work", primary: true)]),
                    createdBy: nil, at: created.addingTimeInterval(3_600 * Double(c + 1)))
            }
        }
        return count
    }

    /// Random INN digits with correct check digits: 10 for organisations, 12 for individuals.
    static func innDigits(_ length: Int, _ random: inout Generator) -> String {
        var digits = [1 + random.next(9)] + (1..<(length == 10 ? 9 : 10)).map { _ in random.next(10) }
        if length == 10 {
            digits.append(TaxID.check(digits, [2, 4, 10, 3, 5, 9, 4, 6, 8]))
        } else {
            digits.append(TaxID.check(digits, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]))
            digits.append(TaxID.check(digits, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]))
        }
        return digits.map(String.init).joined()
    }
}
