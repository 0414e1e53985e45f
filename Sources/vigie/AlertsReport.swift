import Foundation
import VigieCore

/// Prints alerts.
enum AlertsReport {
    static func print(_ alerts: [Alert], format: ResultFormat, names: GroupNames) throws {
        func place(_ alert: Alert) -> String {
            alert.districtCode.map { names.label(.district($0), level: alert.districtLevel) } ?? "city"
        }
        func what(_ alert: Alert) -> String {
            switch alert.kind {
            case .excess:
                "\(Int(alert.observed)) seen, \(String(format: "%.1f", alert.expected)) expected (p = \(String(format: "%.2g", alert.p ?? 1)))"
            case .levelChange:
                "weekly count against a year earlier: \(String(format: "%+.1f", alert.expected)) → \(String(format: "%+.1f", alert.observed))"
            }
        }
        let header = ["id", "kind", "day", "place", "category", "observed", "expected", "p", "acknowledged"]
        func row(_ alert: Alert) -> [String] {
            [alert.id.map(String.init) ?? "", alert.kind.rawValue, alert.day.iso, place(alert), alert.category.rawValue,
                String(format: "%.1f", alert.observed), String(format: "%.2f", alert.expected),
                alert.p.map { String(format: "%.3g", $0) } ?? "", alert.acknowledgedBy ?? ""]
        }
        switch format {
        case .table:
            Output.table(["id", "kind", "day", "place", "category", "what", "acknowledged"], alerts.map { alert in
                [alert.id.map(String.init) ?? "", alert.kind.rawValue, alert.day.iso, place(alert), alert.category.rawValue,
                    what(alert), alert.acknowledgedBy.map { by in "by \(by)" + (alert.note.map { ": \($0)" } ?? "") } ?? ""]
            })
        case .csv:
            Output.csv(header, alerts.map(row))
        case .json, .geojson:
            try Output.json(JSONOutput.array(alerts.map { alert in
                .object([
                    "id": alert.id.map { .integer(Int($0)) } ?? .null, "kind": .string(alert.kind.rawValue),
                    "day": .string(alert.day.iso), "districtLevel": alert.districtLevel.map(JSONOutput.string) ?? .null,
                    "district": alert.districtCode.map(JSONOutput.string) ?? .null,
                    "category": .string(alert.category.rawValue), "observed": .number(alert.observed),
                    "expected": .number(alert.expected), "p": alert.p.map(JSONOutput.number) ?? .null,
                    "acknowledgedBy": alert.acknowledgedBy.map(JSONOutput.string) ?? .null,
                    "acknowledgedAt": alert.acknowledgedAt.map { .string($0.formatted(.iso8601)) } ?? .null,
                    "note": alert.note.map(JSONOutput.string) ?? .null,
                ])
            }))
        }
    }
}
