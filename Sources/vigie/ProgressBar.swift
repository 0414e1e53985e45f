import Foundation
import VigieIngest

/// A one-line progress bar on standard error, drawn only on a terminal.
final class ProgressBar: Sendable {
    private let started = Date()

    func update(_ progress: IngestProgress) {
        let fraction = progress.totalBytes > 0 ? Double(progress.bytesRead) / Double(progress.totalBytes) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Int(Double(progress.recordsRead) / elapsed) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = String(format: "\r[%@] %3.0f%%  %@ rows  %@ rows/s  ", bar, fraction * 100,
            Output.count(progress.recordsRead), Output.count(rate))
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
