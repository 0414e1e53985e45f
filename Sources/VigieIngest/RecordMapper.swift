import Crypto
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
    var converter: LocalTimeConverter
    private let lowercasedMap: [String: CategoryCode]

    init(
        mapping: Mapping, sourceID: Int64, area: BoundingBox?, pseudonymiser: Pseudonymiser?,
        locator: DistrictLocator, now: Date
    ) {
        self.mapping = mapping
        self.slots = MappingSlots(mapping)
        self.sourceID = sourceID
        self.area = area
        self.pseudonymiser = pseudonymiser
        self.locator = locator
        self.latestAcceptedTime = now.timeIntervalSince1970 + 86_400
        self.converter = LocalTimeConverter(timeZone: TimeZone(identifier: mapping.timeZoneIdentifier)!)
        self.lowercasedMap = Dictionary(
            mapping.categoryMap.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func map(_ source: some RecordSource) -> Outcome {
        if let problem = source.problem { return .rejected(field: nil, reason: problem) }
        let reference: String
        if let slot = slots.reference {
            guard case .text(let text) = source.value(slot), !text.trimmed.isEmpty else {
                return .rejected(field: mapping.referenceColumn, reason: "the reference is empty or missing")
            }
            reference = text.trimmed
        } else {
            reference = source.withRawBytes { bytes in "h:" + Hex.encode(SHA256.hash(data: bytes).prefix(16)) }
        }

        let occurredAt: Double
        switch readTime(source.value(slots.time)) {
        case .success(let seconds): occurredAt = seconds
        case .failure(let problem): return .rejected(field: mapping.timeColumn, reason: "time: \(problem.message)")
        }

        let location: GeoPoint?
        switch readLocation(source) {
        case .success(let point): location = point
        case .failure(let problem): return .rejected(field: locationField, reason: "location: \(problem.message)")
        }

        guard case .text(let labelText) = source.value(slots.category), !labelText.trimmed.isEmpty else {
            return .rejected(field: mapping.categoryColumn, reason: "category: the label is empty or missing")
        }
        let label = labelText.trimmed
        guard let category = mapping.categoryMap[label] ?? lowercasedMap[label.lowercased()] ?? mapping.categoryDefault
        else {
            return .rejected(
                field: mapping.categoryColumn,
                reason: "category: label '\(label)' is not mapped; add it under category.map in \(mapping.fileName), or set category.default")
        }

        var attributes: [String: String] = [:]
        for attribute in slots.attributes {
            switch source.value(attribute.slot) {
            case .text(let text):
                let value = text.trimmed
                if value.isEmpty { continue }
                attributes[attribute.name] = attribute.personal ? pseudonymiser!.pseudonym(value) : value
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
        hash.combine(mapping.timePrecision.rawValue)
        hash.combine(location?.latitude ?? .nan)
        hash.combine(location?.longitude ?? .nan)
        hash.combine(mapping.locationPrecisionMeters ?? -1)
        for attribute in slots.attributes {
            hash.combine(attribute.name)
            hash.combine(attributes[attribute.name] ?? "")
        }
        let incident = Incident(
            sourceID: sourceID, sourceReference: reference, category: category, rawLabel: label,
            occurredAt: Date(timeIntervalSince1970: occurredAt), timePrecision: mapping.timePrecision,
            location: location, locationPrecisionMeters: location == nil ? nil : mapping.locationPrecisionMeters,
            attributes: attributes, districts: location.map(locator.codes(at:)) ?? [:])
        return .record(IngestBatch.Record(incident: incident, contentHash: hash.signed))
    }

    private var locationField: String? {
        switch mapping.location {
        case .latitudeLongitude(let latitude, let longitude): "\(latitude),\(longitude)"
        case .lambert93(let x, let y): "\(x),\(y)"
        case .geometry: "geometry"
        }
    }

    private mutating func readTime(_ value: FieldValue) -> Result<Double, FieldProblem> {
        guard case .text(var text) = value else { return .failure(FieldProblem("is empty or missing")) }
        let reading = text.withUTF8 { mapping.timeFormat.read($0) }
        let seconds: Double
        switch reading {
        case .failure(let problem): return .failure(problem)
        case .success(.instant(let instant)): seconds = instant
        case .success(.zoned(let civil, let offset)): seconds = civil.secondsAsIfUTC - Double(offset)
        case .success(.civil(let civil)): seconds = converter.instant(civil)
        }
        if seconds > latestAcceptedTime {
            return .failure(FieldProblem("'\(text)' is in the future"))
        }
        if seconds < -2_208_988_800 {
            return .failure(FieldProblem("'\(text)' is before 1900, probably a placeholder for an unknown date"))
        }
        return .success(seconds)
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
                guard (50_000...1_300_000).contains(a), (6_000_000...7_200_000).contains(b) else {
                    return .failure(FieldProblem("(\(firstText), \(secondText)) is not a Lambert-93 position: x lies between 50 000 and 1 300 000 m and y between 6 000 000 and 7 200 000 m"))
                }
                point = Lambert93.unproject(PlanarPoint(x: a, y: b))
            } else {
                point = GeoPoint(latitude: a, longitude: b)
            }
        }
        guard let point else {
            if mapping.locationOptional { return .success(nil) }
            return .failure(FieldProblem("no position given; set location.optional: true to accept records without one"))
        }
        guard point.isValid else {
            return .failure(FieldProblem("latitude \(point.latitude), longitude \(point.longitude) is not a position on Earth"))
        }
        if point.latitude == 0 && point.longitude == 0 {
            return .failure(FieldProblem("0, 0 is a placeholder for an unknown position, not a place"))
        }
        if let area, !area.contains(x: point.longitude, y: point.latitude) {
            let swapped = area.contains(x: point.latitude, y: point.longitude)
            return .failure(FieldProblem("latitude \(point.latitude), longitude \(point.longitude) lies outside the deployment's area (longitude \(area.minX)…\(area.maxX), latitude \(area.minY)…\(area.maxY))" + (swapped ? "; latitude and longitude look swapped" : "")))
        }
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
