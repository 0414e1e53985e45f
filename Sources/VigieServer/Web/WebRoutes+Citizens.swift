import Foundation
import Hummingbird
import VigieCore
import VigieIngest

/// The citizens' side: the public report form, the tracking page, and the staff's triage.
extension WebRoutes {
    func addCitizenPages(to router: Router<VigieRequestContext>) {
        router.get("signaler", use: reportForm)
        router.post("signaler", use: sendReport)
        router.get("suivi/:token", use: tracking)
        router.get("suivi/:token/photo", use: trackingPhoto)
        router.post("suivi/:token/reopen", use: reopen)
        router.get("triage", use: triageList)
        router.get("triage/:id", use: triageDetail)
        router.post("triage/:id", use: triageForm)
        router.get("triage/:id/photo", use: triagePhoto)
        router.get("assets/citizen.js") { _, _ in Self.asset(CitizenAssets.javascript, type: "application/javascript; charset=utf-8") }
    }

    var desk: CitizenDesk { api.desk }

    static func serviceName(_ service: CitizenService, _ words: Language) -> String { words.pick(service.nameFR, service.nameEN) }

    static func statusLabel(_ status: CitizenRequestStatus, _ words: Language) -> String {
        words.pick(status.labels.fr, status.labels.en)
    }

    static func bodyLabel(_ body: ResponsibleBody, _ words: Language) -> String { words.pick(body.labels.fr, body.labels.en) }

    // MARK: The public form

    /// The services to choose from, or, with `?service=`, the form for one.
    func reportForm(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let words = Language.of(request)
        let catalogue = desk.settings.catalogue
        guard let code = request.uri.queryParameters["service"].map(String.init) else {
            let groups = Dictionary(grouping: catalogue.services) { words.pick($0.groupFR, $0.groupEN) }
            let list = groups.keys.sorted().map { group in
                "<h2>\(HTML.escape(group))</h2><ul class=\"services\">" + groups[group]!.map { service in
                    "<li><a class=\"service\" href=\"/signaler?service=\(service.code)\">\(HTML.escape(Self.serviceName(service, words)))</a>"
                        + "<span>\(HTML.escape(words.pick(service.descriptionFR, service.descriptionEN)))</span></li>"
                }.joined() + "</ul>"
            }.joined()
            return HTML.page(words.pick("Signaler un problème", "Report a problem"), language: words, session: nil, current: "/signaler", body: """
                <h1>\(HTML.escape(words.pick("Signaler un problème dans l'espace public", "Report a problem in the public space")))</h1>
                <p>\(HTML.escape(words.pick("Choisissez ce que vous voulez signaler. Un signalement décrit un lieu et un problème, jamais une personne. En cas d'urgence, appelez le 17 ou le 112.", "Choose what to report. A report describes a place and a problem, never a person. In an emergency, call 17 or 112.")))</p>
                \(list)
                """, isPublic: true)
        }
        guard let service = catalogue.service(code) else {
            var response = HTML.page(words.pick("Signaler un problème", "Report a problem"), language: words, session: nil, current: "/signaler", body: """
                <p class="error" role="alert">\(HTML.escape(words.pick("Ce type de signalement n'existe pas.", "There is no such kind of report.")))</p>
                <p><a href="/signaler">\(HTML.escape(words.pick("Voir la liste", "See the list")))</a></p>
                """, isPublic: true)
            response.status = .notFound
            return response
        }
        return try formPage(service, words: words, values: [:], problems: [])
    }

