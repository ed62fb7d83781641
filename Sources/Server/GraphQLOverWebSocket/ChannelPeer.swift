import Synchronization
import NIOCore
import NIOWebSocket

/// A session's messages written straight to its NIO channel, from whatever task sends them.
/// What the kernel has not taken yet waits in NIO, bounded: the channel's high water mark is
/// `backlogLimit` bytes, and a message sent while the backlog is above it closes the connection
/// (1008) rather than let the server's memory grow — the client reconnects and resumes its
/// subscriptions from the last event id it saw.
final class ChannelPeer: WebSocketPeer {
    let channel: any Channel
    /// A close frame was written: nothing more is.
    private let closing = Atomic(false)

    /// Sets the channel's water marks (on its event loop).
    init(channel: any Channel, backlogLimit: Int) throws {
        self.channel = channel
        try channel.syncOptions?.setOption(ChannelOptions.writeBufferWaterMark,
                                           value: .init(low: backlogLimit / 2, high: backlogLimit))
    }

    var isClosing: Bool { closing.load(ordering: .acquiring) }

    func send(_ text: String) {
        guard !isClosing else { return }
        guard channel.isWritable else {
            return close(code: 1008, reason: "The client reads too slowly; reconnect and resume")
        }
        // Room in front for the frame's header, which the encoder then writes in place.
        var buffer = channel.allocator.buffer(capacity: Self.headerRoom + text.utf8.count)
        buffer.moveWriterIndex(forwardBy: Self.headerRoom)
        buffer.moveReaderIndex(forwardBy: Self.headerRoom)
        buffer.writeString(text)
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, data: buffer), promise: nil)
    }

    /// The longest header of an unmasked frame.
    private static let headerRoom = 10

    /// Writes a close frame and closes the connection when the client answers it (or after
    /// three seconds, if it does not).
    func close(code: Int, reason: String) {
        close(code: code, reason: reason, grace: .seconds(3))
    }

    /// Writes a close frame; the connection closes once it is written when `grace` is zero, when
    /// the client answers it otherwise — and after `grace` (at least a second) in any case, for
    /// a client that reads nothing more.
    func close(code: Int, reason: String, grace: TimeAmount) {
        guard !closing.exchange(true, ordering: .acquiringAndReleasing) else { return }
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
        let written = channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))
        if grace == .zero { written.whenComplete { _ in channel.close(promise: nil) } }
        channel.eventLoop.scheduleTask(in: max(grace, .seconds(1))) { channel.close(promise: nil) }
    }
}
