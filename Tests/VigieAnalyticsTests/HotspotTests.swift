import Foundation
import Testing
import VigieCore

@testable import VigieAnalytics

@Suite("Hotspots: kernel density, Gi* and the Knox test")
struct HotspotTests {
    /// A snapshot of incidents at the given metres from the origin and days from 2024-01-01 (UTC).
    func snapshot(_ points: [(x: Double, y: Double, day: Double)]) throws -> IncidentSnapshot {
        try PlanarSnapshots.snapshot(points.map { ($0.x, $0.y, 1_704_067_200 + $0.day * 86_400) })
    }

    @Test("the density peaks at a planted hotspot and integrates to the number of incidents")
    func densityFindsThePlantedHotspot() throws {
        var random = SeededGenerator(seed: 7, stream: 1)
        var points: [(x: Double, y: Double, day: Double)] = (0..<2_000).map { _ in
            (random.uniform(-3_000, 3_000), random.uniform(-3_000, 3_000), 0)
        }
        points += (0..<300).map { _ in (1_200 + 60 * random.gaussian(), -800 + 60 * random.gaussian(), 0) }
        let surface = try snapshot(points).density(cellSize: 50, bandwidth: 300)
        let peak = surface.density.indices.max { surface.density[$0] < surface.density[$1] }!
        let centre = surface.grid.cellCenter(peak)
        #expect(abs(centre.x - 1_200) <= 75 && abs(centre.y + 800) <= 75, "peak at \(centre)")
        let integral = surface.density.reduce(0, +) * 0.05 * 0.05
        #expect(abs(integral - 2_300) / 2_300 < 0.01, "integral \(integral)")
        #expect(surface.incidents == 2_300)
        #expect(throws: AnalyticsError.invalidBandwidth(10, cellSize: 50)) {
            try snapshot([]).density(cellSize: 50, bandwidth: 10)
        }
    }

    @Test("the tabulated kernel gives, at every cell, the quartic kernel of the distance from the incident's sub-cell")
    func densityMatchesTheKernel() throws {
        let surface = try snapshot([(x: 137, y: -263, day: 0)]).density(cellSize: 100, bandwidth: 250)
        // The incident is counted at the centre of its 25 m sub-cell.
        let fine = (x: ((137.0 / 25).rounded(.down) + 0.5) * 25, y: ((-263.0 / 25).rounded(.down) + 0.5) * 25)
        var compared = 0
        for index in surface.density.indices {
            let centre = surface.grid.cellCenter(index)
            let d2 = (centre.x - fine.x) * (centre.x - fine.x) + (centre.y - fine.y) * (centre.y - fine.y)
            let u = max(0, 1 - d2 / (250 * 250))
            let expected = 3 / (Double.pi * 250 * 250) * u * u * 1_000_000
            #expect(abs(surface.density[index] - expected) < 1e-9 * max(1, expected), "cell \(index)")
            if expected > 0 { compared += 1 }
        }
        #expect(compared >= 15)
        // Cells down to 10 m are allowed, though the incidents are counted on 2.5 m quarters.
        #expect(try snapshot([(x: 0, y: 0, day: 0)]).density(cellSize: 10, bandwidth: 30).incidents == 1)
    }

    static let counts: [Double] = [
        1, 0, 2, 1, 0,
        0, 3, 5, 2, 1,
        1, 6, 9, 4, 0,
        0, 2, 4, 1, 1,
        2, 0, 1, 0, 0,
    ]

    /// PySAL's `esda.G_Local(y, DistanceBand(centres, threshold), transform="B", star=True).Zs` for the grid
    /// above, row 0 first: rook neighbours (threshold 1 cell) and queen neighbours (1.5 cells).
    static let pysalRook = [
        -1.237099, -0.329942, 0.155267, -0.572546, -0.963404, -0.572546, 1.067282, 2.623734, 0.844931, -1.057754,
        -0.087337, 2.623734, 4.180187, 1.511982, -0.329942, -0.572546, 0.622581, 1.734333, 0.17788, -1.300358,
        -0.963404, -0.572546, -0.572546, -1.300358, -1.237099,
    ]
    static let pysalQueen = [
        -0.81515, -0.00833, 0.40817, -0.00833, -0.81515, -0.00833, 1.934448, 2.860908, 1.378572, -0.633081, 0.19992,
        2.490324, 3.602076, 1.934448, -0.42483, -0.00833, 1.563864, 1.934448, 0.637404, -1.049581, -0.81515,
        -0.42483, -0.633081, -0.841331, -1.300358,
    ]

    @Test("Gi* z-scores match PySAL's on a small grid", arguments: [(100.0, pysalRook), (150.0, pysalQueen)])
    func giStarMatchesPySAL(distance: Double, expected: [Double]) {
        let grid = SquareGrid(minX: 0, minY: 0, cellSize: 100, columns: 5, rows: 5)
        let z = GetisOrd.zScores(
            counts: Self.counts, grid: grid, inStudy: [Bool](repeating: true, count: 25), distance: distance)
        for (index, value) in z.enumerated() {
            #expect(abs(value - expected[index]) < 1e-5, "cell \(index): \(value) against \(expected[index])")
        }
    }

    @Test("Benjamini–Hochberg declares the p-values under the step-up line")
    func benjaminiHochberg() {
        #expect(benjaminiHochbergThreshold([0.01, 0.04, 0.03, 0.5], rate: 0.05) == 0.01)
        #expect(benjaminiHochbergThreshold([0.04, 0.01, 0.03, 0.02], rate: 0.05) == 0.04)
        #expect(benjaminiHochbergThreshold([0.02, 0.3, 0.4, 0.5], rate: 0.05) == nil)
        #expect(benjaminiHochbergThreshold([0.0125, 0.3, 0.4, 0.5], rate: 0.05) == 0.0125)
    }

    @Test("a homogeneous Poisson field yields significant Gi* cells in at most the controlled share of trials",
        arguments: [2.0, 20.0])
    func noInventedHotspots(mean: Double) {
        let grid = SquareGrid(minX: 0, minY: 0, cellSize: 100, columns: 30, rows: 30)
        var trialsWithAny = 0
        for trial in 0..<100 {
            var random = SeededGenerator(seed: UInt64(trial), stream: 2)
            let counts = (0..<grid.count).map { _ in 2 * (Double(random.poisson(mean)) + 0.375).squareRoot() }
            let z = GetisOrd.zScores(
                counts: counts, grid: grid, inStudy: [Bool](repeating: true, count: grid.count), distance: 150)
            if benjaminiHochbergThreshold(z.map(GetisOrd.pValue), rate: 0.05) != nil { trialsWithAny += 1 }
        }
        // Under the complete null, the false-discovery rate is the chance of any discovery: 5 of 100 trials.
        #expect(trialsWithAny <= 9, "\(trialsWithAny) of 100 trials")
    }

    @Test("Gi* finds a planted hotspot through the snapshot, and only around it")
    func giStarFindsThePlantedHotspot() throws {
        var random = SeededGenerator(seed: 3, stream: 3)
        var points: [(x: Double, y: Double, day: Double)] = (0..<6_000).map { _ in
            (random.uniform(-2_000, 2_000), random.uniform(-2_000, 2_000), 0)
        }
        points += (0..<400).map { _ in (random.uniform(500, 700), random.uniform(500, 700), 0) }
        let map = try snapshot(points).hotspots(cellSize: 200, distance: 300)
        let hot = map.cells.filter { $0.kind == .hot }.map { map.grid.cellCenter($0.index) }
        #expect(!hot.isEmpty)
        #expect(hot.allSatisfy { abs($0.x - 600) <= 500 && abs($0.y - 600) <= 500 }, "\(hot)")
        #expect(map.cells.contains { $0.kind == .hot && map.grid.cellBounds($0.index).contains(x: 600, y: 600) })
    }

    @Test("the Knox test finds planted near repeats: 100 m and 7 days, not more")
    func knoxFindsNearRepeats() throws {
        var random = SeededGenerator(seed: 11, stream: 4)
        var points: [(x: Double, y: Double, day: Double)] = []
        for _ in 0..<400 {
            let origin = (x: random.uniform(-5_000, 5_000), y: random.uniform(-5_000, 5_000), day: random.uniform(0, 360))
            points.append(origin)
            if random.chance(0.5) {
                let angle = random.uniform(0, 2 * .pi)
                let distance = random.uniform(0, 90)
                points.append((origin.x + distance * cos(angle), origin.y + distance * sin(angle),
                    origin.day + random.uniform(0, 6)))
            }
        }
        let table = try snapshot(points).knox(
            distanceBands: [100, 200, 400], dayBands: [7, 14, 28], permutations: 199, seed: 5)
        #expect(table.incidents == points.count)
        #expect(table.observed[0][0] >= 150)
        #expect(table.pValues[0][0] == 1.0 / 200)
        let extent = try #require(table.nearRepeat)
        #expect(extent.metres == 100 && extent.days == 7)
    }

    @Test("the Knox test finds no near repeat in incidents scattered at random")
    func knoxInventsNothing() throws {
        var random = SeededGenerator(seed: 12, stream: 5)
        let points = (0..<800).map { _ in
            (x: random.uniform(-3_000, 3_000), y: random.uniform(-3_000, 3_000), day: random.uniform(0, 360))
        }
        let table = try snapshot(points).knox(
            distanceBands: [100, 200, 400], dayBands: [7, 14, 28], permutations: 199, seed: 5)
        #expect(table.nearRepeat == nil)
        #expect(throws: AnalyticsError.self) {
            try snapshot(points).knox(distanceBands: [200, 100], dayBands: [7], permutations: 99)
        }
    }
}
