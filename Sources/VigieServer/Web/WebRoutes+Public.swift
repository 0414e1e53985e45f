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

    /// The public table: districts by month, with the months, the districts and how it was made.
    struct PublicFigures: Sendable {
        let months: [CivilDate]
        let districts: [District]
        let table: SuppressedTable
        let category: CategoryCode?
        let sources: [Source]
    }

    /// The last twelve whole months of public sources' incidents, by district of the first level.
    func publicFigures(_ request: Request) async throws -> PublicFigures {
        let query = request.uri.queryParameters
        var category: CategoryCode?
        if let text = query["category"].map(String.init), !text.isEmpty {
            guard Taxonomy.standard.contains(CategoryCode(rawValue: text)) else {
                throw APIError(.badRequest, "bad-parameter", "category: '\(text.prefix(40))' is not a category of the taxonomy")
            }
            category = CategoryCode(rawValue: text)
        }
        let snapshot = try await api.snapshots.current()
        let today = CivilDate(Date(), in: snapshot.timeZone)
        let thisMonth = CivilDate(year: today.year, month: today.month, day: 1)
        let months = (1...12).reversed().map { back -> CivilDate in
            let index = thisMonth.year * 12 + thisMonth.month - 1 - back
            return CivilDate(year: index / 12, month: index % 12 + 1, day: 1)
        }
        let sources = try api.store.sources().filter(\.isPublic)
        let level = snapshot.districtLevels.first
        let districts = try level.map { try api.store.districts(level: $0) } ?? []
        var counts = Array(repeating: Array(repeating: 0, count: months.count), count: districts.count)
        if let level, !sources.isEmpty {
            let filter = IncidentFilter(
                from: snapshot.start(of: months[0]), to: snapshot.start(of: thisMonth),
                categories: category.map { [$0] }, sourceIDs: Set(sources.compactMap(\.id)))
            let table = try snapshot.count(by: [.district(level: level), .month], filter: filter)
            let row = Dictionary(uniqueKeysWithValues: districts.enumerated().map { ($1.code, $0) })
            let column = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1.iso, $0) })
            for entry in table.rows(nonZeroOnly: true) {
                guard let r = row[entry.keys[0].text], let c = column[entry.keys[1].text] else { continue }
                counts[r][c] += entry.count
            }
        }
        return PublicFigures(
            months: months, districts: districts,
            table: SuppressedTable(counts: counts, threshold: desk.settings.suppressionThreshold), category: category,
            sources: sources)
    }

    func publicFiguresPage(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let words = Language.of(request)
        let figures: PublicFigures
        do {
            figures = try await publicFigures(request)
        } catch let error as APIError {
            var response = HTML.page(words.pick("Chiffres publics", "Public figures"), language: words, session: nil, current: "/chiffres",
                body: "<p class=\"error\" role=\"alert\">\(HTML.escape(error.message))</p>", isPublic: true)
            response.status = error.status
            return response
        }
        let threshold = figures.table.threshold
        let hidden = "<abbr title=\"\(HTML.escape(words.pick("moins de \(threshold), ou masqué pour ne pas le laisser déduire", "fewer than \(threshold), or hidden so that it cannot be worked out")))\">s</abbr>"
        func cell(_ value: Int?) -> String { value.map { $0.groupedDigits } ?? hidden }
        let head = "<th scope=\"col\">\(HTML.escape(words["district"]))</th>"
            + figures.months.map { "<th scope=\"col\">\(HTML.escape(String(format: "%02d/%d", $0.month, $0.year)))</th>" }.joined()
            + "<th scope=\"col\">\(HTML.escape(words.pick("12 mois", "12 months")))</th>"
        let rows = figures.districts.enumerated().map { index, district in
            "<tr><th scope=\"row\">\(HTML.escape(district.name))</th>"
                + figures.table.cells[index].map { "<td>\(cell($0))</td>" }.joined()
                + "<td>\(cell(figures.table.rowTotals[index]))</td></tr>"
        }.joined()
        let totals = "<tr><th scope=\"row\">\(HTML.escape(words["all"]))</th>"
            + figures.table.columnTotals.map { "<td>\(cell($0))</td>" }.joined() + "<td>\(cell(figures.table.total))</td></tr>"
        let rates = Dictionary(uniqueKeysWithValues: figures.districts.enumerated().map { index, district in
            (district.code, figures.table.rowTotals[index].flatMap { total in
                district.population.flatMap { $0 > 0 ? Double(total) * 1_000 / Double($0) : nil }
            })
        })
        let map = Self.choropleth(figures.districts, rates: rates, highest: rates.values.compactMap { $0 }.max() ?? 0, words: words)
        let categoryOptions = Taxonomy.standard.categories.map { category in
            "<option value=\"\(category.code.rawValue)\"\(category.code == figures.category ? " selected" : "")>\(HTML.escape(words.pick(category.labelFR, category.labelEN)))</option>"
        }.joined()
        let query = figures.category.map { "?category=\($0.rawValue)" } ?? ""
        let requests = try requestFigures(words: words, threshold: threshold)
        return HTML.page(words.pick("Chiffres publics", "Public figures"), language: words, session: nil, current: "/chiffres", body: """
            <h1>\(HTML.escape(words.pick("Chiffres publics de la tranquillité", "Public figures of public tranquillity")))</h1>
            <p>\(HTML.escape(words.pick("Faits enregistrés par les sources publiques du registre (\(figures.sources.map(\.title).joined(separator: ", "))), par secteur et par mois, sur les 12 derniers mois complets. Aucun chiffre inférieur à \(threshold) n'est publié : « s » marque un chiffre masqué, soit parce qu'il est petit, soit parce qu'il se déduirait des autres.", "Incidents recorded by the register's public sources (\(figures.sources.map(\.title).joined(separator: ", "))), by district and month, over the last 12 whole months. No figure below \(threshold) is published: \"s\" marks a hidden figure, small or one that the others would give away.")))</p>
            <form method="get" action="/chiffres" class="filters"><label>\(HTML.escape(words["category"])) <select name="category">\
            <option value="">\(HTML.escape(words["all-categories"]))</option>\(categoryOptions)</select></label>\
            <button type="submit">\(HTML.escape(words["show"]))</button></form>
            <div class="report-map">\(map)</div>
            <p class="legend">\(HTML.escape(words.pick("Taux sur 12 mois pour 1 000 habitants ; gris : masqué.", "Rate over 12 months per 1,000 inhabitants; grey: hidden.")))</p>
            <div class="scroll"><table id="figures"><thead><tr>\(head)</tr></thead><tbody>\(rows)\(totals)</tbody></table></div>
            <p>\(HTML.escape(words.pick("Données ouvertes (Licence Ouverte 2.0) :", "Open data (Licence Ouverte 2.0):"))) \
            <a href="/opendata/incidents.csv\(query)">CSV</a> · <a href="/opendata/incidents.geojson\(query)">GeoJSON</a></p>
            <h2>\(HTML.escape(words.pick("Signalements des habitants", "Citizens' reports")))</h2>
            \(requests)
            """, isPublic: true)
    }

    /// Requests received and fixed per month, the last twelve whole months, small counts suppressed.
    func requestFigures(words: Language, threshold: Int) throws -> String {
        let zone = try Open311Routes.timeZone(api.store)
        let today = CivilDate(Date(), in: zone)
        let rows = try (1...12).reversed().map { back -> String in
            let index = today.year * 12 + today.month - 1 - back
            let month = CivilDate(year: index / 12, month: index % 12 + 1, day: 1)
            let next = CivilDate(year: (index + 1) / 12, month: (index + 1) % 12 + 1, day: 1)
            var query = CitizenRequestQuery(from: month.start(in: zone), to: next.start(in: zone))
            let received = try api.store.citizenRequestCount(query)
            query.statuses = [.fixed]
            let fixed = try api.store.citizenRequestCount(query)
            func shown(_ count: Int) -> String { count >= threshold ? count.groupedDigits : "s" }
            // A share is published only when both counts are.
            let share = received >= threshold && fixed >= threshold ? String(format: "%.0f %%", Double(fixed) / Double(received) * 100) : "s"
            return "<tr><th scope=\"row\">\(String(format: "%02d/%d", month.month, month.year))</th><td>\(shown(received))</td><td>\(shown(fixed))</td><td>\(share)</td></tr>"
        }.joined()
        return """
            <table id="request-figures"><thead><tr><th scope="col">\(HTML.escape(words["month"]))</th>\
            <th scope="col">\(HTML.escape(words.pick("Reçus", "Received")))</th><th scope="col">\(HTML.escape(words.pick("Résolus à ce jour", "Fixed so far")))</th>\
            <th scope="col">\(HTML.escape(words.pick("Part résolue", "Share fixed")))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// The public table as CSV: a line per district and month, then each district's and each month's
    /// total and the whole; a hidden figure has an empty count and `suppressed` true.
    func openDataCSV(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let figures = try await publicFigures(request)
        var lines = ["district_code,district_name,month,category,count,suppressed"]
        let category = figures.category?.rawValue ?? "all"
        func line(_ code: String, _ name: String, _ month: String, _ value: Int?) {
            lines.append([code, Self.csvField(name), month, category, value.map(String.init) ?? "", value == nil ? "true" : "false"]
                .joined(separator: ","))
        }
        for (index, district) in figures.districts.enumerated() {
            for (column, month) in figures.months.enumerated() {
                line(district.code, district.name, String(month.iso.prefix(7)), figures.table.cells[index][column])
            }
            line(district.code, district.name, "total", figures.table.rowTotals[index])
        }
        for (column, month) in figures.months.enumerated() {
            line("total", "", String(month.iso.prefix(7)), figures.table.columnTotals[column])
        }
        line("total", "", "total", figures.table.total)
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"incidents.csv\"",
                .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n")))
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// The public table as GeoJSON: a feature per district with its outline, its 12-month total and each
    /// month's count (`null` when hidden).
    func openDataGeoJSON(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let figures = try await publicFigures(request)
        let features = figures.districts.enumerated().map { index, district in
            var properties: [String: JSONScalar] = [
                "code": .text(district.code), "name": .text(district.name),
                "category": .text(figures.category?.rawValue ?? "all"),
                "population": district.population.map { .integer($0) } ?? .null,
                "total": figures.table.rowTotals[index].map { .integer($0) } ?? .null,
                "threshold": .integer(figures.table.threshold),
            ]
            for (column, month) in figures.months.enumerated() {
                properties[String(month.iso.prefix(7))] = figures.table.cells[index][column].map { .integer($0) } ?? .null
            }
            return PolygonFeatures.Feature(geometry: .init(district.outline), properties: properties)
        }
        var response = try JSONBody(PolygonFeatures(features: features)).response(from: request, context: context)
        response.headers[.contentType] = "application/geo+json; charset=utf-8"
        return response
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
