import API
import ArgumentParser
import CRM

/// `switchboard seed --demo`: fills an empty database with demo data.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Fill an empty database with demo data.")

    @OptionGroup var databaseOptions: DatabaseOptions
    @Flag(help: "Seed the demo data set.") var demo = false

    func run() async throws {
        guard demo else { throw CommandFailure("Say what to seed: --demo.") }
        let services = makeServices(try databaseOptions.openMigrated(), secrets: try databaseOptions.secretBox())
        let created = try await seedDemo(services)
        if created.isEmpty {
            print("The database already has users; nothing was seeded.")
        } else {
            printSignIns(created)
        }
    }
}

/// Prints the demo sign-ins.
func printSignIns(_ created: [(email: String, role: Role)]) {
    print("Demo sign-ins (password \"\(DemoIdentity.password)\"):")
    for (email, role) in created { print("  \(role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(email)") }
}

/// Seeds the demo data into an empty database: the team, then their clients.
func seedDemo(_ services: Services) async throws -> [(email: String, role: Role)] {
    let created = try await DemoIdentity.seed(services.auth)
    if !created.isEmpty {
        let clients = try await DemoClients.seed(clients: services.clientStore, contacts: services.contactStore,
                                                 identity: services.identity, clock: services.auth.clock)
        let sales = try await DemoSales.seed(pipelines: services.pipelineStore, deals: services.dealStore, tasks: services.taskStore,
                                             notes: services.noteStore, clients: services.clientStore,
                                             contacts: services.contactStore, clock: services.auth.clock)
        let inquiries = try await DemoSupport.seed(store: services.supportStore, clients: services.clientStore, identity: services.identity,
                                                   clock: services.auth.clock)
        let calls = try await DemoTelephony.seed(store: services.telephonyStore, calls: services.calls, clients: services.clientStore,
                                                 identity: services.identity, secrets: services.telephony.secrets, clock: services.clock)
        let dialogues = try await DemoMessaging.seed(dialogues: services.dialogues, clients: services.clientStore, identity: services.identity,
                                                     secrets: services.telephony.secrets, clock: services.clock)
        let projects = try await DemoProjects.seed(projects: services.projects, clients: services.clientStore, identity: services.identity,
                                                   clock: services.clock)
        let knowledge = try await DemoKnowledge.seed(templates: services.answerTemplateStore, knowledge: services.knowledgeStore,
                                                     identity: services.identity, clock: services.clock)
        print("Demo data: \(created.count) users in 3 departments, \(clients) clients with their contacts, "
              + "\(DemoSales.pipelines.count) pipelines with \(sales.deals) deals, \(sales.tasks) tasks, \(sales.notes) notes, "
              + "\(inquiries) support inquiries under SLA, \(calls) calls, \(dialogues) dialogues, \(projects) projects, "
              + "\(knowledge.templates) answer templates, \(knowledge.articles) knowledge base articles.")
    }
    return created
}
