import Foundation
import Hummingbird
import VigieCore

/// Server-rendered pages: text escaped as it is put in, one layout, no inline script or style.
enum HTML {
    static func escape(_ text: String) -> String {
        // Scalar by scalar: a quote followed by a combining mark is one Character, and must still be escaped.
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A whole page: the navigation for a logged-in account (with the logout form and its CSRF token), the
    /// body, and the scripts it needs, all from this server.
    static func page(
        _ title: String, language: Language, session: Session?, current: String, body: String, scripts: [String] = [],
        styles: [String] = [], isPublic: Bool = false
    ) -> Response {
        let words = language
        var navigation = ""
        if isPublic {
            // The citizens' pages: the same for everyone, logged in or not.
            let other = language == .fr ? "en" : "fr"
            let links = [("/signaler", language.pick("Signaler un problème", "Report a problem")),
                ("/chiffres", language.pick("Chiffres publics", "Public figures"))].map { path, label in
                "<a href=\"\(path)\"\(path == current ? " aria-current=\"page\"" : "")>\(escape(label))</a>"
            }.joined()
            navigation = """
                <nav>\(links)<span class="spacer"></span>\
                <a href="\(current)?lang=\(other)" lang="\(other)">\(escape(words["other-language"]))</a></nav>
                """
        } else if let session {
            let links = pages.filter { $0.permission.roles.contains(session.account.role) }.map { path, key, _ in
                "<a href=\"\(path)\"\(path == current ? " aria-current=\"page\"" : "")>\(escape(words[key]))</a>"
            }.joined()
            let other = language == .fr ? "en" : "fr"
            navigation = """
                <nav>\(links)<span class="spacer"></span>\
                <a href="\(current)?lang=\(other)" lang="\(other)">\(escape(words["other-language"]))</a>\
                <span class="account">\(escape(session.account.name)) · \(escape(session.account.role.rawValue))</span>\
                <form method="post" action="/logout"><input type="hidden" name="csrf" value="\(escape(session.csrfToken))">\
                <button type="submit">\(escape(words["logout"]))</button></form></nav>
                """
        }
        let head = (["/assets/vigie.css"] + styles).map { "<link rel=\"stylesheet\" href=\"\($0)\">" }.joined()
        let tail = scripts.map { "<script src=\"\($0)\"></script>" }.joined()
        let html = """
            <!doctype html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>\(escape(title)) · Vigie</title><link rel="icon" href="/assets/icon.svg" type="image/svg+xml">\(head)</head>
            <body data-lang="\(language.rawValue)"><header><strong>Vigie</strong>\(navigation)</header>
            <main>\(body)</main>
            <footer>\(escape(words["place-based"]))</footer>\(tail)</body></html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        var response = Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        response.setCookie(Cookie(name: "vigie_lang", value: language.rawValue, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    /// The pages in the navigation, with the permission each needs.
    static let pages: [(path: String, key: String, permission: Permission)] = [
        ("/", "overview", .readStatistics), ("/map", "map", .readStatistics), ("/trends", "trends", .readStatistics),
        ("/patrol", "patrol", .readForecasts), ("/agenda", "agenda", .readAgenda), ("/report", "report", .readStatistics),
        ("/triage", "triage", .readCitizenRequests), ("/video", "video", .readVideo),
        ("/quarantine", "quarantine", .readQuarantine), ("/sources", "sources", .readSources), ("/users", "users", .readAccounts),
        ("/audit", "audit", .readAudit),
    ]

    /// Where a role lands after logging in: the first page of the navigation it may open (the overview
    /// for most; the video wall for a video operator; the audit log for an auditor).
    static func home(for role: Role) -> String {
        pages.first { $0.permission.roles.contains(role) }?.path ?? "/sources"
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
