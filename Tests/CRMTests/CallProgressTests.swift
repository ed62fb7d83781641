import CRM
import Foundation
import Testing

/// How PBX events move a call: forward only, so a repeated or late event changes nothing; a call
/// ended unanswered is missed; a provider that reports only the end still gives the talk time.
@Suite struct CallProgressTests {
    static func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_800_000_000 + seconds) }

    static func event(_ kind: CallEvent.Kind, _ seconds: Double, duration: Int? = nil, answered: Bool? = nil,
                      direction: Call.Direction = .incoming) -> CallEvent {
        CallEvent(kind: kind, provider: .generic, providerCallID: "c-1", direction: direction, from: "8 (916) 123-45-67",
                  to: "+7 495 000-00-00", userExtension: "101", at: at(seconds), durationSeconds: duration, answered: answered)
    }

    static func start(_ event: CallEvent) -> CallState { CallProgress.start(event, lineID: 1, queueID: 7) }

    @Test func aNewCallHasNumbersInE164AndTheLinesQueue() {
        let state = Self.start(Self.event(.ringing, 0))
        #expect(state.status == .ringing && state.from == "+79161234567" && state.to == "+74950000000")
        #expect(state.lineID == 1 && state.queueID == 7 && state.startedAt == Self.at(0))
        // Outgoing calls ring in no queue.
        #expect(CallProgress.start(Self.event(.ringing, 0, direction: .outgoing), lineID: 1, queueID: 7).queueID == nil)
    }

    @Test func answeredThenEndedCountsTalkAndWaitTime() throws {
        var state = Self.start(Self.event(.ringing, 0))
        state = try #require(CallProgress.apply(Self.event(.answered, 12), to: state, userID: 5))
        #expect(state.status == .answered && state.userID == 5 && state.answeredAt == Self.at(12))
        state = try #require(CallProgress.apply(Self.event(.ended, 100), to: state, userID: 5))
        #expect(state.status == .ended && state.durationSeconds == 88 && state.endedAt == Self.at(100))
        let call = Call(id: 1, state: state, createdAt: Self.at(0), updatedAt: Self.at(100), createdBy: nil, version: 3, deletedAt: nil)
        #expect(call.waitSeconds == 12 && call.outsideNumber == "+79161234567")
    }

    @Test func repeatedAndLateEventsChangeNothing() throws {
        let ringing = Self.start(Self.event(.ringing, 0))
        #expect(CallProgress.apply(Self.event(.ringing, 1), to: ringing, userID: nil) == nil)
        let answered = try #require(CallProgress.apply(Self.event(.answered, 5), to: ringing, userID: 5))
        #expect(CallProgress.apply(Self.event(.answered, 6), to: answered, userID: 5) == nil)
        let ended = try #require(CallProgress.apply(Self.event(.ended, 65, duration: 60), to: answered, userID: 5))
        #expect(CallProgress.apply(Self.event(.ended, 65, duration: 60), to: ended, userID: 5) == nil)
        // An answer or a failure after the end is late: ignored.
        #expect(CallProgress.apply(Self.event(.answered, 70), to: ended, userID: 5) == nil)
        #expect(CallProgress.apply(Self.event(.failed, 70), to: ended, userID: 5) == nil)
    }

    @Test func endedUnansweredIsMissedAndDueACallBack() throws {
        let ringing = Self.start(Self.event(.ringing, 0))
        let missed = try #require(CallProgress.apply(Self.event(.ended, 30), to: ringing, userID: nil))
        #expect(missed.status == .missed && missed.durationSeconds == 0 && missed.userID == nil)
        #expect(CallProgress.justMissed(from: ringing, to: missed))
        // Once the call-back exists, or for an outgoing call, there is no other.
        var withTask = missed
        withTask.callbackTaskID = 9
        #expect(!CallProgress.justMissed(from: ringing, to: withTask))
        let outgoing = try #require(CallProgress.apply(Self.event(.ended, 30, direction: .outgoing),
                                                       to: CallProgress.start(Self.event(.ringing, 0, direction: .outgoing), lineID: 1, queueID: nil),
                                                       userID: 5))
        #expect(outgoing.status == .missed && !CallProgress.justMissed(from: nil, to: outgoing))
    }

    @Test func anEndWithTalkTimeMeansItWasAnswered() throws {
        // Some PBXs report only the end: its duration says the answer came that long before.
        let ended = try #require(CallProgress.apply(Self.event(.ended, 200, duration: 150), to: Self.start(Self.event(.ended, 200)), userID: 5))
        #expect(ended.status == .ended && ended.durationSeconds == 150 && ended.answeredAt == Self.at(50) && ended.userID == 5)
        let told = try #require(CallProgress.apply(Self.event(.ended, 200, answered: true), to: Self.start(Self.event(.ringing, 0)), userID: nil))
        #expect(told.status == .ended)
    }

    @Test func aLateEndMayStillBringTheRecording() throws {
        let ringing = Self.start(Self.event(.ringing, 0))
        let ended = try #require(CallProgress.apply(Self.event(.ended, 90, duration: 80), to: ringing, userID: 5))
        var withRecording = Self.event(.ended, 95, duration: 80)
        withRecording.recordingURL = "https://pbx.example/r/1.mp3"
        let later = try #require(CallProgress.apply(withRecording, to: ended, userID: 5))
        #expect(later.recordingSourceURL == "https://pbx.example/r/1.mp3" && later.status == .ended && later.endedAt == Self.at(90))
    }

    @Test func failuresKeepTheProvidersReason() throws {
        var event = Self.event(.failed, 3)
        event.failureReason = "  Number unreachable "
        let failed = try #require(CallProgress.apply(event, to: Self.start(Self.event(.ringing, 0)), userID: nil))
        #expect(failed.status == .failed && failed.failureReason == "Number unreachable" && failed.durationSeconds == 0)
    }

    @Test func queuesTakeTurnsAfterTheLastOperator() {
        var queue = CallQueue(name: "Support", memberIDs: [4, 5, 6])
        #expect(queue.roundRobinOrder == [4, 5, 6])
        queue.lastMemberID = 5
        #expect(queue.roundRobinOrder == [6, 4, 5])
        queue.lastMemberID = 99
        #expect(queue.roundRobinOrder == [4, 5, 6])
    }
}
