import Foundation
import Hummingbird
import ServiceLifecycle
import Synchronization
import VigieCore

extension APIRoutes {
    /// `GET /api/v1/live`: new located incidents as Server-Sent Events (`event: incident`, a JSON object with
    /// id, latitude, longitude, category, source and time), read from the store's feed four times a second,
    /// with a comment every 5 seconds to keep the connection open (and notice a client gone). The stream closes after `seconds`
    /// (300 at most, the default, so that a session ended or a token revoked stops it within five minutes;
    /// a browser's EventSource reconnects by itself), or when the client leaves. At most 2,000 incidents go
    /// out per read; a larger burst follows over the next reads.
    func live(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> Response {
        let duration: Double = try request.uri.queryParameters["seconds"].map { text -> Double in
            guard let seconds = Double(String(text)), (0.1...300).contains(seconds) else {
                throw APIError(.badRequest, "bad-parameter", "seconds: give a duration from 0.1 to 300 seconds")
            }
            return seconds
        } ?? 300
        let snapshot = try await snapshots.current()
        let store = self.store
        let start = snapshot.cursor
        let categories = Taxonomy.standard.categories.map(\.code.rawValue)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            var cursor = start
            let lastKnown = start?.lastIncidentID ?? 0
            var sent = lastKnown
            let opened = Date()
            var lastWrite = Date()
            try await writer.write(ByteBuffer(string: ": live incidents from id \(lastKnown)\n\n"))
            // A stream ends when the server stops: a graceful shutdown does not wait for it.
            let stopping = StopFlag()
            try await withGracefulShutdownHandler {
                while !Task.isCancelled && !stopping.isSet {
                    if Date().timeIntervalSince(opened) >= duration { break }
                    try await Task.sleep(for: .milliseconds(250))
                    var events = ""
                    var count = 0
                    let before = cursor
                    cursor = try store.readIncidentFeed(since: cursor, chunkSize: 4_096) { event in
                        guard case .rows(let chunk) = event else { return }
                        for row in chunk.ids.indices where chunk.ids[row] > sent && !chunk.latitudes[row].isNaN && count < 2_000 {
                            count += 1
                            let category = Int(chunk.categoryPositions[row]) < categories.count
                                ? categories[Int(chunk.categoryPositions[row])] : ""
                            events += "event: incident\nid: \(chunk.ids[row])\ndata: {\"id\":\(chunk.ids[row]),\"latitude\":\(chunk.latitudes[row]),\"longitude\":\(chunk.longitudes[row]),\"category\":\"\(category)\",\"source\":\(chunk.sourceIDs[row]),\"occurredAt\":\(chunk.occurredAt[row])}\n\n"
                            sent = max(sent, chunk.ids[row])
                        }
                    }
                    // Rows beyond this read's share are read again next time, from where the last one sent.
                    if count >= 2_000, let read = cursor {
                        cursor = IncidentFeedCursor(
                            lastIncidentID: sent, lastChange: before?.lastChange ?? read.lastChange,
                            districtsVersion: read.districtsVersion)
                    }
                    if !events.isEmpty {
                        try await writer.write(ByteBuffer(string: events))
                        lastWrite = Date()
                    } else if Date().timeIntervalSince(lastWrite) >= 5 {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        lastWrite = Date()
                    }
                }
            } onGracefulShutdown: {
                stopping.set()
            }
            try await writer.finish(nil)
        })
    }
}

/// A flag one task sets and another reads.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
