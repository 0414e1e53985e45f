import VigieCore
/// What every writer needs besides the incidents: the clock, the map and the seed of its own random choices.
struct WritingContext: Sendable {
    /// Local time of the deployment.
    let clock: LocalClock
    /// The city.
    let map: CityMap
    /// The demo's seed.
    let seed: UInt64
}
