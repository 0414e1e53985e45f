import Foundation
import VigieCore

/// Turns one record of an agenda file into a planned item, or says which field is wrong and why.
struct AgendaRecordMapper {
    enum Outcome {
        case item(PlannedEvent)
        /// `field` is the column at fault; `reason` starts with the mapping key and the column.
        case refused(field: String?, reason: String)
    }

    /// Why a record cannot be an item: the column at fault and the reason, naming the mapping key.
    struct Refusal: Error {
        var field: String?
        var reason: String
    }

    /// Dates after this year are placeholders for "no end" (9999-12-31), not dates.
    static let latestYear = 2100
    /// Dates before this year are placeholders for an unknown date (1900-01-01), not dates.
    static let earliestYear = 1900

    let mapping: AgendaMapping
    let sourceID: Int64
    let area: BoundingBox?
    let clock: LocalClock
    /// Each mapping key's slot in the record source.
    let slots: [String: Int]
    private let lowercasedKinds: [String: PlannedEventKind]

    init(mapping: AgendaMapping, sourceID: Int64, area: BoundingBox?, timeZone: TimeZone) {
        self.mapping = mapping
        self.sourceID = sourceID
        self.area = area
        func newYear(_ year: Int) -> Date {
            Date(timeIntervalSince1970: Double(CivilDate(year: year, month: 1, day: 1).dayNumber * 86_400))
        }
        clock = LocalClock(timeZone: timeZone, from: newYear(Self.earliestYear - 1), to: newYear(Self.latestYear + 2))
        slots = Dictionary(uniqueKeysWithValues: mapping.columnsRead.enumerated().map { ($1.key, $0) })
        lowercasedKinds = Dictionary(mapping.kindMap.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    }

    func map(_ source: some RecordSource) -> Outcome {
        if let problem = source.problem { return .refused(field: nil, reason: problem) }
        do {
            let reference = try mapping.referenceColumn == nil ? source.rowHash() : required("reference.column", source)
            let title = try required("title.column", source)
            let kind = try kind(source)
            let (start, end, isAllDay) = try period(source)
            let geometry = try geometry(source)
            let attendanceIsNumber = slots["attendance.column"].map { slot in
                if case .number? = source.json(slot) { true } else { false }
            } ?? false
            let attendance = try field("attendance.column", source) { text in
                Attendance.read(text, isJSONNumber: attendanceIsNumber)
            } ?? nil
            let organiser = try field("organiser.column", source, Organiser.read) ?? nil
            return .item(PlannedEvent(
                sourceID: sourceID, sourceReference: reference, kind: kind, title: title, startsAt: start,
                endsAt: end, isAllDay: isAllDay, geometry: geometry, expectedAttendance: attendance,
                organiser: organiser))
        } catch {
            return .refused(field: error.field, reason: error.reason)
        }
    }

    /// The column a mapping key names.
    func column(_ key: String) -> String? {
        mapping.columnsRead.first { $0.key == key }?.column
    }

    /// A refusal naming the key and its column (a GeoJSON feature's own geometry has no column).
    func refusal(_ key: String, _ message: String) -> Refusal {
        guard let column = column(key) else { return Refusal(field: key, reason: "\(key): \(message)") }
        return Refusal(field: column, reason: "\(key) (\(column)): \(message)")
    }

    /// The text of the column `key` names, through `read`; `nil` when the mapping has no such column.
    func field<Value>(
        _ key: String, _ source: some RecordSource, _ read: (String) -> Result<Value, FieldProblem>
    ) throws(Refusal) -> Value? {
        guard let slot = slots[key] else { return nil }
        let text: String
        switch source.value(slot) {
        case .text(let value): text = value
        case .absent: text = ""
        case .unreadable(let reason): throw refusal(key, reason)
        }
        switch read(text) {
        case .success(let value): return value
        case .failure(let problem): throw refusal(key, problem.message)
        }
    }

    /// The trimmed text of a column the mapping has, which may be empty.
    func text(_ key: String, _ source: some RecordSource) throws(Refusal) -> String {
        try field(key, source) { .success($0.trimmed) } ?? ""
    }

    private func required(_ key: String, _ source: some RecordSource) throws(Refusal) -> String {
        let text = try text(key, source)
        if text.isEmpty { throw refusal(key, "is empty") }
        return text
    }

    private func kind(_ source: some RecordSource) throws(Refusal) -> PlannedEventKind {
        guard mapping.kindColumn != nil else { return mapping.defaultKind! }
        let label = try text("kind.column", source)
        if let kind = mapping.kindMap[label] ?? lowercasedKinds[label.lowercased()]
            ?? PlannedEventKind(rawValue: label.lowercased()) ?? mapping.defaultKind
        {
            return kind
        }
        throw refusal(
            "kind.column",
            label.isEmpty
                ? "is empty, and kind.default is not set"
                : "label '\(label)' is not mapped; add it under kind.map in \(mapping.fileName), or set kind.default")
    }
}
