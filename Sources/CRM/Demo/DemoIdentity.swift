/// Demo departments and users, in Russian as a Russian sales team would have them, so a fresh
/// server can be tried at once. Every demo user signs in with ``password``.
public enum DemoIdentity {
    public static let password = "switchboard-demo"

    struct Person {
        let name: String
        let email: String
        let role: Role
        let department: String?
        let position: String
    }

    static let departments = ["Отдел продаж", "Служба поддержки", "Проектный офис"]

    static let people: [Person] = [
        Person(name: "Анна Смирнова", email: "anna.smirnova@switchboard.test", role: .admin, department: nil, position: "Администратор CRM"),
        Person(name: "Борис Иванов", email: "boris.ivanov@switchboard.test", role: .supervisor, department: "Отдел продаж", position: "Руководитель отдела продаж"),
        Person(name: "Виктория Кузнецова", email: "victoria.kuznetsova@switchboard.test", role: .manager, department: "Отдел продаж", position: "Менеджер по продажам"),
        Person(name: "Григорий Попов", email: "grigory.popov@switchboard.test", role: .manager, department: "Отдел продаж", position: "Менеджер по продажам"),
        Person(name: "Dmitry Sokolov", email: "dmitry.sokolov@switchboard.test", role: .manager, department: "Отдел продаж", position: "Key account manager"),
        Person(name: "Елена Лебедева", email: "elena.lebedeva@switchboard.test", role: .supervisor, department: "Служба поддержки", position: "Руководитель поддержки"),
        Person(name: "Жанна Козлова", email: "zhanna.kozlova@switchboard.test", role: .operator, department: "Служба поддержки", position: "Оператор"),
        Person(name: "Игорь Новиков", email: "igor.novikov@switchboard.test", role: .operator, department: "Служба поддержки", position: "Оператор"),
        Person(name: "Kate Morozova", email: "kate.morozova@switchboard.test", role: .operator, department: "Служба поддержки", position: "Support engineer"),
        Person(name: "Леонид Волков", email: "leonid.volkov@switchboard.test", role: .supervisor, department: "Проектный офис", position: "Руководитель проектов"),
    ]

    /// Creates the demo departments and users unless users exist already; returns the sign-ins
    /// (e-mail and role) created, empty when the database was not empty.
    public static func seed(_ auth: AuthService) async throws -> [(email: String, role: Role)] {
        let store = auth.store
        guard try await store.users(departmentID: nil).isEmpty else { return [] }
        var departmentIDs: [String: Int64] = [:]
        for name in departments {
            departmentIDs[name] = try await store.insertDepartment(name: name, headID: nil, createdBy: nil, at: auth.clock.now()).id
        }
        var created: [(String, Role)] = []
        for (index, person) in people.enumerated() {
            // Extensions 101, 102, … in the order listed: the PBX routes calls to them.
            let user = try await auth.createUser(name: person.name, email: person.email, password: password, role: person.role,
                                                 departmentID: person.department.flatMap { departmentIDs[$0] },
                                                 position: person.position, extensionNumber: String(101 + index), createdBy: nil)
            if person.role == .supervisor, let department = person.department, let id = departmentIDs[department] {
                try await store.setDepartmentHead(departmentID: id, headID: user.id, at: auth.clock.now())
            }
            created.append((user.email, user.role))
        }
        return created
    }
}
