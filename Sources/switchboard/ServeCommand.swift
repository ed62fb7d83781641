import API
import ArgumentParser
import CRM
import Foundation
import GraphQLEngine
import Logging
import Integrations
import Server
import Storage

/// `switchboard serve`: migrates the database, then serves the API and the console.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the server.")

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var schemaOptions: SchemaOptions

    @Option(help: "Port to listen on (default: $SWITCHBOARD_PORT or 8080; 0 picks a free one).") var port: Int?
    @Option(help: "Address to listen on (default: $SWITCHBOARD_HOST or 0.0.0.0).") var host: String?
    @Flag(help: "Seed demo data into an empty database and print the sign-ins.") var demo = false
    @Option(help: "Largest request body in bytes (default: $SWITCHBOARD_MAX_BODY_BYTES or 1048576).") var maxBodyBytes: Int?
    @Option(help: "Largest file upload in bytes (default: $SWITCHBOARD_MAX_FILE_BYTES or 26214400).") var maxFileBytes: Int?
    @Option(help: "Seconds between the server's pings of a WebSocket client; one that misses a ping is dropped at the next (default: $SWITCHBOARD_PING_INTERVAL or 15).")
    var pingInterval: Int?
    @Option(help: "Directory of the operator console (default: ./Client when present).") var client: String?
    @Option(help: "The server's address as PBXs and messengers reach it, for webhook URLs (default: $SWITCHBOARD_PUBLIC_URL or http://localhost:PORT).")
    var publicURL: String?
    @Flag(help: "Refuse schema introspection (__schema, __type).") var noIntrospection = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default: $LOG_LEVEL or info).")
    var logLevel: String?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        var logger = Logger(label: "switchboard")
        logger.logLevel = Logger.Level(rawValue: logLevel ?? env["LOG_LEVEL"] ?? "info") ?? .info

        let database = try databaseOptions.openMigrated()
        let listenPort = port ?? env["SWITCHBOARD_PORT"].flatMap(Int.init) ?? 8080
        let services = makeServices(database, secrets: try databaseOptions.secretBox(),
                                    publicURL: publicURL ?? env["SWITCHBOARD_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://localhost:\(listenPort)",
                                    maximumFileSize: maxFileBytes ?? env["SWITCHBOARD_MAX_FILE_BYTES"].flatMap(Int.init) ?? 25 << 20)
        if demo {
            let created = try await seedDemo(services)
            if !created.isEmpty { printSignIns(created) }
            fflush(nil)
        }
        try await services.events.start()
        try await services.presence.reset()
        let alarms = Task { await services.alarms.run() }
        defer { alarms.cancel() }
        let delivery = Task {
            await MessageDelivery(store: services.messagingStore, channels: services.channels, clock: services.clock).run(every: .seconds(1))
        }
        defer { delivery.cancel() }
        let dialogueQueue = Task { await DialogueQueueDispatcher(dialogues: services.dialogues, bus: services.events).run() }
        defer { dialogueQueue.cancel() }
        let schema = try schemaOptions.load()
        let executable = try SwitchboardAPI.executableSchema(schema, introspection: !noIntrospection)
        logger.info("Schema bound", metadata: ["fields not implemented yet": "\(executable.unboundFields.count)"])
        let handler = GraphQLHTTPHandler(executable: executable)
        let staticDirectory = client ?? (FileManager.default.fileExists(atPath: "Client/index.html") ? "Client" : nil)
        let configuration = ServerConfiguration(
            host: host ?? env["SWITCHBOARD_HOST"] ?? "0.0.0.0",
            port: listenPort,
            maxBodyBytes: maxBodyBytes ?? env["SWITCHBOARD_MAX_BODY_BYTES"].flatMap(Int.init) ?? 1 << 20,
            staticDirectory: staticDirectory,
            webSocketPingInterval: .seconds(max(1, pingInterval ?? env["SWITCHBOARD_PING_INTERVAL"].flatMap(Int.init) ?? 15)))
        let app = HTTPServer.application(
            configuration: configuration, handler: handler,
            authenticate: { authorization in
                RequestContext(viewer: await services.auth.authenticate(authorization), services: services)
            },
            files: FileTransfer(services: services),
            webhooks: Webhooks(calls: services.calls, telephony: services.telephony, dialogues: services.dialogues, clock: services.clock,
                               globalID: GlobalID.encode),
            sockets: SocketHooks(
                authenticate: { authorization in
                    // A live connection belongs to someone: credentials are required.
                    let viewer = await services.auth.authenticate(authorization)
                    return viewer == .anonymous ? nil : RequestContext(viewer: viewer, services: services)
                },
                lifecycle: { context, live in
                    // A live console connection makes its user online.
                    guard let user = context.viewer.user else { return }
                    await live ? services.presence.connected(userID: user.id) : services.presence.disconnected(userID: user.id)
                },
                acknowledgement: { _ in
                    // Where the client's streams start: pass it as `after:` to miss nothing loaded since.
                    .object([JSONMember("lastEventId", .string(String(await services.events.lastEventID)))])
                },
                revocation: { context, revoked in
                    // Revoked (signed out, password changed, token revoked) or expired.
                    let expiresAt = await services.auth.expiry(of: context.viewer)
                    let credential = switch context.viewer {
                    case .user(_, let session): "session:\(session)"
                    case .apiToken(let token, _): "apiToken:\(token.id)"
                    case .anonymous: "anonymous"
                    }
                    let bus = services.events
                    let id = await bus.watchRevocation(of: credential, expiresAt: expiresAt, revoked)
                    return SubscriptionHandle { Task { await bus.stopWatching(credential, id) } }
                }),
            gauges: {
                [Gauge("switchboard_live_subscriptions", "Subscriptions following the event bus now.", await services.events.subscriberCount),
                 Gauge("switchboard_revocation_waiters", "Live connections waiting for their credentials to be revoked.",
                       await services.events.revocationWaiterCount),
                 Gauge("switchboard_last_event_id", "The id of the newest event handed to subscribers.", Int(await services.events.lastEventID))]
            },
            logger: logger,
            onServerRunning: { port in
                print("Switchboard is listening on http://\(configuration.host == "0.0.0.0" ? "localhost" : configuration.host):\(port) (GraphQL at /graphql)")
                fflush(nil)
            })
        try await app.runService()
    }
}
