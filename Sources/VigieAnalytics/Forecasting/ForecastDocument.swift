import Foundation
import VigieCore

/// Forecasts and patrol plans as JSON and GeoJSON documents: what `vigie forecast` and `vigie patrol`
/// print and what the API answers, with the forecast's provenance beside every figure.
public enum ForecastDocument {
    /// How far to trust a forecast: method, period, cells, what it learnt from, its measured accuracy.
    public struct Provenance: Encodable, Sendable {
        public struct Accuracy: Encodable, Sendable {
            public let days: Int
            public let incidents: Int
            /// Share of incidents caught by the top N % of the area, keyed by N.
            public let hitRate: [String: Double]
        }
        public let method: String
        public let origin: String
        public let horizonHours: Double
        public let cellSize: Double
        public let studyCells: Int
        public let trainingIncidents: Int
        public let trainingFrom: String?
        public let trainingTo: String?
        public let accuracy: Accuracy?
        public let warnings: [String]
        /// The same in sentences.
        public let summary: [String]

        public init(_ forecast: Forecast) {
            method = forecast.method
            origin = forecast.origin.formatted(.iso8601)
            horizonHours = forecast.horizon / 3_600
            cellSize = forecast.grid.grid.cellSize
            studyCells = forecast.grid.studyCells
            trainingIncidents = forecast.trainingIncidents
            trainingFrom = forecast.trainingDays.map { CivilDate(dayNumber: $0.lowerBound).iso }
            trainingTo = forecast.trainingDays.map { CivilDate(dayNumber: $0.upperBound).iso }
            accuracy = forecast.accuracy.map { accuracy in
                Accuracy(days: forecast.accuracyDays, incidents: accuracy.incidents, hitRate: Dictionary(
                    uniqueKeysWithValues: accuracy.coverages.indices.map {
                        (String(Int((accuracy.coverages[$0] * 100).rounded())), accuracy.hitRate($0))
                    }))
            }
            warnings = forecast.warnings
            summary = forecast.provenance
        }
    }

    /// A forecast cell: its rank, number, risk and centre.
    public struct Cell: Encodable, Sendable {
        public let rank: Int
        public let cell: Int
        public let risk: Double
        public let latitude: Double?
        public let longitude: Double?
    }

    /// The forecast's provenance with its riskiest cells, in one flat object.
    public struct Cells: Encodable, Sendable {
        public let provenance: Provenance
        public let cells: [Cell]

        public func encode(to encoder: any Encoder) throws {
            try provenance.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(cells, forKey: Key("cells"))
        }
    }

    /// The cells of `forecast` with some risk, highest first: at least `top`, or `coverage` of them.
    public static func cells(_ forecast: Forecast, top: Int, coverage: Double) -> Cells {
        let ranked = positiveRanked(forecast)
        let grid = forecast.grid.grid
        return Cells(
            provenance: Provenance(forecast),
            cells: ranked.prefix(max(top, Int(Double(ranked.count) * coverage))).enumerated().map { rank, cell in
                let centre = forecast.grid.projection?.unproject(grid.cellCenter(cell))
                return Cell(rank: rank + 1, cell: cell, risk: forecast.risk[cell], latitude: centre?.latitude,
                    longitude: centre?.longitude)
            })
    }

    /// A feature collection with the forecast's provenance as a foreign member.
    public struct Layer: Encodable, Sendable {
        public let features: PolygonFeatures
        public let forecast: Provenance

        public func encode(to encoder: any Encoder) throws {
            try features.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(forecast, forKey: Key("forecast"))
        }
    }

