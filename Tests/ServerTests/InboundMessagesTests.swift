import Testing
@testable import Server

/// A connection's messages waiting for its session: one drain at a time, in order, reading
/// paused when `pauseAt` wait and resumed at half, nothing kept after the connection closed.
@Suite struct InboundMessagesTests {
    @Test func theFirstMessageStartsADrainThatEndsWhenNothingWaits() {
        let inbound = InboundMessages(pauseAt: 4)
        #expect(inbound.add("a") == .drain)
        #expect(inbound.add("b") == .queued)
        var resumed = 0
        #expect(inbound.next { resumed += 1 } == "a")
        #expect(inbound.next { resumed += 1 } == "b")
        #expect(inbound.next { resumed += 1 } == nil)
        #expect(resumed == 0)
        #expect(inbound.add("c") == .drain)  // the drain ended: the next message starts another
    }

    @Test func readingPausesWhenFullAndResumesAtHalf() {
        let inbound = InboundMessages(pauseAt: 4)
        #expect(inbound.add("1") == .drain)
        #expect(inbound.add("2") == .queued)
        #expect(inbound.add("3") == .queued)
        #expect(inbound.add("4") == .pauseReading)
        #expect(inbound.add("5") == .queued)  // already paused
        var resumed = 0
        #expect(inbound.next { resumed += 1 } == "1")
        #expect(inbound.next { resumed += 1 } == "2")
        #expect(resumed == 0)  // three wait
        #expect(inbound.next { resumed += 1 } == "3")
        #expect(resumed == 1)  // two wait: half of four
        #expect(inbound.next { resumed += 1 } == "4")
        #expect(inbound.next { resumed += 1 } == "5")
        #expect(inbound.next { resumed += 1 } == nil)
        #expect(resumed == 1)
    }

    @Test func nothingIsKeptAfterTheConnectionClosed() {
        let inbound = InboundMessages(pauseAt: 4)
        #expect(inbound.add("a") == .drain)
        #expect(inbound.add("b") == .queued)
        inbound.discard()
        #expect(inbound.next {} == nil)
        #expect(inbound.add("c") == .queued)
        #expect(inbound.next {} == nil)
    }
}
