import Foundation
import VigieCore

/// The self-exciting point process on a grid (Mohler et al. 2015): in each cell, incidents arrive at a
/// constant background rate μ, and each incident raises the rate of its own cell by θ·ω·e^(−ω·t) for the
/// time t after it, so that it brings on average θ more. Fitted by expectation-maximisation.
public struct SelfExcitingGrid: ForecastMethod {
    /// Fitted parameters; times are in days.
    public struct Fit: Sendable, Hashable {
        /// The background rate of each cell, incidents a day.
        public var background: [Double]
        /// The mean number of incidents each incident brings on (the branching ratio).
        public var theta: Double
        /// The decay rate of the excitation, per day (1/ω is its mean delay).
        public var omega: Double
        public var iterations: Int
    }

    public let name = "sepp"
    public var iterations = 50

    public init() {}

    /// Fits the model to incidents (cell, time in days) observed over [0, duration).
    public func fit(_ events: [(cell: Int, time: Double)], cells: Int, duration: Double) -> Fit {
        var byCell = [[Double]](repeating: [], count: cells)
        for event in events { byCell[event.cell].append(event.time) }
        for cell in byCell.indices { byCell[cell].sort() }
        let total = Double(events.count)
        var background = byCell.map { Double($0.count) / (2 * duration) }
        var theta = 0.5
        var omega = 1.0
        var iteration = 0
        guard total > 0 else { return Fit(background: background, theta: 0, omega: omega, iterations: 0) }
        while iteration < iterations {
            iteration += 1
            var triggered = 0.0
            var triggeredDelay = 0.0
            var expectedOffspring = 0.0
            var newBackground = [Double](repeating: 0, count: cells)
            for cell in byCell.indices where !byCell[cell].isEmpty {
                let times = byCell[cell]
                // a = Σ e^(−ω(tᵢ−tⱼ)) and b = Σ (tᵢ−tⱼ) e^(−ω(tᵢ−tⱼ)) over the strictly earlier incidents j, by
                // recursion; incidents at the same instant (one row per offence of one event, or dates alone)
                // wait in `pending` and do not trigger one another.
                var a = 0.0
                var b = 0.0
                var pending = 0.0
                var last = -Double.infinity
                var backgroundShare = 0.0
                for time in times {
                    if time > last {
                        if pending > 0 {
                            let gap = time - last
                            let decay = exp(-omega * gap)
                            b = decay * (b + gap * (a + pending))
                            a = decay * (a + pending)
                        }
                        pending = 0
                        last = time
                    }
                    defer { pending += 1 }
                    let excitation = theta * omega * a
                    let rate = background[cell] + excitation
                    guard rate > 0 else { continue }
                    backgroundShare += background[cell] / rate
                    triggered += excitation / rate
                    triggeredDelay += theta * omega * b / rate
                    expectedOffspring += 1 - exp(-omega * (duration - time))
                }
                newBackground[cell] = backgroundShare / duration
            }
            background = newBackground
            theta = expectedOffspring > 0 ? triggered / expectedOffspring : 0
            omega = triggeredDelay > 0 ? triggered / triggeredDelay : omega
            // With no excitation left, ω is not identified: keep it finite.
            if !omega.isFinite || omega <= 0 { omega = 1 }
        }
        return Fit(background: background, theta: theta, omega: omega, iterations: iteration)
    }

    /// The expected incidents of each cell over the horizon, fitted on the incidents before the origin.
    public func risk(_ request: ForecastRequest) throws -> [Double] {
        let (events, duration) = try trainingEvents(request)
        let fit = fit(events, cells: request.grid.count, duration: duration)
        return expected(fit, events: events, duration: duration, horizonDays: request.horizon / 86_400)
    }

    /// The expected incidents of each cell over `horizonDays` after the training period: the background, and
    /// what remains of the excitation of each past incident.
    public func expected(_ fit: Fit, events: [(cell: Int, time: Double)], duration: Double, horizonDays: Double) -> [Double] {
        var risk = fit.background.map { $0 * horizonDays }
        for event in events {
            let age = duration - event.time
            risk[event.cell] += fit.theta * (exp(-fit.omega * age) - exp(-fit.omega * (age + horizonDays)))
        }
        return risk
    }

    /// Incidents before the origin in the grid's cells, with times in days from the start of training, and
    /// the length of training in days.
    public func trainingEvents(_ request: ForecastRequest) throws -> ([(cell: Int, time: Double)], Double) {
        let located = try request.events(days: 36_500)
        let origin = request.origin.timeIntervalSince1970
        let start = request.trainFrom?.timeIntervalSince1970 ?? located.map(\.time).min() ?? origin
        let cells = CellLocator(request.grid)
        let events = located.compactMap { event -> (cell: Int, time: Double)? in
            let cell = cells.index(x: Float(event.x), y: Float(event.y))
            return cell >= 0 ? (cell, (event.time - start) / 86_400) : nil
        }
        return (events, max((origin - start) / 86_400, 1))
    }
}
