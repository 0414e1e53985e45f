import Foundation
import VigieCore

/// Marseille-like daily weather in Météo-France's open `QUOT` layout, for two stations: observations up to
/// the end of the incident period, then a forecast of the following days.
///
/// Highs follow the season (about 12 °C in January, 30 °C in July) with heat waves in summer; rain comes
/// on few days, most in autumn, sometimes as storms; the mistral blows in episodes of a few days with gusts
/// of 70 to 110 km/h. The fifth day of the forecast always brings a mistral, so that the agenda's risk shows
/// the weather.
struct WeatherFileWriter: Sendable {
    /// The two stations: Marignane airport and the Palais-Longchamp observatory.
    static let stations = [
        (code: "13054001", name: "MARIGNANE", latitude: 43.437667, longitude: 5.216, altitude: 9, offset: 0.0),
        (code: "13055029", name: "MARSEILLE-OBS. PALAIS-LONGCHAMP", latitude: 43.305833, longitude: 5.394, altitude: 75, offset: 0.6),
    ]
    static let header = "NUM_POSTE;NOM_USUEL;LAT;LON;ALTI;AAAAMMJJ;RR;QRR;TN;QTN;TX;QTX;FXI;QFXI\n"

    /// Days of the file, in order, with their values for the first station.
    struct Day {
        let date: CivilDate
        let rain: Double
        let low: Double
        let high: Double
        let gust: Double
    }

    /// The weather of every day from `first` through `last`, from the seed; `mistralDay` has a mistral.
    static func days(from first: CivilDate, through last: CivilDate, seed: UInt64, mistralDay: CivilDate?) -> [Day] {
        var random = SeededGenerator(seed: seed, stream: 301)
        var heat = 0
        var mistral = 0
        var days: [Day] = []
        for number in first.dayNumber...last.dayNumber {
            let date = CivilDate(dayNumber: number)
            let dayOfYear = number - CivilDate(year: date.year, month: 1, day: 1).dayNumber
            let season = cos(2 * Double.pi * (Double(dayOfYear) - 205) / 365.25)
            if heat > 0 { heat -= 1 } else if season > 0.8, random.chance(0.03) { heat = Int(random.uniform(3, 7)) }
            if mistral > 0 { mistral -= 1 } else if random.chance(season < 0 ? 0.07 : 0.04) { mistral = Int(random.uniform(2, 5)) }
            if date == mistralDay { mistral = max(mistral, 1) }
            let high = 21 + 9 * season + random.gaussian() * 2 + (heat > 0 ? 6 : 0) - (mistral > 0 ? 2 : 0)
            let low = high - 8 - abs(random.gaussian()) * 1.5
            let autumn = [9, 10, 11].contains(date.month)
            let wet = random.chance(autumn ? 0.22 : season > 0.6 ? 0.05 : 0.14)
            let rain = wet ? random.exponential(mean: autumn && random.chance(0.3) ? 25 : 6) : 0
            let gust = mistral > 0 ? random.uniform(70, 110) : random.uniform(25, 55)
            days.append(Day(date: date, rain: rain, low: low, high: high, gust: gust))
        }
        return days
    }

    /// The file's bytes: both stations, the second slightly warmer with its own rain.
    static func data(_ days: [Day], seed: UInt64) -> [UInt8] {
        var random = SeededGenerator(seed: seed, stream: 302)
        var output = TextOutput()
        output.append(header)
        for station in stations {
            for day in days {
                output.append("\(station.code);\(station.name);\(station.latitude);\(station.longitude);\(station.altitude);")
                output.append(day.date.year * 10_000 + day.date.month * 100 + day.date.day)
                output.append(";")
                let rain = station.offset == 0 ? day.rain : day.rain * random.uniform(0.6, 1.4)
                output.append(rain, decimals: 1)
                output.append(";1;")
                output.append(day.low + station.offset, decimals: 1)
                output.append(";1;")
                output.append(day.high + station.offset, decimals: 1)
                output.append(";1;")
                output.append(day.gust / 3.6 * (station.offset == 0 ? 1 : 0.9), decimals: 1)
                output.append(";1\n")
            }
        }
        return output.bytes
    }
}
