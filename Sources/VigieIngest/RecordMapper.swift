import Foundation
import VigieCore

/// Turns one input record into an incident, or says which field is wrong and why.
struct RecordMapper {
    enum Outcome {
        case record(IngestBatch.Record)
        case rejected(field: String?, reason: String)
    }

    let mapping: Mapping
    let slots: MappingSlots
    let sourceID: Int64
    let area: BoundingBox?
    let pseudonymiser: Pseudonymiser?
    let locator: DistrictLocator
    let latestAcceptedTime: Double
    let clock: LocalClock
    private let lowercasedMap: [String: CategoryCode]
    private let attributesEncoder: AttributesEncoder

    init(
        mapping: Mapping, sourceID: Int64, area: BoundingBox?, timeZone: TimeZone, pseudonymiser: Pseudonymiser?,
        locator: DistrictLocator, now: Date
    ) {
        self.mapping = mapping
        self.slots = MappingSlots(mapping)
        self.sourceID = sourceID
        self.area = area
        self.pseudonymiser = pseudonymiser
        self.locator = locator
        self.latestAcceptedTime = now.timeIntervalSince1970 + 86_400
        self.clock = LocalClock.forIngest(timeZone: timeZone, now: now)
        self.attributesEncoder = AttributesEncoder(names: slots.attributes.map(\.name))
        self.lowercasedMap = Dictionary(
            mapping.categoryMap.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    func map(_ source: some RecordSource, recordNumber: Int) -> Outcome {
        if let problem = source.problem { return .rejected(field: nil, reason: problem) }
        let reference: String
        if let slot = slots.reference {
            switch source.value(slot).nonEmptyText {
            case .success(let text): reference = text
            case .failure(let problem):
                return .rejected(field: mapping.referenceColumn, reason: "reference: \(problem.message)")
            }
        } else {
            reference = source.rowHash()
        }

        let occurredAt: Double
        var precision = mapping.timePrecision
        switch readTime(source.value(slots.time)) {
        case .success(let (seconds, valuePrecision)):
            occurredAt = seconds
            precision = max(precision, valuePrecision)
        case .failure(let problem): return .rejected(field: mapping.timeColumn, reason: "time: \(problem.message)")
        }

        let location: GeoPoint?
        switch readLocation(source) {
        case .success(let point): location = point
        case .failure(let problem): return .rejected(field: locationField, reason: "location: \(problem.message)")
        }

        let label: String
        switch source.value(slots.category).nonEmptyText {
        case .success(let text): label = text
        case .failure(let problem): return .rejected(field: mapping.categoryColumn, reason: "category: \(problem.message)")
        }
        guard let category = mapping.categoryMap[label] ?? lowercasedMap[label.lowercased()] ?? mapping.categoryDefault
        else {
            return .rejected(
                field: mapping.categoryColumn,
                reason: "category: label '\(label)' is not mapped; add it under category.map in \(mapping.fileName), or set category.default")
        }

        // Values in slot order, with no dictionary: the encoder writes them in key order.
        var attributes = [String?](repeating: nil, count: slots.attributes.count)
        for (position, attribute) in slots.attributes.enumerated() {
            switch source.value(attribute.slot) {
            case .text(let text):
                let value = text.trimmed
                if value.isEmpty { continue }
                attributes[position] = attribute.personal ? pseudonymiser!.pseudonym(value) : value
            case .absent:
                continue
            case .unreadable(let reason):
                return .rejected(field: mapping.attributes.first { $0.name == attribute.name }?.column, reason: reason)
            }
        }

        var hash = StableHash()
        hash.combine(category.rawValue)
        hash.combine(label)
        hash.combine(occurredAt)
        hash.combine(precision.rawValue)
        hash.combine(location?.latitude ?? .nan)
        hash.combine(location?.longitude ?? .nan)
        hash.combine(mapping.locationPrecisionMeters ?? -1)
        for (position, attribute) in slots.attributes.enumerated() {
            hash.combine(attribute.name)
            hash.combine(attributes[position] ?? "")
        }
        let incident = Incident(
            sourceID: sourceID, sourceReference: reference, category: category, rawLabel: label,
            occurredAt: Date(timeIntervalSince1970: occurredAt), timePrecision: precision,
            location: location, locationPrecisionMeters: location == nil ? nil : mapping.locationPrecisionMeters,
            districts: location.map(locator.codes(at:)) ?? [:])
        return .record(IngestBatch.Record(
            incident: incident, encodedAttributes: attributesEncoder.encode(attributes), contentHash: hash.signed,
            recordNumber: recordNumber, line: source.line))
    }

    private var locationField: String? {
        switch mapping.location {
        case .latitudeLongitude(let latitude, let longitude): "\(latitude),\(longitude)"
        case .lambert93(let x, let y): "\(x),\(y)"
        case .geometry: "geometry"
        }
    }

    /// The instant and the precision the value itself shows (a date alone is known to the day).
    private func readTime(_ value: FieldValue) -> Result<(Double, TimePrecision), FieldProblem> {
        var text: String
        switch value.nonEmptyText {
        case .success(let found): text = found
        case .failure(let problem): return .failure(problem)
        }
        let reading = text.withUTF8 { mapping.timeFormat.read($0) }
        let seconds: Double
        var precision = TimePrecision.exact
        switch reading {
        case .failure(let problem): return .failure(problem)
        case .success(.instant(let instant)): seconds = instant
        case .success(.zoned(let civil, let offset)): seconds = civil.secondsAsIfUTC - Double(offset)
        case .success(.civil(let civil)): seconds = clock.instant(of: civil)
        case .success(.date(let civil)):
            seconds = clock.instant(of: civil)
            precision = .day
        }
        if seconds > latestAcceptedTime {
            return .failure(FieldProblem("'\(text)' is in the future"))
        }
        if seconds < -2_208_988_800 {
            return .failure(FieldProblem("'\(text)' is before 1900, probably a placeholder for an unknown date"))
        }
        return .success((seconds, precision))
    }

    private func readLocation(_ source: some RecordSource) -> Result<GeoPoint?, FieldProblem> {
        let point: GeoPoint?
        switch mapping.location {
        case .geometry:
            switch source.geometry() {
            case .success(let value): point = value
            case .failure(let problem): return .failure(problem)
            }
        case .latitudeLongitude, .lambert93:
            let first = source.value(slots.first!)
            let second = source.value(slots.second!)
            let firstText = first.text
            let secondText = second.text
            if firstText.isEmpty && secondText.isEmpty {
                point = nil
                break
            }
            guard let a = Self.number(firstText), let b = Self.number(secondText) else {
                return .failure(FieldProblem("'\(firstText)' and '\(secondText)' are not both numbers"))
            }
            if case .lambert93 = mapping.location {
                switch PositionCheck.lambert93(x: a, y: b, written: "(\(firstText), \(secondText))") {
                case .success(let value): point = value
                case .failure(let problem): return .failure(problem)
                }
            } else {
                point = GeoPoint(latitude: a, longitude: b)
            }
        }
        guard let point else {
            if mapping.locationOptional { return .success(nil) }
            return .failure(FieldProblem("no position given; set location.optional: true to accept records without one"))
        }
        if let problem = PositionCheck.problem(point, area: area) { return .failure(problem) }
        return .success(point)
    }

    /// A decimal number, accepting a decimal comma as French exports write it.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmed
        if let value = DecimalParser.parse(trimmed) { return value }
        if let value = Double(trimmed), value.isFinite { return value }
        guard trimmed.contains(","), !trimmed.contains(".") else { return nil }
        return Double(trimmed.replacingOccurrences(of: ",", with: ".")).flatMap { $0.isFinite ? $0 : nil }
    }
}

extension FieldValue {
    fileprivate var text: String {
        if case .text(let text) = self { return text }
        return ""
    }

    /// The trimmed text, or why there is none.
    fileprivate var nonEmptyText: Result<String, FieldProblem> {
        switch self {
        case .text(let text):
            let trimmed = text.trimmed
            return trimmed.isEmpty ? .failure(FieldProblem("is empty")) : .success(trimmed)
        case .absent: return .failure(FieldProblem("is missing"))
        case .unreadable(let reason): return .failure(FieldProblem(reason))
        }
    }
}

extension String {
    /// Without surrounding spaces and tabs.
    var trimmed: String {
        var copy = self
        let padded = copy.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            return first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        }
        return padded ? trimmingCharacters(in: .whitespaces) : self
    }
}
