import Foundation

/// The exact test of two Poisson counts observed over equal periods: given their sum n, the first is
/// Binomial(n, ½) when both come from the same rate (the conditional test of Przyborowski and Wilenski).
public enum PoissonComparison {
    /// The two-sided p-value for counts `a` and `b`: twice the smaller tail, at most 1.
    public static func pValue(_ a: Int, _ b: Int) -> Double {
        let n = a + b
        guard n > 0 else { return 1 }
        let k = min(a, b)
        // P(X ≤ k) for X ~ Binomial(n, ½), summed from the largest term down in log space.
        let logHalf = Double(n) * log(0.5)
        let logChoose = { (i: Int) in lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1)) }
        var tail = 0.0
        var i = k
        while i >= 0 {
            let term = exp(logChoose(i) + logHalf)
            tail += term
            if term < tail * 1e-17 { break }
            i -= 1
        }
        return a == b ? 1 : min(1, 2 * tail)
    }
}
