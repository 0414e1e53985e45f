import Foundation
import VigieCore

/// One raw label of a source with the statistical habits of the incidents it names.
struct IncidentKind: Sendable {
    /// The label exactly as the source writes it.
    let label: String
    /// The taxonomy code the demo mapping gives it.
    let category: CategoryCode
    /// Its relative weight among the source's labels.
    let share: Double
    /// When in the week it happens.
    let timing: WeeklyProfile
    /// Where it happens.
    let place: PlaceProfile
    /// Relative amplitude of the yearly cycle and the day of the year of its peak.
    let season: (amplitude: Double, peakDay: Int)
    /// Yearly growth on top of the source's trend (−0.03 is −3 % a year).
    let trendPerYear: Double
    /// Whether each incident may trigger near repeats close by in the following days.
    let repeats: Bool
    /// Whether festive nights (New Year, 14 July, Fête de la musique) make it more frequent.
    let festive: Bool
    /// How much more frequent it is on a day of heavy rain.
    let stormFactor: Double
    /// Extra incidents per 1,000 attendees around large stadium events.
    let crowdRate: Double

    /// Creates a label's habits.
    init(
        _ label: String, _ category: CategoryCode, share: Double, timing: WeeklyProfile,
        place: PlaceProfile = .residential, season: (Double, Int) = (0, 1), trendPerYear: Double = 0,
        repeats: Bool = false, festive: Bool = false, stormFactor: Double = 1, crowdRate: Double = 0
    ) {
        self.label = label
        self.category = category
        self.share = share
        self.timing = timing
        self.place = place
        self.season = (amplitude: season.0, peakDay: season.1)
        self.trendPerYear = trendPerYear
        self.repeats = repeats
        self.festive = festive
        self.stormFactor = stormFactor
        self.crowdRate = crowdRate
    }

    /// The seasonal multiplier on a day of the year.
    func seasonalFactor(dayOfYear: Int) -> Double {
        1 + season.amplitude * cos(2 * Double.pi * Double(dayOfYear - season.peakDay) / 365.25)
    }
}
