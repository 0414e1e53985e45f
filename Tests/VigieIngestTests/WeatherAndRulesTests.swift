import Foundation
import Testing
import VigieCore
import VigieIngest
import VigieTestSupport

@Suite("Weather files and agenda rules")
struct WeatherAndRulesTests {
    static let header = "NUM_POSTE;NOM_USUEL;LAT;LON;ALTI;AAAAMMJJ;RR;QRR;TN;QTN;HTN;QHTN;TX;QTX;FXI;QFXI\n"

    @Test("Météo-France daily rows: one station kept, gusts in km/h, empty values unknown, bad rows refused with line and column")
    func weatherFile() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("Q_13.csv", text: Self.header + """
            13054001;MARIGNANE;43.437667;5.216;9;20240714;0.0;1;21.3;1;0547;1;33.8;1;12.5;1
            13054001;MARIGNANE;43.437667;5.216;9;20240715;;;20,1;1;0602;1;31.0;1;;
            13055029;MARSEILLE-OBS;43.305833;5.394;75;20240714;0.2;1;22.0;1;0550;1;34.5;1;10.0;1
            13054001;MARIGNANE;43.437667;5.216;9;20241332;0.0;1;10.0;1;0600;1;15.0;1;5.0;1
            13054001;MARIGNANE;43.437667;5.216;9;20240716;beaucoup;1;10.0;1;0600;1;15.0;1;5.0;1
            13054001;MARIGNANE;43.437667;5.216;9;20240717;0.0;1;25.0;1;0600;1;15.0;1;5.0;1
            13054001;MARIGNANE;43.437667;5.216;9;20240718;0.0;1;15.0;1;0600;1;75.0;1;5.0;1
            13054001;MARIGNANE;43.437667;5.216;9;20240714;0.0;1;21.3;1;0547;1;33.8;1;12.5;1

            """)
        let reading = try WeatherFile.read(path: file.path, sourceID: 4, station: "13054001", isForecast: false)
        #expect(reading.stations == ["13054001", "13055029"])
        #expect(reading.days.map(\.day.iso) == ["2024-07-14", "2024-07-15"])
        let first = reading.days[0]
        #expect(first.maxTemperature == 33.8 && first.minTemperature == 21.3 && first.precipitation == 0)
        #expect(abs(first.maxGust! - 45) < 1e-9 && !first.isForecast && first.sourceID == 4)
        #expect(reading.days[1].precipitation == nil && reading.days[1].maxGust == nil && reading.days[1].minTemperature == 20.1)
        #expect(reading.refused.map(\.line) == [5, 6, 7, 8, 9])
        #expect(reading.refused.map { $0.field ?? "" } == ["AAAAMMJJ", "RR", "TN", "TX", "AAAAMMJJ"])
        #expect(reading.refused[0].reason.contains("'20241332' is not a day"))
        #expect(reading.refused[1].reason.contains("'beaucoup' is not a number"))
        #expect(reading.refused[2].reason.contains("above the highest"))
        #expect(reading.refused[3].reason.contains("outside"))
        #expect(reading.refused[4].reason.contains("already has a row for 2024-07-14"))
        // Two stations and none chosen: the reader says which to choose.
        #expect(throws: IngestError.self) {
            try WeatherFile.read(path: file.path, sourceID: 4, station: nil, isForecast: false)
        }
        let missing = try directory.write("other.csv", text: "NUM_POSTE;AAAAMMJJ;RR\n1;20240101;0\n")
        #expect {
            try WeatherFile.read(path: missing.path, sourceID: 4, station: nil, isForecast: false)
        } throws: { "\($0)".contains("TN") }
    }

    @Test("the rules printed back read as the rules in force; a city's file replaces clashes and adjusts means")
    func rulesFile() throws {
        let custom = try AgendaRulesFile.parse(yaml: """
            place_m: 200
            clashes:
              - kinds: [protest, market]
                buffer_m: 80
                margin_minutes: 30
                reason: 'a protest through a "marché"' 
              - kinds: [event]
                buffer_m: 40
                reason: two events on one square
            means:
              officers_per_1000: {event: 3}
              minimum_officers: {protest: 6}
              adequate_share: 0.9
              officers_per_day: 120
            """, fileName: "rules.yml")
        #expect(try AgendaRulesFile.parse(yaml: AgendaRulesFile.yaml(AgendaRules()), fileName: "standard.yml") == AgendaRules())
        #expect(try AgendaRulesFile.parse(yaml: AgendaRulesFile.yaml(custom), fileName: "again.yml") == custom)
        #expect(custom.placeMeters == 200)
        #expect(custom.clashRules == [
            ClashRule(.protest, .market, bufferMeters: 80, marginMinutes: 30, reason: #"a protest through a "marché""#),
            ClashRule(.event, .event, bufferMeters: 40, reason: "two events on one square"),
        ])
        #expect(custom.means.officersPerThousand[.event] == 3 && custom.means.officersPerThousand[.protest] == 5)
        #expect(custom.means.minimumOfficers[.protest] == 6 && custom.means.adequateShare == 0.9)
        #expect(custom.means.officersPerDay == 120 && custom.means.riskScale == MeansRule.standard.riskScale)
        #expect(custom.clashRules[1].applies(to: .event, .event) && !custom.clashRules[1].applies(to: .event, .market))

        for (yaml, words) in [
            ("clashes:\n  - kinds: [parade, market]\n    buffer_m: 10\n    reason: x\n", "rules.yml:2: clashes[1].kinds: 'parade' is not a kind"),
            ("clashes:\n  - kinds: [event]\n    reason: x\n", "clashes[1].buffer_m: is required"),
            ("means:\n  officers_per_day: 0\n", "officers_per_day: must be a positive number"),
            ("means:\n  vans: 3\n", "unknown key 'vans'"),
            ("place: 100\n", "keys allowed here are: place_m, clashes, means"),
        ] {
            #expect(performing: { try AgendaRulesFile.parse(yaml: yaml, fileName: "rules.yml") },
                throws: { "\($0)".contains(words) })
        }
    }
}
