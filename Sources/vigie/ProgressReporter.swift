import ArgumentParser
import Foundation
import VigieIngest

/// Progress of an ingest on standard error: a bar redrawn in place on a terminal, or one line per committed
/// batch for logs and supervisors. Counts are of committed records only.
final class ProgressReporter: Sendable {
    /// How progress is shown.
    enum Style: String, CaseIterable {
        case auto, bar, lines, none
    }

    private let style: Style
    private let started = Date()

    init?(_ style: Style) {
        let resolved = style == .auto ? (Output.standardErrorIsTerminal ? .bar : .none) : style
        guard resolved != .none else { return nil }
        self.style = resolved
    }

    func update(_ progress: IngestProgress) {
        let committed = progress.committed
        let total = committed.total
        if style == .lines {
            Output.note("committed \(total) (accepted \(committed.accepted), updated \(committed.updated), duplicates \(committed.duplicates), quarantined \(committed.quarantined))")
            return
        }
        let fraction = progress.totalBytes > 0
            ? min(1, max(0, Double(progress.bytesRead) / Double(progress.totalBytes))) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Int(Double(total) / elapsed) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = String(format: "\r[%@] %3.0f%%  %@ rows stored  %@ rows/s  ", bar, fraction * 100,
            Output.count(total), Output.count(rate))
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if style == .bar { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

extension ProgressReporter.Style: ExpressibleByArgument {}
