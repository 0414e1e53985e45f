import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// `vigie alerts`: scan for unusual days and lasting changes, list what was found, acknowledge it.
struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Anomaly alerts: scan for them, list them, acknowledge them.",
        subcommands: [Scan.self, List.self, Acknowledge.self], defaultSubcommand: List.self)

    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Look for excess days per district and category, and lasting changes per category; record them.",
            discussion: """
                Excess: each day's count per district and category against its baseline (the level of the 8 \
                weeks before, the weekday profile of the 52 weeks before, quasi-Poisson spread); alerts are \
                declared by Benjamini–Hochberg at --fdr over every test of the scan. Level change: a category's \
                weekly count against the same weeks a year earlier changed level in the last 8 weeks. \
                A finding already recorded is not recorded again.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var filters: AnalyticsOptions
        @Option(help: "False-discovery rate of the excess alerts.") var fdr: Double = 0.05
        @Option(help: "table, csv or json.") var format: ResultFormat = .table

        func validate() throws {
            if format == .geojson { throw ValidationError("--format geojson does not apply to alerts") }
        }

        func run() async throws {
            let store = try store.openExisting()
            let snapshot = try store.analyticsSnapshot()
            guard let range = snapshot.dayRange else { throw CommandError("the store holds no incident yet") }
            let filter = try filters.filter(store: store, snapshot: snapshot)
            // The scanned days are the filter's period (the latest day holding an incident by default);
            // the baseline reads the weeks before them.
            let first = filter.from.map { snapshot.localDay(of: $0) } ?? range.upperBound
            let last = filter.to.map { snapshot.localDay(of: $0.addingTimeInterval(-1)) } ?? range.upperBound
            guard first <= last else {
                throw ValidationError("the period to scan ends before it starts: the data runs from \(CivilDate(dayNumber: range.lowerBound).iso) to \(CivilDate(dayNumber: range.upperBound).iso)")
            }
            guard last - first < 366 else { throw ValidationError("scan at most a year of days at once") }
            let level = snapshot.districtLevels.isEmpty ? nil : try filters.districtLevel(snapshot)
            let scan = try snapshot.scanAlerts(days: first...last, level: level, filter: filter, falseDiscoveryRate: fdr)
            for note in scan.notes { Output.note(note) }
            let found = scan.alerts
            let recorded = try store.record(found)
            Output.note("\(recorded.count) new alert(s), \(found.count - recorded.count) already recorded")
            try AlertsReport.print(recorded, format: format, names: try GroupNames(store: store))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open alerts, newest day first.")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Include acknowledged alerts.") var all = false
        @Option(help: "At most this many alerts.") var limit = 100
        @Option(help: "table, csv or json.") var format: ResultFormat = .table

        func run() async throws {
            let store = try store.openExisting()
            try AlertsReport.print(
                try store.alerts(includeAcknowledged: all, limit: limit), format: format, names: try GroupNames(store: store))
        }
    }

    struct Acknowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ack", abstract: "Acknowledge an alert: say who looked at it, and what they make of it.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The alert's id, as `vigie alerts list` shows it.") var id: Int64
        @Option(help: "Who acknowledges it.") var by: String
        @Option(help: "A note for whoever reads the alert next.") var note: String?

        func validate() throws {
            guard !by.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--by must name someone") }
        }

        func run() async throws {
            try store.openExisting().acknowledge(alertID: id, by: by, note: note, at: Date())
            print("Alert \(id) acknowledged by \(by).")
        }
    }
}
