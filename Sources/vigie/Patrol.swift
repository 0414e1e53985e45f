import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// `vigie patrol`: where to send K units for a shift, from a forecast.
struct Patrol: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan K patrol areas that cover as much forecast risk as possible, with a printable briefing.",
        discussion: """
            Each area is the cells within --radius of its centre; centres are at least --spacing apart; fixed \
            posts (--post) are kept and the other areas chosen around them, each adding the most risk not yet \
            covered. The plan reports each area's share of the forecast risk and the incidents it stands for \
            (the recent daily mean, shared out by the forecast). Places only: no person is an input or an output.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: ForecastOptions
    @Option(help: "Units to place.") var units: Int
    @Option(help: "Radius of an area in metres.") var radius: Double = 250
    @Option(help: "Least distance between two area centres, in metres.") var spacing: Double = 600
    @Option(help: "A fixed post, latitude,longitude (repeat for several).") var post: [String] = []
    @Option(help: "The district level drawing the study area and naming the areas (default: the only one loaded).")
    var level: String?
    @Option(help: "Write a printable HTML briefing to this file.") var html: String?
    @Option(help: "table, json or geojson.") var format: ResultFormat = .table

    func validate() throws {
        if format == .csv { throw ValidationError("--format csv does not apply to patrol plans: use table, json or geojson") }
    }

    func run() async throws {
        let store = try store.openExisting()
        let snapshot = try store.analyticsSnapshot()
        let level = try ForecastCommand.level(level, snapshot)
        let forecast = try options.forecast(store: store, snapshot: snapshot, level: level)
        let posts = try post.map { text in
            let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let latitude = parts[0], let longitude = parts[1],
                GeoPoint(latitude: latitude, longitude: longitude).isValid
            else { throw ValidationError("--post '\(text)' must be latitude,longitude in degrees") }
            return GeoPoint(latitude: latitude, longitude: longitude)
        }
        let plan = try PatrolPlan.make(
            forecast, units: units, radius: radius, spacing: spacing, posts: posts,
            recentDailyIncidents: try snapshot.recentDailyIncidents(
                before: forecast.origin, category: options.category.map(CategoryCode.init(rawValue:))))
        let districts = try level.map { try store.districts(level: $0) } ?? []
        let names = PlaceNames(districts: districts, projection: forecast.grid.projection)
        if let html {
            let deployment = try store.deployment()
            try PatrolBriefing(
                plan: plan, districts: districts, names: names, city: deployment.name, timeZone: snapshot.timeZone)
                .html.write(toFile: html, atomically: true, encoding: .utf8)
            Output.note("briefing written to \(html)")
        }
        try PatrolReport.print(plan, names: names, format: format)
    }
}
