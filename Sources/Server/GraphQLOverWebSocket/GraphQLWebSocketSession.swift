import GraphQLEngine
import Synchronization

/// The other end of a WebSocket, as a session sees it: text messages out, and a close. Neither
/// waits: a message is queued for the connection, in the order sent.
public protocol WebSocketPeer: Sendable {
    func send(_ text: String)
    func close(code: Int, reason: String)
}

/// One connection speaking `graphql-transport-ws` (the graphql-ws PROTOCOL.md), independent of
/// the HTTP framework: `connection_init` (credentials in its payload's `authorization`, or the
/// upgrade request's `Authorization`) within `initTimeout`, then `subscribe` for queries,
/// mutations (one `next`, then `complete`) and subscriptions (a `next` per event), `complete`
/// from either side, `ping`/`pong` both ways. Protocol errors close the socket with the codes
/// the protocol names (4400 bad message, 4401 subscribe before ack, 4403 refused or revoked
/// credentials, 4408 no init in time, 4409 duplicate id, 4429 second init); a late message for an
/// unknown or finished id is ignored.
public actor GraphQLWebSocketSession<Context: Sendable> {
    /// Turns credentials (an `Authorization` value) into a context; nil refuses them.
    public typealias Authenticate = @Sendable (_ authorization: String?) async -> Context?
    /// Told when a connection is acknowledged (`true`) and when it ends (`false`): presence.
    public typealias Lifecycle = @Sendable (_ context: Context, _ live: Bool) async -> Void
    /// The payload of `connection_ack` (e.g. the newest event id, to resume from), if any.
    public typealias Acknowledgement = @Sendable (_ context: Context) async -> JSONValue?
    /// Watches the connection's credentials: `revoked` is to be called when they are revoked (a
    /// sign-out, a password change) or expire — the connection is then closed with 4403 — until
    /// the returned handle is cancelled.
    public typealias Revocation = @Sendable (_ context: Context, _ revoked: @escaping @Sendable () -> Void) async -> SubscriptionHandle

    private let executable: ExecutableSchema<Context>
    private let documents: DocumentCache
    private let peer: any WebSocketPeer
    private let authenticate: Authenticate
    private let upgradeAuthorization: String?
    private let initTimeout: Duration
    private let lifecycle: Lifecycle?
    private let acknowledgement: Acknowledgement?
    private let revocation: Revocation?
    private var revocationWatch: SubscriptionHandle?
    private var initTimer: Task<Void, Never>?
    private var initReceived = false
    private var context: Context?
    private var operations: [String: RunningOperation] = [:]
    private var closed = false

    public init(executable: ExecutableSchema<Context>, documents: DocumentCache, peer: any WebSocketPeer,
                upgradeAuthorization: String?, initTimeout: Duration = .seconds(3), lifecycle: Lifecycle? = nil,
                acknowledgement: Acknowledgement? = nil, revocation: Revocation? = nil, authenticate: @escaping Authenticate) {
        self.lifecycle = lifecycle
        self.acknowledgement = acknowledgement
        self.revocation = revocation
        self.executable = executable
        self.documents = documents
        self.peer = peer
        self.upgradeAuthorization = upgradeAuthorization
        self.initTimeout = initTimeout
        self.authenticate = authenticate
    }

    /// Starts the clock of `connection_init`.
    public func start() {
        guard !initReceived && !closed else { return }
        let timeout = initTimeout
        initTimer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { await self?.initDeadlinePassed() }
        }
    }

    /// The socket closed: every operation stops.
    public func connectionClosed() async {
        guard !closed else { return }
        closed = true
        initTimer?.cancel()
        revocationWatch?.cancel()
        for task in operations.values { task.cancel() }
        operations = [:]
        if let context, let lifecycle { await lifecycle(context, false) }
    }

    /// Whether the connection was acknowledged.
    public var isAcknowledged: Bool { context != nil }

    /// Handles one text message from the client.
    public func receive(_ text: String) async {
        guard !closed else { return }
        guard let message = try? JSONParser.parse(text), case .object = message, case .string(let type)? = message["type"] else {
            return await close(4400, "Invalid message received")
        }
        switch type {
        case "connection_init":
            await initialise(message["payload"])
        case "ping":
            await send(#"{"type":"pong"}"#)
        case "pong":
            break
        case "subscribe":
            await subscribe(message)
        case "complete":
            guard case .string(let id)? = message["id"] else { return await close(4400, "Invalid message received") }
            operations.removeValue(forKey: id)?.cancel()
        default:
            await close(4400, "Invalid message received")
        }
    }

    // MARK: Steps

    private func credentialsRevoked() async {
        if !closed { await close(4403, "Forbidden: the session has ended") }
    }

    private func initDeadlinePassed() async {
        if !initReceived && !closed { await close(4408, "Connection initialisation timeout") }
    }

    private func initialise(_ payload: JSONValue?) async {
        guard !initReceived else { return await close(4429, "Too many initialisation requests") }
        initReceived = true
        initTimer?.cancel()  // its task ends now rather than in `initTimeout`
        initTimer = nil
        var authorization = upgradeAuthorization
        switch payload {
        case nil, .null?: break
        case .object?:
            for key in ["authorization", "Authorization", "token"] {
                if case .string(let value)? = payload?[key] { authorization = value.hasPrefix("Bearer ") ? value : "Bearer " + value }
            }
        default:
            return await close(4400, "Invalid message received")
        }
        guard let context = await authenticate(authorization) else { return await close(4403, "Forbidden") }
        // Counted live before the ack, so a client that has the ack is already online.
        await lifecycle?(context, true)
        let ackPayload = await acknowledgement?(context)
        self.context = context
        if closed {
            // The socket closed while this ran: it went online after connectionClosed looked.
            await lifecycle?(context, false)
            return
        }
        if let payload = ackPayload {
            await send(#"{"type":"connection_ack","payload":\#(payload.jsonText)}"#)
        } else {
            await send(#"{"type":"connection_ack"}"#)
        }
        if let revocation {
            let watch = await revocation(context) { [weak self] in
                Task { await self?.credentialsRevoked() }
            }
            if closed { watch.cancel() } else { revocationWatch = watch }
        }
    }

    private func subscribe(_ message: JSONValue) async {
        guard case .string(let id)? = message["id"], !id.isEmpty, case .object? = message["payload"],
              case .string(let query)? = message["payload"]?["query"] else {
            return await close(4400, "Invalid message received")
        }
        guard let context else { return await close(4401, "Unauthorized") }
        guard operations[id] == nil else { return await close(4409, "Subscriber for \(id) already exists") }
        var operationName: String?
        if case .string(let name)? = message["payload"]?["operationName"] { operationName = name }
        var variables: [JSONMember] = []
        switch message["payload"]?["variables"] {
        case .object(let members)?: variables = members
        case nil, .null?: break
        default: return await close(4400, "Invalid message received")
        }
        let entry = documents.document(for: query)
        guard let document = entry.document, entry.errors.isEmpty else { return await send(Self.errorMessage(id, entry.errors)) }
        let executable = self.executable
        let source = entry.source
        let operation = RunningOperation()
        operations[id] = operation
        if Self.operationType(document, operationName) == .subscription {
            // The subscription's results are written by whoever delivers them, straight to the
            // peer; an idle subscription has no task.
            let peer = self.peer
            operation.attach(Task { [weak self] in
                switch await executable.subscribe(document, source: source, operationName: operationName, variables: variables, context: context) {
                case .failed(let result):
                    await self?.finish(id, with: Self.errorMessage(id, result.errors))
                case .stream(let results):
                    operation.attach(results.start(onResult: { result in
                        if !operation.isCancelled { peer.send(Self.nextMessage(id, result)) }
                    }, onEnd: { [weak self] in
                        await self?.finish(id, with: #"{"type":"complete","id":\#(Self.quoted(id))}"#)
                    }))
                }
            })
        } else {
            operation.attach(Task { [weak self] in
                let result = await executable.execute(document, source: source, operationName: operationName, variables: variables, context: context)
                if Task.isCancelled { return }
                if result.data == nil && !result.errors.isEmpty {
                    await self?.finish(id, with: Self.errorMessage(id, result.errors))
                    return
                }
                await self?.send(Self.nextMessage(id, result))
                await self?.finish(id, with: #"{"type":"complete","id":\#(Self.quoted(id))}"#)
            })
        }
    }

    /// Ends an operation with its last message, unless the client completed it first.
    private func finish(_ id: String, with message: String) async {
        guard operations.removeValue(forKey: id) != nil else { return }
        await send(message)
    }

    private func send(_ text: String) async {
        guard !closed else { return }
        peer.send(text)
    }

    private func close(_ code: Int, _ reason: String) async {
        guard !closed else { return }
        await connectionClosed()
        peer.close(code: code, reason: reason)
    }

    // MARK: Messages

    static func nextMessage(_ id: String, _ result: ExecutionResult) -> String {
        #"{"type":"next","id":\#(quoted(id)),"payload":\#(String(decoding: result.jsonBytes(), as: UTF8.self))}"#
    }

    static func errorMessage(_ id: String, _ errors: [GraphQLError]) -> String {
        #"{"type":"error","id":\#(quoted(id)),"payload":\#(JSONValue.array(errors.map(\.jsonValue)).jsonText)}"#
    }

    static func quoted(_ text: String) -> String { JSONValue.string(text).jsonText }

    static func operationType(_ document: DocumentNode, _ name: String?) -> OperationType? {
        let operations = document.operations
        if let name { return operations.first { $0.name?.value == name }?.operation }
        return operations.count == 1 ? operations[0].operation : nil
    }
}

/// A running operation of a connection: the task that runs it (or starts a subscription), then
/// the subscription's handle. Cancelling stops both, including what is attached later.
final class RunningOperation: Sendable {
    private let state = Mutex<(cancelled: Bool, task: Task<Void, Never>?, subscription: SubscriptionHandle?)>((false, nil, nil))

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    func attach(_ task: Task<Void, Never>) {
        if state.withLock({ state in
            state.task = task
            return state.cancelled
        }) { task.cancel() }
    }

    /// The subscription, once started (the task that started it is done).
    func attach(_ subscription: SubscriptionHandle) {
        if state.withLock({ state in
            state.subscription = subscription
            state.task = nil
            return state.cancelled
        }) { subscription.cancel() }
    }

    func cancel() {
        let (task, subscription) = state.withLock { state in
            state.cancelled = true
            defer { (state.task, state.subscription) = (nil, nil) }
            return (state.task, state.subscription)
        }
        task?.cancel()
        subscription?.cancel()
    }
}

/// What the server asks the application about WebSocket connections: credentials to a context
/// (nil refuses them), the connection's life (presence), the acknowledgement's payload, and when
/// its credentials are revoked.
public struct SocketHooks<Context: Sendable>: Sendable {
    public var authenticate: GraphQLWebSocketSession<Context>.Authenticate
    public var lifecycle: GraphQLWebSocketSession<Context>.Lifecycle?
    public var acknowledgement: GraphQLWebSocketSession<Context>.Acknowledgement?
    public var revocation: GraphQLWebSocketSession<Context>.Revocation?

    public init(authenticate: @escaping GraphQLWebSocketSession<Context>.Authenticate,
                lifecycle: GraphQLWebSocketSession<Context>.Lifecycle? = nil,
                acknowledgement: GraphQLWebSocketSession<Context>.Acknowledgement? = nil,
                revocation: GraphQLWebSocketSession<Context>.Revocation? = nil) {
        self.authenticate = authenticate
        self.lifecycle = lifecycle
        self.acknowledgement = acknowledgement
        self.revocation = revocation
    }
}
