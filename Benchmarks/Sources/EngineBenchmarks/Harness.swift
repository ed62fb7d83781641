import Foundation

/// One unit of work, run once per iteration. It returns a number derived from its result (a
/// definition count, an error count…) that the harness adds up and prints, so the optimizer
/// cannot drop the work.
typealias Operation = () throws -> Int

/// A benchmark case: a name plus one closure per engine, both doing the same work on the same
/// input. Anything the closure must not time (reading files, building the schema, parsing the
/// document to validate) is done when the case is made, before the closures are returned.
struct BenchCase {
    let name: String
    /// What the case measures, for the header.
    let detail: String
    /// Input size per operation; when set, the table shows MB/s.
    let bytesPerOp: Int?
    let ours: Operation
    let peer: Operation
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
}

extension Duration {
    var nanoseconds: Double {
        let (s, atto) = components
        return Double(s) * 1e9 + Double(atto) / 1e9
    }
}

/// Runs `op` `n` times and returns the elapsed time and the sum of its results.
@inline(never)
func runBatch(_ op: Operation, _ n: Int, clock: ContinuousClock) throws -> (Duration, Int) {
    var acc = 0
    let start = clock.now
    for _ in 0..<n { acc &+= try op() }
    let elapsed = start.duration(to: clock.now)
    return (elapsed, acc)
}

/// Warms up both closures, sizes the batches, then runs batches of ours and the peer's in
/// alternation (so a burst of load on the shared machine hits both alike) until each has used
/// its budget and run at least `minBatches` batches.
func measure(_ c: BenchCase, _ config: BenchConfig) throws -> (ours: Measurement, peer: Measurement) {
    let clock = ContinuousClock()
    func calibrate(_ op: Operation) throws -> (iterations: Int, checksum: Int) {
        var n = 0, acc = 0
        let start = clock.now
        var elapsed = Duration.zero
        while elapsed < config.warmup || n < 3 {
            acc &+= try op()
            n += 1
            elapsed = start.duration(to: clock.now)
        }
        let perOp = elapsed.nanoseconds / Double(n)
        return (Swift.max(1, Int(config.batch.nanoseconds / perOp)), acc)
    }
    var ours = Measurement(), peer = Measurement()
    (ours.iterationsPerBatch, ours.checksum) = try calibrate(c.ours)
    (peer.iterationsPerBatch, peer.checksum) = try calibrate(c.peer)
    var oursTotal = Duration.zero, peerTotal = Duration.zero
    while oursTotal < config.budget || peerTotal < config.budget
        || ours.batchNanosPerOp.count < config.minBatches || peer.batchNanosPerOp.count < config.minBatches {
        let (t1, s1) = try runBatch(c.ours, ours.iterationsPerBatch, clock: clock)
        oursTotal += t1
        ours.checksum &+= s1
        ours.batchNanosPerOp.append(t1.nanoseconds / Double(ours.iterationsPerBatch))
        let (t2, s2) = try runBatch(c.peer, peer.iterationsPerBatch, clock: clock)
        peerTotal += t2
        peer.checksum &+= s2
        peer.batchNanosPerOp.append(t2.nanoseconds / Double(peer.iterationsPerBatch))
    }
    return (ours, peer)
}
