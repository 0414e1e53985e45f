import Foundation

@testable import VigieDemo

/// Small demo cities shared by the tests, and helpers to read what they write.
enum DemoFixture {
    /// The end of every test city's period.
    static let end = Date(timeIntervalSince1970: 1_748_736_000)  // 2025-06-01T00:00:00Z

    /// One year of a city at a tenth of the real volume.
    static let city = DemoCity(seed: 7, end: end, years: 1, scale: 0.1)

    /// The Europe/Paris Gregorian calendar.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        return calendar
    }()

    /// Local hour, weekday (Monday = 0) and month of a UTC instant in Paris.
    static func local(_ utc: Int) -> (hour: Int, weekday: Int, month: Int) {
        let components = calendar.dateComponents(
            [.hour, .weekday, .month], from: Date(timeIntervalSince1970: TimeInterval(utc)))
        return (components.hour ?? 0, ((components.weekday ?? 1) + 5) % 7, components.month ?? 0)
    }

    /// The quoted labels of a mapping file's `category.map` block.
    static func mappedLabels(_ yaml: String) -> [String] {
        yaml.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("    \""), let close = line.range(of: "\": ") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 5)..<close.lowerBound])
        }
    }
}
