import VigieAnalytics
import VigieCore
import VigieStore

/// The words people read for group keys: source names, district names, dates.
struct GroupNames {
    private let sources: [Int64: String]
    private let districts: [String: String]

    init(store: SQLiteStore) throws {
        sources = Dictionary(uniqueKeysWithValues: try store.sources().compactMap { source in
            source.id.map { ($0, source.name) }
        })
        districts = Dictionary(try store.districts(level: nil).map { ($0.code, $0.name) }) { first, _ in first }
    }

    /// A short label for a key.
    func label(_ key: GroupKey?) -> String {
        guard let key else { return "all" }
        return switch key {
        case .category(let code): code.rawValue
        case .source(let id): sources[id] ?? "\(id)"
        case .district(let code?): "\(code) \(districts[code] ?? "")".trimmingCharacters(in: .whitespaces)
        case .district(nil): "(none)"
        case .hourOfWeek(let weekday, let hour): "\(Self.weekdays[weekday]) \(hour) h"
        case .day(let date), .week(let date): date.iso
        case .month(let date): String(date.iso.prefix(7))
        case .cell(let index): "cell \(index)"
        }
    }

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
}
