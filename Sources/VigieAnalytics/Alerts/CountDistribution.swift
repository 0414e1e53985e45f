import Foundation

/// Upper tails of count distributions: Poisson, and the negative binomial of a given mean and dispersion
/// (variance = dispersion × mean) that quasi-Poisson baselines use for overdispersed counts.
enum CountDistribution {
    /// P(X ≥ observed) for X with mean `mean` and variance `dispersion` × `mean` (Poisson when dispersion ≤ 1).
    static func upperTail(_ observed: Int, mean: Double, dispersion: Double) -> Double {
        guard observed > 0 else { return 1 }
        guard mean > 0 else { return 0 }
        let logPMF: (Int) -> Double
        if dispersion <= 1.000_001 {
            logPMF = { k in Double(k) * log(mean) - mean - lgamma(Double(k + 1)) }
        } else {
            let r = mean / (dispersion - 1)
            let logSuccess = log(1 / dispersion)
            let logFailure = log(1 - 1 / dispersion)
            let constant = r * logSuccess - lgamma(r)
            logPMF = { k in
                let count = Double(k)
                let combinations: Double = lgamma(count + r) - lgamma(count + 1)
                return combinations + constant + count * logFailure
            }
        }
        // Below the mean, 1 − P(X < observed) is precise; beyond it, the tail is summed directly.
        if Double(observed) <= mean {
            var below = 0.0
            for k in 0..<observed { below += exp(logPMF(k)) }
            return max(0, 1 - below)
        }
        var tail = 0.0
        var k = observed
        while true {
            let term = exp(logPMF(k))
            tail += term
            if term < tail * 1e-15 || k > observed + 100_000 { break }
            k += 1
        }
        return min(1, tail)
    }
}
