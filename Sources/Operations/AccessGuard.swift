import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// Lets a request through when the listener needs no authentication (loopback), when it
/// carries a user and password of `[http] users_file` (HTTP basic), or when the header that
/// `[http] trusted_proxy_header` names is set by the fronting proxy; else answers 401.
struct AccessGuard<Context: RequestContext>: RouterMiddleware {
    let users: UsersFile?
    let proxyHeader: HTTPField.Name?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if users == nil, proxyHeader == nil { return try await next(request, context) }
        if let proxyHeader, let user = request.headers[proxyHeader], !user.isEmpty { return try await next(request, context) }
        if let users, let basic = request.headers.basic, users.verify(user: basic.username, password: basic.password) {
            return try await next(request, context)
        }
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Basic realm=\"escalation-gateway\""
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .unauthorized, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "authentication required\n")))
    }
}
