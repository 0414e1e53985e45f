import Foundation
import Hummingbird
import VigieAnalytics
import VigieCore

/// What anyone may see: incidents of the sources the register marks public, counted by district and month,
/// with small counts suppressed; as a page, CSV and GeoJSON.
extension WebRoutes {
    func addPublicPages(to router: Router<VigieRequestContext>) {
        router.get("chiffres", use: publicFiguresPage)
        router.get("opendata/incidents.csv", use: openDataCSV)
        router.get("opendata/incidents.geojson", use: openDataGeoJSON)
        router.get("opendata/districts.geojson", use: publicDistricts)
    }

    /// A public answer kept while nothing it depends on moved: the snapshot (incidents and districts), the
    /// register's public sources and the current month (the default year and its whole months).
    func publicAnswer(_ request: Request, _ kind: String, _ make: () async throws -> ByteBuffer) async throws -> ByteBuffer {
        let snapshot = try await api.snapshots.current()
        let sources = try api.store.sources().filter(\.isPublic).compactMap(\.id)
        let today = CivilDate(Date(), in: snapshot.timeZone)
        let key = "public:\(kind):\(request.uri.query ?? ""):\(sources):\(today.year)-\(today.month)"
        if let kept = await api.aggregates.answer(key, cursor: snapshot.cursor) { return kept }
        let body = try await make()
        await api.aggregates.keep(body, for: key, cursor: snapshot.cursor)
        return body
    }

    /// The public table: districts by month, with the months, the districts and how it was made.
    struct PublicFigures: Sendable {
        let year: Int
        let months: [CivilDate]
        let districts: [District]
        let table: SuppressedTable
        let sources: [Source]
        /// Whether the year is over: only then are the districts' totals published, since a total over a
        /// period still running, read month after month, would give away each new month's hidden figures.
        var isComplete: Bool { months.count == 12 }
    }

    /// The first day of the month after `month`'s.
    static func monthAfter(_ month: CivilDate) -> CivilDate {
        month.month == 12 ? CivilDate(year: month.year + 1, month: 1, day: 1) : CivilDate(year: month.year, month: month.month + 1, day: 1)
    }

    /// The year asked (`?year=YYYY`; the current one by default, the year before in January) and its whole months.
    func publicPeriod(_ request: Request, timeZone: TimeZone) throws -> (year: Int, months: [CivilDate]) {
        let today = CivilDate(Date(), in: timeZone)
        var year = today.month == 1 ? today.year - 1 : today.year
        if let text = request.uri.queryParameters["year"].map(String.init), !text.isEmpty {
            guard let asked = Int(text), (2000...today.year).contains(asked), asked < today.year || today.month > 1 else {
                throw APIError(.badRequest, "bad-parameter", "year: '\(text.prefix(40))' is not a year from 2000 with a whole month past")
            }
            year = asked
        }
        let lastMonth = year < today.year ? 12 : today.month - 1
        return (year, (1...lastMonth).map { CivilDate(year: year, month: $0, day: 1) })
    }

