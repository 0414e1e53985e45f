import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// `vigie hotspots`: kernel density, Gi* hot and cold spots, or the Knox near-repeat table.
struct Hotspots: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Where incidents concentrate: kernel density, Gi* hot and cold spots, near repeats (Knox).",
        discussion: """
            kde: quartic kernel density in incidents per km² at each cell centre (GeoJSON keeps the cells above \
            1 % of the peak). gi: Getis-Ord Gi* on the cells of the city's districts (or of the incidents' \
            extent), hot and cold spots declared at the false-discovery rate --fdr. knox: pairs close in space \
            and time against --permutations shuffles of the times, and how far and how long risk stays raised.
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case kde, gi, knox
    }

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: AnalyticsOptions
    @Option(help: "kde, gi or knox.") var method: Method = .kde
    @Option(help: "Side of the cells in metres (kde, gi).") var cell: Double = 100
    @Option(help: "Kernel radius in metres (kde).") var bandwidth: Double = 300
    @Option(help: "Neighbourhood radius in metres, cell centre to cell centre (gi).") var distance: Double = 200
    @Option(help: "False-discovery rate (gi).") var fdr: Double = 0.05
    @Option(help: "anscombe (default) or counts, the textbook statistic (gi).") var scale: HotspotMap.Scale = .anscombe
    @Option(help: "Upper edges of the distance bands in metres (knox).") var distanceBands: String = "100,200,400,800"
    @Option(help: "Upper edges of the time bands in days (knox).") var dayBands: String = "7,14,28,56"
    @Option(help: "Shuffles of the times (knox).") var permutations: Int = 999
    @Option(help: "Seed of the shuffles (knox): the same seed gives the same table.") var seed: UInt64 = 1
    @Option(help: "table, csv, json or geojson (not for knox).") var format: ResultFormat = .table

    func validate() throws {
        if method == .knox && format == .geojson { throw ValidationError("--format geojson does not apply to knox") }
    }

    func run() async throws {
        let store = try store.openExisting()
        let snapshot = try store.analyticsSnapshot()
        let filter = try filters.filter(store: store, snapshot: snapshot)
        switch method {
        case .kde:
            let surface = try snapshot.density(filter: filter, cellSize: cell, bandwidth: bandwidth)
            try HotspotsReport.print(surface, format: format)
        case .gi:
            let studyArea = try snapshot.districtLevels.isEmpty
                ? [] : store.districts(level: filters.districtLevel(snapshot)).map(\.outline)
            let map = try snapshot.hotspots(
                filter: filter, cellSize: cell, distance: distance, falseDiscoveryRate: fdr, scale: scale,
                studyArea: studyArea)
            try HotspotsReport.print(map, format: format)
        case .knox:
            let table = try snapshot.knox(
                filter: filter, distanceBands: try Self.bands(distanceBands, "--distance-bands"),
                dayBands: try Self.bands(dayBands, "--day-bands"), permutations: permutations, seed: seed)
            try HotspotsReport.print(table, format: format)
        }
    }

    private static func bands(_ text: String, _ option: String) throws -> [Double] {
        try text.split(separator: ",").map { part in
            guard let value = Double(part.trimmingCharacters(in: .whitespaces)), value > 0 else {
                throw ValidationError("\(option) '\(text)': give increasing positive numbers separated by commas")
            }
            return value
        }
    }
}

extension HotspotMap.Scale: ExpressibleByArgument {}
