import CCurl
import Foundation

/// Outbound HTTP(S) over the system's libcurl: one request, its answer. Blocking transfers run
/// on a dispatch queue, off Swift's cooperative threads.
public struct HTTPClient: Sendable {
    public struct Response: Sendable, Equatable {
        public let status: Int
        public let body: [UInt8]

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Seconds a request may take in all.
    public let timeout: Int

    public init(timeout: Int = 15) {
        self.timeout = timeout
        _ = Self.initialised
    }

    private static let initialised: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    /// Sends a request; the body is sent as is (e.g. JSON with a `Content-Type` header).
    public func send(_ method: String, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> Response {
        let timeout = self.timeout
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.perform(method, url, headers: headers, body: body, timeout: timeout) })
            }
        }
    }

    /// The `apiBaseUrl` of an account's or line's settings without a trailing slash (tests point
    /// it at a local stand-in); nil when not set.
    public static func apiBase(_ settings: [String: Any]) -> String? {
        guard let base = settings["apiBaseUrl"] as? String, !base.isEmpty else { return nil }
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    /// POSTs a JSON object.
    public func postJSON(_ url: String, _ object: [String: Any], headers: [(String, String)] = []) async throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return try await send("POST", url, headers: [("Content-Type", "application/json")] + headers, body: Array(body))
    }

    /// POSTs a form (`application/x-www-form-urlencoded`).
    public func postForm(_ url: String, _ pairs: [(String, String)], headers: [(String, String)] = []) async throws -> Response {
        try await send("POST", url, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
                       body: Array(FormEncoding.encode(pairs).utf8))
    }

    /// The bytes of a response, filled by libcurl's write callback.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    private static func perform(_ method: String, _ url: String, headers: [(String, String)], body: [UInt8]?, timeout: Int) throws -> Response {
        guard let handle = curl_easy_init() else { throw Failure(description: "libcurl could not start a transfer") }
        defer { curl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in headers { list = curl_slist_append(list, "\(name): \(value)") }
        defer { curl_slist_free_all(list) }
        let sink = Sink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        _ = ccurl_setopt_string(handle, CURLOPT_URL, url)
        _ = ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT, timeout)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
        _ = ccurl_setopt_write(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        let payload = body ?? []
        let code: CURLcode = payload.withUnsafeBufferPointer { buffer in
            if body != nil {
                _ = ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, buffer.count)
                _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafePointer([0])))
            }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else { throw Failure(description: String(cString: curl_easy_strerror(code))) }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, body: sink.bytes)
    }
}
