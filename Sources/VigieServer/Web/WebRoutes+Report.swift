import Foundation
import Hummingbird
import VigieAnalytics
import VigieCore

/// The monthly report for elected officials: one printable page with the month's figures against the month
/// before and the same month a year before, by category and by district, a map, and charts.
extension WebRoutes {
    func report(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/report", .readStatistics, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let snapshot = try await api.snapshots.current()
        let today = CivilDate(Date(), in: snapshot.timeZone)
        let lastWhole = CivilDate(year: today.month == 1 ? today.year - 1 : today.year, month: today.month == 1 ? 12 : today.month - 1, day: 1)
        var month = lastWhole
        if let text = request.uri.queryParameters["month"].map(String.init) {
            guard let day = CivilDate(iso: text + "-01"), day.year >= 1970, day.year <= 9999 else {
                return Self.failure(
                    APIError(.badRequest, "bad-parameter", "month: '\(text)' is not a month YYYY-MM"), words: words,
                    session: session, current: "/report")
            }
            month = day
        }
        func shifted(_ day: CivilDate, months: Int) -> CivilDate {
            let index = day.year * 12 + day.month - 1 + months
            return CivilDate(year: index / 12, month: index % 12 + 1, day: 1)
        }
        func range(_ start: CivilDate) -> IncidentFilter {
            IncidentFilter(from: snapshot.start(of: start), to: snapshot.start(of: shifted(start, months: 1)))
        }
        let previous = shifted(month, months: -1), yearBefore = shifted(month, months: -12)
        let level = snapshot.districtLevels.first
        func counts(_ grouping: Grouping, _ start: CivilDate) throws -> (total: Int, by: [String: Int]) {
            let table = try snapshot.count(by: [grouping], filter: range(start))
            return (table.matched, Dictionary(table.rows().map { ($0.keys[0].text, $0.count) }) { first, _ in first })
        }
        let byCategory = (try counts(.category, month), try counts(.category, previous), try counts(.category, yearBefore))
        let total = byCategory.0.total
        func change(_ now: Int, _ then: Int) -> String {
            let p = PoissonComparison.pValue(now, then)
            let mark = p <= 0.05 ? (now > then ? " ↑" : " ↓") : ""
            return (then > 0 ? String(format: "%+.0f %%", (Double(now) / Double(then) - 1) * 100) : "—") + mark
        }
        let categoryRows = Taxonomy.standard.categories.compactMap { category -> [String]? in
            let code = category.code.rawValue
            let (a, b, c) = (byCategory.0.by[code] ?? 0, byCategory.1.by[code] ?? 0, byCategory.2.by[code] ?? 0)
            guard a + b + c > 0 else { return nil }
            return [words == .fr ? category.labelFR : category.labelEN, a.groupedDigits, b.groupedDigits, change(a, b),
                c.groupedDigits, change(a, c)]
        }
        var districtSection = ""
        if let level {
            let districts = try api.store.districts(level: level)
            let now = try counts(.district(level: level), month), then = try counts(.district(level: level), yearBefore)
            let rates = Dictionary(uniqueKeysWithValues: districts.map { district in
                (district.code, district.population.flatMap { $0 > 0 ? Double(now.by[district.code] ?? 0) * 1_000 / Double($0) : nil })
            })
            let highest = rates.values.compactMap { $0 }.max() ?? 0
            let rows = districts.map { district -> [String] in
                let (a, c) = (now.by[district.code] ?? 0, then.by[district.code] ?? 0)
                return [district.name, a.groupedDigits, rates[district.code]??.formatted(.number.precision(.fractionLength(1))) ?? "—",
                    c.groupedDigits, change(a, c)]
            }
            districtSection = """
                <h2>\(HTML.escape(words["by-district"]))</h2>
                <div class="report-map">\(Self.choropleth(districts, rates: rates, highest: highest, words: words))</div>
                \(Self.table([words["district"], words["this-month"], words["per-1000"], words["year-before"], words["change"]], rows))
                """
        }
        // The last 24 months, and the month's days, for the charts.
        let months = (0..<24).reversed().map { shifted(month, months: -$0) }
        let monthly = try months.map { try snapshot.count(filter: range($0)).matched }
        let daily = try snapshot.count(by: [.day], filter: range(month))
        let dayLabels = daily.keys(0).map { TrendsDocument.periodLabel($0) }
        let alerts = try api.store.alerts(includeAcknowledged: true, limit: 10_000).filter {
            $0.day >= month && $0.day < shifted(month, months: 1)
        }
        let monthName = CivilDate.monthName(month, words: words)
        func json(_ values: [some Encodable]) -> String {
            HTML.escape(String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self))
        }
        return HTML.page(
            "\(words["report"]) — \(monthName)", language: words, session: session, current: "/report",
            body: """
                <form class="filters" method="get" action="/report"><label>\(HTML.escape(words["month"])) \
                <input name="month" type="month" value="\(String(month.iso.prefix(7)))"></label>\
                <button type="submit">\(HTML.escape(words["show"]))</button>\
                <button type="button" data-print>\(HTML.escape(words["print"]))</button></form>
                <h1>\(HTML.escape(words["report"])) — \(HTML.escape(monthName))</h1>
                <p class="legend">\(HTML.escape(try api.store.deployment().name)) · \(HTML.escape(words["report-note"]))</p>
                <p class="figures"><span><strong>\(total.groupedDigits)</strong> \(HTML.escape(words["incidents"].lowercased()))</span>\
                <span><strong>\(change(total, byCategory.1.total))</strong> \(HTML.escape(words["vs-previous-month"]))</span>\
                <span><strong>\(change(total, byCategory.2.total))</strong> \(HTML.escape(words["vs-year-before"]))</span>\
                <span><strong>\(alerts.count)</strong> \(HTML.escape(words["alerts-raised"]))</span></p>
                <h2>\(HTML.escape(words["by-category"]))</h2>
                \(Self.table([words["category"], words["this-month"], words["previous-month"], words["change"], words["year-before"], words["change"]], categoryRows))
                \(districtSection)
                <h2>\(HTML.escape(words["months-24"]))</h2>
                <div class="chart"><canvas class="report-chart" data-kind="line" data-labels="\(json(months.map { String($0.iso.prefix(7)) }))" \
                data-values="\(json(monthly))" data-label="\(HTML.escape(words["incidents"]))" role="img" aria-label="\(HTML.escape(words["months-24"]))"></canvas></div>
                <h2>\(HTML.escape(words["days-of-month"]))</h2>
                <div class="chart"><canvas class="report-chart" data-kind="bar" data-labels="\(json(dayLabels))" \
                data-values="\(json(daily.counts))" data-label="\(HTML.escape(words["incidents"]))" role="img" aria-label="\(HTML.escape(words["days-of-month"]))"></canvas></div>
                <p class="legend">\(HTML.escape(words["report-method"]))</p>
                """,
            scripts: ["/vendor/chart.js/chart.min.js", "/assets/vigie.js"])
    }

    /// The districts in SVG, north up, shaded in five steps of their rate per 1,000 inhabitants.
    static func choropleth(_ districts: [District], rates: [String: Double?], highest: Double, words: Language) -> String {
        let points = districts.flatMap { $0.outline.parts.flatMap { $0.flatMap { $0 } } }
        guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(), let minY = points.map(\.y).min(),
            let maxY = points.map(\.y).max(), maxX > minX, maxY > minY
        else { return "" }
        // Degrees of longitude shrink with the cosine of the latitude.
        let scaleX = cos((minY + maxY) / 2 * .pi / 180)
        let width = 1_000.0, height = width * (maxY - minY) / ((maxX - minX) * scaleX)
        func x(_ value: Double) -> String { String(format: "%.1f", (value - minX) / (maxX - minX) * width) }
        func y(_ value: Double) -> String { String(format: "%.1f", (maxY - value) / (maxY - minY) * height) }
        let shapes = districts.map { district -> String in
            let rate = rates[district.code] ?? nil
            let step = rate.map { highest > 0 ? min(4, Int($0 / highest * 5)) : 0 }
            let path = district.outline.parts.flatMap { $0 }.map { ring in
                "M" + ring.map { "\(x($0.x)),\(y($0.y))" }.joined(separator: "L") + "Z"
            }.joined()
            let title = "\(district.name): \(rate.map { String(format: "%.1f", $0) } ?? "—") \(words["per-1000"])"
            return "<path d=\"\(path)\" class=\"q\(step.map(String.init) ?? "n")\"><title>\(HTML.escape(title))</title></path>"
        }.joined()
        return "<svg viewBox=\"0 0 \(Int(width)) \(Int(height.rounded()))\" role=\"img\" aria-label=\"\(HTML.escape(words["by-district"]))\">\(shapes)</svg>"
    }
}

extension CivilDate {
    /// The month's name and year in the page's language.
    static func monthName(_ day: CivilDate, words: Language) -> String {
        let names = words == .fr
            ? ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(names[day.month - 1]) \(day.year)"
    }
}
