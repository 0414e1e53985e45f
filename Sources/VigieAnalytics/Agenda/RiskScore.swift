import Foundation
import VigieCore

/// What a risk score is made of. Each input can only raise the score: more people, more clashes, a busier
/// place, a hotter forecast, worse weather never lower it.
public struct RiskFactors: Sendable, Hashable {
    /// Expected attendance, when known.
    public var attendance: Int?
    /// The kind of item (for a day and a district: the kind weighing most among its items).
    public var kind: PlannedEventKind?
    /// The clashes, by what they mean.
    public var clashes: [String]
    /// Incidents at the place and time of week, as a multiple of an average place of the city at those
    /// hours, and the hours in words (`Saturday 14:00–23:00`).
    public var history: Double?
    public var historyWhen: String
    /// The forecast's share of the city's incidents at the place, as a multiple of its usual share: above 1
    /// where incidents are moving to the place.
    public var forecast: Double?
    /// The day's weather, when a weather source is loaded.
    public var weather: WeatherDay?

    public init(
        attendance: Int? = nil, kind: PlannedEventKind? = nil, clashes: [String] = [], history: Double? = nil,
        historyWhen: String = "", forecast: Double? = nil, weather: WeatherDay? = nil
    ) {
        self.attendance = attendance
        self.kind = kind
        self.clashes = clashes
        self.history = history
        self.historyWhen = historyWhen
        self.forecast = forecast
        self.weather = weather
    }
}

/// A risk score from 1 to 10 with what made it, in words.
public struct RiskScore: Sendable, Hashable, Codable {
    /// Green (1–3), orange (4–6) or red (7–10).
    public enum Band: String, Sendable, Hashable, Codable, Comparable {
        case green, orange, red

        public static func < (a: Band, b: Band) -> Bool { a.rank < b.rank }
        private var rank: Int { self == .green ? 0 : self == .orange ? 1 : 2 }
    }

    /// One part of the score.
    public struct Reason: Sendable, Hashable, Codable {
        /// What it speaks of: attendance, kind, clashes, history, forecast, weather.
        public let factor: String
        /// The points it adds.
        public let points: Double
        /// In words.
        public let text: String
    }

    public let score: Int
    public let band: Band
    /// The parts adding points, largest first, then those that add none but were looked at.
    public let reasons: [Reason]

    /// The reasons as one sentence.
    public var summary: String {
        reasons.map { $0.points > 0 ? "\($0.text) (+\(String(format: "%.1f", $0.points)))" : $0.text }
            .joined(separator: "; ")
    }
}

/// Turns risk factors into a score: 1 plus the points of each factor, rounded and kept within 1–10.
///
/// Points: attendance 1.5·log10(1 + people/100) up to 4.5 (1,000 people 1.6, 10,000 3.0); the kind of item
/// (protest 1.5, official visit 1, event, market and roadworks 0.5); 1.25 per clash up to 3; history
/// 0.6·log2 of its multiple up to 2.5 (twice the city's average 0.6, 8 times 1.8); forecast 1.5·log2 of its
/// multiple up to 1.5 (reached at twice the usual share); weather: heat from 30 °C (0.5) and 35 °C (1), gusts from 50 km/h (0.5) and 70 km/h (1), rain from
/// 10 mm (0.25) and 30 mm (0.75). Every part is non-decreasing in its input, so is the score.
public struct RiskModel: Sendable {
    public init() {}

    /// The points of an item of each kind.
    public static let kindPoints: [PlannedEventKind: Double] = [
        .protest: 1.5, .officialVisit: 1, .event: 0.5, .market: 0.5, .roadworks: 0.5, .filmShoot: 0,
    ]

    public func score(_ factors: RiskFactors) -> RiskScore {
        var reasons: [RiskScore.Reason] = []
        func add(_ factor: String, _ points: Double, _ text: String) {
            reasons.append(RiskScore.Reason(factor: factor, points: (points * 100).rounded() / 100, text: text))
        }
        if let attendance = factors.attendance {
            add("attendance", min(4.5, 1.5 * log10(1 + Double(max(0, attendance)) / 100)),
                "\(attendance.formatted(.number.grouping(.automatic))) people expected")
        } else {
            add("attendance", 0, "attendance not known")
        }
        if let kind = factors.kind {
            add("kind", Self.kindPoints[kind] ?? 0, "\(kind.words.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(kind.words)")
        }
        if !factors.clashes.isEmpty {
            let count = factors.clashes.count
            add("clashes", min(3, 1.25 * Double(count)),
                "\(count) clash\(count == 1 ? "" : "es"): \(factors.clashes.joined(separator: "; "))")
        }
        if let history = factors.history {
            let multiple = String(format: "%.1f", history)
            add("history", min(2.5, max(0, 0.6 * log2(max(history, 1e-9)))),
                "incidents here \(factors.historyWhen): \(multiple)× an average place of the city")
        }
        if let forecast = factors.forecast {
            add("forecast", min(1.5, max(0, 1.5 * log2(max(forecast, 1e-9)))),
                "forecast for the coming days: \(String(format: "%.1f", forecast))× the place's usual share of incidents")
        }
        if let weather = factors.weather {
            let (points, words) = Self.weatherPoints(weather)
            add("weather", points, words)
        }
        let total = reasons.reduce(0) { $0 + $1.points }
        let score = max(1, min(10, 1 + Int((total + 1e-9).rounded(.toNearestOrAwayFromZero))))
        let ordered = reasons.enumerated().sorted {
            ($0.element.points, -$0.offset) > ($1.element.points, -$1.offset)
        }.map(\.element)
        return RiskScore(score: score, band: Self.band(score), reasons: ordered)
    }

    /// The band of a score.
    public static func band(_ score: Int) -> RiskScore.Band { score >= 7 ? .red : score >= 4 ? .orange : .green }

    /// The points of a day's weather and what it is like, in words.
    static func weatherPoints(_ weather: WeatherDay) -> (Double, String) {
        var points = 0.0
        var words: [String] = []
        if let heat = weather.maxTemperature {
            points += heat >= 35 ? 1 : heat >= 30 ? 0.5 : 0
            words.append("\(Int(heat.rounded())) °C")
        }
        if let gust = weather.maxGust {
            points += gust >= 70 ? 1 : gust >= 50 ? 0.5 : 0
            words.append("gusts of \(Int(gust.rounded())) km/h")
        }
        if let rain = weather.precipitation {
            points += rain >= 30 ? 0.75 : rain >= 10 ? 0.25 : 0
            words.append("\(String(format: "%.0f", rain)) mm of rain")
        }
        let kind = weather.isForecast ? "forecast" : "observed"
        return (points, "weather \(kind): " + (words.isEmpty ? "no values" : words.joined(separator: ", ")))
    }
}

extension PlannedEventKind {
    /// The kind in words.
    public var words: String {
        switch self {
        case .event: "event"
        case .market: "market"
        case .roadworks: "worksite"
        case .protest: "protest"
        case .officialVisit: "official visit"
        case .filmShoot: "film shoot"
        }
    }
}
