import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 request as the load generator sends it.
struct HTTPRequestSpec: Sendable {
    var method: HTTPMethod
    var path: String
    var headers: [(String, String)] = []
    var body: ByteBuffer?

    static func get(_ path: String, headers: [(String, String)] = []) -> HTTPRequestSpec {
        HTTPRequestSpec(method: .GET, path: path, headers: headers)
    }

    static func post(_ path: String, json: String, headers: [(String, String)] = []) -> HTTPRequestSpec {
        HTTPRequestSpec(method: .POST, path: path, headers: [("Content-Type", "application/json")] + headers, body: ByteBuffer(string: json))
    }
}

struct HTTPAnswer: Sendable {
    var status: Int
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct HTTPFailure: Error, CustomStringConvertible {
    let description: String
}

/// The requests one connection sends, one after another on a kept-alive connection (closed
/// loop: the next request leaves when the previous response has ended).
protocol RequestSource: AnyObject, Sendable {
    /// The next request and its tag, or nil to stop.
    func next() -> (tag: Int, request: HTTPRequestSpec)?
    /// A response ended.
    func completed(tag: Int, status: Int, body: ByteBuffer?, sentAt: UInt64, at: UInt64)
}

private final class ClosedLoopHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    let host: String
    let source: RequestSource
    let keepBody: Bool
    let done: EventLoopPromise<Void>
    private var tag = 0
    private var sentAt: UInt64 = 0
    private var status = 0
    private var body: ByteBuffer?
    private var inFlight = false
    private var finished = false

    init(host: String, source: RequestSource, keepBody: Bool, done: EventLoopPromise<Void>) {
        self.host = host
        self.source = source
        self.keepBody = keepBody
        self.done = done
    }

    func channelActive(context: ChannelHandlerContext) {
        sendNext(context)
        context.fireChannelActive()
    }

