import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

extension Agenda {
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "After the fact: incidents during and around past items against what the place usually sees.",
            discussion: """
                For each item of the period, the incidents within the place's ground (place_m of the rules, \
                150 m by default) during the item and the hour after are compared with the same window moved by \
                whole weeks, then by days, skipping windows another item near the place takes. The summary by \
                kind shows which kinds of items bring more incidents than their places usually see, and whether \
                items deployed with fewer officers than planned fared worse.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "First day reviewed (YYYY-MM-DD; default: 90 days before --to).") var from: String?
        @Option(help: "Day after the last reviewed (YYYY-MM-DD; default: the day after the latest incident).") var to: String?
        @Option(help: "A rules file, for place_m and the adequate share.") var rules: String?
        @Option(help: "Items listed, by excess of incidents.") var top = 15
        @Flag(help: "Print JSON.") var json = false

        struct ItemJSON: Encodable {
            let reference: String
            let kind: String
            let title: String
            let startsAt: Date
            let observed: Int
            let expected: Double?
            let windows: Int
            let pValue: Double?
            let deployedShare: Double?
        }

        struct KindJSON: Encodable {
            let kind: String
            let items: Int
            let compared: Int
            let observed: Int
            let expected: Double
            let ratio: Double?
            let pValue: Double?
            let ratioShortOfOfficers: Double?
            let ratioOthers: Double?
        }

        func run() async throws {
            let store = try store.openExisting()
            var options = try AgendaOptions.parse([])
            options.rules = rules
            let settings = try options.loadRules()
            let snapshot = try store.analyticsSnapshot()
            guard let last = snapshot.dayRange?.upperBound else { throw CommandError("the store holds no incident yet") }
            let end = try to.map { snapshot.start(of: try AnalyticsOptions.day($0, option: "--to")) }
                ?? snapshot.start(of: CivilDate(dayNumber: last + 1))
            let start = try from.map { snapshot.start(of: try AnalyticsOptions.day($0, option: "--from")) }
                ?? end.addingTimeInterval(-90 * 86_400)
            guard start < end else { throw ValidationError("--from must come before --to") }
            let items = try store.plannedEvents(
                from: start.addingTimeInterval(-35 * 86_400), to: end.addingTimeInterval(35 * 86_400))
            var measures: [Int64: [Measure]] = [:]
            for item in items where item.startsAt >= start && item.startsAt < end {
                if let id = item.id { measures[id] = try store.measures(plannedEventID: id) }
            }
            let review = try AgendaReview(
                items: items, isReviewed: { $0.startsAt >= start && $0.startsAt < end }, measures: measures,
                snapshot: snapshot, asOf: end, placeMeters: settings.placeMeters,
                adequateShare: settings.means.adequateShare)
            let kinds = review.kinds.map { kind in
                KindJSON(
                    kind: kind.kind.rawValue, items: kind.items, compared: kind.compared, observed: kind.observed,
                    expected: (kind.expected * 100).rounded() / 100, ratio: kind.ratio, pValue: kind.pValue,
                    ratioShortOfOfficers: kind.shortRatio, ratioOthers: kind.fullRatio)
            }
            let ranked = review.reviewed.filter { $0.expected != nil }.sorted {
                (Double($0.observed) - $0.expected!, $1.index) > (Double($1.observed) - $1.expected!, $0.index)
            }.prefix(max(0, top)).map { reviewed in
                let item = items[reviewed.index]
                return ItemJSON(
                    reference: item.sourceReference, kind: item.kind.rawValue, title: item.title, startsAt: item.startsAt,
                    observed: reviewed.observed, expected: reviewed.expected.map { ($0 * 100).rounded() / 100 },
                    windows: reviewed.windows, pValue: reviewed.pValue, deployedShare: reviewed.deployedShare)
            }
            if json {
                struct Document: Encodable {
                    let from: Date
                    let to: Date
                    let placeMeters: Double
                    let kinds: [KindJSON]
                    let items: [ItemJSON]
                }
                try Output.json(Document(from: start, to: end, placeMeters: settings.placeMeters, kinds: kinds, items: ranked))
                return
            }
            func ratio(_ value: Double?) -> String { value.map { String(format: "%.2f×", $0) } ?? "" }
            func p(_ value: Double?) -> String { value.map { $0 < 0.001 ? "<0.001" : String(format: "%.3f", $0) } ?? "" }
            Output.table(["kind", "items", "compared", "incidents", "expected", "ratio", "p", "short of officers", "others"],
                kinds.map { kind in
                    [kind.kind, String(kind.items), String(kind.compared), String(kind.observed),
                        String(format: "%.1f", kind.expected), ratio(kind.ratio), p(kind.pValue),
                        ratio(kind.ratioShortOfOfficers), ratio(kind.ratioOthers)]
                })
            print()
            let zone = snapshot.timeZone
            Output.table(["starts", "kind", "item", "incidents", "expected", "p", "officers deployed"], ranked.map { item in
                [CivilDate(item.startsAt, in: zone).iso, item.kind, AgendaReport.short(item.title), String(item.observed),
                    item.expected.map { String(format: "%.1f", $0) } ?? "", p(item.pValue),
                    AgendaReport.percent(item.deployedShare)]
            })
            print("\(review.reviewed.count) past item(s) from \(CivilDate(start, in: zone).iso) to \(CivilDate(end.addingTimeInterval(-1), in: zone).iso); incidents within \(Int(settings.placeMeters)) m during each item and the hour after, against the same hours of other weeks or days")
        }
    }
}
