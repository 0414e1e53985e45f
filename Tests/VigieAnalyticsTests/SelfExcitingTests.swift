import Foundation
import Testing
import VigieCore

@testable import VigieAnalytics

@Suite("The self-exciting grid process")
struct SelfExcitingTests {
    /// Incidents of a grid process with the given parameters over `days` days: a Poisson background in each
    /// cell, and offspring of every incident in its own cell, Poisson(θ) of them, each an exponential delay
    /// of mean 1/ω after its parent.
    static func simulate(background: [Double], theta: Double, omega: Double, days: Double, seed: UInt64)
        -> [(cell: Int, time: Double)]
    {
        var random = SeededGenerator(seed: seed, stream: 31)
        var events: [(cell: Int, time: Double)] = []
        for (cell, rate) in background.enumerated() {
            var time = random.exponential(mean: 1 / rate)
            while time < days {
                events.append((cell, time))
                time += random.exponential(mean: 1 / rate)
            }
        }
        var next = 0
        while next < events.count {
            let parent = events[next]
            for _ in 0..<random.poisson(theta) {
                let time = parent.time + random.exponential(mean: 1 / omega)
                if time < days { events.append((parent.cell, time)) }
            }
            next += 1
        }
        return events
    }

    @Test("EM recovers the branching ratio, the decay and the background rates of simulated data",
        arguments: [(0.3, 0.5), (0.6, 2.0), (0.2, 1.0)])
    func recovery(theta: Double, omega: Double) {
        let background = (0..<200).map { 0.02 + 0.08 * Double($0 % 10) / 9 }
        let events = Self.simulate(background: background, theta: theta, omega: omega, days: 730, seed: 5)
        let fit = SelfExcitingGrid().fit(events, cells: background.count, duration: 730)
        #expect(abs(fit.theta - theta) < 0.05, "θ \(fit.theta) for \(theta)")
        #expect(abs(fit.omega - omega) / omega < 0.2, "ω \(fit.omega) for \(omega)")
        let meanBackground = fit.background.reduce(0, +) / Double(background.count)
        #expect(abs(meanBackground - 0.06) / 0.06 < 0.1, "mean μ \(meanBackground)")
    }

    @Test("with no excitation in the data, θ falls towards 0 and the forecast is the count's")
    func noExcitation() {
        let background = (0..<100).map { 0.01 + 0.05 * Double($0 % 7) / 6 }
        let events = Self.simulate(background: background, theta: 0, omega: 1, days: 365, seed: 6)
        let fit = SelfExcitingGrid().fit(events, cells: background.count, duration: 365)
        #expect(fit.theta < 0.03)
    }

    @Test("incidents recorded at the same instant in a cell do not trigger one another")
    func simultaneousIncidents() {
        let background = (0..<200).map { 0.02 + 0.08 * Double($0 % 10) / 9 }
        let events = Self.simulate(background: background, theta: 0.4, omega: 0.5, days: 730, seed: 8)
        let clean = SelfExcitingGrid().fit(events, cells: background.count, duration: 730)
        // Half the incidents recorded twice, as an export with one row per offence of one event would have it.
        let doubled = events + events.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let fit = SelfExcitingGrid().fit(doubled, cells: background.count, duration: 730)
        #expect(abs(fit.omega - clean.omega) / clean.omega < 0.2, "ω \(fit.omega) against \(clean.omega)")
    }
}
