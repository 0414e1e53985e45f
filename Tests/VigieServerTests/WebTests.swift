import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieCore
import VigieServer
import VigieStore

@Suite("The pages")
struct WebTests {
    static func form(_ fields: String) -> (HTTPFields, ByteBuffer) {
        ([.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: fields))
    }

    @Test("log in with the form, see the overview, the map and the agenda, log out; French first, English on request; no inline script")
    func pages() async throws {
        let store = try ServerTests.store()
        try await ServerTests.application(store).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/login")
            }
            try await client.execute(uri: "/login", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok && html.contains("<html lang=\"fr\">") && html.contains("Mot de passe"))
            }
            try await client.execute(uri: "/login?lang=en", method: .get) { response in
                #expect(String(buffer: response.body).contains("Password"))
            }
            let (headers, wrong) = Self.form("name=analyst&password=nope")
            try await client.execute(uri: "/login", method: .post, headers: headers, body: wrong) { response in
                #expect(response.status == .unauthorized && String(buffer: response.body).contains("the name or the password is wrong"))
            }
            let (_, right) = Self.form("name=analyst&password=secret-analyst")
            let cookie = try await client.execute(uri: "/login", method: .post, headers: headers, body: right) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/")
                return String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
            }
            var csrf = ""
            for page in ["/", "/map", "/agenda"] {
                try await client.execute(uri: page, method: .get, headers: [.cookie: cookie]) { response in
                    let html = String(buffer: response.body)
                    #expect(response.status == .ok, "\(page): \(html)")
                    #expect(!html.contains("<script>") && !html.contains(" style="), "\(page) holds an inline script or style")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
                    if let range = html.range(of: #"name="csrf" value=""#) {
                        csrf = String(html[range.upperBound...].prefix { $0 != "\"" })
                    }
                }
            }
            try await client.execute(uri: "/map", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<div id="map""#) && html.contains(#"src="/vendor/leaflet/leaflet.js""#))
                #expect(html.contains("Catégorie") && html.contains("Vols"))
            }
            try await client.execute(uri: "/assets/vigie.js", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("EventSource"))
            }
            if FileManager.default.fileExists(atPath: "/usr/share/javascript/leaflet/leaflet.js") {
                try await client.execute(uri: "/vendor/leaflet/leaflet.js", method: .get) { response in
                    #expect(response.status == .ok && response.headers[.contentType] == "application/javascript")
                }
            }
            try await client.execute(uri: "/vendor/leaflet/../../../../etc/passwd", method: .get) { response in
                #expect(response.status == .notFound)
            }
            #expect(!csrf.isEmpty)
            let (_, logout) = Self.form("csrf=\(csrf)")
            try await client.execute(uri: "/logout", method: .post, headers: headers.merging([.cookie: cookie]), body: logout) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/login")
            }
            try await client.execute(uri: "/map", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .seeOther, "the session ended with the logout")
            }
        }
    }

    @Test("a role without the permission sees a refusal, not the data")
    func refusedPage() async throws {
        let store = try ServerTests.store()
        try await ServerTests.application(store).test(.router) { client in
            let (headers, body) = Self.form("name=auditor&password=secret-auditor")
            let cookie = try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { response in
                String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
            }
            for page in ["/", "/map", "/agenda"] {
                try await client.execute(uri: page, method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .forbidden && String(buffer: response.body).contains("the role auditor may not"), "\(page)")
                }
            }
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged.append(field) }
        return merged
    }
}
