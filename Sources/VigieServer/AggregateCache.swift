import Foundation
import Hummingbird
import VigieCore

/// Answers of aggregation routes, kept while the snapshot they were counted on has not moved: a map that
/// many people watch asks the same counts again and again, and they only change when incidents arrive.
actor AggregateCache {
    private var answers: [String: (cursor: IncidentFeedCursor?, body: ByteBuffer)] = [:]
    private let capacity: Int

    init(capacity: Int = 512) {
        self.capacity = capacity
    }

    /// The answer kept for `key` on the snapshot at `cursor`, if any.
    func answer(_ key: String, cursor: IncidentFeedCursor?) -> ByteBuffer? {
        guard let kept = answers[key], kept.cursor == cursor else { return nil }
        return kept.body
    }

    func keep(_ body: ByteBuffer, for key: String, cursor: IncidentFeedCursor?) {
        if answers.count >= capacity { answers = answers.filter { $0.value.cursor == cursor } }
        if answers.count >= capacity { answers.removeAll() }
        answers[key] = (cursor, body)
    }
}

/// JSON bytes already encoded.
struct EncodedJSON: ResponseGenerator {
    let body: ByteBuffer

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }
}

extension JSONBody {
    /// The encoded bytes of the value.
    func encoded() throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return ByteBuffer(bytes: try encoder.encode(value))
    }
}