    /// The form of one service, filled with `values` and showing `problems` when sent back.
    func formPage(_ service: CitizenService, words: Language, values: [String: [String]], problems: [String]) throws -> Response {
        func value(_ name: String) -> String { HTML.escape(values[name]?.first ?? "") }
        let questions = service.attributes.map { attribute -> String in
            let name = "attribute[\(attribute.code)]"
            let label = HTML.escape(words.pick(attribute.descriptionFR, attribute.descriptionEN))
                + (attribute.required ? " <span class=\"required\">(\(HTML.escape(words.pick("obligatoire", "required"))))</span>" : "")
            let id = "attribute-\(attribute.code)"
            let chosen = Set(values[name] ?? values[name + "[]"] ?? [])
            if !attribute.variable { return "<p class=\"notice\">\(label)</p>" }
            switch attribute.datatype {
            case .singlevaluelist:
                let options = attribute.values.map { option in
                    "<option value=\"\(HTML.escape(option.key))\"\(chosen.contains(option.key) ? " selected" : "")>\(HTML.escape(words.pick(option.nameFR, option.nameEN)))</option>"
                }.joined()
                return "<label for=\"\(id)\">\(label)</label><select id=\"\(id)\" name=\"\(name)\"\(attribute.required ? " required" : "")><option value=\"\">—</option>\(options)</select>"
            case .multivaluelist:
                let boxes = attribute.values.map { option in
                    "<label class=\"check\"><input type=\"checkbox\" name=\"\(name)[]\" value=\"\(HTML.escape(option.key))\"\(chosen.contains(option.key) ? " checked" : "")> \(HTML.escape(words.pick(option.nameFR, option.nameEN)))</label>"
                }.joined()
                return "<fieldset><legend>\(label)</legend>\(boxes)</fieldset>"
            case .text:
                return "<label for=\"\(id)\">\(label)</label><textarea id=\"\(id)\" name=\"\(name)\" maxlength=\"4000\" rows=\"3\">\(value(name))</textarea>"
            case .number:
                return "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(name)\" type=\"number\" step=\"any\" inputmode=\"decimal\" value=\"\(value(name))\">"
            case .datetime:
                return "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(name)\" type=\"datetime-local\" value=\"\(value(name))\">"
            case .string:
                return "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(name)\" maxlength=\"255\" value=\"\(value(name))\">"
            }
        }.joined()
        let errors = problems.isEmpty ? "" : """
            <div class="error" role="alert" tabindex="-1" id="problems"><p>\(HTML.escape(words.pick("Le signalement n'est pas envoyé :", "The report was not sent:")))</p>\
            <ul>\(problems.map { "<li>\(HTML.escape($0))</li>" }.joined())</ul></div>
            """
        let area = try api.store.deployment().area
        let areaData = area.map { " data-area=\"\($0.minY),\($0.minX),\($0.maxY),\($0.maxX)\"" } ?? ""
        var response = HTML.page(Self.serviceName(service, words), language: words, session: nil, current: "/signaler", body: """
            <h1>\(HTML.escape(Self.serviceName(service, words)))</h1>
            <p>\(HTML.escape(words.pick(service.descriptionFR, service.descriptionEN))) \
            <a href="/signaler?lang=\(words.rawValue)">\(HTML.escape(words.pick("Changer de type", "Choose another kind")))</a></p>
            \(errors)
            <form id="report-form" class="report" method="post" action="/signaler" enctype="multipart/form-data">
            <input type="hidden" name="service" value="\(HTML.escape(service.code))">
            <fieldset><legend>\(HTML.escape(words.pick("Où ?", "Where?")))</legend>
            <p id="pick-help">\(HTML.escape(words.pick("Touchez la carte à l'endroit du problème, ou indiquez l'adresse. Au clavier : déplacez la carte avec les flèches, puis Entrée place le point au centre.", "Tap the map where the problem is, or give the address. With a keyboard: move the map with the arrow keys, then Enter puts the point at its centre.")))</p>
            <div id="pick-map" tabindex="0" aria-describedby="pick-help" aria-label="\(HTML.escape(words.pick("Carte", "Map")))"\(areaData) data-tiles="\(HTML.escape(tiles ?? ""))"></div>
            <p id="picked" aria-live="polite"></p>
            <input type="hidden" name="lat" value="\(value("lat"))"><input type="hidden" name="long" value="\(value("long"))">
            <label for="address">\(HTML.escape(words.pick("Adresse ou repère", "Address or landmark")))</label>
            <input id="address" name="address" maxlength="255" autocomplete="street-address" value="\(value("address"))">
            <div id="nearby-box" hidden><h2>\(HTML.escape(words.pick("Déjà signalé près d'ici", "Already reported near here")))</h2>\
            <p>\(HTML.escape(words.pick("Si votre problème y figure, inutile de le signaler à nouveau.", "If your problem is listed, there is no need to report it again.")))</p>\
            <ul id="nearby" aria-live="polite" data-none="\(HTML.escape(words.pick("Aucun signalement ouvert à moins de 300 m.", "No open report within 300 m.")))"></ul></div>
            </fieldset>
            <fieldset><legend>\(HTML.escape(words.pick("Quoi ?", "What?")))</legend>
            \(questions)
            <label for="description">\(HTML.escape(words.pick("Description (publique : ne citez personne)", "Description (public: name no one)")))</label>
            <textarea id="description" name="description" maxlength="4000" rows="4">\(value("description"))</textarea>
            <label for="photo">\(HTML.escape(words.pick("Photo (JPEG ou PNG, 8 Mo au plus ; sa position GPS est retirée)", "Photo (JPEG or PNG, at most 8 MB; its GPS position is removed)")))</label>
            <input id="photo" name="photo" type="file" accept="image/jpeg,image/png">
            </fieldset>
            <fieldset><legend>\(HTML.escape(words.pick("Vous (facultatif)", "You (optional)")))</legend>
            <p>\(HTML.escape(words.pick("Vous pouvez rester anonyme. Votre adresse électronique sert seulement à vous répondre ; elle n'est jamais publiée et elle est effacée \(desk.settings.contactRetentionDays) jours après l'envoi.", "You may stay anonymous. Your e-mail address is used only to answer you; it is never published and it is deleted \(desk.settings.contactRetentionDays) days after sending.")))</p>
            <label for="email">\(HTML.escape(words.pick("Adresse électronique", "E-mail address")))</label>
            <input id="email" name="email" type="email" maxlength="254" autocomplete="email" value="\(value("email"))">
            </fieldset>
            <button type="submit">\(HTML.escape(words.pick("Envoyer le signalement", "Send the report")))</button>
            </form>
            """, scripts: ["/vendor/leaflet/leaflet.js", "/assets/citizen.js"], styles: ["/vendor/leaflet/leaflet.css"], isPublic: true)
        if !problems.isEmpty { response.status = .badRequest }
        return response
    }

