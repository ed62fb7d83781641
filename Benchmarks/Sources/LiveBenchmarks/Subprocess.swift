import Foundation
import NIOCore

/// A child process started with `posix_spawn`, with the default disposition and no blocked
/// signals (Foundation's `Process` passes on a blocked mask, so a child would not see SIGTERM
/// or SIGCHLD), and its output appended to a file. It inherits this process's raised open-file
/// limit.
final class Child: @unchecked Sendable {
    let pid: pid_t
    private var status: Int32?

    init(_ executable: String, _ arguments: [String], output: String?, workdir: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let target = output ?? "/dev/null"
        posix_spawn_file_actions_addopen(&actions, 1, target, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw HTTPFailure(description: "cannot start \(executable): \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    var isRunning: Bool {
        if status != nil { return false }
        var s: Int32 = 0
        if waitpid(pid, &s, WNOHANG) == pid { status = s; return false }
        return true
    }

    func wait() {
        guard status == nil else { return }
        var s: Int32 = 0
        while waitpid(pid, &s, 0) == -1 && errno == EINTR {}
        status = s
    }

    func signal(_ sig: Int32) { if isRunning { kill(pid, sig) } }
}

/// A server started as a child process.
final class ServerProcess: @unchecked Sendable {
    let name: String
    let port: Int
    let child: Child
    let logPath: String

    init(name: String, executable: String, arguments: [String], port: Int, workdir: String) throws {
        self.name = name
        self.port = port
        logPath = workdir + "/\(name).log"
        child = try Child(executable, arguments, output: logPath, workdir: workdir)
    }

    var pid: Int32 { child.pid }

    /// Waits until `GET /health` answers 200.
    func waitHealthy(group: EventLoopGroup, timeout: Duration = .seconds(90)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard child.isRunning else { throw HTTPFailure(description: "\(name) exited early; see \(logPath):\n\(logTail())") }
            if let answer = try? await httpRequest(group: group, host: "127.0.0.1", port: port, .get("/health")), answer.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HTTPFailure(description: "\(name) did not become healthy in time; see \(logPath)")
    }

    func logTail(_ limit: Int = 3000) -> String {
        guard let data = FileManager.default.contents(atPath: logPath) else { return "(no log)" }
        return String(decoding: data.suffix(limit), as: UTF8.self)
    }

    /// SIGTERM, then SIGKILL if it lingers.
    func stop() {
        guard child.isRunning else { return }
        child.signal(SIGTERM)
        let deadline = Date().addingTimeInterval(15)
        while child.isRunning && Date() < deadline { usleep(20_000) }
        child.signal(SIGKILL)
        child.wait()
    }

    /// Resident memory (VmRSS) in bytes.
    func rssBytes() -> Int? { ProcFS.rssBytes(pid: pid) }

    /// CPU time (user + system) used so far, in seconds.
    func cpuSeconds() -> Double? { ProcFS.cpuSeconds(pid: pid) }

    /// The process's open-file limit.
    func fileLimit() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("Max open files") {
            return Int(line.split(separator: " ").dropFirst(3).first ?? "")
        }
        return nil
    }

    /// Threads of the process.
    func threads() -> Int? { ProcFS.status(pid: pid, field: "Threads:") }
}

enum ProcFS {
    static func status(pid: Int32, field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field) {
            return Int(line.dropFirst(field.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }

    static func rssBytes(pid: Int32) -> Int? { status(pid: pid, field: "VmRSS:").map { $0 * 1024 } }

    static func cpuSeconds(pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3; utime and stime are 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// Raises this process's open-file limit as far as the hard limit allows; returns the new soft limit.
func raiseFileLimit(to wanted: Int) -> Int {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    let target = min(rlim_t(wanted), limit.rlim_max)
    if limit.rlim_cur < target {
        limit.rlim_cur = target
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
    return Int(limit.rlim_cur)
}

/// A TCP port that was free a moment ago.
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// `perf record -g` of a process for a given time (`--perf DIR`), for `perf report -i`.
final class PerfRecording {
    private let child: Child

    init?(pid: Int32, output: String, seconds: Double) {
        guard let child = try? Child("/usr/bin/perf", ["record", "-g", "-F", "499", "--no-buildid", "--no-buildid-cache", "-p", String(pid),
                                                       "-o", output, "--", "sleep", String(format: "%.1f", seconds)], output: nil) else { return nil }
        self.child = child
        usleep(300_000)
    }

    func wait() { child.wait() }
}
