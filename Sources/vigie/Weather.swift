import ArgumentParser
import Foundation
import VigieCore
import VigieIngest
import VigieStore

/// `vigie weather`: the city's daily weather, observed and forecast, which the agenda's risk reads.
struct Weather: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Daily weather, observed or forecast: heat, rain and gusts raise the risk of the agenda's items.",
        subcommands: [Import.self, List.self], defaultSubcommand: List.self)

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import daily weather in Météo-France's open layout into a registered source.",
            discussion: """
                The file is a `;`-separated QUOT file of meteo.data.gouv.fr (or a forecast written in the same \
                layout): NUM_POSTE the station, AAAAMMJJ the day, RR rain (mm), TN and TX temperatures (°C), \
                FXI the strongest gust (m/s). A day imported again replaces the earlier one. Rows that cannot \
                be read are kept in quarantine with their line, column and reason.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "The daily weather file.") var file: String
        @Option(help: "The register name of the weather source.") var source: String
        @Option(help: "The station (NUM_POSTE) to keep, when the file holds several.") var station: String?
        @Flag(help: "The days are a forecast, not observations.") var forecast = false

        func run() async throws {
            let store = try store.open()
            guard let registered = try store.source(named: source), let sourceID = registered.id else {
                throw CommandError("no source named '\(source)'; register it first with `vigie sources add \(source) …`")
            }
            let reading: WeatherFile.Reading
            do {
                reading = try WeatherFile.read(path: file, sourceID: sourceID, station: station, isForecast: forecast)
            } catch let error as IngestError {
                throw CommandError("\(error)")
            }
            let name = URL(fileURLWithPath: file).lastPathComponent
            let run = try store.beginIngestRun(sourceID: sourceID, file: name, startedAt: Date())
            try store.save(reading.days)
            let outcome = try store.write(IngestBatch(
                sourceID: sourceID, runID: run, file: name,
                quarantined: reading.refused.map { refusal in
                    QuarantinedRow(
                        sourceID: sourceID, file: name, recordNumber: refusal.line, line: refusal.line,
                        field: refusal.field, reason: refusal.reason, rawRecord: refusal.raw, quarantinedAt: Date())
                }))
            try store.finishIngestRun(
                run, outcome: IngestBatchOutcome(accepted: reading.days.count, quarantined: outcome.quarantined),
                read: reading.days.count + reading.refused.count, finishedAt: Date())
            let span = reading.days.first.map { "from \($0.day.iso) to \(reading.days.last!.day.iso)" } ?? "none"
            print("\(reading.days.count) day(s) saved (\(forecast ? "forecast" : "observed"), \(span)), \(reading.refused.count) refused")
            for refusal in reading.refused.prefix(10) {
                Output.note("\(name):\(refusal.line): \(refusal.field.map { "\($0): " } ?? "")\(refusal.reason)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the weather of the days around today.")

        @OptionGroup var store: StoreOptions
        @Option(help: "First day listed (YYYY-MM-DD; default: today).") var from: String?
        @Option(help: "Days listed.") var days: Int = 14
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store = try store.openExisting()
            let zone = TimeZone(identifier: try store.deployment().timeZoneIdentifier) ?? .current
            let (start, _) = try Agenda.period(from: from, days: days, in: zone)
            let first = CivilDate(start, in: zone)
            let rows = try store.weather(from: first, through: first.adding(days: days - 1))
            if json {
                try Output.json(rows)
                return
            }
            func value(_ number: Double?, _ unit: String) -> String { number.map { String(format: "%.0f", $0) + unit } ?? "" }
            Output.table(["day", "source", "high", "low", "rain", "gusts", "kind"], rows.map { day in
                [day.day.iso, String(day.sourceID), value(day.maxTemperature, " °C"), value(day.minTemperature, " °C"),
                    value(day.precipitation, " mm"), value(day.maxGust, " km/h"), day.isForecast ? "forecast" : "observed"]
            })
        }
    }
}
