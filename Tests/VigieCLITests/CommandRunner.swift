import Foundation
import VigieTestSupport

/// Runs the built `vigie` executable as a user would.
struct CommandRunner {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static var executable: URL { ProjectFiles.product("vigie") }

    /// Starts `vigie` with the arguments and returns the running process.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        return (process, output, error)
    }

    /// Runs `vigie` to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let (process, output, error) = try start(arguments, environment: environment)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }
}
