/// Every store the domain reads and writes, handed to the services as one value (Storage makes
/// the SQLite set; tests may swap single stores).
public struct Stores: Sendable {
    public var identity: any IdentityStore
    public var clients: any ClientStore
    public var contacts: any ContactStore
    public var pipelines: any PipelineStore
    public var deals: any DealStore
    public var tasks: any TaskStore
    public var search: any SearchStore
    public var notes: any NoteStore
    public var timeline: any TimelineStore
    public var files: any FileStore
    public var support: any SupportStore
    public var timeEntries: any TimeEntryStore
    public var telephony: any TelephonyStore
    public var projects: any ProjectStore
    public var messaging: any MessagingStore
    public var answerTemplates: any AnswerTemplateStore
    public var knowledge: any KnowledgeStore
    public var events: any EventStore
    public var alarms: any AlarmStore

    public init(identity: any IdentityStore, clients: any ClientStore, contacts: any ContactStore, pipelines: any PipelineStore,
                deals: any DealStore, tasks: any TaskStore, search: any SearchStore, notes: any NoteStore, timeline: any TimelineStore,
                files: any FileStore, support: any SupportStore, timeEntries: any TimeEntryStore, telephony: any TelephonyStore,
                projects: any ProjectStore, messaging: any MessagingStore, answerTemplates: any AnswerTemplateStore,
                knowledge: any KnowledgeStore, events: any EventStore, alarms: any AlarmStore) {
        self.events = events
        self.alarms = alarms
        self.identity = identity
        self.clients = clients
        self.contacts = contacts
        self.pipelines = pipelines
        self.deals = deals
        self.tasks = tasks
        self.search = search
        self.notes = notes
        self.timeline = timeline
        self.files = files
        self.support = support
        self.timeEntries = timeEntries
        self.telephony = telephony
        self.projects = projects
        self.messaging = messaging
        self.answerTemplates = answerTemplates
        self.knowledge = knowledge
    }
}
