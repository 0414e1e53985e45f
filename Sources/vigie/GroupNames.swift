import VigieAnalytics
import VigieCore
import VigieStore

/// The words people read for group keys: source names, district names, dates.
struct GroupNames {
    private let sources: [Int64: String]
    /// District names by level, then code: codes may repeat across levels.
    private let districts: [String: [String: String]]
    /// The level district keys belong to unless told otherwise.
    private let level: String?

    init(store: SQLiteStore, level: String? = nil) throws {
        sources = Dictionary(uniqueKeysWithValues: try store.sources().compactMap { source in
            source.id.map { ($0, source.name) }
        })
        districts = Dictionary(grouping: try store.districts(level: nil), by: \.level).mapValues { list in
            Dictionary(list.map { ($0.code, $0.name) }) { first, _ in first }
        }
        self.level = level
    }

    /// A short label for a key; a district is read at `level`, or at the level given at creation.
    func label(_ key: GroupKey?, level: String? = nil) -> String {
        guard let key else { return "all" }
        return switch key {
        case .category(let code): code.rawValue
        case .source(let id): sources[id] ?? "\(id)"
        case .district(let code?):
            "\(code) \((level ?? self.level).flatMap { districts[$0]?[code] } ?? "")".trimmingCharacters(in: .whitespaces)
        case .district(nil): "(none)"
        case .hourOfWeek(let weekday, let hour): "\(Self.weekdays[weekday]) \(hour) h"
        case .day, .week, .month: Self.period(key) ?? ""
        case .cell(let index): "cell \(index)"
        }
    }

    /// A day or a week's Monday written YYYY-MM-DD, a month YYYY-MM; `nil` for other keys.
    static func period(_ key: GroupKey) -> String? {
        switch key {
        case .day, .week, .month: TrendsDocument.periodLabel(key)
        default: nil
        }
    }

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
}
