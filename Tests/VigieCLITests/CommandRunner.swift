import Foundation
import VigieTestSupport

/// Runs the built `vigie` executable as a user would, its output going to files so that neither stream
/// can fill a pipe and block it.
struct CommandRunner {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// A started process and the files its output goes to.
    struct Running {
        var process: Process
        var output: URL
        var error: URL
        let directory: TemporaryDirectory

        /// What the process wrote to standard error so far.
        func errorSoFar() -> String { (try? String(contentsOf: error, encoding: .utf8)) ?? "" }
    }

    static var executable: URL { ProjectFiles.product("vigie") }

    /// Starts `vigie` with the arguments and returns the running process.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let directory = try TemporaryDirectory()
        let output = try directory.write("stdout", [])
        let error = try directory.write("stderr", [])
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        try process.run()
        return Running(process: process, output: output, error: error, directory: directory)
    }

    /// Runs `vigie` to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let running = try start(arguments, environment: environment)
        running.process.waitUntilExit()
        return Result(
            status: running.process.terminationStatus,
            output: (try? String(contentsOf: running.output, encoding: .utf8)) ?? "",
            error: running.errorSoFar())
    }
}
