import Foundation
import VigieCore

/// The forecasting methods a deployment offers, by name.
public enum ForecastMethods {
    /// Every method, the simplest first: when two measure the same accuracy, the first is chosen.
    public static let known: [any ForecastMethod] = [
        LongRunCount(), RetrospectiveKDE(), ProspectiveHotspot(), DecayingKDE(), SelfExcitingGrid(),
        BlendedForecast.countAndRecent,
    ]

    /// The names a request may give: every method's, and `best`.
    public static var names: [String] { known.map(\.name) + ["best"] }

    /// The seconds of a horizon written as hours (`8h`) or days (`1d`, `7d`), at most 31 days; `nil` otherwise.
    public static func horizon(_ text: String) -> TimeInterval? {
        let unit = text.last
        guard unit == "h" || unit == "d", let number = Int(text.dropLast()), number > 0,
            number <= (unit == "h" ? 31 * 24 : 31)
        else { return nil }
        return TimeInterval(number * (unit == "h" ? 3_600 : 86_400))
    }
}

/// What a forecast is asked for: which method, which incidents, which cells, which period.
public struct ForecastSpecification: Sendable, Hashable {
    /// A method's name, or `best`: the one most accurate over the last 90 days here.
    public var method: String
    public var category: CategoryCode?
    /// Side of the cells, in metres.
    public var cellSize: Double
    /// Length of the period forecast, in seconds.
    public var horizon: TimeInterval
    /// The day forecast; the day after the latest incident when `nil`.
    public var day: CivilDate?
    /// The local hour the period starts, for a shift.
    public var startHour: Int

    public init(
        method: String = "best", category: CategoryCode? = nil, cellSize: Double = 150, horizon: TimeInterval = 86_400,
        day: CivilDate? = nil, startHour: Int = 0
    ) {
        self.method = method
        self.category = category
        self.cellSize = cellSize
        self.horizon = horizon
        self.day = day
        self.startHour = startHour
    }

    /// Why the specification cannot be forecast, in words, or `nil` when it can.
    public var problem: String? {
        if method != "best" && !ForecastMethods.known.contains(where: { $0.name == method }) {
            return "method '\(method)' is not a method; they are \(ForecastMethods.names.joined(separator: ", "))"
        }
        if let category, !Taxonomy.standard.contains(category) {
            return AnalyticsError.unknownCategory(category.rawValue).description
        }
        guard (10...10_000).contains(cellSize) else { return AnalyticsError.invalidCellSize(cellSize).description }
        guard horizon > 0 && horizon <= 31 * 86_400 else { return "a horizon is 1 hour to 31 days" }
        guard (0...23).contains(startHour) else { return "the start hour \(startHour) is not an hour (0–23)" }
        return nil
    }
}

extension IncidentSnapshot {
    /// The forecast specified: on the cells within `studyArea` (the districts' outlines), or, with none, the
    /// cells that held any incident before the origin grown by one cell. With `best`, every method is
    /// forecast and the one that caught most incidents in the top 5 % of the area over the last 90 days is
    /// kept; the simplest when they tie or none could be measured.
    public func forecast(
        _ specification: ForecastSpecification, studyArea: [Polygon], accuracies: ForecastAccuracies? = nil
    ) throws -> Forecast {
        if let problem = specification.problem { throw AnalyticsError.invalidForecast(problem) }
        guard let last = dayRange?.upperBound else {
            throw AnalyticsError.insufficientHistory(needed: "incidents to forecast from", dataStart: nil)
        }
        let day = specification.day ?? CivilDate(dayNumber: last + 1)
        // A forecast reads the days before it and is scored on the 90 before that: days far from the data
        // would only cost work (a table of every day between) and say nothing.
        guard let first = dayRange?.lowerBound, day.dayNumber >= first, day.dayNumber <= last + 366 else {
            throw AnalyticsError.invalidPeriod("the day forecast must lie between the first day of the data (\(CivilDate(dayNumber: dayRange!.lowerBound).iso)) and a year after its last (\(CivilDate(dayNumber: last + 366).iso))")
        }
        let origin = start(of: day, hour: specification.startHour)
        let grid = try ForecastGrid(
            snapshot: self, cellSize: specification.cellSize,
            mask: studyArea.isEmpty ? .observed(before: origin, dilation: 1) : .outlines(studyArea))
        let categories = specification.category.map { Set([$0]) }
        let candidates = specification.method == "best"
            ? ForecastMethods.known : ForecastMethods.known.filter { $0.name == specification.method }
        let forecasts = try candidates.map {
            try forecast(
                $0, grid: grid, categories: categories, origin: origin, horizon: specification.horizon, accuracies: accuracies)
        }
        let score = { (forecast: Forecast) in forecast.accuracy?.hitRate(2) ?? -1 }
        let best = forecasts.map(score).max()!
        return forecasts.first { score($0) == best }!
    }

    /// The incidents per day over the 28 days before `origin`, of `category` or all: what a patrol plan
    /// shares out among its areas.
    public func recentDailyIncidents(before origin: Date, category: CategoryCode?) throws -> Double {
        let recent = try count(filter: IncidentFilter(
            from: origin.addingTimeInterval(-28 * 86_400), to: origin, categories: category.map { [$0] }))
        return Double(recent.matched) / 28
    }
}

extension Forecast {
    /// The forecast in sentences, for the top of a table or a briefing: method, period, cells, training,
    /// measured accuracy and warnings.
    public var provenance: [String] {
        var lines = ["method \(method), \(Int(horizon / 3_600)) h from \(origin.formatted(.iso8601)), cells of \(Int(grid.grid.cellSize)) m (\(grid.studyCells.groupedDigits) in the study area)"]
        if let days = trainingDays {
            lines.append("learnt from \(trainingIncidents.groupedDigits) incidents, \(CivilDate(dayNumber: days.lowerBound).iso) to \(CivilDate(dayNumber: days.upperBound).iso)")
        }
        if let accuracy {
            lines.append(String(format: "over the last %d days, this method's top 5 %% of the area caught %.1f %% of %d incidents (top 10 %%: %.1f %%)",
                accuracyDays, accuracy.hitRate(2) * 100, accuracy.incidents, accuracy.hitRate(3) * 100))
        }
        for warning in warnings { lines.append("warning: \(warning)") }
        return lines
    }
}
