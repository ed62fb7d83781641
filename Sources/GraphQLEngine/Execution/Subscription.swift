import Synchronization

/// The outcome of subscribing: a stream of results, one per event, or the errors that prevented
/// the subscription (returned as a normal result without `data`).
public enum SubscriptionResult: Sendable {
    case stream(SubscriptionStream)
    case failed(ExecutionResult)
}

/// Where a subscription's events come from. A source that pushes its events costs nothing but
/// its state while it is idle; an `AsyncStream` or `AsyncThrowingStream` of `any Sendable` is a
/// source too, iterated by a task of its own.
public protocol SubscriptionEvents: Sendable {
    /// Starts the events. `deliver` gets each event, in order, the next only once the previous
    /// delivery returned; `end` is called once when the source ends by itself — with the error
    /// that ended it, or nil — and never after the returned handle was cancelled.
    func start(deliver: @escaping @Sendable (any Sendable) async -> Void,
               end: @escaping @Sendable ((any Error)?) async -> Void) -> SubscriptionHandle
}

/// Stops a started subscription (once; later calls do nothing).
public final class SubscriptionHandle: Sendable {
    private let action: Mutex<(@Sendable () -> Void)?>

    public init(cancel: @escaping @Sendable () -> Void) {
        action = Mutex(cancel)
    }

    public func cancel() {
        let action = self.action.withLock { action in
            defer { action = nil }
            return action
        }
        action?()
    }
}

extension AsyncStream: SubscriptionEvents where Element == any Sendable {
    public func start(deliver: @escaping @Sendable (any Sendable) async -> Void,
                      end: @escaping @Sendable ((any Error)?) async -> Void) -> SubscriptionHandle {
        iterate(self, deliver: deliver, end: end)
    }
}

extension AsyncThrowingStream: SubscriptionEvents where Element == any Sendable {
    public func start(deliver: @escaping @Sendable (any Sendable) async -> Void,
                      end: @escaping @Sendable ((any Error)?) async -> Void) -> SubscriptionHandle {
        iterate(self, deliver: deliver, end: end)
    }
}

/// A sequence's events delivered by a task that iterates it.
private func iterate<Events: AsyncSequence & Sendable>(
    _ events: Events, deliver: @escaping @Sendable (any Sendable) async -> Void, end: @escaping @Sendable ((any Error)?) async -> Void
) -> SubscriptionHandle where Events.Element == any Sendable {
    let task = Task {
        do {
            for try await event in events {
                if Task.isCancelled { return }
                await deliver(event)
            }
            if !Task.isCancelled { await end(nil) }
        } catch {
            if !Task.isCancelled { await end(error) }
        }
    }
    return SubscriptionHandle { task.cancel() }
}

/// A subscription's results, one per source event, each executed as its event is delivered.
/// ``start(onResult:onEnd:)`` runs it (once); an error from the source ends it after one result
/// carrying that error. It is also an `AsyncSequence` of its results (started when iterated,
/// cancelled when the iteration ends).
public struct SubscriptionStream: AsyncSequence, Sendable {
    public typealias Element = ExecutionResult
    public typealias AsyncIterator = AsyncStream<ExecutionResult>.Iterator
    let events: any SubscriptionEvents
    let execute: @Sendable (any Sendable) async -> ExecutionResult
    let failure: @Sendable (any Error) -> ExecutionResult

    /// Starts the subscription: `onResult` gets the result of each event in order (the next
    /// once it returned), `onEnd` is called when the source ended by itself — not after the
    /// handle was cancelled.
    public func start(onResult: @escaping @Sendable (ExecutionResult) async -> Void,
                      onEnd: @escaping @Sendable () async -> Void) -> SubscriptionHandle {
        let (execute, failure) = (self.execute, self.failure)
        return events.start(deliver: { event in await onResult(await execute(event)) }, end: { error in
            if let error, !(error is CancellationError) { await onResult(failure(error)) }
            await onEnd()
        })
    }

    public func makeAsyncIterator() -> AsyncIterator {
        let (results, continuation) = AsyncStream<ExecutionResult>.makeStream()
        let handle = start(onResult: { continuation.yield($0) }, onEnd: { continuation.finish() })
        continuation.onTermination = { _ in handle.cancel() }
        return results.makeAsyncIterator()
    }
}

