/// How the HTTP server listens and what it accepts.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The largest request body (and WebSocket message) accepted; bigger ones get 413.
    public var maxBodyBytes: Int
    /// A directory of static files served at `/` (the operator console), if any.
    public var staticDirectory: String?
    /// How long a WebSocket client has to send `connection_init` (4408 after).
    public var webSocketInitTimeout: Duration
    /// How many bytes of outgoing messages a WebSocket connection may have waiting (beyond what
    /// the kernel holds) before it is closed.
    public var webSocketBacklogBytes: Int
    /// How often the server pings a WebSocket client; one that does not answer is dropped.
    public var webSocketPingInterval: Duration

    public init(host: String = "0.0.0.0", port: Int = 8080, maxBodyBytes: Int = 1 << 20, staticDirectory: String? = nil,
                webSocketInitTimeout: Duration = .seconds(3), webSocketBacklogBytes: Int = 1 << 20, webSocketPingInterval: Duration = .seconds(15)) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.staticDirectory = staticDirectory
        self.webSocketInitTimeout = webSocketInitTimeout
        self.webSocketBacklogBytes = webSocketBacklogBytes
        self.webSocketPingInterval = webSocketPingInterval
    }
}
