import Foundation

/// One unit of work, run once per iteration. It returns a number derived from its result (a
/// definition count, an error count, a response's byte count…) that the harness adds up and
/// prints, so the optimizer cannot drop the work. It is `async` because both engines execute
/// asynchronously; a synchronous closure (parse, validate) is called without suspending.
typealias Operation = @Sendable () async throws -> Int

/// A benchmark case: a name plus one closure per engine, both doing the same work on the same
/// input. Anything the closure must not time (reading files, building the schema, parsing the
/// document to validate) is done when the case is made, before the closures are returned.
struct BenchCase: Sendable {
    let name: String
    /// What the case measures, for the header.
    let detail: String
    /// Input size per operation; when set, the table shows MB/s.
    let bytesPerOp: Int?
    let ours: Operation
    let peer: Operation
}

/// Wraps a synchronous operation (parse, validate). The closure passed in stays a plain
/// synchronous function, so a profiler can select it by its symbol (`--toggle-collect`), which
/// does not work on an async closure: its body is split into partial functions.
func sync(_ op: @escaping @Sendable () throws -> Int) -> Operation {
    { try op() }
}

/// How long to measure.
struct BenchConfig {
    /// Measuring time per engine per case, warm-up excluded.
    var budget: Duration = .milliseconds(1500)
    /// Warm-up time per engine per case (also used to size the batches).
    var warmup: Duration = .milliseconds(300)
    /// Target length of one batch; the median is taken over the batches.
    var batch: Duration = .milliseconds(100)
    /// Fewest batches per engine, however slow an operation is.
    var minBatches = 7
}

/// The per-operation times of one engine on one case.
struct Measurement {
    var batchNanosPerOp: [Double] = []
    /// Process CPU time per operation, per batch: above the wall time when an engine runs work on
    /// more than one thread (both engines execute on Swift concurrency's global pool).
    var batchCPUNanosPerOp: [Double] = []
    var iterationsPerBatch = 0
    var checksum = 0

    var sorted: [Double] { batchNanosPerOp.sorted() }
    var median: Double {
        let s = sorted
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    var min: Double { sorted.first ?? .nan }
    var max: Double { sorted.last ?? .nan }
    var cpuMedian: Double {
        let s = batchCPUNanosPerOp.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

extension Duration {
    var nanoseconds: Double {
        let (s, atto) = components
        return Double(s) * 1e9 + Double(atto) / 1e9
    }
}

/// The CPU time used so far by all threads of the process, in nanoseconds.
func processCPUNanos() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

/// Runs `op` `n` times and returns the elapsed time, the process CPU time used meanwhile and the
/// sum of its results. It is nonisolated, so the loop runs on the global executor with the
/// engines' own tasks and awaiting `op` hops to no other executor.
@inline(never)
func runBatch(_ op: Operation, _ n: Int, clock: ContinuousClock) async throws -> (Duration, Double, Int) {
    var acc = 0
    let cpuStart = processCPUNanos()
    let start = clock.now
    for _ in 0..<n { acc &+= try await op() }
    let elapsed = start.duration(to: clock.now)
    return (elapsed, processCPUNanos() - cpuStart, acc)
}

/// Warms up both closures, sizes the batches, then runs batches of ours and the peer's in
/// alternation (so a burst of load on the shared machine hits both alike) until each has used
/// its budget and run at least `minBatches` batches.
func measure(_ c: BenchCase, _ config: BenchConfig) async throws -> (ours: Measurement, peer: Measurement) {
    let clock = ContinuousClock()
    func calibrate(_ op: Operation) async throws -> (iterations: Int, checksum: Int) {
        var n = 0, acc = 0
        let start = clock.now
        var elapsed = Duration.zero
        while elapsed < config.warmup || n < 3 {
            acc &+= try await op()
            n += 1
            elapsed = start.duration(to: clock.now)
        }
        let perOp = elapsed.nanoseconds / Double(n)
        return (Swift.max(1, Int(config.batch.nanoseconds / perOp)), acc)
    }
    var ours = Measurement(), peer = Measurement()
    (ours.iterationsPerBatch, ours.checksum) = try await calibrate(c.ours)
    (peer.iterationsPerBatch, peer.checksum) = try await calibrate(c.peer)
    var oursTotal = Duration.zero, peerTotal = Duration.zero
    while oursTotal < config.budget || peerTotal < config.budget
        || ours.batchNanosPerOp.count < config.minBatches || peer.batchNanosPerOp.count < config.minBatches {
        let (t1, cpu1, s1) = try await runBatch(c.ours, ours.iterationsPerBatch, clock: clock)
        oursTotal += t1
        ours.checksum &+= s1
        ours.batchNanosPerOp.append(t1.nanoseconds / Double(ours.iterationsPerBatch))
        ours.batchCPUNanosPerOp.append(cpu1 / Double(ours.iterationsPerBatch))
        let (t2, cpu2, s2) = try await runBatch(c.peer, peer.iterationsPerBatch, clock: clock)
        peerTotal += t2
        peer.checksum &+= s2
        peer.batchNanosPerOp.append(t2.nanoseconds / Double(peer.iterationsPerBatch))
        peer.batchCPUNanosPerOp.append(cpu2 / Double(peer.iterationsPerBatch))
    }
    return (ours, peer)
}

/// Runs `body` on the global executor and blocks the calling (main) thread until it finishes.
/// The top-level code stays synchronous: an `async` main would park the main thread in
/// `dispatch_main`, which valgrind cannot run (it dies with SIGSEGV), and `--profile` is for
/// valgrind.
func blockingAwait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// The result of `blockingAwait`'s task; written by the task before it signals, read after.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
