import Foundation

/// Files of the repository and of the shared real data sets beside it, located from this source file.
public enum ProjectFiles {
    /// The package root.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A real data set in `../shared/data`, which tests read in place and never copy.
    public static func sharedData(_ name: String) -> URL {
        root.deletingLastPathComponent().appendingPathComponent("shared/data/\(name)")
    }

    /// An example mapping in `examples/mappings`.
    public static func exampleMapping(_ name: String) -> URL {
        root.appendingPathComponent("examples/mappings/\(name)")
    }

    /// A built product of the package, such as the `vigie` executable, in the test runner's build directory.
    public static func product(_ name: String) -> URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return root.appendingPathComponent(".build/debug/\(name)")
    }
}
