import Foundation
import VigieCore

/// A printable briefing of a patrol plan: one HTML page (no script, no remote resource) with the forecast's
/// provenance, the units' areas and a map drawn in SVG, in French, printable on A4.
public struct PatrolBriefing: Sendable {
    public let plan: PatrolPlan
    public let districts: [District]
    public let names: PlaceNames
    public let city: String
    /// The deployment's zone, in which the shift is written.
    public let timeZone: TimeZone

    public init(plan: PatrolPlan, districts: [District], names: PlaceNames, city: String, timeZone: TimeZone) {
        self.plan = plan
        self.districts = districts
        self.names = names
        self.city = city
        self.timeZone = timeZone
    }

    /// Where the page's style comes from: inside it (a file that stands alone) or a stylesheet the page
    /// links to (a server whose content policy forbids inline style).
    public enum Style: Sendable {
        case inline
        case linked(String)
    }

    /// The page's own style.
    public static let stylesheet = """
        body { font: 11pt/1.4 system-ui, sans-serif; margin: 1.5cm; color: #111; }
        h1 { font-size: 16pt; margin: 0 0 .3em; }
        table { border-collapse: collapse; width: 100%; margin: 1em 0; }
        th, td { border: 1px solid #999; padding: .25em .5em; text-align: left; }
        th { background: #eee; }
        .note { font-size: 9pt; color: #444; }
        svg { width: 100%; height: auto; border: 1px solid #999; }
        @media print { body { margin: 1cm; } @page { size: A4; } }
        """

    /// A page that stands alone.
    public var html: String { html(style: .inline) }

    public func html(style: Style) -> String {
        let forecast = plan.forecast
        let start = forecast.origin.formatted(Date.FormatStyle(
            date: .complete, time: .shortened, locale: Locale(identifier: "fr_FR"), timeZone: timeZone))
        let rows = plan.areas.enumerated().map { unit, area -> String in
            let centre = forecast.grid.projection?.unproject(forecast.grid.grid.cellCenter(area.centre))
            return """
                <tr><td>\(unit + 1)</td><td>\(Self.escape(names.name(at: forecast.grid.grid.cellCenter(area.centre))))</td>\
                <td>\(centre.map { String(format: "%.5f, %.5f", $0.latitude, $0.longitude) } ?? "")</td>\
                <td>\(String(format: "%.1f %%", area.share * 100))</td><td>\(String(format: "%.1f", area.expectedIncidents))</td>\
                <td>\(area.fixed ? "poste fixe" : "")</td></tr>
                """
        }.joined(separator: "\n")
        let styleElement = switch style {
        case .inline: "<style>\n\(Self.stylesheet)\n</style>"
        case .linked(let path): "<link rel=\"stylesheet\" href=\"\(Self.escape(path))\">"
        }
        let provenance = forecast.provenance.map { "<li>\(Self.escape($0))</li>" }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <title>Briefing de patrouille — \(Self.escape(city))</title>
            \(styleElement)
            </head>
            <body>
            <h1>Briefing de patrouille — \(Self.escape(city))</h1>
            <p>Période prévue : \(Self.escape(start)), \(Int(forecast.horizon / 3_600)) h.
            \(plan.areas.count) secteurs de \(Int(plan.radius)) m de rayon couvrent \(String(format: "%.1f", plan.share * 100)) % du risque prévu,
            soit environ \(String(format: "%.1f", plan.share * plan.expectedIncidents)) des \(String(format: "%.1f", plan.expectedIncidents)) faits attendus.</p>
            <table>
            <thead><tr><th>Unité</th><th>Secteur</th><th>Centre (lat., long.)</th><th>Part du risque</th><th>Faits attendus</th><th></th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            \(map)
            <h2>Provenance de la prévision</h2>
            <ul class="note">
            \(provenance)
            </ul>
            <p class="note">Prévision fondée sur les lieux et les heures des faits passés ; aucune personne n'y entre ni n'en sort.</p>
            </body>
            </html>
            """
    }

    /// The study area's riskiest cells, the districts' outlines and the areas, in SVG, north up.
    private var map: String {
        let grid = plan.forecast.grid.grid
        let width = grid.maxX - grid.minX
        let height = grid.maxY - grid.minY
        func x(_ value: Double) -> String { String(format: "%.0f", value - grid.minX) }
        func y(_ value: Double) -> String { String(format: "%.0f", grid.maxY - value) }
        let ranked = plan.forecast.ranked
        let shown = ranked.prefix(max(1, plan.forecast.grid.studyCells / 10))
        let cells = shown.enumerated().map { rank, cell -> String in
            let box = grid.cellBounds(cell)
            let opacity = 0.85 - 0.65 * Double(rank) / Double(max(shown.count, 1))
            return "<rect x=\"\(x(box.minX))\" y=\"\(y(box.maxY))\" width=\"\(Int(grid.cellSize))\" height=\"\(Int(grid.cellSize))\" fill=\"#d9480f\" fill-opacity=\"\(String(format: "%.2f", opacity))\"/>"
        }.joined()
        var outlines = ""
        if let projection = plan.forecast.grid.projection {
            for district in districts {
                for part in district.outline.parts {
                    for ring in part {
                        let points = ring.map { point -> String in
                            let projected = projection.project(GeoPoint(latitude: point.y, longitude: point.x))
                            return "\(x(projected.x)),\(y(projected.y))"
                        }.joined(separator: " ")
                        outlines += "<polygon points=\"\(points)\" fill=\"none\" stroke=\"#555\" stroke-width=\"\(Int(width / 800) + 1)\"/>"
                    }
                }
            }
        }
        let areas = plan.areas.enumerated().map { unit, area -> String in
            let centre = grid.cellCenter(area.centre)
            let size = Int(max(width, height) / 60)
            return """
                <circle cx="\(x(centre.x))" cy="\(y(centre.y))" r="\(Int(plan.radius))" fill="none" stroke="#1c7ed6" stroke-width="\(size / 4 + 1)"/>\
                <text x="\(x(centre.x))" y="\(y(centre.y))" font-size="\(size)" text-anchor="middle" dominant-baseline="middle" fill="#1c7ed6" font-weight="bold">\(unit + 1)</text>
                """
        }.joined()
        return "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Carte des secteurs\">\(cells)\(outlines)\(areas)</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
