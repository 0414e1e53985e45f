import Foundation

/// Converts between UTC seconds and local wall-clock seconds of one time zone over a bounded period.
///
/// It reads the zone's transitions once, so the millions of conversions of a generation stay cheap.
public struct LocalClock: Sendable {
    private let transitions: [Int]
    private let offsets: [Int]

    /// Reads the transitions of `timeZone` between two instants.
    public init(timeZone: TimeZone, from start: Date, to end: Date) {
        var transitions: [Int] = []
        var offsets = [timeZone.secondsFromGMT(for: start)]
        var cursor = start
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            transitions.append(Int(next.timeIntervalSince1970))
            offsets.append(timeZone.secondsFromGMT(for: next))
            cursor = next
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// The offset from UTC, in seconds, in force at a UTC instant.
    public func offset(utc: Int) -> Int {
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= utc { low = middle + 1 } else { high = middle }
        }
        return offsets[low]
    }

    /// Wall-clock seconds since 1970-01-01 00:00 local time, at a UTC instant.
    public func local(utc: Int) -> Int { utc + offset(utc: utc) }

    /// The UTC instant of a wall-clock time. A time that happens twice (clocks going back) takes its first
    /// occurrence; a time that never happens (clocks going forward) is read with the offset in force before
    /// the change, so it moves forward by the size of the jump, as most systems do.
    public func utc(local: Int) -> Int {
        let before = offset(utc: local - 86_400)
        let after = offset(utc: local + 86_400)
        for candidate in [before, after] where offset(utc: local - candidate) == candidate {
            return local - candidate
        }
        return local - before
    }
}
