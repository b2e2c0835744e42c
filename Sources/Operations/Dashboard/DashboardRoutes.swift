import EscalationValues
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import NIOCore

/// The staff dashboard's routes on the `[http]` listener, behind the same `AccessGuard` as
/// `/metrics`: `/`, `/escalations/ESC…` and `/report`. Read-only (GET), no script: the pages forbid any
/// with their Content-Security-Policy.
enum DashboardRoutes {
    static func add(to router: Router<some RequestContext>, gateway: Gateway) {
        router.get("/") { request, _ in
            html(try DashboardHome(gateway: gateway, now: Date()).render(approverParameter: request.uri.queryParameters.get("approver")))
        }
        router.get("/report") { request, _ in
            html(try ReportPageView(gateway: gateway, now: Date()).render(sinceParameter: request.uri.queryParameters.get("since")))
        }
        router.get("/escalations/:number") { _, context in
            let text = context.parameters.get("number") ?? ""
            guard let number = EscalationNumber(text), let page = try EscalationPageView(gateway: gateway, now: Date()).render(number) else {
                let body = "<h1>Not found</h1><p>There is no escalation \(HTML.escape(text)).</p><p><a href=\"/\">All escalations</a></p>"
                return html(DashboardLayout.page(title: "Not found", current: nil, body: body), status: .notFound)
            }
            return html(page)
        }
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}
