import Foundation

/// Places wall-clock times in a time zone, caching the offset of each local quarter-hour (some zones move
/// their clocks by half an hour).
///
/// A time that occurs twice (clocks going back) is taken at its first occurrence; a time that never occurs
/// (clocks going forward) is read with the offset in force before the change, as most systems do.
struct LocalTimeConverter {
    let timeZone: TimeZone
    private var offsetByLocalQuarter: [Int: Int] = [:]
    private var lastQuarter = Int.min
    private var lastOffset = 0

    init(timeZone: TimeZone) { self.timeZone = timeZone }

    mutating func instant(_ civil: CivilDateTime) -> Double {
        let local = civil.secondsAsIfUTC
        let quarter = Int((local / 900).rounded(.down))
        if quarter == lastQuarter { return local - Double(lastOffset) }
        let offset: Int
        if let known = offsetByLocalQuarter[quarter] {
            offset = known
        } else {
            offset = resolveOffset(localSeconds: Double(quarter * 900))
            offsetByLocalQuarter[quarter] = offset
        }
        lastQuarter = quarter
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
