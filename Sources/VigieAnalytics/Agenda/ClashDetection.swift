import Foundation
import VigieCore

/// Two planned items in each other's way: near enough in space and in time, of kinds a rule says conflict.
public struct Clash: Sendable, Hashable {
    /// The two items, as positions in the list searched, the earlier start first.
    public let first: Int
    public let second: Int
    /// The rule they break.
    public let rule: ClashRule
    /// How far apart the two places are, edge to edge, in metres.
    public let distance: Double
    /// When both run, or, when they only come within the rule's margin of each other, the gap between them
    /// (`end` before `start`).
    public let start: Date
    public let end: Date

    /// Whether the two items run at the same time, rather than within the margin of each other.
    public var overlaps: Bool { end > start }
}

/// Finds every clash among planned items: a sweep over start times, then a box test, then the exact
/// distance between the shapes.
public struct ClashDetection: Sendable {
    public var rules: [ClashRule]

    public init(rules: [ClashRule] = ClashRule.standard) {
        self.rules = rules
    }

    /// Every pair of `items` that a rule says clash, with `shapes[i]` the shape of `items[i]`; each pair is
    /// reported once, under the first rule it breaks.
    public func clashes(_ items: [PlannedEvent], shapes: [AgendaShape]) -> [Clash] {
        precondition(items.count == shapes.count, "one shape per item")
        guard let widest = rules.map(\.marginMinutes).max() else { return [] }
        let margin = widest * 60
        // The rules of each pair of kinds, in order, and the times as numbers: the pair test reads arrays only.
        let kinds = PlannedEventKind.allCases
        let kindIndex = items.map { item in kinds.firstIndex(of: item.kind)! }
        var rulesOf = [[Int]](repeating: [], count: kinds.count * kinds.count)
        for (a, first) in kinds.enumerated() {
            for (b, second) in kinds.enumerated() {
                rulesOf[a * kinds.count + b] = rules.indices.filter { rules[$0].applies(to: first, second) }
            }
        }
        let starts = items.map(\.startsAt.timeIntervalSince1970)
        let ends = items.map(\.endsAt.timeIntervalSince1970)
        let order = items.indices.sorted { (starts[$0], $0) < (starts[$1], $1) }
        var active: [Int] = []
        var found: [Clash] = []
        for index in order {
            active.removeAll { ends[$0] + 2 * margin <= starts[index] }
            for other in active {
                let applicable = rulesOf[kindIndex[other] * kinds.count + kindIndex[index]]
                if applicable.isEmpty { continue }
                var distance: Double?
                for position in applicable {
                    let rule = rules[position]
                    let ruleMargin = rule.marginMinutes * 60
                    guard starts[other] - ruleMargin < ends[index] + ruleMargin,
                        starts[index] - ruleMargin < ends[other] + ruleMargin,
                        shapes[other].boxGap(to: shapes[index]) <= rule.bufferMeters
                    else { continue }
                    let apart = distance ?? shapes[other].distance(to: shapes[index])
                    distance = apart
                    guard apart <= rule.bufferMeters else { continue }
                    found.append(Clash(
                        first: other, second: index, rule: rule, distance: apart,
                        start: max(items[other].startsAt, items[index].startsAt),
                        end: min(items[other].endsAt, items[index].endsAt)))
                    break
                }
            }
            active.append(index)
        }
        return found.sorted { ($0.start, $0.first, $0.second) < ($1.start, $1.first, $1.second) }
    }
}

extension Clash {
    /// What the clash is, in words: the rule's meaning, the two items, how far apart and when.
    public func explanation(_ items: [PlannedEvent], timeZone: TimeZone) -> String {
        let a = items[first]
        let b = items[second]
        let place = distance < 1 ? "on the same ground" : "\(Int(distance.rounded())) m apart"
        let when: String
        if overlaps {
            let calendar = Calendar.gregorian(timeZone)
            let first = CivilDate(start, in: timeZone)
            let last = CivilDate(end.addingTimeInterval(-1), in: timeZone)
            when = first == last
                ? "both on \(first.iso) from \(calendar.clock(start)) to \(calendar.clock(end))"
                : "both from \(first.iso) \(calendar.clock(start)) to \(last.iso) \(calendar.clock(end))"
        } else {
            let minutes = Int((start.timeIntervalSince(end) / 60).rounded())
            when = "\(minutes) min apart in time, within the \(Int(rule.marginMinutes)) min set aside around each"
        }
        return "\(rule.reason): \(a.kind.rawValue) '\(a.title)' and \(b.kind.rawValue) '\(b.title)', \(place) (rule: within \(Int(rule.bufferMeters)) m), \(when)"
    }
}

extension Calendar {
    /// The Gregorian calendar in `timeZone`.
    static func gregorian(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The local time of an instant as `HH:mm`.
    func clock(_ instant: Date) -> String {
        let parts = dateComponents([.hour, .minute], from: instant)
        return String(format: "%02d:%02d", parts.hour!, parts.minute!)
    }
}
