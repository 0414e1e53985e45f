import Foundation

/// Runs `body` once to warm up, then `runs` times: the median and the best time in seconds.
func measure(runs: Int, _ body: () throws -> Void) throws -> (median: Double, best: Double) {
    try body()
    let timings = try (0..<runs).map { _ in
        let started = Date()
        try body()
        return Date().timeIntervalSince(started)
    }.sorted()
    return (timings[timings.count / 2], timings[0])
}
