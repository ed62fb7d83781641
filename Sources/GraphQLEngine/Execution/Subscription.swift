/// The outcome of subscribing: a stream of results, one per event, or the errors that prevented
/// the subscription (returned as a normal result without `data`).
public enum SubscriptionResult: Sendable {
    case stream(SubscriptionStream)
    case failed(ExecutionResult)
}

/// A subscription's results, one per source event, executed in the task that iterates it — no
/// task or buffer of its own between the source and the subscriber. An error from the source
/// ends it after one result carrying that error; cancelling the iterating task ends it (and the
/// source's iteration) quietly. Iterate it once.
public struct SubscriptionStream: AsyncSequence, Sendable {
    public typealias Element = ExecutionResult
    let events: any AsyncSequence<any Sendable, any Error> & Sendable
    let execute: @Sendable (any Sendable) async -> ExecutionResult
    let failure: @Sendable (any Error) -> ExecutionResult

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(source: events.makeAsyncIterator(), execute: execute, failure: failure)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var source: (any AsyncIteratorProtocol<any Sendable, any Error>)?
        let execute: @Sendable (any Sendable) async -> ExecutionResult
        let failure: @Sendable (any Error) -> ExecutionResult

        public mutating func next() async -> ExecutionResult? {
            // Asked even when cancelled: the source learns of it and ends (a stream's termination).
            guard var iterator = source else { return nil }
            do {
                guard let event = try await iterator.next(), !Task.isCancelled else {
                    source = nil
                    return nil
                }
                source = iterator
                return await execute(event)
            } catch is CancellationError {
                source = nil
                return nil
            } catch {
                source = nil
                return failure(error)
            }
        }
    }
}

extension ExecutableSchema {
    /// Subscribes to a subscription operation (spec §6.2.3): creates the source event stream of
    /// its single root field, then executes the selection set once per event with the event as
    /// root value — once for all subscriptions of the same operation when the event is a
    /// ``SharedSourceEvent`` with the same key. The consumer's task does the work as it iterates
    /// (``SubscriptionStream``); cancelling it ends the source's iteration. An error from the
    /// source ends the stream after one result carrying it.
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
        let events: any AsyncSequence<any Sendable, any Error> & Sendable
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
