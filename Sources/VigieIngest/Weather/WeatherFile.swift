import Foundation
import VigieCore

/// Daily weather in Météo-France's open layout (the `QUOT` files of meteo.data.gouv.fr, `;`-separated):
/// `NUM_POSTE` the station, `AAAAMMJJ` the day, `RR` rain in mm, `TN` and `TX` the lowest and highest
/// temperature in °C, `FXI` the strongest gust in m/s. Other columns are ignored; an empty value is unknown.
public enum WeatherFile {
    /// A row that cannot be a day, with where and why.
    public struct Refusal: Sendable, Hashable {
        public var line: Int
        public var field: String?
        public var reason: String
        public var raw: String
    }

    /// What a file gave: the days of the station chosen, the rows refused, and the stations seen.
    public struct Reading: Sendable {
        public var days: [WeatherDay]
        public var refused: [Refusal]
        public var stations: [String]
    }

    /// The columns read, with what they hold.
    static let columns: [(key: String, column: String)] = [
        ("station", "NUM_POSTE"), ("day", "AAAAMMJJ"), ("rain", "RR"), ("lowest", "TN"), ("highest", "TX"),
        ("gust", "FXI"),
    ]

    /// Reads the days of `station` (the only one in the file when `nil`) for source `sourceID`, marked as a
    /// forecast when `isForecast`.
    public static func read(path: String, sourceID: Int64, station: String?, isForecast: Bool) throws -> Reading {
        let input = try InputFile(path: path)
        let records = try CSVRecordSource(
            file: input, delimiter: UInt8(ascii: ";"), encoding: .auto, columns: columns,
            mappingFile: "the Météo-France daily layout")
        var days: [WeatherDay] = []
        var refused: [Refusal] = []
        var stations = Set<String>()
        var seen = Set<String>()
        func text(_ slot: Int) -> String {
            if case .text(let value) = records.value(slot) { return value.trimmingCharacters(in: .whitespaces) }
            return ""
        }
        while try records.next() {
            func refuse(_ field: String?, _ reason: String) {
                refused.append(Refusal(line: records.line, field: field, reason: reason, raw: records.rawText()))
            }
            if let problem = records.problem {
                refuse(nil, problem)
                continue
            }
            let name = text(0)
            stations.insert(name)
            if let station, name != station { continue }
            let dayText = text(1)
            guard dayText.count == 8, let number = Int(dayText),
                let day = CivilDate(iso: "\(number / 10_000)-\(String(format: "%02d", number / 100 % 100))-\(String(format: "%02d", number % 100))")
            else {
                refuse("AAAAMMJJ", "'\(dayText)' is not a day written YYYYMMDD")
                continue
            }
            var values: [Double?] = []
            var bad = false
            for (slot, column, range) in [(2, "RR", 0.0...2_000), (3, "TN", -60.0...60), (4, "TX", -60.0...60), (5, "FXI", 0.0...120)] {
                let raw = text(slot)
                if raw.isEmpty {
                    values.append(nil)
                    continue
                }
                guard let value = RecordMapper.number(raw) else {
                    refuse(column, "'\(raw)' is not a number")
                    bad = true
                    break
                }
                guard range.contains(value) else {
                    refuse(column, "\(raw) lies outside \(range.lowerBound)…\(range.upperBound), the possible values of \(column)")
                    bad = true
                    break
                }
                values.append(value)
            }
            if bad { continue }
            if let low = values[1], let high = values[2], low > high {
                refuse("TN", "the lowest temperature \(low) °C is above the highest, \(high) °C")
                continue
            }
            guard seen.insert("\(name)|\(day.iso)").inserted else {
                refuse("AAAAMMJJ", "station \(name) already has a row for \(day.iso)")
                continue
            }
            days.append(WeatherDay(
                sourceID: sourceID, day: day, maxTemperature: values[2], minTemperature: values[1],
                precipitation: values[0], maxGust: values[3].map { $0 * 3.6 }, isForecast: isForecast))
        }
        if station == nil, stations.count > 1 {
            throw IngestError.malformedFile(
                path: path, line: 1,
                reason: "the file holds \(stations.count) stations (\(stations.sorted().prefix(5).joined(separator: ", "))…): choose one with --station")
        }
        if let station, !stations.contains(station), !stations.isEmpty {
            throw IngestError.malformedFile(
                path: path, line: 1,
                reason: "no row of station \(station); the file holds \(stations.sorted().prefix(5).joined(separator: ", "))")
        }
        return Reading(days: days, refused: refused, stations: stations.sorted())
    }
}
