import Dispatch
import GRDB
import Synchronization

/// Copies the write-ahead log back into the database file on a connection and a thread of its own, so that
/// the ingest's writer does not stop to do it; SQLite's own automatic checkpoint stays as a safety net.
///
/// The connection is opened on the first request, so that commands which only read never open it.
final class Checkpointer: Sendable {
    private let path: String
    private let queue = DispatchQueue(label: "vigie.checkpoint")
    private let scheduled = Mutex(false)
    private let connection = Mutex<DatabaseQueue?>(nil)

    init(path: String) { self.path = path }

    /// Asks for a passive checkpoint soon; a request while one is pending is merged with it.
    func request() {
        let alreadyScheduled = scheduled.withLock { pending in
            defer { pending = true }
            return pending
        }
        guard !alreadyScheduled else { return }
        queue.async { [self] in
            scheduled.withLock { $0 = false }
            // A checkpoint that fails or cannot copy everything loses nothing: the frames stay in the WAL,
            // for the next request or SQLite's own automatic checkpoint.
            _ = try? connection.withLock { connection in
                if connection == nil {
                    var configuration = Configuration()
                    configuration.busyMode = .timeout(10)
                    connection = try DatabaseQueue(path: path, configuration: configuration)
                }
                _ = try connection?.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            }
        }
    }
}
