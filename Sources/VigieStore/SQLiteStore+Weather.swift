import Foundation
import GRDB
import VigieCore

extension SQLiteStore: WeatherRepository {
    /// Inserts or replaces days by source and day.
    public func save(_ days: [WeatherDay]) throws {
        try writer.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO weather_day (source_id, day, max_temperature, min_temperature, precipitation, max_gust,
                    forecast)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_id, day) DO UPDATE SET max_temperature = excluded.max_temperature,
                    min_temperature = excluded.min_temperature, precipitation = excluded.precipitation,
                    max_gust = excluded.max_gust, forecast = excluded.forecast
                """)
            for day in days {
                try statement.execute(arguments: [day.sourceID, day.day.iso, day.maxTemperature, day.minTemperature,
                    day.precipitation, day.maxGust, day.isForecast])
            }
        }
    }

    /// Every source's days from `first` through `last`, by day then source.
    public func weather(from first: CivilDate, through last: CivilDate) throws -> [WeatherDay] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM weather_day WHERE day BETWEEN ? AND ? ORDER BY day, source_id
                """, arguments: [first.iso, last.iso]).compactMap { row in
                guard let day = CivilDate(iso: row["day"]) else { return nil }
                return WeatherDay(
                    sourceID: row["source_id"], day: day, maxTemperature: row["max_temperature"],
                    minTemperature: row["min_temperature"], precipitation: row["precipitation"],
                    maxGust: row["max_gust"], isForecast: row["forecast"])
            }
        }
    }
}