    /// A calendar year's whole months of the public sources' incidents, by district of the first level:
    /// `?year=YYYY`, the current year by default (the year before in January). Calendar years, not a window
    /// that slides every month: two windows a month apart would give away what each hides.
    func publicFigures(_ request: Request) async throws -> PublicFigures {
        let snapshot = try await api.snapshots.current()
        let (year, months) = try publicPeriod(request, timeZone: snapshot.timeZone)
        let end = Self.monthAfter(months[months.count - 1])
        let sources = try api.store.sources().filter(\.isPublic)
        let level = snapshot.districtLevels.first
        let districts = try level.map { try api.store.districts(level: $0) } ?? []
        var counts = Array(repeating: Array(repeating: 0, count: months.count), count: districts.count)
        if let level, !sources.isEmpty {
            let filter = IncidentFilter(
                from: snapshot.start(of: months[0]), to: snapshot.start(of: end), sourceIDs: Set(sources.compactMap(\.id)))
            let table = try snapshot.count(by: [.district(level: level), .month], filter: filter)
            let row = Dictionary(uniqueKeysWithValues: districts.enumerated().map { ($1.code, $0) })
            let column = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1.iso, $0) })
            for entry in table.rows(nonZeroOnly: true) {
                guard let r = row[entry.keys[0].text], let c = column[entry.keys[1].text] else { continue }
                counts[r][c] += entry.count
            }
        }
        return PublicFigures(
            year: year, months: months, districts: districts,
            table: SuppressedTable(
                counts: counts, columns: months.count, threshold: desk.settings.suppressionThreshold,
                publishRowTotals: months.count == 12),
            sources: sources)
    }

    func publicFiguresPage(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let words = Language.of(request)
        let zone = try Open311Routes.timeZone(api.store)
        let (year, months): (Int, [CivilDate])
        let table: String
        do {
            (year, months) = try publicPeriod(request, timeZone: zone)
            table = String(buffer: try await publicAnswer(request, "page-\(words.rawValue)") {
                ByteBuffer(string: try figuresTable(try await publicFigures(request), words: words))
            })
        } catch let error as APIError {
            var response = HTML.page(words.pick("Chiffres publics", "Public figures"), language: words, session: nil, current: "/chiffres",
                body: "<p class=\"error\" role=\"alert\">\(HTML.escape(error.message))</p>", isPublic: true)
            response.status = error.status
            return response
        }
        let today = CivilDate(Date(), in: zone)
        let years = (max(2000, today.year - 5)...today.year).reversed().filter { $0 < today.year || today.month > 1 }.map { option in
            "<option value=\"\(option)\"\(option == year ? " selected" : "")>\(option)</option>"
        }.joined()
        let query = "?year=\(year)"
        let threshold = desk.settings.suppressionThreshold
        let sources = try api.store.sources().filter(\.isPublic).map(\.title).joined(separator: ", ")
        // Kept until a request is added, handled or removed.
        let citizensPublic = try api.store.source(named: desk.settings.sourceName)?.isPublic == true
        let requestKey = "requests:\(year):\(months.count):\(words.rawValue):\(citizensPublic):\(try api.store.citizenRequestsVersion())"
        let requests: String
        if let kept = await api.aggregates.answer(requestKey, cursor: nil) {
            requests = String(buffer: kept)
        } else {
            requests = citizensPublic ? try requestFigures(months: months, zone: zone, words: words, threshold: threshold) : ""
            await api.aggregates.keep(ByteBuffer(string: requests), for: requestKey, cursor: nil)
        }
        return HTML.page(words.pick("Chiffres publics", "Public figures"), language: words, session: nil, current: "/chiffres", body: """
            <h1>\(HTML.escape(words.pick("Chiffres publics de la tranquillité", "Public figures of public tranquillity"))) · \(year)</h1>
            <p>\(HTML.escape(words.pick("Faits enregistrés par les sources publiques du registre (\(sources)), par secteur et par mois complet. Aucun chiffre inférieur à \(threshold) n'est publié : « s » marque un chiffre masqué, soit parce qu'il est petit, soit parce qu'il se déduirait des autres.", "Incidents recorded by the register's public sources (\(sources)), by district and whole month. No figure below \(threshold) is published: \"s\" marks a hidden figure, small or one that the others would give away.")))</p>
            <form method="get" action="/chiffres" class="filters"><label>\(HTML.escape(words.pick("Année", "Year"))) <select name="year">\(years)</select></label>\
            <button type="submit">\(HTML.escape(words["show"]))</button></form>
            \(table)
            <p>\(HTML.escape(words.pick("Données ouvertes (Licence Ouverte 2.0) :", "Open data (Licence Ouverte 2.0):"))) \
            <a href="/opendata/incidents.csv\(query)">CSV</a> · <a href="/opendata/incidents.geojson\(query)">GeoJSON</a></p>
            \(requests)
            """, isPublic: true)
    }

    /// The map (once the year is over) and the table of the public figures, as HTML.
    func figuresTable(_ figures: PublicFigures, words: Language) throws -> String {
        let threshold = figures.table.threshold
        let hidden = "<abbr title=\"\(HTML.escape(words.pick("moins de \(threshold), ou masqué pour ne pas le laisser déduire", "fewer than \(threshold), or hidden so that it cannot be worked out")))\">s</abbr>"
        func cell(_ value: Int?) -> String { value.map { $0.groupedDigits } ?? hidden }
        let complete = figures.isComplete
        let head = "<th scope=\"col\">\(HTML.escape(words["district"]))</th>"
            + figures.months.map { "<th scope=\"col\">\(HTML.escape(String(format: "%02d/%d", $0.month, $0.year)))</th>" }.joined()
            + (complete ? "<th scope=\"col\">\(figures.year)</th>" : "")
        let rows = figures.districts.enumerated().map { index, district in
            "<tr><th scope=\"row\">\(HTML.escape(district.name))</th>"
                + figures.table.cells[index].map { "<td>\(cell($0))</td>" }.joined()
                + (complete ? "<td>\(cell(figures.table.rowTotals[index]))</td>" : "") + "</tr>"
        }.joined()
        let totals = "<tr><th scope=\"row\">\(HTML.escape(words["all"]))</th>"
            + figures.table.columnTotals.map { "<td>\(cell($0))</td>" }.joined()
            + (complete ? "<td>\(cell(figures.table.total))</td>" : "") + "</tr>"
        var map = ""
        if complete {
            let rates = Dictionary(uniqueKeysWithValues: figures.districts.enumerated().map { index, district in
                (district.code, figures.table.rowTotals[index].flatMap { total in
                    district.population.flatMap { $0 > 0 ? Double(total) * 1_000 / Double($0) : nil }
                })
            })
            map = """
                <div class="report-map">\(Self.choropleth(figures.districts, rates: rates, highest: rates.values.compactMap { $0 }.max() ?? 0, words: words))</div>
                <p class="legend">\(HTML.escape(words.pick("Taux sur l'année pour 1 000 habitants ; gris : masqué.", "Rate over the year per 1,000 inhabitants; grey: hidden.")))</p>
                """
        } else {
            map = "<p class=\"legend\">\(HTML.escape(words.pick("L'année n'est pas finie : les totaux par secteur et la carte paraissent quand elle l'est (ils laisseraient sinon déduire, d'un mois à l'autre, les chiffres masqués).", "The year is not over: the districts' totals and the map appear once it is (otherwise, read month after month, they would give hidden figures away).")))</p>"
        }
        return map + "<div class=\"scroll\"><table id=\"figures\"><thead><tr>\(head)</tr></thead><tbody>\(rows)\(totals)</tbody></table></div>"
    }

    /// Requests received and fixed per whole month of the year (shown only when the register lets citizen
    /// reports be public): a month's counts are shown only if received, fixed and not yet fixed are all at the threshold
    /// or above, so that none gives a small count away by subtraction.
    func requestFigures(months: [CivilDate], zone: TimeZone, words: Language, threshold: Int) throws -> String {
        guard let last = months.last else { return "" }
        let bounds = (months + [Self.monthAfter(last)]).map { $0.start(in: zone) }
        let counts = try api.store.citizenRequestCounts(between: bounds)
        let rows = months.enumerated().map { index, month -> String in
            let (received, fixed) = counts[index]
            let shown = received >= threshold && fixed >= threshold && received - fixed >= threshold
            let cells = shown
                ? "<td>\(received.groupedDigits)</td><td>\(fixed.groupedDigits)</td><td>\(String(format: "%.0f %%", Double(fixed) / Double(received) * 100))</td>"
                : "<td>s</td><td>s</td><td>s</td>"
            return "<tr><th scope=\"row\">\(String(format: "%02d/%d", month.month, month.year))</th>\(cells)</tr>"
        }.joined()
        return """
            <h2>\(HTML.escape(words.pick("Signalements des habitants", "Citizens' reports")))</h2>
            <table id="request-figures"><thead><tr><th scope="col">\(HTML.escape(words["month"]))</th>\
            <th scope="col">\(HTML.escape(words.pick("Reçus", "Received")))</th><th scope="col">\(HTML.escape(words.pick("Résolus à ce jour", "Fixed so far")))</th>\
            <th scope="col">\(HTML.escape(words.pick("Part résolue", "Share fixed")))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// The public table as CSV: a line per district and month, each month's total, and, once the year is
    /// over, each district's total and the whole; a hidden figure has an empty count and `suppressed` true.
    func openDataCSV(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let (year, _) = try publicPeriod(request, timeZone: try Open311Routes.timeZone(api.store))
        let body = try await publicAnswer(request, "csv") { ByteBuffer(string: Self.csv(try await publicFigures(request))) }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"incidents-\(year).csv\"",
                .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: body))
    }

    static func csv(_ figures: PublicFigures) -> String {
        var lines = ["district_code,district_name,month,count,suppressed"]
        func line(_ code: String, _ name: String, _ month: String, _ value: Int?) {
            lines.append([code, Self.csvField(name), month, value.map(String.init) ?? "", value == nil ? "true" : "false"]
                .joined(separator: ","))
        }
        for (index, district) in figures.districts.enumerated() {
            for (column, month) in figures.months.enumerated() {
                line(district.code, district.name, String(month.iso.prefix(7)), figures.table.cells[index][column])
            }
            if figures.isComplete { line(district.code, district.name, String(figures.year), figures.table.rowTotals[index]) }
        }
        for (column, month) in figures.months.enumerated() {
            line("total", "", String(month.iso.prefix(7)), figures.table.columnTotals[column])
        }
        if figures.isComplete { line("total", "", String(figures.year), figures.table.total) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// The public table as GeoJSON: a feature per district with its outline, each month's count and, once
    /// the year is over, its total (`null` when hidden or not published).
    func openDataGeoJSON(_ request: Request, context: VigieRequestContext) async throws -> Response {
        _ = try publicPeriod(request, timeZone: try Open311Routes.timeZone(api.store))
        let body = try await publicAnswer(request, "geojson") { try JSONBody(Self.features(try await publicFigures(request))).encoded() }
        return Response(
            status: .ok, headers: [.contentType: "application/geo+json; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: body))
    }

    static func features(_ figures: PublicFigures) -> PolygonFeatures {
        let features = figures.districts.enumerated().map { index, district in
            var properties: [String: JSONScalar] = [
                "code": .text(district.code), "name": .text(district.name),
                "year": .integer(figures.year),
                "population": district.population.map { .integer($0) } ?? .null,
                "total": figures.isComplete ? figures.table.rowTotals[index].map { .integer($0) } ?? .null : .null,
                "threshold": .integer(figures.table.threshold),
            ]
            for (column, month) in figures.months.enumerated() {
                properties[String(month.iso.prefix(7))] = figures.table.cells[index][column].map { .integer($0) } ?? .null
            }
            return PolygonFeatures.Feature(geometry: .init(district.outline), properties: properties)
        }
        return PolygonFeatures(features: features)
    }

    /// The district outlines, which are public: the report form's map draws them.
    func publicDistricts(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let snapshot = try await api.snapshots.current()
        let districts = try snapshot.districtLevels.first.map { try api.store.districts(level: $0) } ?? []
        let features = districts.map { district in
            PolygonFeatures.Feature(geometry: .init(district.outline), properties: ["code": .text(district.code), "name": .text(district.name)])
        }
        var response = try JSONBody(PolygonFeatures(features: features)).response(from: request, context: context)
        response.headers[.contentType] = "application/geo+json; charset=utf-8"
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }
}
