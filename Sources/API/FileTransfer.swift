import CRM
import Foundation

/// The HTTP endpoints of stored bytes, independent of the HTTP framework: `PUT /uploads/{id}`
/// takes the bytes of an upload, `GET /files/{id}` serves a file to a viewer who sees its record,
/// `GET /calls/{id}/recording` a call's recording to a viewer who sees the call.
public struct FileTransfer: Sendable {
    /// An HTTP answer: status, headers, body.
    public struct Answer: Sendable {
        public let status: Int
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]

        public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    let services: Services

    public init(services: Services) {
        self.services = services
    }

    /// The largest body an upload may have.
    public var maximumSize: Int { services.files.maximumSize }

    /// Takes the bytes of an upload. The body is read (by `readBody`, at most the given number of
    /// bytes) only once the caller is known to own the upload, so nobody else makes the server
    /// hold a file's worth of memory.
    public func upload(authorization: String?, id: String, readBody: (Int) async throws -> [UInt8]) async -> Answer {
        let viewer = await services.auth.authenticate(authorization)
        guard viewer.canWrite, viewer.user != nil else {
            return Answer(status: 401, headers: [("Content-Type", "text/plain; charset=utf-8"), ("WWW-Authenticate", "Bearer")],
                          body: Array(FileService.ReceiveFailure.unauthenticated.message.utf8))
        }
        guard let uploadID = GlobalID.id(id, of: "FileUpload"), let upload = try? await services.fileStore.upload(id: uploadID),
              upload.userID == viewer.user?.id else { return Self.text(404, "No such upload.") }
        let body: [UInt8]
        do { body = try await readBody(upload.size + 1) } catch {
            return Self.text(413, "The upload announced \(upload.size) bytes; the body is longer.")
        }
        do {
            try await services.files.receive(viewer, uploadID: uploadID, bytes: body)
            return Answer(status: 204, headers: [], body: [])
        } catch {
            var answer = Self.text(error.status, error.message)
            if error == .unauthenticated { answer = Answer(status: 401, headers: answer.headers + [("WWW-Authenticate", "Bearer")], body: answer.body) }
            return answer
        }
    }

    public func download(authorization: String?, id: String) async -> Answer {
        let viewer = await services.auth.authenticate(authorization)
        guard viewer.canRead else {
            return Answer(status: 401, headers: [("Content-Type", "text/plain; charset=utf-8"), ("WWW-Authenticate", "Bearer")],
                          body: Array("Sign in to download files.".utf8))
        }
        guard let fileID = GlobalID.id(id, of: "File"), let (file, bytes) = try? await services.files.download(viewer, id: fileID) else {
            return Self.text(404, "No such file.")
        }
        return Answer(status: 200, headers: [
            ("Content-Type", file.contentType),
            ("Content-Length", String(bytes.count)),
            ("Content-Disposition", Self.disposition(file.name)),
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", "sandbox"),
            ("ETag", "\"\(file.sha256)\""),
            ("Cache-Control", "private, max-age=0, must-revalidate"),
        ], body: bytes)
    }

    public func recording(authorization: String?, callID id: String) async -> Answer {
        let viewer = await services.auth.authenticate(authorization)
        guard viewer.canRead else {
            return Answer(status: 401, headers: [("Content-Type", "text/plain; charset=utf-8"), ("WWW-Authenticate", "Bearer")],
                          body: Array("Sign in to listen to recordings.".utf8))
        }
        guard let callID = GlobalID.id(id, of: "Call"), let recording = try? await services.calls.recording(viewer, callID: callID) else {
            return Self.text(404, "No such recording.")
        }
        return Answer(status: 200, headers: [
            ("Content-Type", recording.contentType),
            ("Content-Length", String(recording.data.count)),
            ("Content-Disposition", "inline; filename=\"call-\(callID)-recording\""),
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", "sandbox"),
            ("Cache-Control", "private, max-age=0, must-revalidate"),
        ], body: recording.data)
    }

    /// `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266, RFC 8187).
    static func disposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static func text(_ status: Int, _ message: String) -> Answer {
        Answer(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(message.utf8))
    }
}
