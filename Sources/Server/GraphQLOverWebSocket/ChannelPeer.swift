import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket

/// A session's messages written straight to its NIO channel, from whatever task sends them.
/// Messages written but not yet taken by the kernel are counted: a client that falls `limit`
/// messages behind is closed (1008) rather than let the server's memory grow — it reconnects and
/// resumes its subscriptions from the last event id it saw.
final class ChannelPeer: WebSocketPeer {
    let channel: any Channel
    private let limit: Int
    private let state = NIOLockedValueBox(State())

    struct State {
        var outstanding = 0
        /// A close frame was written: nothing more is.
        var closing = false
    }

    init(channel: any Channel, limit: Int) {
        self.channel = channel
        self.limit = limit
    }

    var isClosing: Bool { state.withLockedValue { $0.closing } }

    func send(_ text: String) {
        var buffer = channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        write(buffer)
    }

    /// Writes one text frame of `bytes` (already JSON).
    func write(_ bytes: ByteBuffer) {
        enum Verdict { case write, tooFarBehind, closed }
        let verdict = state.withLockedValue { state -> Verdict in
            if state.closing { return .closed }
            if state.outstanding >= limit { return .tooFarBehind }
            state.outstanding += 1
            return .write
        }
        switch verdict {
        case .closed: return
        case .tooFarBehind: close(code: 1008, reason: "The client reads too slowly; reconnect and resume")
        case .write:
            let promise = channel.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenComplete { [state] _ in state.withLockedValue { $0.outstanding -= 1 } }
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, data: bytes), promise: promise)
        }
    }

    /// Writes a close frame and closes the connection when the client answers it (or after
    /// `grace`, if it does not).
    func close(code: Int, reason: String) {
        close(code: code, reason: reason, grace: .seconds(3))
    }

    func close(code: Int, reason: String, grace: TimeAmount) {
        guard state.withLockedValue({ state in
            defer { state.closing = true }
            return !state.closing
        }) else { return }
        var data = channel.allocator.buffer(capacity: 125)
        data.write(webSocketErrorCode: WebSocketErrorCode(codeNumber: code))
        // A control frame carries at most 125 bytes: the reason is cut at a character boundary.
        var cut = ""
        for character in reason {
            if cut.utf8.count + character.utf8.count > 123 { break }
            cut.append(character)
        }
        data.writeString(cut)
        let channel = self.channel
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)).whenComplete { _ in
            if grace == .zero {
                channel.close(promise: nil)
            } else {
                channel.eventLoop.scheduleTask(in: grace) { channel.close(promise: nil) }
            }
        }
    }
}
