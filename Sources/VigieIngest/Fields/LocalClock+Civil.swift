import Foundation
import VigieCore

extension LocalClock {
    /// A clock for every time a source may hold: from 1900 to two years after `now`.
    static func forIngest(timeZone: TimeZone, now: Date) -> LocalClock {
        LocalClock(
            timeZone: timeZone, from: Date(timeIntervalSince1970: -2_208_988_800),
            to: now.addingTimeInterval(2 * 366 * 86_400))
    }

    /// The UTC instant, in seconds, of a wall-clock time read from a file, fractions of a second kept.
    func instant(of civil: CivilDateTime) -> Double {
        let local = civil.secondsAsIfUTC
        let whole = local.rounded(.down)
        return Double(utc(local: Int(whole))) + (local - whole)
    }
}
