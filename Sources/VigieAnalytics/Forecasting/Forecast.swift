import Foundation
import Synchronization
import VigieCore

/// A forecast with what a commander needs to judge it: its method, what it learnt from, how accurate that
/// method has been on this city's own recent days, and plain warnings when the data are too thin.
public struct Forecast: Sendable {
    public let method: String
    public let grid: ForecastGrid
    /// Each cell's risk over the horizon: expected incidents for `sepp`, past incidents for `count`, a score
    /// for the others; 0 outside the study area. Only its order matters to flagging and patrol plans.
    public let risk: [Double]
    /// The instant forecast from and the length of the period forecast.
    public let origin: Date
    public let horizon: TimeInterval
    /// The incidents the data hold before the origin and the first and last local days they cover (the
    /// short-window methods read only their last weeks of them).
    public let trainingIncidents: Int
    public let trainingDays: ClosedRange<Int>?
    /// The method's accuracy over the days before the origin (`accuracyDays` of them), scored as forecasts
    /// made then would have been; `nil` when there are too few days of history.
    public let accuracy: MethodEvaluation?
    public let accuracyDays: Int
    /// Why the forecast should be read with care, in words.
    public let warnings: [String]

    /// Study-area cells by risk, highest first (ties by cell number).
    public var ranked: [Int] { ForecastEvaluation(grid: grid).rank(risk) }
}

extension IncidentSnapshot {
    /// Days of history whose forecasts measure a method's accuracy.
    public static let accuracyWindow = 90
    /// Incidents learnt from below which a forecast is flagged as resting on too little data.
    public static let thinTraining = 200

    /// Forecasts the cells of `grid` for `horizon` seconds after `origin` with `method`, from the incidents of
    /// `categories` before it, and measures how the same method did over the 90 days before, forecasting
    /// from the same local hour each day.
    ///
    /// Measuring the accuracy costs ninety forecasts: with `accuracies`, a measure already made for the same
    /// method, cells, categories, horizon, hour and last day scored is reused.
    public func forecast(
        _ method: any ForecastMethod, grid: ForecastGrid, categories: Set<CategoryCode>?, origin: Date,
        horizon: TimeInterval, accuracies: ForecastAccuracies? = nil
    ) throws -> Forecast {
        var risk = try method.risk(ForecastRequest(
            snapshot: self, grid: grid.grid, categories: categories, trainFrom: nil, origin: origin, horizon: horizon))
        for cell in risk.indices where !grid.inStudy[cell] { risk[cell] = 0 }
        let training = try count(by: [.day], filter: IncidentFilter(to: origin, categories: categories))
        let days = training.keys(0).indices.filter { training.counts[$0] > 0 }
        let trainingDays: ClosedRange<Int>? = days.first.flatMap { first in
            guard case .day(let start) = training.key(0, first), case .day(let end) = training.key(0, days.last!) else {
                return nil
            }
            return start.dayNumber...end.dayNumber
        }
        var warnings: [String] = []
        if training.matched < Self.thinTraining {
            warnings.append("only \(training.matched) incidents to learn from: the forecast rests on too little data")
        }
        let originDay = localDay(of: origin)
        var accuracy: MethodEvaluation?
        // The last forecast scored must end by the origin: a week's forecast made six days before would read
        // incidents after it.
        let lastDay = originDay - Int((horizon / 86_400).rounded(.up))
        if let trainingDays, lastDay - Self.accuracyWindow >= trainingDays.lowerBound {
            let startHour = (localTime(utc: Int(origin.timeIntervalSince1970)).seconds % 86_400) / 3_600
            let key = ForecastAccuracies.Key(
                method: method.name, grid: grid.grid, studyCells: grid.studyCells, categories: categories, horizon: horizon,
                startHour: startHour, lastDay: lastDay)
            if let kept = accuracies?.accuracy(for: key) {
                accuracy = kept
            } else {
                accuracy = try ForecastEvaluation(grid: grid).run(
                    [method], on: self, days: (lastDay - Self.accuracyWindow + 1)...lastDay, categories: categories,
                    trainFrom: nil, horizon: horizon, startHour: startHour
                ).first
                accuracies?.keep(accuracy, for: key)
            }
            if let measured = accuracy, measured.incidents < 30 {
                warnings.append("only \(measured.incidents) incidents in the last \(Self.accuracyWindow) days: the measured accuracy is uncertain")
            }
        } else {
            warnings.append("less than \(Self.accuracyWindow) days of history: no accuracy could be measured")
        }
        return Forecast(
            method: method.name, grid: grid, risk: risk, origin: origin, horizon: horizon,
            trainingIncidents: training.matched, trainingDays: trainingDays, accuracy: accuracy,
            accuracyDays: Self.accuracyWindow, warnings: warnings)
    }
}

/// Accuracy measures kept between forecasts: a server answering many forecasts of the same kind measures
/// each method once per day scored, not once per request.
public final class ForecastAccuracies: Sendable {
    /// What a measure depends on.
    public struct Key: Hashable, Sendable {
        public let method: String
        public let grid: SquareGrid
        public let studyCells: Int
        public let categories: Set<CategoryCode>?
        public let horizon: TimeInterval
        public let startHour: Int
        public let lastDay: Int
    }

    private let kept = Mutex<[Key: MethodEvaluation?]>([:])
    private let capacity: Int

    public init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The measure kept for `key`: `nil` when none was made, `.some(nil)` when it could not be measured.
    public func accuracy(for key: Key) -> MethodEvaluation?? {
        kept.withLock { $0[key] }
    }

    public func keep(_ accuracy: MethodEvaluation?, for key: Key) {
        kept.withLock { kept in
            // Measures of days before the latest measured go first; then, past the capacity, half of the rest.
            if kept.count >= capacity, let latest = kept.keys.map(\.lastDay).max() {
                kept = kept.filter { $0.key.lastDay >= latest }
            }
            if kept.count >= capacity { kept = Dictionary(uniqueKeysWithValues: kept.prefix(capacity / 2).map { ($0.key, $0.value) }) }
            kept[key] = accuracy
        }
    }
}
