import CRM
import GraphQLEngine
import Secrets
import Synchronization

/// The services the API reaches: one set per server. A class: every request's context and every
/// resolver call carries it, and copying a struct of some forty services meant retaining each.
public final class Services: Sendable {
    public let auth: AuthService
    public let identity: any IdentityStore
    public let departments: DepartmentService
    public let users: UserService
    public let clientStore: any ClientStore
    public let clients: ClientService
    public let contactStore: any ContactStore
    public let contacts: ContactService
    public let pipelineStore: any PipelineStore
    public let pipelines: PipelineService
    public let dealStore: any DealStore
    public let deals: DealService
    public let taskStore: any TaskStore
    public let searchStore: any SearchStore
    public let noteStore: any NoteStore
    public let notes: NoteService
    public let timelineStore: any TimelineStore
    public let fileStore: any FileStore
    public let supportStore: any SupportStore
    public let supportConfig: SupportConfigService
    public let inquiries: InquiryService
    public let timeEntryStore: any TimeEntryStore
    public let timeEntries: TimeEntryService
    public let files: FileService
    public let tasks: TaskService
    public let telephonyStore: any TelephonyStore
    public let telephony: TelephonyConfigService
    public let calls: CallService
    public let projectStore: any ProjectStore
    public let projects: ProjectService
    public let projectTemplates: ProjectTemplateService
    public let messagingStore: any MessagingStore
    public let channels: ChannelService
    public let dialogues: DialogueService
    public let answerTemplateStore: any AnswerTemplateStore
    public let answerTemplates: AnswerTemplateService
    public let knowledgeStore: any KnowledgeStore
    public let knowledge: KnowledgeService
    public let presence: PresenceService
    /// SLA warnings and breaches, task reminders and due times (run by the server).
    public let alarms: AlarmService
    /// Committed events for live subscriptions (started by the server).
    public let events: EventBus
    /// The server's address as callers outside see it (webhook URLs are made from it).
    public let publicURL: String
    /// The clock every service reads (tests set it).
    public var clock: any WallClock { auth.clock }

