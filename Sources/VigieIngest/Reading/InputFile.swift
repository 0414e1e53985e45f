#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An input file read in large chunks into a growable buffer, so that parsers scan contiguous bytes.
///
/// Memory stays bounded by the largest record, whatever the file size.
final class InputFile {
    /// No real record is this long: past it, the file is not in the declared format or its line endings are
    /// not read, and holding more would let one bad file take the machine's memory.
    static let maximumRecordBytes = 64 << 20

    let path: String
    let size: Int
    private let descriptor: Int32
    /// The bytes read and not yet consumed are `buffer[start..<end]`.
    private(set) var buffer: [UInt8]
    private(set) var start = 0
    private(set) var end = 0
    private(set) var reachedEnd = false
    /// Bytes consumed by the parser so far, for progress.
    private(set) var consumed = 0
    /// The file's first bytes (up to 64 KiB), for encoding detection.
    private(set) var sample: [UInt8] = []

    init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        var status = stat()
        guard stat(path, &status) == 0 else { throw IngestError.unreadableFile(path: path, reason: Self.errnoText()) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw IngestError.unreadableFile(path: path, reason: "it is not a regular file")
        }
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw IngestError.unreadableFile(path: path, reason: Self.errnoText()) }
        size = Int(status.st_size)
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit { close(descriptor) }

    /// Reads more bytes after the unconsumed ones, moving them to the front and growing the buffer if full.
    /// Returns false at the end of the file.
    func fill() throws -> Bool {
        if reachedEnd { return false }
        if start > 0 {
            let pending = end - start
            buffer.withUnsafeMutableBufferPointer { bytes in
                _ = memmove(bytes.baseAddress!, bytes.baseAddress! + start, pending)
            }
            start = 0
            end = pending
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        let count = buffer.withUnsafeMutableBufferPointer { bytes in
            read(descriptor, bytes.baseAddress! + end, bytes.count - end)
        }
        if count < 0 { throw IngestError.unreadableFile(path: path, reason: Self.errnoText()) }
        if count == 0 {
            reachedEnd = true
            return false
        }
        end += count
        if sample.isEmpty { sample = Array(buffer[0..<min(end, 65_536)]) }
        return true
    }

    /// Marks bytes up to `index` as consumed.
    func consume(upTo index: Int) {
        consumed += index - start
        start = index
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
