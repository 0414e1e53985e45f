#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A child process run to completion, with its wall time and peak resident memory.
struct ChildProcess {
    struct Measurement {
        var seconds: Double
        var peakMemoryMiB: Double
        var status: Int32
    }

    /// Runs `arguments[0]` (searched in PATH) with standard input from `stdinPath` if given, output to a file.
    static func run(_ arguments: [String], stdinPath: String? = nil, outputPath: String) throws -> Measurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdinPath { posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, outputPath + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = Date()
        let code = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard code == 0 else {
            throw BenchmarkError("cannot start \(arguments[0]): \(String(cString: strerror(code)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        return Measurement(
            seconds: Date().timeIntervalSince(started), peakMemoryMiB: Double(usage.ru_maxrss) / 1024,
            status: status)
    }
}

/// A benchmark that cannot run, with the reason.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
