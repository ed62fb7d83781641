/// How the HTTP server listens and what it accepts.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The largest request body accepted; bigger ones get 413.
    public var maxBodyBytes: Int
    /// A directory of static files served at `/` (the operator console), if any.
    public var staticDirectory: String?

    public init(host: String = "0.0.0.0", port: Int = 8080, maxBodyBytes: Int = 1 << 20, staticDirectory: String? = nil) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.staticDirectory = staticDirectory
    }
}