    private func sendNext(_ context: ChannelHandlerContext) {
        guard let (tag, request) = source.next() else {
            finished = true
            done.succeed(())
            context.close(promise: nil)
            return
        }
        self.tag = tag
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: host)
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        headers.add(name: "Content-Length", value: String(request.body?.readableBytes ?? 0))
        let head = HTTPRequestHead(version: .http1_1, method: request.method, uri: request.path, headers: headers)
        inFlight = true
        status = 0
        body = nil
        sentAt = nowNanos()
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let payload = request.body { context.write(wrapOutboundOut(.body(.byteBuffer(payload))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
        case .body(var part):
            if keepBody {
                if body == nil { body = part } else { body!.writeBuffer(&part) }
            }
        case .end:
            inFlight = false
            source.completed(tag: tag, status: status, body: body, sentAt: sentAt, at: nowNanos())
            sendNext(context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if inFlight {
            source.completed(tag: tag, status: 0, body: nil, sentAt: sentAt, at: nowNanos())
        }
        if !finished {
            finished = true
            done.fail(HTTPFailure(description: "the server closed the connection"))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

/// Runs one connection until its source stops.
func runConnection(group: EventLoopGroup, host: String, port: Int, source: RequestSource, keepBody: Bool) async throws {
    let loop = group.next()
    let done = loop.makePromise(of: Void.self)
    let bootstrap = ClientBootstrap(group: loop)
        .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
        .connectTimeout(.seconds(10))
        .channelInitializer { channel in
            channel.pipeline.addHTTPClientHandlers().flatMap {
                channel.pipeline.addHandler(ClosedLoopHandler(host: "\(host):\(port)", source: source, keepBody: keepBody, done: done))
            }
        }
    do {
        _ = try await bootstrap.connect(host: host, port: port).get()
    } catch {
        done.fail(error)
        throw error
    }
    try await done.futureResult.get()
}

/// One request on a fresh connection.
private final class SingleRequest: RequestSource, @unchecked Sendable {
    let request: HTTPRequestSpec
    private let lock = NIOLock()
    private var sent = false
    private(set) var answer: HTTPAnswer?

    init(_ request: HTTPRequestSpec) { self.request = request }

    func next() -> (tag: Int, request: HTTPRequestSpec)? {
        lock.withLock {
            if sent { return nil }
            sent = true
            return (0, request)
        }
    }

    func completed(tag: Int, status: Int, body: ByteBuffer?, sentAt: UInt64, at: UInt64) {
        lock.withLock { answer = HTTPAnswer(status: status, body: body.map { Array($0.readableBytesView) } ?? []) }
    }
}

/// A plain request/response, for set-up and checks.
func httpRequest(group: EventLoopGroup, host: String, port: Int, _ request: HTTPRequestSpec) async throws -> HTTPAnswer {
    let single = SingleRequest(request)
    try await runConnection(group: group, host: host, port: port, source: single, keepBody: true)
    guard let answer = single.answer, answer.status != 0 else { throw HTTPFailure(description: "no response to \(request.method) \(request.path)") }
    return answer
}

/// The result of a closed-loop load.
struct LoadResult {
    var completed = 0
    var failed = 0
    var seconds = 0.0
    var latenciesMicros: [Double] = []
    var firstFailure: String?
    var perSecond: Double { Double(completed) / seconds }
}

/// Requests from `make(sequence)` on `connections` kept-alive connections for `duration`, each
/// connection sending its next request when the previous response has ended.
final class ClosedLoopLoad: RequestSource, @unchecked Sendable {
    private let make: @Sendable (Int) -> HTTPRequestSpec
    private let deadline: UInt64
    private let onCompleted: (@Sendable (Int, UInt64, UInt64) -> Void)?
    private let lock = NIOLock()
    private var sequence = 0
    private var result = LoadResult()
    private var lastAt: UInt64 = 0
    let startedAt: UInt64

    init(duration: Duration, make: @escaping @Sendable (Int) -> HTTPRequestSpec, onCompleted: (@Sendable (Int, UInt64, UInt64) -> Void)? = nil) {
        startedAt = nowNanos()
        let (seconds, atto) = duration.components
        deadline = startedAt + UInt64(seconds) * 1_000_000_000 + UInt64(atto / 1_000_000_000)
        self.make = make
        self.onCompleted = onCompleted
    }

    func next() -> (tag: Int, request: HTTPRequestSpec)? {
        let tag: Int? = lock.withLock {
            guard nowNanos() < deadline else { return nil }
            sequence += 1
            return sequence
        }
        guard let tag else { return nil }
        return (tag, make(tag))
    }

    func completed(tag: Int, status: Int, body: ByteBuffer?, sentAt: UInt64, at: UInt64) {
        lock.withLock {
            if (200..<300).contains(status) {
                result.completed += 1
                result.latenciesMicros.append(Double(at - sentAt) / 1000)
            } else {
                result.failed += 1
                if result.firstFailure == nil { result.firstFailure = "HTTP \(status)" }
            }
            lastAt = max(lastAt, at)
        }
        onCompleted?(tag, sentAt, at)
    }

    var outcome: LoadResult {
        lock.withLock {
            var r = result
            r.seconds = Double(lastAt - startedAt) / 1e9
            return r
        }
    }

    /// Runs the load on `connections` connections and returns its outcome.
    static func run(group: EventLoopGroup, host: String, port: Int, connections: Int, duration: Duration,
                    make: @escaping @Sendable (Int) -> HTTPRequestSpec,
                    onCompleted: (@Sendable (Int, UInt64, UInt64) -> Void)? = nil) async throws -> LoadResult {
        let load = ClosedLoopLoad(duration: duration, make: make, onCompleted: onCompleted)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for _ in 0..<connections {
                tasks.addTask { try await runConnection(group: group, host: host, port: port, source: load, keepBody: false) }
            }
            try await tasks.waitForAll()
        }
        return load.outcome
    }
}
