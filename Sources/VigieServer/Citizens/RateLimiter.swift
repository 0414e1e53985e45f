import Foundation

/// Token buckets per client: each key may spend `capacity` requests at once, and earns them back at
/// `perSecond`. A request that finds its bucket empty learns how long to wait.
actor RateLimiter {
    struct Rule: Sendable {
        let capacity: Double
        let perSecond: Double
    }

    private var buckets: [String: (tokens: Double, at: Date)] = [:]

    /// Takes one token from `key`'s bucket (only looks, with `consume` false), or returns the seconds until
    /// one is there.
    func admit(_ key: String, _ rule: Rule, consume: Bool = true, now: Date = Date()) -> Int? {
        if buckets.count > 50_000 { prune(now) }
        var bucket = buckets[key] ?? (rule.capacity, now)
        bucket.tokens = min(rule.capacity, bucket.tokens + now.timeIntervalSince(bucket.at) * rule.perSecond)
        bucket.at = now
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            return Int(((1 - bucket.tokens) / rule.perSecond).rounded(.up))
        }
        if consume { bucket.tokens -= 1 }
        buckets[key] = bucket
        return nil
    }

    /// Forgets the buckets that have been full again for a while, so that many clients do not grow memory.
    private func prune(_ now: Date) {
        buckets = buckets.filter { now.timeIntervalSince($0.value.at) < 3_600 }
    }
}
