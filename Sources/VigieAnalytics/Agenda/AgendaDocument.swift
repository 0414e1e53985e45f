import Foundation
import VigieCore

/// The assessed agenda as one JSON document (what `vigie agenda --json` prints and the API answers): the
/// items with their score, reasons, clashes and means, the days with their districts, the clashes; and the
/// items as GeoJSON, for a map.
public struct AgendaDocument: Sendable {
    public let loaded: AgendaAssessment.Loaded
    var assessment: AgendaAssessment { loaded.assessment }
    var zone: TimeZone { loaded.timeZone }

    public init(_ loaded: AgendaAssessment.Loaded) {
        self.loaded = loaded
    }

    public struct Means: Encodable, Sendable {
        public let recommended: [String: Int]
        public let planned: [String: Int]
        public let deployed: [String: Int]
        public let adequacy: Double?
        public let shortest: String?
        public let underResourced: Bool
    }

    public struct ItemJSON: Encodable, Sendable {
        public let id: Int64?
        public let reference: String
        public let kind: String
        public let title: String
        public let startsAt: Date
        public let endsAt: Date
        public let allDay: Bool
        public let attendance: Int?
        public let organiser: String?
        public let districts: [String]
        public let risk: RiskScore
        public let clashes: [String]
        public let means: Means
    }

    public struct DistrictJSON: Encodable, Sendable {
        public let code: String
        public let name: String
        public let items: [String]
        public let risk: RiskScore
    }

    public struct DayJSON: Encodable, Sendable {
        public let day: CivilDate
        public let band: RiskScore.Band
        public let items: [String]
        public let officersPlanned: Int
        public let officersRecommended: Int
        public let adequacy: Double?
        public let shortfalls: [String]
        public let districts: [DistrictJSON]
    }

    public struct ClashJSON: Encodable, Sendable {
        public let first: String
        public let second: String
        public let rule: String
        public let distanceMeters: Double
        public let start: Date
        public let end: Date
        public let overlaps: Bool
        public let explanation: String
    }

    public struct Document: Encodable, Sendable {
        public let from: CivilDate
        public let days: Int
        public let districtLevel: String?
        public let incidentHistory: Bool
        public let items: [ItemJSON]
        public let calendar: [DayJSON]
        public let clashes: [ClashJSON]
    }

    /// The items as a GeoJSON FeatureCollection (points, routes, areas) with their score, band, clashes
    /// and adequacy, for a map.
    public struct FeatureCollection: Encodable, Sendable {
        public struct Feature: Encodable, Sendable {
            public struct Properties: Encodable, Sendable {
                public let id: Int64?
                public let reference: String
                public let kind: String
                public let title: String
                public let startsAt: Date
                public let endsAt: Date
                public let attendance: Int?
                public let score: Int
                public let band: RiskScore.Band
                public let reasons: String
                public let clashes: Int
                public let adequacy: Double?
                public let underResourced: Bool
            }
            public var type = "Feature"
            public let geometry: EventGeometry
            public let properties: Properties
        }
        public var type = "FeatureCollection"
        public let features: [Feature]
    }

    public var featureCollection: FeatureCollection {
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

    public func item(_ assessed: AgendaAssessment.Item) -> ItemJSON {
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

    public func clash(_ clash: Clash) -> ClashJSON {
        ClashJSON(
            first: assessment.items[clash.first].sourceReference, second: assessment.items[clash.second].sourceReference,
            rule: clash.rule.reason, distanceMeters: (clash.distance * 10).rounded() / 10, start: clash.start,
            end: clash.end, overlaps: clash.overlaps, explanation: clash.explanation(assessment.items, timeZone: zone))
    }

    public var document: Document {
        let byDay = Dictionary(grouping: assessment.districtDays, by: \.day)
        return Document(
            from: assessment.days.first?.day ?? CivilDate(loaded.start, in: zone), days: assessment.days.count,
            districtLevel: loaded.level, incidentHistory: loaded.historyLeftOut == nil,
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
}
