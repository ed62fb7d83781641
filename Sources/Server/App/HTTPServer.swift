import API
import GraphQLEngine
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Integrations
import Logging

/// The Hummingbird application: `/graphql` over HTTP and WebSocket (`graphql-transport-ws`),
/// `/health` for probes, file uploads and downloads, PBX webhooks, and the console's static
/// files. It only translates HTTP to the handlers and back.
public enum HTTPServer {
    /// Builds the application. `authenticate` turns the `Authorization` header into the request
    /// context (an anonymous one when there is no valid credential); `isReady` answers `/health`;
    /// `gauges` adds figures to `/metrics`; `sockets` admits WebSocket connections and follows
    /// them — without it `/graphql` does not upgrade.
    public static func application<Context: Sendable>(
        configuration: ServerConfiguration,
        handler: GraphQLHTTPHandler<Context>,
        authenticate: @escaping @Sendable (_ authorization: String?) async -> Context,
        isReady: @escaping @Sendable () async -> Bool = { true },
        files: FileTransfer? = nil,
        webhooks: Webhooks? = nil,
        sockets: SocketHooks<Context>? = nil,
        gauges: @escaping @Sendable () async -> [Gauge] = { [] },
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        if let directory = configuration.staticDirectory {
            router.add(middleware: FileMiddleware(directory, searchForIndexHtml: true))
        }
        router.get("/health") { _, _ -> Response in
            let ready = await isReady()
            return Response(status: ready ? .ok : .serviceUnavailable,
                            headers: [.contentType: "application/json; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: ready ? #"{"status":"ok"}"# : #"{"status":"starting"}"#)))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: Metrics.text(await gauges()))))
        }
        let graphql: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body: [UInt8]
            do {
                let buffer = try await request.body.collect(upTo: configuration.maxBodyBytes)
                body = Array(buffer.readableBytesView)
            } catch {
                return Response(status: .contentTooLarge, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: "The request body is larger than \(configuration.maxBodyBytes) bytes.")))
            }
            let exchange = GraphQLHTTPRequest(
                method: request.method.rawValue,
                contentType: request.headers[.contentType],
                accept: request.headers[.accept],
                queryItems: FormEncoding.parse(request.uri.query ?? ""),
                body: body)
            let authorization = request.headers[.authorization]
            let answer = await handler.handle(exchange) { await authenticate(authorization) }
            return response(status: answer.status, headers: answer.headers, body: answer.body)
        }
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("/graphql", method: method, use: graphql)
        }
        if let files { routeFiles(router, files) }
        if let webhooks { routeWebhooks(router, webhooks, maxBodyBytes: configuration.maxBodyBytes) }
        let route = sockets.map { WebSocketRoute(executable: handler.executable, documents: handler.documents, configuration: configuration, hooks: $0) }
        return Application(
            router: router,
            server: HTTPServerBuilder { responder in
                GraphQLUpgradeChannel(responder: responder, maxFrameSize: configuration.maxBodyBytes,
                                      accept: { route?.accept($0) }, serve: { channel, head in try route?.serve(channel, head) })
            },
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Switchboard"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}

extension HTTPServer {
    /// The webhooks: `POST /hooks/telephony/{lineId}` (a PBX's call events; `GET` answers
    /// Zadarma's `zd_echo` check; Mango Office posts to `…/events/{kind}`) and
    /// `POST /hooks/telegram|vk|viber/{accountId}` (messenger updates), each naming its line or
    /// account by global id.
    static func routeWebhooks(_ router: Router<BasicRequestContext>, _ webhooks: Webhooks, maxBodyBytes: Int) {
        routeHook(router, "/hooks/telephony/:id", maxBodyBytes: maxBodyBytes) { id, _, header, body in
            await webhooks.telephony.handle(lineID: GlobalID.id(id, of: "PhoneLine"), header: header, body: body)
        }
        // Mango Office posts each kind of event to the line's URL + `/events/<kind>`.
        routeHook(router, "/hooks/telephony/:id/events/:kind", maxBodyBytes: maxBodyBytes) { id, kind, header, body in
            await webhooks.telephony.handle(lineID: GlobalID.id(id, of: "PhoneLine"), path: "events/" + (kind ?? ""), header: header, body: body)
        }
        router.get("/hooks/telephony/:id") { request, context -> Response in
            let reply = await webhooks.telephony.echo(lineID: GlobalID.id(context.parameters.get("id") ?? "", of: "PhoneLine"),
                                                      query: FormEncoding.parse(request.uri.query ?? ""))
            return response(status: reply.status, headers: [("Content-Type", reply.contentType)], body: reply.body)
        }
        routeHook(router, "/hooks/telegram/:id", maxBodyBytes: maxBodyBytes) { id, _, header, body in
            await webhooks.telegram.handle(accountID: GlobalID.id(id, of: "ChannelAccount"), header: header, body: body)
        }
        routeHook(router, "/hooks/vk/:id", maxBodyBytes: maxBodyBytes) { id, _, _, body in
            await webhooks.vk.handle(accountID: GlobalID.id(id, of: "ChannelAccount"), body: body)
        }
        routeHook(router, "/hooks/viber/:id", maxBodyBytes: maxBodyBytes) { id, _, header, body in
            await webhooks.viber.handle(accountID: GlobalID.id(id, of: "ChannelAccount"), header: header, body: body)
        }
    }

    /// A webhook route: the path's `id` (and `kind`, if it has one), the request's headers and its
    /// body (up to the limit, 413 past it) to a handler's reply.
    static func routeHook(_ router: Router<BasicRequestContext>, _ path: RouterPath, maxBodyBytes: Int,
                          _ handle: @escaping @Sendable (String, String?, (String) -> String?, [UInt8]) async -> WebhookReply) {
        router.post(path) { request, context -> Response in
            let body: [UInt8]
            do {
                body = Array(try await request.body.collect(upTo: maxBodyBytes).readableBytesView)
            } catch {
                return response(status: 413, headers: [("Content-Type", "text/plain; charset=utf-8")],
                                body: Array("The request body is larger than \(maxBodyBytes) bytes.".utf8))
            }
            let headers = request.headers
            let reply = await handle(context.parameters.get("id") ?? "", context.parameters.get("kind"),
                                     { name in HTTPField.Name(name).flatMap { headers[$0] } }, body)
            return response(status: reply.status, headers: [("Content-Type", reply.contentType)], body: reply.body)
        }
    }

    /// `PUT /uploads/{id}` (the bytes of an announced upload, up to the file size limit) and
    /// `GET /files/{id}` and `GET /calls/{id}/recording`, all with the usual `Authorization`.
    static func routeFiles(_ router: Router<BasicRequestContext>, _ files: FileTransfer) {
        router.put("/uploads/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return response(await files.upload(authorization: request.headers[.authorization], id: id) { limit in
                Array(try await request.body.collect(upTo: min(limit, files.maximumSize + 1)).readableBytesView)
            })
        }
        router.get("/files/:id") { request, context -> Response in
            response(await files.download(authorization: request.headers[.authorization], id: context.parameters.get("id") ?? ""))
        }
        router.get("/calls/:id/recording") { request, context -> Response in
            response(await files.recording(authorization: request.headers[.authorization], callID: context.parameters.get("id") ?? ""))
        }
    }

    static func response(_ answer: FileTransfer.Answer) -> Response {
        response(status: answer.status, headers: answer.headers, body: answer.body)
    }

    static func response(status: Int, headers fields: [(name: String, value: String)], body: [UInt8]) -> Response {
        var headers = HTTPFields()
        for (name, value) in fields {
            if let fieldName = HTTPField.Name(name) { headers.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
