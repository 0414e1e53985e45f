import Foundation

/// Places wall-clock times in a time zone, caching the offset of each local hour.
///
/// A time that occurs twice (clocks going back) is taken at its first occurrence; a time that never occurs
/// (clocks going forward) is read with the offset in force before the change, as most systems do.
struct LocalTimeConverter {
    let timeZone: TimeZone
    private var offsetByLocalHour: [Int: Int] = [:]
    private var lastHour = Int.min
    private var lastOffset = 0

    init(timeZone: TimeZone) { self.timeZone = timeZone }

    mutating func instant(_ civil: CivilDateTime) -> Double {
        let local = civil.secondsAsIfUTC
        let hour = Int((local / 3600).rounded(.down))
        if hour == lastHour { return local - Double(lastOffset) }
        let offset: Int
        if let known = offsetByLocalHour[hour] {
            offset = known
        } else {
            offset = resolveOffset(localSeconds: Double(hour * 3600))
            offsetByLocalHour[hour] = offset
        }
        lastHour = hour
        lastOffset = offset
        return local - Double(offset)
    }

    private func resolveOffset(localSeconds local: Double) -> Int {
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        if before == after { return before }
        let beforeHolds = offset(at: local - Double(before)) == before
        let afterHolds = offset(at: local - Double(after)) == after
        switch (beforeHolds, afterHolds) {
        case (true, true): return max(before, after)
        case (false, true): return after
        default: return before
        }
    }

    private func offset(at seconds: Double) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
    }
}
