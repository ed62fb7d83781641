import CRM
import GraphQLEngine
import Synchronization

/// The services the API reaches: one set per server.
public struct Services: Sendable {
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
    /// The clock every service reads (tests set it).
    public var clock: any WallClock { auth.clock }

    public init(auth: AuthService, identity: any IdentityStore, clients clientStore: any ClientStore,
                contacts contactStore: any ContactStore, pipelines pipelineStore: any PipelineStore, deals dealStore: any DealStore,
                tasks taskStore: any TaskStore, search searchStore: any SearchStore,
                notes noteStore: any NoteStore, timeline timelineStore: any TimelineStore, files fileStore: any FileStore,
                support supportStore: any SupportStore, timeEntries timeEntryStore: any TimeEntryStore,
                maximumFileSize: Int = 25 << 20) {
        self.auth = auth
        self.identity = identity
        self.departments = DepartmentService(store: identity, clock: auth.clock)
        self.users = UserService(store: identity, hasher: auth.hasher, clock: auth.clock)
        self.clientStore = clientStore
        self.clients = ClientService(clients: clientStore, identity: identity, clock: auth.clock)
        self.contactStore = contactStore
        self.contacts = ContactService(contacts: contactStore, clients: clientStore, identity: identity, clock: auth.clock)
        self.pipelineStore = pipelineStore
        self.pipelines = PipelineService(store: pipelineStore, clock: auth.clock)
        self.dealStore = dealStore
        self.deals = DealService(deals: dealStore, pipelines: pipelineStore, clients: clientStore, contacts: contactStore,
                                 identity: identity, clock: auth.clock)
        self.taskStore = taskStore
        self.searchStore = searchStore
        self.noteStore = noteStore
        let subjects = SubjectLookup(clients: clientStore, contacts: contactStore, deals: dealStore, tasks: taskStore, inquiries: supportStore)
        self.notes = NoteService(notes: noteStore, subjects: subjects, identity: identity, clock: auth.clock)
        self.timelineStore = timelineStore
        self.fileStore = fileStore
        self.supportStore = supportStore
        self.supportConfig = SupportConfigService(store: supportStore, clock: auth.clock)
        self.inquiries = InquiryService(store: supportStore, clients: clientStore, contacts: contactStore, identity: identity, clock: auth.clock)
        self.timeEntryStore = timeEntryStore
        self.timeEntries = TimeEntryService(entries: timeEntryStore, support: supportStore, clients: clientStore, identity: identity,
                                            clock: auth.clock)
        self.files = FileService(files: fileStore, subjects: subjects, identity: identity, clock: auth.clock, maximumSize: maximumFileSize)
        self.tasks = TaskService(tasks: taskStore, deals: dealStore, clients: clientStore, contacts: contactStore,
                                 identity: identity, clock: auth.clock)
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