    /// Takes a report from the public form: checked like an Open311 POST, its photo cleaned, then the
    /// reporter is sent to the tracking page.
    func sendReport(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let words = Language.of(request)
        // A report refused for its content costs nothing: only a stored one spends the client's allowance.
        let client = formClient(request, context)
        if let wait = await desk.limiter.admit(client, desk.settings.formRule, consume: false) {
            var response = HTML.page(words.pick("Trop de signalements", "Too many reports"), language: words, session: nil, current: "/signaler", body: """
                <p class="error" role="alert">\(HTML.escape(words.pick("Trop de signalements envoyés depuis cette connexion : réessayez dans \(wait / 60 + 1) min.", "Too many reports sent from this connection: try again in \(wait / 60 + 1) min.")))</p>
                """, isPublic: true)
            response.status = .tooManyRequests
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let limit = PhotoSanitizer.defaultMaximumBytes + 256 * 1024
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, "too-large", "POST /signaler: the form is larger than \(limit / 1_048_576) MB; the photo may be 8 MB at most")
        }
        let form: MultipartForm
        do {
            form = try MultipartForm(contentType: request.headers[.contentType] ?? "", body: Data(buffer: body))
        } catch {
            throw APIError(.badRequest, "bad-form", "POST /signaler: \(error)")
        }
        let fields = form.textFields
        guard let code = fields.first("service"), let service = desk.settings.catalogue.service(code) else {
            throw APIError(.badRequest, "bad-parameter", "POST /signaler: service: give one of the codes /signaler lists")
        }
        var problems: [String] = []
        var photo: RequestPhoto?
        if let part = form.file("photo") {
            do {
                let clean = try PhotoSanitizer.sanitize(part.body)
                photo = RequestPhoto(contentType: clean.contentType, bytes: clean.bytes)
            } catch {
                problems.append("photo: \(error)")
            }
        }
        // A datetime-local field has no offset: it is the deployment's local time.
        var attributes = fields.attributes
        let zone = try Open311Routes.timeZone(api.store)
        for attribute in service.attributes where attribute.datatype == .datetime {
            attributes[attribute.code] = attributes[attribute.code]?.map { text in
                W3CDateTime.parse(text) == nil ? Self.localDateTime(text, in: zone) ?? text : text
            }
        }
        var values: [String: [String]] = [:]
        for field in fields.fields { values[field.name, default: []].append(field.value) }
        let submission = CitizenSubmission(
            serviceCode: code, latitude: fields.first("lat"), longitude: fields.first("long"), address: fields.first("address"),
            description: fields.first("description"), attributes: attributes, email: fields.first("email"), photo: photo,
            channel: "web")
        do {
            let stored = try await desk.submit(submission, problems: problems)
            _ = await desk.limiter.admit(client, desk.settings.formRule)
            return HTML.redirect("/suivi/\(stored.token)")
        } catch let error as Open311Error {
            return try formPage(
                service, words: words, values: values, problems: error.descriptions.map { Self.explain($0, service: service, words: words) })
        }
    }

    /// A problem the desk found, said to the citizen in the page's language, with the question's own words.
    static func explain(_ problem: String, service: CitizenService, words: Language) -> String {
        let field = String(problem.prefix { $0 != ":" })
        let detail = problem.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
        switch field {
        case "location", "address_id":
            return words.pick("Indiquez le lieu : touchez la carte ou donnez l'adresse.", "Give the place: tap the map or give the address.")
        case "lat, long":
            return words.pick("Ce point est en dehors de la ville : placez-le sur la carte de la ville.", "This point is outside the city: place it on the city's map.")
        case "lat", "long":
            return words.pick("La position n'a pas pu être lue : touchez la carte à nouveau.", "The position could not be read: tap the map again.")
        case "description":
            return words.pick("La description est trop longue (4 000 caractères au plus).", "The description is too long (4,000 characters at most).")
        case "email":
            return words.pick("L'adresse électronique n'est pas valide.", "The e-mail address is not valid.")
        case "address_string":
            return words.pick("L'adresse est trop longue (255 caractères au plus).", "The address is too long (255 characters at most).")
        case "photo":
            return words.pick("La photo est refusée : ", "The photo was refused: ") + detail
        default:
            guard field.hasPrefix("attribute["), let attribute = service.attributes.first(where: { "attribute[\($0.code)]" == field }) else {
                return problem
            }
            let question = words.pick(attribute.descriptionFR, attribute.descriptionEN)
            if detail == "is required" { return words.pick("« \(question) » est obligatoire.", "\"\(question)\" is required.") }
            return words.pick("« \(question) » : ", "\"\(question)\": ") + detail
        }
    }

    /// `2026-11-27T18:30` in `zone`, written with its offset.
    static func localDateTime(_ text: String, in zone: TimeZone) -> String? {
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = zone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            parser.dateFormat = format
            if let date = parser.date(from: text) { return W3CDateTime.format(date, timeZone: zone) }
        }
        return nil
    }

    // MARK: Tracking

    /// What became of a report, for whoever holds its link: the status, each note, the photo.
    func tracking(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let zone = try Open311Routes.timeZone(api.store)
        let words = Language.of(request)
        let token = context.parameters.get("token") ?? ""
        guard token.count <= 128, let found = try api.store.citizenRequest(token: token), let id = found.id else {
            var response = HTML.page(words.pick("Suivi", "Tracking"), language: words, session: nil, current: "/suivi", body: """
                <p class="error" role="alert">\(HTML.escape(words.pick("Aucun signalement ne correspond à ce lien.", "No report matches this link.")))</p>
                """, isPublic: true)
            response.status = .notFound
            return response
        }
        let service = desk.settings.catalogue.service(found.serviceCode)
        let updates = try api.store.citizenRequestUpdates(requestIDs: [id], from: nil, to: nil, limit: 500, offset: 0)
        let steps = updates.map { update in
            "<li><time>\(HTML.escape(update.at.localDateTime(in: zone)))</time> · <strong>\(HTML.escape(Self.statusLabel(update.status, words)))</strong>"
                + "\(update.note.map { " — <span class=\"note\">\(HTML.escape($0))</span>" } ?? "")</li>"
        }.joined()
        let place = found.address ?? found.location.map { String(format: "%.5f, %.5f", $0.latitude, $0.longitude) } ?? ""
        let trackingURL = "/suivi/\(token)"
        let fullURL = (desk.settings.publicURL ?? request.head.authority.map { "http://\($0)" } ?? "") + trackingURL
        return HTML.page(words.pick("Suivi du signalement", "Report tracking"), language: words, session: nil, current: trackingURL, body: """
            <h1>\(HTML.escape(service.map { Self.serviceName($0, words) } ?? found.serviceCode)) · n° \(id)</h1>
            <p class="tracking-link">\(HTML.escape(words.pick("Gardez ce lien pour suivre votre signalement :", "Keep this link to follow your report:"))) <a href="\(trackingURL)">\(HTML.escape(fullURL))</a></p>
            <dl class="request">
            <dt>\(HTML.escape(words.pick("État", "Status")))</dt><dd id="status">\(HTML.escape(Self.statusLabel(found.status, words)))</dd>
            <dt>\(HTML.escape(words.pick("Pris en charge par", "Handled by")))</dt><dd>\(HTML.escape(Self.bodyLabel(found.body, words)))</dd>
            <dt>\(HTML.escape(words.pick("Envoyé le", "Sent on")))</dt><dd>\(HTML.escape(found.requestedAt.localDateTime(in: zone)))</dd>
            <dt>\(HTML.escape(words.pick("Lieu", "Place")))</dt><dd>\(HTML.escape(place))</dd>
            <dt>\(HTML.escape(words.pick("Description", "Description")))</dt><dd>\(HTML.escape(found.description))</dd>
            \(found.expectedAt.map { "<dt>\(HTML.escape(words.pick("Intervention prévue", "Action expected")))</dt><dd>\(HTML.escape($0.localDateTime(in: zone)))</dd>" } ?? "")
            </dl>
            \(found.hasPhoto ? "<img class=\"photo\" src=\"\(trackingURL)/photo\" alt=\"\(HTML.escape(words.pick("Photo envoyée avec le signalement", "Photo sent with the report")))\">" : "")
            <h2>\(HTML.escape(words.pick("Suites données", "What happened")))</h2>
            <ol id="updates">\(steps)</ol>
            \(Self.reopenable.contains(found.status) ? """
                <form id="reopen-form" class="report" method="post" action="\(trackingURL)/reopen">\
                <h2>\(HTML.escape(words.pick("Le problème n'est pas réglé ?", "Not fixed?")))</h2>\
                <label for="reopen-note">\(HTML.escape(words.pick("Ce que vous constatez (public : ne citez personne)", "What you see (public: name no one)")))</label>\
                <textarea id="reopen-note" name="note" maxlength="1000" rows="2"></textarea>\
                <button type="submit">\(HTML.escape(words.pick("Rouvrir le signalement", "Reopen the report")))</button></form>
                """ : "")
            """, isPublic: true)
    }

    /// The statuses a reporter may reopen a request from: said done, yet perhaps not done.
    static let reopenable: Set<CitizenRequestStatus> = [.fixed, .closed]

    /// A reporter says the problem is still there: the request is open again, with their words as its note.
    func reopen(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard token.count <= 128, let found = try api.store.citizenRequest(token: token), let id = found.id else {
            throw APIError(.notFound, "not-found", "no report matches this link")
        }
        let client = formClient(request, context)
        if let wait = await desk.limiter.admit(client, desk.settings.formRule) {
            var response = HTML.redirect("/suivi/\(token)")
            response.status = .tooManyRequests
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let body = try await APIRoutes.body(of: request, limit: 8 * 1024)
        let note = (try? FormFields(parsing: String(buffer: body)))?.first("note").map { String($0.prefix(1_000)) }
        if Self.reopenable.contains(found.status) {
            let words = Language.of(request)
            try desk.update(
                id: id, status: .open, body: nil,
                note: words.pick("Rouvert par la personne qui a signalé", "Reopened by the reporter") + (note.map { " : " + $0 } ?? ""),
                actor: "citizen")
        }
        return HTML.redirect("/suivi/\(token)")
    }

    /// Who sends a form, for its allowance: behind a reverse proxy, the last address the proxy appended.
    func formClient(_ request: Request, _ context: VigieRequestContext) -> String {
        let forwarded = desk.settings.behindProxy
            ? request.headers[.init("X-Forwarded-For")!]?.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) }
            : nil
        return "form:" + (forwarded ?? context.remoteAddress ?? "unknown")
    }

    func trackingPhoto(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard token.count <= 128, let found = try api.store.citizenRequest(token: token), let id = found.id,
            let photo = try api.store.photo(requestID: id)
        else { throw APIError(.notFound, "not-found", "no photo here") }
        return Self.photoResponse(photo)
    }

    static func photoResponse(_ photo: RequestPhoto) -> Response {
        Response(
            status: .ok, headers: [.contentType: photo.contentType, .cacheControl: "private, no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: photo.bytes)))
    }

    // MARK: Triage

    /// The requests to handle, filtered by status, body, service and words, the latest first.
    func triageList(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let zone = try Open311Routes.timeZone(api.store)
        let access = try await access(request, context, "/triage", .readCitizenRequests, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let query = request.uri.queryParameters
        let search: CitizenRequestQuery
        do {
            // The form's empty choices mean "all".
            search = try APIRoutes.citizenQuery(Parameters(query.filter { !$0.value.isEmpty }))
        } catch let error as APIError {
            return Self.failure(error, words: words, session: session, current: "/triage")
        }
        let found = try api.store.citizenRequests(search)
        let total = try api.store.citizenRequestCount(search)
        let catalogue = desk.settings.catalogue
        func options<T>(_ name: String, _ title: String, _ all: [T], _ key: (T) -> String, _ label: (T) -> String) -> String {
            let chosen = query[name[...]].map(String.init) ?? ""
            return "<label>\(HTML.escape(title)) <select name=\"\(name)\"><option value=\"\">\(HTML.escape(words["all"]))</option>"
                + all.map { item in
                    "<option value=\"\(HTML.escape(key(item)))\"\(key(item) == chosen ? " selected" : "")>\(HTML.escape(label(item)))</option>"
                }.joined() + "</select></label>"
        }
        let rows = found.map { item -> String in
            let id = item.id ?? 0
            let service = catalogue.service(item.serviceCode).map { Self.serviceName($0, words) } ?? item.serviceCode
            return """
                <tr><td><a class="request" href="/triage/\(id)">\(id)</a></td><td>\(HTML.escape(item.requestedAt.localDateTime(in: zone)))</td>\
                <td>\(HTML.escape(service))</td><td>\(HTML.escape(item.districts.sorted { $0.key < $1.key }.map(\.value).joined(separator: ", ")))</td>\
                <td class="description">\(HTML.escape(String(item.description.prefix(120))))</td>\
                <td>\(HTML.escape(Self.statusLabel(item.status, words)))</td><td>\(HTML.escape(Self.bodyLabel(item.body, words)))</td>\
                <td>\(item.hasPhoto ? "📷" : "")</td></tr>
                """
        }.joined()
        let page = search.offset / search.limit + 1
        let pages = max(1, (total + search.limit - 1) / search.limit)
        var link = URLComponents()
        link.queryItems = query.filter { $0.key != "page" }.map { URLQueryItem(name: String($0.key), value: String($0.value)) }
        func pageLink(_ number: Int, _ label: String) -> String {
            var components = link
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "page", value: String(number))]
            return "<a href=\"/triage?\(HTML.escape(components.percentEncodedQuery ?? ""))\">\(HTML.escape(label))</a>"
        }
        let navigation = [page > 1 ? pageLink(page - 1, "←") : "", "\(page) / \(pages)", page < pages ? pageLink(page + 1, "→") : ""]
            .joined(separator: " ")
        return HTML.page(words["triage"], language: words, session: session, current: "/triage", body: """
            <h1>\(HTML.escape(words["triage"]))</h1>
            <form method="get" action="/triage" class="filters">\
            \(options("status", words.pick("État", "Status"), CitizenRequestStatus.allCases, \.rawValue) { Self.statusLabel($0, words) })\
            \(options("body", words.pick("Service", "Body"), ResponsibleBody.allCases, \.rawValue) { Self.bodyLabel($0, words) })\
            \(options("service", words.pick("Type", "Kind"), catalogue.services, \.code) { Self.serviceName($0, words) })\
            <label>\(HTML.escape(words.pick("Mots", "Words"))) <input name="q" value="\(HTML.escape(query["q"].map(String.init) ?? ""))"></label>\
            <button type="submit">\(HTML.escape(words["show"]))</button></form>
            <p>\(total.groupedDigits) \(HTML.escape(words.pick("signalements", "requests")))</p>
            <table id="requests"><thead><tr><th scope="col">n°</th><th scope="col">\(HTML.escape(words.pick("Reçu le", "Received")))</th>\
            <th scope="col">\(HTML.escape(words.pick("Type", "Kind")))</th><th scope="col">\(HTML.escape(words["district"]))</th>\
            <th scope="col">\(HTML.escape(words.pick("Description", "Description")))</th><th scope="col">\(HTML.escape(words.pick("État", "Status")))</th>\
            <th scope="col">\(HTML.escape(words.pick("Service", "Body")))</th><th scope="col">\(HTML.escape(words.pick("Photo", "Photo")))</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            <p class="pages">\(navigation)</p>
            """)
    }

    /// One request for the staff: everything it says, its photo and contact (the read is audited), its history,
    /// and the form to take the next step.
    func triageDetail(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/triage", .readCitizenRequests, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        guard let id = context.parameters.get("id").flatMap(Int64.init), let found = try api.store.citizenRequest(id: id) else {
            return Self.failure(APIError(.notFound, "not-found", words.pick("Ce signalement n'existe pas.", "There is no such request.")),
                words: words, session: session, current: "/triage")
        }
        return try triagePage(found, session: session, words: words, problem: nil)
    }

    func triagePage(_ found: CitizenRequest, session: Session, words: Language, problem: String?) throws -> Response {
        let zone = try Open311Routes.timeZone(api.store)
        let id = found.id ?? 0
        let service = desk.settings.catalogue.service(found.serviceCode)
        let contact = try api.store.reporterContact(requestID: id)
        let updates = try api.store.citizenRequestUpdates(requestIDs: [id], from: nil, to: nil, limit: 500, offset: 0)
        let answers = (service?.attributes ?? []).compactMap { attribute -> String? in
            guard let values = found.attributes[attribute.code] else { return nil }
            let shown = values.map { key in
                attribute.values.first { $0.key == key }.map { words.pick($0.nameFR, $0.nameEN) } ?? key
            }.joined(separator: ", ")
            return "<dt>\(HTML.escape(words.pick(attribute.descriptionFR, attribute.descriptionEN)))</dt><dd>\(HTML.escape(shown))</dd>"
        }.joined()
        let history = updates.map { update in
            "<li><time>\(HTML.escape(update.at.localDateTime(in: zone)))</time> · \(HTML.escape(Self.statusLabel(update.status, words))) · "
                + "\(HTML.escape(Self.bodyLabel(update.body, words))) · \(HTML.escape(update.actor))"
                + "\(update.note.map { " — \(HTML.escape($0))" } ?? "")</li>"
        }.joined()
        let contactText = contact.map { contact in
            [contact.name, contact.email, contact.phone].compactMap { $0 }.map(HTML.escape).joined(separator: " · ")
                + " <small>(\(HTML.escape(words.pick("effacé après le", "deleted after"))) \(HTML.escape(contact.deleteAfter.localDateTime(in: zone))))</small>"
        } ?? HTML.escape(words.pick("anonyme", "anonymous"))
        let canTriage = Permission.triageCitizenRequests.roles.contains(session.account.role)
        let statusOptions = CitizenRequestStatus.allCases.map { status in
            "<option value=\"\(status.rawValue)\"\(status == found.status ? " selected" : "")>\(HTML.escape(Self.statusLabel(status, words)))</option>"
        }.joined()
        let bodyOptions = ResponsibleBody.allCases.map { body in
            "<option value=\"\(body.rawValue)\"\(body == found.body ? " selected" : "")>\(HTML.escape(Self.bodyLabel(body, words)))</option>"
        }.joined()
        let form = canTriage ? """
            <form id="triage-form" method="post" action="/triage/\(id)">\
            <input type="hidden" name="csrf" value="\(HTML.escape(session.csrfToken))">\
            <label for="status-choice">\(HTML.escape(words.pick("Nouvel état", "New status")))</label><select id="status-choice" name="status">\(statusOptions)</select>\
            <label for="body-choice">\(HTML.escape(words.pick("Service responsable", "Responsible body")))</label><select id="body-choice" name="body">\(bodyOptions)</select>\
            <label for="expected">\(HTML.escape(words.pick("Intervention prévue le", "Action expected on")))</label><input id="expected" name="expected" type="date">\
            <label for="note">\(HTML.escape(words.pick("Note pour la personne qui a signalé (publique)", "Note for the reporter (public)")))</label>\
            <textarea id="note" name="note" maxlength="4000" rows="3"></textarea>\
            <button type="submit">\(HTML.escape(words.pick("Enregistrer", "Save")))</button></form>
            """ : ""
        let place = found.location.map { String(format: "%.5f, %.5f", $0.latitude, $0.longitude) } ?? ""
        var response = HTML.page("\(words["triage"]) \(id)", language: words, session: session, current: "/triage", body: """
            <p><a href="/triage">← \(HTML.escape(words["triage"]))</a></p>
            <h1>\(HTML.escape(service.map { Self.serviceName($0, words) } ?? found.serviceCode)) · n° \(id)</h1>
            \(problem.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
            <dl class="request">
            <dt>\(HTML.escape(words.pick("État", "Status")))</dt><dd id="status">\(HTML.escape(Self.statusLabel(found.status, words)))</dd>
            <dt>\(HTML.escape(words.pick("Service responsable", "Responsible body")))</dt><dd id="body">\(HTML.escape(Self.bodyLabel(found.body, words)))</dd>
            <dt>\(HTML.escape(words.pick("Reçu le", "Received")))</dt><dd>\(HTML.escape(found.requestedAt.localDateTime(in: zone))) · \(HTML.escape(found.channel))</dd>
            <dt>\(HTML.escape(words.pick("Lieu", "Place")))</dt><dd>\(HTML.escape([found.address, place].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))) \
            \(HTML.escape(found.districts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))</dd>
            <dt>\(HTML.escape(words.pick("Description", "Description")))</dt><dd class="description">\(HTML.escape(found.description))</dd>
            \(answers)
            \(found.mediaURL.map { "<dt>media_url</dt><dd>\(HTML.escape($0))</dd>" } ?? "")
            <dt>\(HTML.escape(words.pick("Contact", "Contact")))</dt><dd id="contact">\(contactText)</dd>
            </dl>
            \(found.hasPhoto ? "<img class=\"photo\" src=\"/triage/\(id)/photo\" alt=\"\(HTML.escape(words.pick("Photo du signalement", "Photo of the request")))\">" : "")
            \(form)
            <h2>\(HTML.escape(words.pick("Historique", "History")))</h2><ol id="history">\(history)</ol>
            """)
        if problem != nil { response.status = .badRequest }
        return response
    }

    struct TriageForm: Decodable {
        let csrf: String
        let status: String
        let body: String?
        let note: String?
        let expected: String?
    }

    /// A step of handling taken from the triage page.
    func triageForm(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/triage", .triageCitizenRequests, audited: false)
        guard case .granted(let session, let words) = access else { return access.answer! }
        guard let id = context.parameters.get("id").flatMap(Int64.init), let found = try api.store.citizenRequest(id: id) else {
            return Self.failure(APIError(.notFound, "not-found", words.pick("Ce signalement n'existe pas.", "There is no such request.")),
                words: words, session: session, current: "/triage")
        }
        let body = try await APIRoutes.body(of: request, limit: 32 * 1024)
        guard let form = try? URLEncodedFormDecoder().decode(TriageForm.self, from: String(buffer: body)),
            form.csrf == session.csrfToken
        else { throw APIError(.forbidden, "csrf", "the form lacks the session's CSRF token") }
        guard let status = CitizenRequestStatus(rawValue: form.status) else {
            return try triagePage(found, session: session, words: words, problem: "status: '\(form.status)' is not a status")
        }
        let responsible = form.body.flatMap { $0.isEmpty ? nil : ResponsibleBody(rawValue: $0) }
        var expected: Date?
        if let text = form.expected, !text.isEmpty {
            guard let day = CivilDate(iso: text) else {
                return try triagePage(found, session: session, words: words, problem: "expected: '\(text)' is not a date")
            }
            expected = day.start(in: try Open311Routes.timeZone(api.store))
        }
        do {
            try desk.update(id: id, status: status, body: responsible, note: form.note, expectedAt: expected, actor: session.account.name)
        } catch let error as APIError {
            return try triagePage(found, session: session, words: words, problem: error.message)
        }
        try await api.audit.record(
            actor: session.account.name, action: "write", target: "POST /triage/\(id)",
            detail: APIRoutes.json(["status": status.rawValue, "body": (responsible ?? found.body).rawValue]))
        return HTML.redirect("/triage/\(id)")
    }

    func triagePhoto(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/triage", .readCitizenRequests, audited: true)
        guard case .granted = access else { return access.answer! }
        guard let id = context.parameters.get("id").flatMap(Int64.init), let photo = try api.store.photo(requestID: id) else {
            throw APIError(.notFound, "not-found", "no photo for this request")
        }
        return Self.photoResponse(photo)
    }
}
