import Dispatch
import GRDB
import Synchronization

/// Copies the write-ahead log back into the database file on a connection and a thread of its own, so that
/// the ingest's writer does not stop to do it; SQLite's own automatic checkpoint stays as a safety net.
final class Checkpointer: Sendable {
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "vigie.checkpoint")
    private let scheduled = Mutex(false)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Asks for a passive checkpoint soon; a request while one is pending is merged with it.
    func request() {
        let alreadyScheduled = scheduled.withLock { pending in
            defer { pending = true }
            return pending
        }
        guard !alreadyScheduled else { return }
        queue.async { [self] in
            scheduled.withLock { $0 = false }
            // A passive checkpoint never waits for the writer; what it cannot copy now, the next one will.
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
    }
}