    public init(stores: Stores, hasher: PasswordHasher = PasswordHasher(), secrets: SecretBox, clock: any WallClock = SystemClock(),
                publicURL: String = "http://localhost:8080", maximumFileSize: Int = 25 << 20, pbx: (any PBXControl)? = nil) {
        let identity = stores.identity
        self.auth = AuthService(store: identity, clock: clock, hasher: hasher)
        self.identity = identity
        self.departments = DepartmentService(store: identity, clock: clock)
        self.users = UserService(store: identity, hasher: hasher, clock: clock)
        self.clientStore = stores.clients
        self.clients = ClientService(clients: stores.clients, identity: identity, clock: clock)
        self.contactStore = stores.contacts
        self.contacts = ContactService(contacts: stores.contacts, clients: stores.clients, identity: identity, clock: clock)
        self.pipelineStore = stores.pipelines
        self.pipelines = PipelineService(store: stores.pipelines, templates: stores.projects, clock: clock)
        self.dealStore = stores.deals
        self.deals = DealService(deals: stores.deals, pipelines: stores.pipelines, clients: stores.clients, contacts: stores.contacts,
                                 inquiries: stores.support, identity: identity, clock: clock)
        self.taskStore = stores.tasks
        self.searchStore = stores.search
        self.noteStore = stores.notes
        let subjects = SubjectLookup(clients: stores.clients, contacts: stores.contacts, deals: stores.deals, tasks: stores.tasks,
                                     inquiries: stores.support, calls: stores.telephony, projects: stores.projects,
                                     dialogues: stores.messaging)
        self.notes = NoteService(notes: stores.notes, subjects: subjects, identity: identity, clock: clock)
        self.timelineStore = stores.timeline
        self.fileStore = stores.files
        self.supportStore = stores.support
        self.supportConfig = SupportConfigService(store: stores.support, clock: clock)
        self.inquiries = InquiryService(store: stores.support, clients: stores.clients, contacts: stores.contacts, identity: identity,
                                        calls: stores.telephony, dialogues: stores.messaging, clock: clock)
        self.timeEntryStore = stores.timeEntries
        self.timeEntries = TimeEntryService(entries: stores.timeEntries, support: stores.support, clients: stores.clients, identity: identity,
                                            clock: clock)
        self.files = FileService(files: stores.files, subjects: subjects, identity: identity, clock: clock, maximumSize: maximumFileSize)
        self.tasks = TaskService(tasks: stores.tasks, deals: stores.deals, clients: stores.clients, contacts: stores.contacts,
                                 support: stores.support, dialogues: stores.messaging, identity: identity, clock: clock)
        self.telephonyStore = stores.telephony
        self.telephony = TelephonyConfigService(store: stores.telephony, identity: identity, secrets: secrets, clock: clock)
        self.calls = CallService(store: stores.telephony, clients: stores.clients, contacts: stores.contacts, identity: identity, control: pbx,
                                 secrets: secrets, clock: clock)
        self.projectStore = stores.projects
        self.projects = ProjectService(store: stores.projects, calendars: stores.support, clients: stores.clients, deals: stores.deals,
                                       pipelines: stores.pipelines, identity: identity, clock: clock)
        self.projectTemplates = ProjectTemplateService(store: stores.projects, clock: clock)
        self.messagingStore = stores.messaging
        self.channels = ChannelService(store: stores.messaging, support: stores.support, identity: identity, secrets: secrets, clock: clock)
        self.dialogues = DialogueService(store: stores.messaging, channels: channels, clients: stores.clients, contacts: stores.contacts,
                                         identity: identity, inquiries: inquiries, files: files, templates: stores.answerTemplates, clock: clock)
        self.answerTemplateStore = stores.answerTemplates
        self.answerTemplates = AnswerTemplateService(store: stores.answerTemplates, clients: stores.clients, contacts: stores.contacts,
                                                     deals: stores.deals, pipelines: stores.pipelines, support: stores.support,
                                                     dialogues: stores.messaging, identity: identity, clock: clock)
        self.knowledgeStore = stores.knowledge
        self.knowledge = KnowledgeService(store: stores.knowledge, clock: clock)
        self.events = EventBus(store: stores.events)
        self.presence = PresenceService(store: identity, clock: clock)
        self.alarms = AlarmService(store: stores.alarms, support: stores.support, clock: clock)
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }
}

/// What every resolver of one request sees: who asks, and the services.
public struct RequestContext: Sendable {
    public let viewer: Viewer
    public let services: Services
    private let memo = VisibilityMemo()

    public init(viewer: Viewer, services: Services) {
        self.viewer = viewer
        self.services = services
    }

    /// The viewer's visibility, looked up once per request (a supervisor's costs a query) and
    /// shared by every resolver of it.
    func visibility() async throws -> Visibility {
        if let known = memo.value.withLock({ $0 }) { return known }
        let visibility = try await Visibility.of(viewer, store: services.identity)
        memo.value.withLock { $0 = visibility }
        return visibility
    }

    /// The signed-in viewer, or the UNAUTHENTICATED error to throw.
    func requireReader() throws -> Viewer {
        guard viewer.canRead else {
            throw ResolverError(viewer == .anonymous ? "Sign in to see this." : "This token has no read scope.",
                                code: viewer == .anonymous ? "UNAUTHENTICATED" : "FORBIDDEN")
        }
        return viewer
    }

    /// The viewer allowed to change data, or the error to throw.
    func requireWriter() throws -> Viewer {
        guard viewer.canWrite else {
            throw ResolverError(viewer == .anonymous ? "Sign in to do this." : "This token has no write scope.",
                                code: viewer == .anonymous ? "UNAUTHENTICATED" : "FORBIDDEN")
        }
        return viewer
    }
}

extension DomainError {
    /// The error as the client sees it.
    var resolverError: ResolverError { ResolverError(message, code: code) }
}

/// The visibility of one request, once known.
final class VisibilityMemo: Sendable {
    let value = Mutex<Visibility?>(nil)
}
