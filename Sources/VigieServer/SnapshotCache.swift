import Foundation
import VigieAnalytics
import VigieCore

/// The analytics snapshot the API answers from: built on first use, then brought up to date from the
/// store's change log before a request when it is more than `maximumAge` seconds old.
actor SnapshotCache {
    private let store: any ServedStore
    private let maximumAge: TimeInterval
    private var snapshot: IncidentSnapshot?
    private var refreshedAt = Date.distantPast

    init(store: any ServedStore, maximumAge: TimeInterval = 1) {
        self.store = store
        self.maximumAge = maximumAge
    }

    func current(now: Date = Date()) throws -> IncidentSnapshot {
        if var current = snapshot {
            if now.timeIntervalSince(refreshedAt) > maximumAge {
                // The cache lets go of its copy first, so that the refresh appends to columns it alone holds
                // rather than copying them whole.
                snapshot = nil
                defer { snapshot = current }
                _ = try current.refresh(from: store)
                refreshedAt = now
            }
            return current
        }
        let built = try IncidentSnapshot.build(deploymentOf: store)
        snapshot = built
        refreshedAt = now
        return built
    }
}
