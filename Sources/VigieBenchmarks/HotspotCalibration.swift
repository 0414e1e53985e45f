import VigieAnalytics
import VigieCore

/// How often Gi* declares a hot or cold spot on a field with none: homogeneous Poisson counts on a 30 × 30
/// grid, neighbours within 1.5 cells, Benjamini–Hochberg at 5 %. Under this complete null the
/// false-discovery rate is the share of trials with any discovery, which should stay at 5 % or below.
struct HotspotCalibration {
    var trials = 400

    func run() {
        print("Gi* on homogeneous Poisson fields: share of \(trials) trials with any discovery at a 5 % false-discovery rate")
        print("mean per cell   textbook counts   Anscombe scale")
        let grid = SquareGrid(minX: 0, minY: 0, cellSize: 100, columns: 30, rows: 30)
        let everywhere = [Bool](repeating: true, count: grid.count)
        for mean in [1.0, 2.0, 5.0, 20.0] {
            var found = (counts: 0, anscombe: 0)
            for trial in 0..<trials {
                var random = SeededGenerator(seed: UInt64(trial), stream: 77)
                let counts = (0..<grid.count).map { _ in Double(random.poisson(mean)) }
                for (scale, values) in [(0, counts), (1, counts.map { 2 * ($0 + 0.375).squareRoot() })] {
                    let z = GetisOrd.zScores(counts: values, grid: grid, inStudy: everywhere, distance: 150)
                    if benjaminiHochbergThreshold(z.map(GetisOrd.pValue), rate: 0.05) != nil {
                        if scale == 0 { found.counts += 1 } else { found.anscombe += 1 }
                    }
                }
            }
            print(String(format: "%13.0f   %14.1f %%   %12.1f %%", mean, Double(found.counts) / Double(trials) * 100,
                Double(found.anscombe) / Double(trials) * 100))
        }
    }
}
