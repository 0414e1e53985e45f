import Foundation
import VigieAnalytics
import VigieCore

/// The assessed agenda as JSON and as tables.
struct AgendaReport {
    let assessed: AgendaOptions.Assessed
    var assessment: AgendaAssessment { assessed.assessment }
    var zone: TimeZone { assessed.zone }

    struct Means: Encodable {
        let recommended: [String: Int]
        let planned: [String: Int]
        let deployed: [String: Int]
        let adequacy: Double?
        let shortest: String?
        let underResourced: Bool
    }

    struct ItemJSON: Encodable {
        let id: Int64?
        let reference: String
        let kind: String
        let title: String
        let startsAt: Date
        let endsAt: Date
        let allDay: Bool
        let attendance: Int?
        let organiser: String?
        let districts: [String]
        let risk: RiskScore
        let clashes: [String]
        let means: Means
    }

    struct DistrictJSON: Encodable {
        let code: String
        let name: String
        let items: [String]
        let risk: RiskScore
    }

    struct DayJSON: Encodable {
        let day: CivilDate
        let band: RiskScore.Band
        let items: [String]
        let officersPlanned: Int
        let officersRecommended: Int
        let adequacy: Double?
        let shortfalls: [String]
        let districts: [DistrictJSON]
    }

    struct ClashJSON: Encodable {
        let first: String
        let second: String
        let rule: String
        let distanceMeters: Double
        let start: Date
        let end: Date
        let overlaps: Bool
        let explanation: String
    }

    struct Document: Encodable {
        let from: CivilDate
        let days: Int
        let districtLevel: String?
        let incidentHistory: Bool
        let items: [ItemJSON]
        let calendar: [DayJSON]
        let clashes: [ClashJSON]
    }

    /// The items as a GeoJSON FeatureCollection (points, routes, areas) with their score, band, clashes
    /// and adequacy, for a map.
    struct FeatureCollection: Encodable {
        struct Feature: Encodable {
            struct Properties: Encodable {
                let id: Int64?
                let reference: String
                let kind: String
                let title: String
                let startsAt: Date
                let endsAt: Date
                let attendance: Int?
                let score: Int
                let band: RiskScore.Band
                let reasons: String
                let clashes: Int
                let adequacy: Double?
                let underResourced: Bool
            }
            let type = "Feature"
            let geometry: EventGeometry
            let properties: Properties
        }
        let type = "FeatureCollection"
        let features: [Feature]
    }

    var featureCollection: FeatureCollection {
        FeatureCollection(features: assessment.assessed.map { assessed in
            let item = assessment.items[assessed.index]
            return FeatureCollection.Feature(geometry: item.geometry, properties: .init(
                id: item.id, reference: item.sourceReference, kind: item.kind.rawValue, title: item.title,
                startsAt: item.startsAt, endsAt: item.endsAt, attendance: item.expectedAttendance,
                score: assessed.risk.score, band: assessed.risk.band, reasons: assessed.risk.summary,
                clashes: assessed.clashes.count, adequacy: assessed.adequacy, underResourced: assessed.isUnderResourced))
        })
    }

    static func names(_ counts: [Measure.Kind: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
    }

    func item(_ assessed: AgendaAssessment.Item) -> ItemJSON {
        let item = assessment.items[assessed.index]
        return ItemJSON(
            id: item.id, reference: item.sourceReference, kind: item.kind.rawValue, title: item.title,
            startsAt: item.startsAt, endsAt: item.endsAt, allDay: item.isAllDay, attendance: item.expectedAttendance,
            organiser: item.organiser, districts: assessed.districts, risk: assessed.risk,
            clashes: assessed.clashes.map { assessment.clashes[$0].explanation(assessment.items, timeZone: zone) },
            means: Means(
                recommended: Self.names(assessed.recommended), planned: Self.names(assessed.planned),
                deployed: Self.names(assessed.deployed), adequacy: assessed.adequacy,
                shortest: assessed.shortest?.rawValue, underResourced: assessed.isUnderResourced))
    }

    func clash(_ clash: Clash) -> ClashJSON {
        ClashJSON(
            first: assessment.items[clash.first].sourceReference, second: assessment.items[clash.second].sourceReference,
            rule: clash.rule.reason, distanceMeters: (clash.distance * 10).rounded() / 10, start: clash.start,
            end: clash.end, overlaps: clash.overlaps, explanation: clash.explanation(assessment.items, timeZone: zone))
    }

    var document: Document {
        let byDay = Dictionary(grouping: assessment.districtDays, by: \.day)
        return Document(
            from: assessment.days.first?.day ?? CivilDate(assessed.start, in: zone), days: assessment.days.count,
            districtLevel: assessed.level, incidentHistory: assessed.hasHistory,
            items: assessment.assessed.map(item),
            calendar: assessment.days.map { day in
                DayJSON(
                    day: day.day, band: day.band, items: day.items.map { assessment.items[$0].sourceReference },
                    officersPlanned: day.officersPlanned, officersRecommended: day.officersRecommended,
                    adequacy: day.adequacy, shortfalls: day.shortfalls,
                    districts: (byDay[day.day] ?? []).map { cell in
                        let district = assessment.districts[cell.district]
                        return DistrictJSON(
                            code: district.code, name: district.name,
                            items: cell.items.map { assessment.items[$0].sourceReference }, risk: cell.risk)
                    })
            },
            clashes: assessment.clashes.map(clash))
    }

    /// `2026-12-05 14:00` in the deployment's zone.
    func when(_ date: Date) -> String {
        let calendar = { var c = Calendar(identifier: .gregorian); c.timeZone = zone; return c }()
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return CivilDate(date, in: zone).iso + String(format: " %02d:%02d", parts.hour!, parts.minute!)
    }

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
