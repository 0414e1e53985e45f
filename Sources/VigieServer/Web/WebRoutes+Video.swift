import Foundation
import Hummingbird
import HummingbirdCore
import VigieCore
import VigieVideo

/// The video pages: the wall's attention queue and the cameras, search with a zone drawn on the image,
/// playback of a moment, and the events to confirm or dismiss. Each read is audited with its query.
extension WebRoutes {
    func addVideoPages(to router: Router<VigieRequestContext>) {
        router.get("video", use: videoWall)
        router.get("video/search", use: videoSearchPage)
        router.get("video/play", use: videoPlay)
        router.get("video/events", use: videoEventsPage)
        router.post("video/events/:id/review", use: videoReviewForm)
        router.get("assets/video.js") { _, _ in Self.asset(VideoAssets.javascript, type: "application/javascript; charset=utf-8") }
        router.get("assets/video.css") { _, _ in Self.asset(VideoAssets.css, type: "text/css; charset=utf-8") }
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f %%", share * 100) }

    static func cameraQuery(_ name: String) -> String { name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name }

    /// The cameras, the most unusual activity first, each with its latest image, rules and a search link.
    func videoWall(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/video", .readVideo, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let zone = try Open311Routes.timeZone(api.store)
        let queue = try api.store.attention(now: Date(), window: 120)
        let rules = try api.store.videoRules(camera: nil)
        let now = Date()
        let tiles = queue.map { entry -> String in
            let camera = entry.camera
            let running = rules.filter { $0.cameraID == camera.id && $0.isActive(at: now) }
            let ruleText = running.isEmpty ? words.pick("aucune règle active", "no rule running")
                : running.map { "\($0.kind.rawValue)\($0.zone.map { " (\($0))" } ?? "") — \($0.legalBasis), \(words.pick("jusqu'au", "until")) \($0.expiresAt.localDateTime(in: zone))" }
                    .joined(separator: "; ")
            return """
                <li class="camera-tile"><a href="/video/search?camera=\(Self.cameraQuery(camera.name))">\
                <img src="/api/v1/video/thumbnail?camera=\(Self.cameraQuery(camera.name))" alt="\(HTML.escape(camera.title))" width="320" height="180" loading="lazy"></a>\
                <h2>\(HTML.escape(camera.title)) <small>\(HTML.escape(camera.name))</small></h2>\
                <p>\(HTML.escape(words.pick("Activité", "Activity"))) \(Self.percent(entry.recent)) · \(HTML.escape(words.pick("habituelle", "usual"))) \(Self.percent(entry.usual))\
                \(entry.pendingEvents > 0 ? " · <strong>\(entry.pendingEvents) \(HTML.escape(words.pick("évènement(s) à examiner", "event(s) to review")))</strong>" : "")</p>\
                <p class="muted">\(HTML.escape(entry.lastSeen.map { words.pick("Vu ", "Seen ") + $0.localDateTime(in: zone) } ?? words.pick("Pas suivie en direct", "Not followed live")))\
                · \(HTML.escape(words.pick("conservation", "kept"))) \(camera.retentionDays) \(HTML.escape(words.pick("j", "d"))) · \(HTML.escape(camera.authorisation))</p>\
                <p class="muted">\(HTML.escape(ruleText))</p></li>
                """
        }.joined()
        return HTML.page(words.pick("Vidéo", "Video"), language: words, session: session, current: "/video", body: """
            <h1>\(HTML.escape(words.pick("Vidéo : caméras par activité inhabituelle", "Video: cameras by unusual activity")))</h1>\
            <p>\(HTML.escape(words.pick(
                "Classement par mouvement des deux dernières minutes rapporté à l'habituel. Aucune identification de personne : des lieux et des heures seulement.",
                "Ranked by the last two minutes' motion against the usual. Nobody is identified: places and times only.")))\
             <a href="/video/events">\(HTML.escape(words.pick("Évènements à examiner", "Events to review")))</a></p>\
            \(queue.isEmpty ? "<p>\(HTML.escape(words.pick("Aucune caméra enregistrée (vigie cameras add).", "No camera registered (vigie cameras add).")))</p>" : "<ul class=\"camera-wall\" id=\"wall\">\(tiles)</ul>")
            """, styles: ["/assets/video.css"])
    }

    /// Search: the form (cameras, period, filters, a zone drawn on the first camera's image) and results.
    func videoSearchPage(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/video", .readVideo, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let zone = try Open311Routes.timeZone(api.store)
        let parameters = request.uri.queryParameters
        // The form's fields left empty are not filters, and its local date and times are written with
        // their offset for the query.
        var values: [String: String] = [:]
        var pairs: [String] = []
        for (key, value) in parameters where !value.isEmpty {
            var text = String(value)
            values[String(key)] = text
            if key == "from" || key == "to", W3CDateTime.parse(text) == nil, Double(text) == nil {
                text = Self.localDateTime(text, in: zone) ?? text
            }
            let allowed = CharacterSet.alphanumerics
            pairs.append("\(key.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\(text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")")
        }
        let query = URI("/video/search?" + pairs.joined(separator: "&")).queryParameters
        let cameras = try api.store.cameras()
        let chosen = Set(parameters.getAll("camera").map { String($0) })
        var results = ""
        if !parameters.isEmpty, parameters["run"] != nil {
            do {
                var (search, _) = try api.videoQuery(query)
                let refine = parameters["refine"] == "1"
                if refine { search.limit = min(search.limit, 20) }
                let answer = try api.runVideoSearch(search, refine: refine, empty: APIRoutes.isEmptyPeriod(query))
                let items = answer.spans.map { span in
                    """
                    <li><a href="\(HTML.escape(span.play))"><img src="\(HTML.escape(span.thumbnail))" alt="" width="160" height="90" loading="lazy"></a>\
                    <div><strong>\(HTML.escape(span.camera))</strong> · <time>\(HTML.escape(span.start.localDateTime(in: zone)))</time> → \
                    <time>\(HTML.escape(span.end.localDateTime(in: zone)))</time><br>\(HTML.escape(span.reason)) · \(HTML.escape(span.detail))\
                     · <a href="\(HTML.escape(span.play))">\(HTML.escape(words.pick("Lire", "Play")))</a></div></li>
                    """
                }.joined()
                results = """
                    <h2 id="results">\(answer.spans.count) \(HTML.escape(words.pick("moment(s) trouvé(s)", "moment(s) found")))</h2>\
                    <p class="muted">\(String(format: "%.0f ms", answer.milliseconds)) · \(answer.days) \(HTML.escape(words.pick("jours", "days"))), \(answer.hours) \(HTML.escape(words.pick("heures", "hours"))), \(answer.segments) segments, \(answer.tracks) \(HTML.escape(words.pick("trajectoires", "tracks"))) \(HTML.escape(words.pick("lus dans l'index", "read in the index")))\
                    \(answer.keyframes.map { ", \($0) \(words.pick("images clés décodées", "key frames decoded"))" } ?? "")</p>\
                    <ul class="video-results">\(items)</ul>
                    """
            } catch let error as APIError {
                results = "<p class=\"error\" role=\"alert\">\(HTML.escape(error.message))</p>"
            }
        }
        func field(_ name: String) -> String { HTML.escape(values[name] ?? "") }
        let options = cameras.map { camera in
            "<option value=\"\(HTML.escape(camera.name))\"\(chosen.contains(camera.name) ? " selected" : "")>\(HTML.escape(camera.title)) (\(HTML.escape(camera.name)))</option>"
        }.joined()
        let drawOn = chosen.first ?? cameras.first?.name
        let changes = values["changes"] ?? ""
        let changeOptions = [("", words.pick("—", "—")), ("any", words.pick("objet laissé ou retiré", "object left or removed")),
            ("left", words.pick("objet laissé", "object left")), ("removed", words.pick("objet retiré", "object removed"))]
            .map { "<option value=\"\($0.0)\"\($0.0 == changes ? " selected" : "")>\(HTML.escape($0.1))</option>" }.joined()
        return HTML.page(words.pick("Recherche vidéo", "Video search"), language: words, session: session, current: "/video", body: """
            <h1>\(HTML.escape(words.pick("Rechercher dans les enregistrements", "Search recordings")))</h1>\
            <form method="get" action="/video/search" class="video-search"><input type="hidden" name="run" value="1">\
            <label>\(HTML.escape(words.pick("Caméras", "Cameras"))) <select name="camera" multiple size="4">\(options)</select></label>\
            <label>\(HTML.escape(words.pick("Du", "From"))) <input type="datetime-local" name="from" value="\(field("from"))"></label>\
            <label>\(HTML.escape(words.pick("Au", "To"))) <input type="datetime-local" name="to" value="\(field("to"))"></label>\
            <label>\(HTML.escape(words.pick("Activité minimale (0–1)", "Least activity (0–1)"))) <input name="activity" inputmode="decimal" value="\(field("activity"))" placeholder="0.05"></label>\
            <label>\(HTML.escape(words.pick("Direction (degrés, 0 = haut de l'image)", "Direction (degrees, 0 = top of the image)"))) <input name="direction" inputmode="decimal" value="\(field("direction"))"></label>\
            <label>\(HTML.escape(words.pick("Stationnement plus de (s)", "Dwell longer than (s)"))) <input name="dwell" inputmode="decimal" value="\(field("dwell"))"></label>\
            <label>\(HTML.escape(words.pick("Changement durable", "Lasting change"))) <select name="changes">\(changeOptions)</select></label>\
            <label>\(HTML.escape(words.pick("Densité minimale (0–1)", "Least density (0–1)"))) <input name="density" inputmode="decimal" value="\(field("density"))"></label>\
            <label>\(HTML.escape(words.pick("Motif (réquisition, affaire)", "Reason (requisition, case)"))) <input name="reason" value="\(field("reason"))"></label>\
            <fieldset><legend>\(HTML.escape(words.pick("Zone dessinée sur l'image (cliquez les sommets)", "Zone drawn on the image (click its corners)")))</legend>\
            \(drawOn.map { "<div class=\"zone-draw\"><img id=\"zone-image\" src=\"/api/v1/video/thumbnail?camera=\(Self.cameraQuery($0))\" alt=\"\" width=\"640\" height=\"360\"><canvas id=\"zone-canvas\" width=\"640\" height=\"360\"></canvas></div>" } ?? "")\
            <label>\(HTML.escape(words.pick("Sommets x,y séparés par ;", "Corners x,y separated by ;"))) <input name="zone" id="zone-input" value="\(field("zone"))" placeholder="0.1,0.5;0.4,0.5;0.4,0.9"></label>\
            <button type="button" id="zone-clear">\(HTML.escape(words.pick("Effacer la zone", "Clear the zone")))</button></fieldset>\
            <label><input type="checkbox" name="refine" value="1"\(values["refine"] == "1" ? " checked" : "")> \(HTML.escape(words.pick("Affiner sur les images clés", "Refine on key frames")))</label>\
            <button type="submit">\(HTML.escape(words.pick("Rechercher", "Search")))</button></form>\(results)
            """, scripts: ["/assets/video.js"], styles: ["/assets/video.css"])
    }

    /// A moment played back: the clip cut from the footage, masks painted over.
    func videoPlay(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/video", .readVideo, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let query = request.uri.queryParameters
        do {
            let camera = try api.camera(query)
            guard let from = try APIRoutes.moment(query, "from"), let to = try APIRoutes.moment(query, "to"), to > from else {
                throw APIError(.badRequest, "bad-parameter", "from, to: give the moment's start and end")
            }
            let zone = try Open311Routes.timeZone(api.store)
            let end = min(to, from.addingTimeInterval(VideoMedia.longestClip))
            let start = Int(from.timeIntervalSince1970.rounded(.down))
            let source = "/api/v1/video/clip?camera=\(Self.cameraQuery(camera.name))&from=\(start)&seconds=\(max(1, Int(end.timeIntervalSince1970.rounded(.up)) - start))"
            return HTML.page(words.pick("Lecture", "Playback"), language: words, session: session, current: "/video", body: """
                <h1>\(HTML.escape(camera.title))</h1><p><time>\(HTML.escape(from.localDateTime(in: zone)))</time> → <time>\(HTML.escape(end.localDateTime(in: zone)))</time></p>\
                <video controls autoplay muted width="960" src="\(HTML.escape(source))"></video>\
                <p><a href="\(HTML.escape(source))" download>\(HTML.escape(words.pick("Télécharger l'extrait (accès journalisé)", "Download the clip (access logged)")))</a> · \
                <a href="/video/search?camera=\(Self.cameraQuery(camera.name))">\(HTML.escape(words.pick("Nouvelle recherche", "New search")))</a></p>
                """, styles: ["/assets/video.css"])
        } catch let error as APIError {
            return Self.failure(error, words: words, session: session, current: "/video")
        }
    }

    /// The events the rules raised: those to decide, with a form each, then the decided ones.
    func videoEventsPage(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/video", .readVideo, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let zone = try Open311Routes.timeZone(api.store)
        let canReview = Permission.reviewVideoEvents.roles.contains(session.account.role)
        let pending = try api.videoEvents(status: .pending, limit: 100)
        let decided = try api.videoEvents(status: nil, limit: 200).filter { $0.status != VideoEventStatus.pending.rawValue }.prefix(50)
        let items = pending.map { event in
            let title = VideoRuleKind(rawValue: event.kind)?.title
            return """
                <li id="event-\(event.id)"><a href="/video/play?camera=\(Self.cameraQuery(event.camera))&amp;from=\(Int(event.time.timeIntervalSince1970) - 5)&amp;to=\(Int(event.end.timeIntervalSince1970) + 5)">\
                <img src="\(HTML.escape(event.thumbnail))" alt="" width="160" height="90" loading="lazy"></a>\
                <div><strong>\(HTML.escape(title.map { words.pick($0.fr, $0.en) } ?? event.kind))</strong> · \(HTML.escape(event.camera))\(event.zone.map { " · \(HTML.escape($0))" } ?? "")\
                 · <time>\(HTML.escape(event.time.localDateTime(in: zone)))</time> · \(HTML.escape(event.detail))\
                \(canReview ? """
                <form method="post" action="/video/events/\(event.id)/review"><input type="hidden" name="csrf" value="\(HTML.escape(session.csrfToken))">\
                <label>\(HTML.escape(words.pick("Note", "Note"))) <input name="note" maxlength="2000"></label>\
                <button type="submit" name="status" value="confirmed">\(HTML.escape(words.pick("Confirmer", "Confirm")))</button>\
                <button type="submit" name="status" value="dismissed">\(HTML.escape(words.pick("Écarter", "Dismiss")))</button></form>
                """ : "")</div></li>
                """
        }.joined()
        let rows = decided.map { event in
            [event.time.localDateTime(in: zone), event.camera, event.kind, event.detail, event.status, event.reviewedBy ?? "", event.note ?? ""]
        }
        return HTML.page(words.pick("Évènements vidéo", "Video events"), language: words, session: session, current: "/video", body: """
            <h1>\(HTML.escape(words.pick("Évènements à examiner", "Events to review")))</h1>\
            <p>\(HTML.escape(words.pick(
                "Une règle signale, un opérateur décide : chaque évènement est confirmé ou écarté, et la décision est conservée avec son auteur.",
                "A rule flags, an operator decides: each event is confirmed or dismissed, and the decision is kept with who made it.")))</p>\
            \(pending.isEmpty ? "<p>\(HTML.escape(words.pick("Aucun évènement en attente.", "No event waiting.")))</p>" : "<ul class=\"video-results\" id=\"pending\">\(items)</ul>")\
            <h2>\(HTML.escape(words.pick("Décidés récemment", "Decided lately")))</h2>\
            \(Self.table([words.pick("Moment", "Moment"), words.pick("Caméra", "Camera"), words.pick("Règle", "Rule"), words.pick("Détail", "Detail"),
                words.pick("Décision", "Decision"), words.pick("Par", "By"), words.pick("Note", "Note")], Array(rows)))
            """, styles: ["/assets/video.css"])
    }

    struct ReviewForm: Decodable {
        let csrf: String
        let status: String
        let note: String?
    }

    func videoReviewForm(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/video", .reviewVideoEvents, audited: false)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let body = try await APIRoutes.body(of: request, limit: 16 * 1024)
        guard let form = try? URLEncodedFormDecoder().decode(ReviewForm.self, from: String(buffer: body)), form.csrf == session.csrfToken else {
            throw APIError(.forbidden, "csrf", "the form lacks the session's CSRF token")
        }
        guard let id = context.parameters.get("id").flatMap(Int64.init) else {
            return Self.failure(APIError(.notFound, "not-found", "there is no such event"), words: words, session: session, current: "/video")
        }
        do {
            _ = try api.decide(event: id, status: form.status, note: form.note, actor: session.account.name)
        } catch let error as APIError {
            return Self.failure(error, words: words, session: session, current: "/video")
        }
        try await api.audit.record(
            actor: session.account.name, action: form.status, target: "POST /video/events/\(id)/review", detail: form.note ?? "")
        return HTML.redirect("/video/events")
    }
}

/// The script that draws a search zone on a camera's image, and the video pages' layout.
enum VideoAssets {
    static let javascript = """
        "use strict";
        (function () {
          var image = document.getElementById("zone-image");
          var canvas = document.getElementById("zone-canvas");
          var input = document.getElementById("zone-input");
          var clear = document.getElementById("zone-clear");
          if (!image || !canvas || !input) { return; }
          function points() {
            return input.value.split(";").map(function (pair) {
              var xy = pair.split(",").map(Number);
              return xy.length === 2 && isFinite(xy[0]) && isFinite(xy[1]) ? xy : null;
            }).filter(function (p) { return p; });
          }
          function draw() {
            var context = canvas.getContext("2d");
            var list = points();
            context.clearRect(0, 0, canvas.width, canvas.height);
            if (!list.length) { return; }
            context.beginPath();
            list.forEach(function (p, i) {
              var x = p[0] * canvas.width, y = p[1] * canvas.height;
              if (i === 0) { context.moveTo(x, y); } else { context.lineTo(x, y); }
            });
            context.closePath();
            context.fillStyle = "rgba(230, 120, 0, 0.3)";
            context.strokeStyle = "#e67800";
            context.lineWidth = 2;
            context.fill();
            context.stroke();
          }
          canvas.addEventListener("click", function (event) {
            var box = canvas.getBoundingClientRect();
            var x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
            var y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
            var pair = x.toFixed(3) + "," + y.toFixed(3);
            input.value = input.value ? input.value + ";" + pair : pair;
            draw();
          });
          input.addEventListener("input", draw);
          if (clear) { clear.addEventListener("click", function () { input.value = ""; draw(); }); }
          draw();
        })();
        """

    static let css = """
        .camera-wall { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 1rem; }
        .camera-tile img, .video-results img { display: block; max-width: 100%; height: auto; background: #222; }
        .camera-tile h2 { font-size: 1.05rem; margin: .4rem 0 .2rem; }
        .muted { color: #555; font-size: .9rem; }
        .video-results { list-style: none; padding: 0; }
        .video-results li { display: flex; gap: .8rem; align-items: flex-start; margin-bottom: .8rem; }
        .video-search { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: .6rem 1rem; align-items: end; }
        .video-search fieldset { grid-column: 1 / -1; }
        .video-search > label { display: flex; flex-direction: column; gap: .2rem; }
        .zone-draw { position: relative; max-width: 640px; }
        .zone-draw img { display: block; width: 100%; height: auto; background: #222; }
        .zone-draw canvas { position: absolute; inset: 0; width: 100%; height: 100%; cursor: crosshair; }
        video { max-width: 100%; background: #000; }
        """
}
