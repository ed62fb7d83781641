import CRM

extension Stores {
    /// Every store over one SQLite database.
    public static func sqlite(_ database: Database) -> Stores {
        Stores(identity: IdentityRepository(database: database), clients: ClientRepository(database: database),
               contacts: ContactRepository(database: database), pipelines: PipelineRepository(database: database),
               deals: DealRepository(database: database), tasks: TaskRepository(database: database),
               search: SearchRepository(database: database), notes: NoteRepository(database: database),
               timeline: TimelineRepository(database: database), files: FileRepository(database: database),
               support: SupportRepository(database: database), timeEntries: TimeEntryRepository(database: database),
               telephony: TelephonyRepository(database: database), projects: ProjectRepository(database: database),
               messaging: MessagingRepository(database: database), answerTemplates: AnswerTemplateRepository(database: database),
               knowledge: KnowledgeRepository(database: database), events: EventRepository(database: database),
               alarms: AlarmRepository(database: database))
    }
}