extension ExecutableSchema {
    /// Subscribes to a subscription operation (spec §6.2.3): creates the source event stream of
    /// its single root field, then executes the selection set once per event with the event as
    /// root value — once for all subscriptions of the same operation when the event is a
    /// ``SharedSourceEvent`` with the same key. Each event is executed as the source delivers it
    /// (``SubscriptionStream``). An error from the source ends the stream after one result
    /// carrying it.
    public func subscribe(_ document: DocumentNode, source: Source? = nil, operationName: String? = nil,
                          variables: [JSONMember] = [], context: Context) async -> SubscriptionResult {
        let prepared: PreparedOperation
        do {
            prepared = try prepare(document, source: source, operationName: operationName, variables: variables)
        } catch {
            return .failed(ExecutionResult(requestErrors: error.errors))
        }
        guard prepared.operation.operation == .subscription else {
            return .failed(ExecutionResult(requestErrors: [GraphQLError("Only subscription operations can be subscribed to.")]))
        }
        if let error = limits.check(prepared, schema: schema, source: source) {
            return .failed(ExecutionResult(requestErrors: [error]))
        }
        guard let rootType = schema.subscriptionType else {
            return .failed(ExecutionResult(requestErrors: [located("Schema is not configured to execute subscription operation.",
                                                                   [prepared.operation.loc], source)]))
        }
        let setup = Execution(schema: self, prepared: prepared, source: source, context: context)
        let fields = setup.collectFields(rootType, [prepared.operation.selectionSet])
        guard let field = fields.first else {
            return .failed(ExecutionResult(requestErrors: [GraphQLError("The subscription has no root field to subscribe to.")]))
        }
        let path = ItemPaths(objects: .root, key: .key(field.responseKey)).path(0)
        guard let subscribe = subscriptions[ObjectIdentifier(field.definition)] else {
            return .failed(ExecutionResult(requestErrors: [located("Subscription field \"\(field.definition.name)\" has no event source.",
                                                                   field.nodes.map(\.loc), source, path: path.components)]))
        }
        let events: any SubscriptionEvents
        do {
            let arguments = try coerceArgumentValues(field.definition.arguments, nodes: field.nodes[0].arguments,
                                                     variables: prepared.variables)
            let info = ResolveInfo(fieldName: field.definition.name, responseKey: field.responseKey, parentType: rootType,
                                   returnType: field.definition.type, fieldNodes: field.nodes, schema: schema,
                                   operation: prepared.operation, variables: prepared.variables)
            events = try await subscribe(FieldCall(source: RootValue(), arguments: arguments, context: context, info: info))
        } catch {
            setup.record(error, field: field, path: path)
            return .failed(ExecutionResult(requestErrors: setup.errors.all))
        }
        // Shared events are executed once per operation and key: the operation is its text,
        // name and variables (without the text, nothing is shared). A shared result is written
        // as JSON once, for all its subscribers.
        let operationKey = source.map { "\u{1}" + String(decoding: $0.bytes, as: UTF8.self) + "\u{1}" + (operationName ?? "") + "\u{1}"
            + JSONValue.object(variables).jsonText }
        @Sendable func execute(_ event: any Sendable) async -> ExecutionResult {
            let execution = Execution(schema: self, prepared: prepared, source: source, context: context)
            let data = await execution.executeFields(rootType, sources: [event], level: .root, fields: fields)
            return ExecutionResult(data: data[0], errors: execution.errors.all)
        }
        let sharedResults = self.sharedResults
        let stream = SubscriptionStream(events: events, execute: { event in
            guard let shared = event as? any SharedSourceEvent, let operationKey else { return await execute(event) }
            let value = shared.value
            return await sharedResults.value(shared.shareKey + operationKey) {
                var result = await execute(value)
                result.encode()
                return result
            }
        }, failure: { error in
            let failure = Execution(schema: self, prepared: prepared, source: source, context: context)
            failure.record(error, field: field, path: path)
            return ExecutionResult(requestErrors: failure.errors.all)
        })
        return .stream(stream)
    }
}
