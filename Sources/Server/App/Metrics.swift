import Synchronization

/// One figure of `/metrics`, in Prometheus' text format.
public struct Gauge: Sendable {
    public let name: String
    public let help: String
    public let value: Int

    public init(_ name: String, _ help: String, _ value: Int) {
        self.name = name
        self.help = help
        self.value = value
    }
}

/// The server's own live figures, and the text of `/metrics`.
public enum Metrics {
    /// WebSocket connections open now.
    static let openSockets = Atomic<Int>(0)

    static func text(_ gauges: [Gauge]) -> String {
        let own = [Gauge("switchboard_websocket_connections", "WebSocket connections open now.", openSockets.load(ordering: .relaxed))]
        return (own + gauges).map { "# HELP \($0.name) \($0.help)\n# TYPE \($0.name) gauge\n\($0.name) \($0.value)\n" }.joined()
    }
}