    /// The riskiest `coverage` share of the study area as square cells, for a map.
    public static func layer(_ forecast: Forecast, coverage: Double) -> Layer {
        let grid = forecast.grid.grid
        let shown = positiveRanked(forecast).prefix(Int((Double(forecast.grid.studyCells) * coverage).rounded(.down)))
        let features = forecast.grid.projection.map { projection in
            shown.enumerated().map { rank, cell in
                PolygonFeatures.Feature(
                    geometry: .init(grid.outline(ofCell: cell, projection: projection)),
                    properties: ["rank": .integer(rank + 1), "cell": .integer(cell), "risk": .number(forecast.risk[cell])])
            }
        } ?? []
        return Layer(features: PolygonFeatures(features: features), forecast: Provenance(forecast))
    }

    /// One unit's area of a patrol plan.
    public struct Area: Encodable, Sendable {
        public let unit: Int
        public let share: Double
        public let expectedIncidents: Double
        public let fixed: String
        public let cells: Int
        public let district: String
        public let latitude: Double?
        public let longitude: Double?

        var properties: [String: JSONScalar] {
            var properties: [String: JSONScalar] = [
                "unit": .integer(unit), "share": .number(share), "expectedIncidents": .number(expectedIncidents),
                "fixed": .text(fixed), "cells": .integer(cells), "district": .text(district),
            ]
            if let latitude, let longitude {
                properties["latitude"] = .number(latitude)
                properties["longitude"] = .number(longitude)
            }
            return properties
        }
    }

    /// A patrol plan: the forecast's provenance, the areas' radius and spacing, their share of the risk and
    /// each unit's area.
    public struct Plan: Encodable, Sendable {
        public let provenance: Provenance
        public let radius: Double
        public let spacing: Double
        public let share: Double
        public let expectedIncidents: Double
        public let areas: [Area]

        enum CodingKeys: String, CodingKey {
            case radius, spacing, share, expectedIncidents, areas
        }

        public func encode(to encoder: any Encoder) throws {
            try provenance.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(radius, forKey: .radius)
            try container.encode(spacing, forKey: .spacing)
            try container.encode(share, forKey: .share)
            try container.encode(expectedIncidents, forKey: .expectedIncidents)
            try container.encode(areas, forKey: .areas)
        }
    }

    public static func plan(_ plan: PatrolPlan, names: PlaceNames) -> Plan {
        Plan(
            provenance: Provenance(plan.forecast), radius: plan.radius, spacing: plan.spacing, share: plan.share,
            expectedIncidents: plan.expectedIncidents, areas: areas(plan, names: names))
    }

    /// The plan's areas as circles of 32 sides, for a map.
    public static func planLayer(_ plan: PatrolPlan, names: PlaceNames) -> PolygonFeatures {
        let grid = plan.forecast.grid.grid
        guard let projection = plan.forecast.grid.projection else { return PolygonFeatures(features: []) }
        return PolygonFeatures(features: zip(plan.areas, areas(plan, names: names)).map { area, described in
            let middle = grid.cellCenter(area.centre)
            let circle = Polygon(outer: (0..<32).map { step in
                let angle = Double(step) / 32 * 2 * .pi
                let point = projection.unproject(PlanarPoint(
                    x: middle.x + plan.radius * cos(angle), y: middle.y + plan.radius * sin(angle)))
                return PlanarPoint(x: point.longitude, y: point.latitude)
            })
            return PolygonFeatures.Feature(geometry: .init(circle), properties: described.properties)
        })
    }

    static func areas(_ plan: PatrolPlan, names: PlaceNames) -> [Area] {
        let grid = plan.forecast.grid.grid
        return plan.areas.enumerated().map { unit, area in
            let centre = plan.forecast.grid.projection?.unproject(grid.cellCenter(area.centre))
            return Area(
                unit: unit + 1, share: area.share, expectedIncidents: area.expectedIncidents,
                fixed: area.fixed ? "yes" : "no", cells: area.cells.count, district: names.name(at: grid.cellCenter(area.centre)),
                latitude: centre?.latitude, longitude: centre?.longitude)
        }
    }

    /// Cells with no risk are not places to go, whatever their rank.
    static func positiveRanked(_ forecast: Forecast) -> [Int] { forecast.ranked.filter { forecast.risk[$0] > 0 } }

    struct Key: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
