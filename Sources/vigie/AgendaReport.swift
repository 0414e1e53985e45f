import Foundation
import VigieAnalytics
import VigieCore

/// The assessed agenda as JSON and as tables.
struct AgendaReport {
    let assessed: AgendaAssessment.Loaded
    var assessment: AgendaAssessment { assessed.assessment }
    var zone: TimeZone { assessed.timeZone }

    /// The JSON document and the GeoJSON of the assessment.
    var json: AgendaDocument { AgendaDocument(assessed) }
    var document: AgendaDocument.Document { json.document }
    var featureCollection: AgendaDocument.FeatureCollection { json.featureCollection }
    func item(_ item: AgendaAssessment.Item) -> AgendaDocument.ItemJSON { json.item(item) }
    func clash(_ clash: Clash) -> AgendaDocument.ClashJSON { json.clash(clash) }

    /// `2026-12-05 14:00` in the deployment's zone.
    func when(_ date: Date) -> String { date.localDateTime(in: zone) }

    static func percent(_ share: Double?) -> String { share.map { "\(Int(($0 * 100).rounded())) %" } ?? "" }

    static func short(_ text: String, _ length: Int = 38) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// The items, with their risk, clashes and means.
    func printItems() {
        Output.table(["starts", "kind", "title", "district", "people", "risk", "clashes", "officers", "adequacy"],
            assessment.assessed.map { assessed in
                let item = assessment.items[assessed.index]
                let officers = "\(assessed.planned[.officers] ?? 0)/\(assessed.recommended[.officers] ?? 0)"
                return [when(item.startsAt), item.kind.rawValue, Self.short(item.title),
                    assessed.districts.joined(separator: ","), item.expectedAttendance.map(Output.count) ?? "",
                    "\(assessed.risk.score) \(assessed.risk.band.label)", assessed.clashes.isEmpty ? "" : String(assessed.clashes.count),
                    officers, Self.percent(assessed.adequacy) + (assessed.isUnderResourced ? " short" : "")]
            })
    }

    /// The days, with their highest band, their busiest district and their shortfalls.
    func printDays() {
        let byDay = Dictionary(grouping: assessment.districtDays, by: \.day)
        Output.table(["day", "items", "band", "highest district", "officers", "short of means"],
            assessment.days.map { day in
                let top = (byDay[day.day] ?? []).max { ($0.risk.score, -$0.district) < ($1.risk.score, -$1.district) }
                let district = top.map { "\(assessment.districts[$0.district].code) (\($0.risk.score))" } ?? ""
                return [day.day.iso + " " + Self.weekday(day.day), String(day.items.count), day.band.label, district,
                    "\(day.officersPlanned)/\(day.officersRecommended)", day.shortfalls.joined(separator: "; ")]
            })
    }

    /// Each day's score in each district.
    func printDistrictGrid() {
        let byDay = Dictionary(grouping: assessment.districtDays, by: \.day)
        let codes = assessment.districts.map(\.code)
        Output.table(["day"] + codes, assessment.days.map { day in
            var cells = [String](repeating: "", count: codes.count)
            for cell in byDay[day.day] ?? [] {
                let mark = cell.risk.band == .red ? "!" : cell.risk.band == .orange ? "+" : ""
                cells[cell.district] = "\(cell.risk.score)\(mark)"
            }
            return [day.day.iso + " " + Self.weekday(day.day)] + cells
        })
        print("scores 1–10; + orange (4–6), ! red (7–10)")
    }

    static func weekday(_ day: CivilDate) -> String {
        ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((day.dayNumber % 7) + 7) % 7]
    }
}
