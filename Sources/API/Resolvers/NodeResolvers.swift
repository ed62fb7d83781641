import CRM
import GraphQLEngine

/// `node(id:)` and `nodes(ids:)`: any object by its global id, or null when it does not exist
/// or the viewer may not see it.
enum NodeResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("node") { _, call in
                _ = try call.context.requireReader()
                guard case .string(let id)? = call.arguments["id"] else { return nil }
                return try await load([id], call.context)[0]
            }
            t.asyncField("nodes") { _, call in
                _ = try call.context.requireReader()
                guard case .array(let values)? = call.arguments["ids"] else { return [any Sendable]() }
                if values.count > 100 { throw ResolverError("nodes takes at most 100 ids.", code: "BAD_USER_INPUT") }
                let ids = values.compactMap { if case .string(let s) = $0 { s } else { nil } }
                return try await load(ids, call.context)
            }
        }
    }

    /// The objects for global ids, in order, nil where missing or not visible; one load per type.
    static func load(_ ids: [String], _ context: RequestContext) async throws -> [(any Sendable)?] {
        let decoded = ids.map(GlobalID.decode)
        func rowIDs(_ type: String) -> [Int64] { decoded.compactMap { $0?.type == type ? $0?.id : nil } }
        let identity = context.services.identity
        let users = Dictionary(uniqueKeysWithValues: try await identity.users(ids: rowIDs("User")).map { ($0.id, $0) })
        let departments = Dictionary(uniqueKeysWithValues: try await identity.departments(ids: rowIDs("Department")).map { ($0.id, $0) })
        let isAdmin = context.viewer.user?.role == .admin
        let tokens = isAdmin ? Dictionary(uniqueKeysWithValues: try await identity.apiTokens(ids: rowIDs("ApiToken")).map { ($0.id, $0) }) : [:]
        let clientIDs = rowIDs("Client"), contactIDs = rowIDs("Contact"), dealIDs = rowIDs("Deal"), taskIDs = rowIDs("Task")
        let changes = try await context.services.dealStore.stageChanges(ids: rowIDs("DealStageChange"))
        // Visibility costs a look-up of the viewer's department; only owned records need it.
        let visibility = clientIDs.isEmpty && contactIDs.isEmpty && dealIDs.isEmpty && taskIDs.isEmpty && changes.isEmpty
            && rowIDs("TimelineItem").isEmpty
            ? Visibility.none : try await context.visibility()
        let pipelines = try await PipelineResolvers.pipelinesByID(rowIDs("Pipeline"), context)
        let stages = try await PipelineResolvers.stagesByID(rowIDs("PipelineStage"), context)
        // A stage change is visible with its deal.
        let deals = Dictionary(uniqueKeysWithValues: try await context.services.dealStore
            .deals(ids: Array(Set(dealIDs + changes.map(\.dealID))), visibility: visibility).map { ($0.id, $0) })
        let tasks = Dictionary(uniqueKeysWithValues: try await context.services.taskStore.tasks(ids: taskIDs, visibility: visibility)
            .map { ($0.id, $0) })
        // A note is visible with its subject.
        let notes = try await context.services.noteStore.notes(ids: rowIDs("Note"))
        let files = try await context.services.fileStore.attachments(ids: rowIDs("File"))
        let subjectList = notes.map(\.subject) + files.map(\.subject)
        let subjects = subjectList.isEmpty ? [:] : try await NoteResolvers.subjects(subjectList, context)
        let visibleNotes = Dictionary(uniqueKeysWithValues: notes.filter { subjects[$0.subject] != nil }.map { ($0.id, $0) })
        let visibleFiles = Dictionary(uniqueKeysWithValues: files.filter { subjects[$0.subject] != nil }.map { ($0.id, $0) })
        let support = context.services.supportStore
        let calendars = Dictionary(uniqueKeysWithValues: try await support.calendars(ids: rowIDs("WorkingCalendar")).map { ($0.id, $0) })
        let policies = Dictionary(uniqueKeysWithValues: try await support.policies(ids: rowIDs("SlaPolicy")).map { ($0.id, $0) })
        let entryIDs = rowIDs("TimeEntry")
        let entries = entryIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await context.services.timeEntryStore
            .timeEntries(ids: entryIDs, visibility: try await context.visibility()).map { ($0.id, $0) })
        let inquiryIDs = rowIDs("Inquiry")
        let inquiries = inquiryIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await support
            .inquiries(ids: inquiryIDs, visibility: try await context.visibility()).map { ($0.id, $0) })
        let telephony = context.services.telephonyStore
        let callIDs = rowIDs("Call")
        let calls = callIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await telephony
            .calls(ids: callIDs, visibility: try await context.visibility()).map { ($0.id, $0) })
        let lines = Dictionary(uniqueKeysWithValues: try await telephony.lines(ids: rowIDs("PhoneLine")).map { ($0.id, $0) })
        let queues = Dictionary(uniqueKeysWithValues: try await telephony.queues(ids: rowIDs("CallQueue")).map { ($0.id, $0) })
        let projectStore = context.services.projectStore
        let projectTasks = try await projectStore.projectTasks(ids: rowIDs("ProjectTask"))
        let projectIDs = rowIDs("Project") + projectTasks.map(\.projectID)
        let projects = projectIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await projectStore
            .projects(ids: Array(Set(projectIDs)), visibility: try await context.visibility()).map { ($0.id, $0) })
        let visibleProjectTasks = Dictionary(uniqueKeysWithValues: projectTasks.filter { projects[$0.projectID] != nil }.map { ($0.id, $0) })
        let templates = Dictionary(uniqueKeysWithValues: try await projectStore.templates(ids: rowIDs("ProjectTemplate")).map { ($0.id, $0) })
        let messaging = context.services.messagingStore
        let messages = try await messaging.messages(ids: rowIDs("Message"))
        let dialogueIDs = rowIDs("Dialogue") + messages.map(\.dialogueID)
        let dialogues = dialogueIDs.isEmpty ? [:] : try await MessagingResolvers.dialoguesByID(dialogueIDs, context)
        let visibleMessages = Dictionary(uniqueKeysWithValues: messages.filter { dialogues[$0.dialogueID] != nil }.map { ($0.id, $0) })
        let channels = try await MessagingResolvers.channelsByID(rowIDs("Channel"), context)
        let accounts = Dictionary(uniqueKeysWithValues: try await messaging.accounts(ids: rowIDs("ChannelAccount")).map { ($0.id, $0) })
        // An answer template is seen where it may be used (shared, or one's own); a draft article by editors.
        let answerTemplates = Dictionary(uniqueKeysWithValues: try await context.services.answerTemplateStore
            .answerTemplates(ids: rowIDs("AnswerTemplate"), usableBy: context.viewer.user?.id).map { ($0.id, $0) })
        let articles = Dictionary(uniqueKeysWithValues: try await context.services.knowledgeStore
            .articles(ids: rowIDs("KnowledgeArticle"), drafts: KnowledgeService.isEditor(context.viewer)).map { ($0.id, $0) })
        // A timeline item is visible with its client and its record.
        var timelineItems: [Int64: TimelineResolvers.Item] = [:]
        for id in rowIDs("TimelineItem") {
            guard let entry = try await context.services.timelineStore.timelineEntry(id: id, visibility: visibility),
                  try await context.services.clientStore.clients(ids: [entry.clientID], visibility: visibility).first != nil else { continue }
            let records = try await TimelineResolvers.records([entry], visibility: visibility, userID: context.viewer.user?.id, context.services)
            if let record = records["\(entry.recordType):\(entry.recordID)"] {
                timelineItems[id] = TimelineResolvers.Item(entry: entry, record: record)
            }
        }
        let visibleChanges = Dictionary(uniqueKeysWithValues: changes.filter { deals[$0.dealID] != nil }.map { ($0.id, $0) })
        let clients = Dictionary(uniqueKeysWithValues: try await context.services.clientStore
            .clients(ids: clientIDs, visibility: visibility).map { ($0.id, $0) })
        let contacts = Dictionary(uniqueKeysWithValues: try await context.services.contactStore
            .contacts(ids: contactIDs, visibility: visibility).map { ($0.id, $0) })
        // A session is visible to its own user only.
        let sessions = Dictionary(uniqueKeysWithValues: try await identity.sessions(ids: rowIDs("Session"))
            .filter { $0.userID == context.viewer.user?.id }.map { ($0.id, $0) })
        return decoded.map { entry -> (any Sendable)? in
            guard let (type, id) = entry else { return nil }
            switch type {
            case "User": return users[id]
            case "Department": return departments[id]
            case "ApiToken": return tokens[id]
            case "Session": return sessions[id]
            case "Client": return clients[id]
            case "Contact": return contacts[id]
            case "Pipeline": return pipelines[id]
            case "PipelineStage": return stages[id]
            case "Deal": return dealIDs.contains(id) ? deals[id] : nil
            case "DealStageChange": return visibleChanges[id]
            case "Task": return tasks[id]
            case "Note": return visibleNotes[id]
            case "File": return visibleFiles[id]
            case "TimelineItem": return timelineItems[id]
            case "WorkingCalendar": return calendars[id]
            case "SlaPolicy": return policies[id]
            case "Inquiry": return inquiries[id]
            case "TimeEntry": return entries[id]
            case "Call": return calls[id]
            case "PhoneLine": return context.viewer.canRead ? lines[id] : nil
            case "CallQueue": return context.viewer.canRead ? queues[id] : nil
            case "Project": return projects[id]
            case "Dialogue": return dialogues[id]
            case "Message": return visibleMessages[id]
            case "Channel": return context.viewer.canRead ? channels[id] : nil
            case "ChannelAccount": return context.viewer.canRead ? accounts[id] : nil
            case "ProjectTask": return visibleProjectTasks[id]
            case "ProjectTemplate": return context.viewer.canRead ? templates[id] : nil
            case "AnswerTemplate": return context.viewer.canRead ? answerTemplates[id] : nil
            case "KnowledgeArticle": return context.viewer.canRead ? articles[id] : nil
            default: return nil
            }
        }
    }
}
