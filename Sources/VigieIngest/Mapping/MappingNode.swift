import Yams

/// A YAML mapping read strictly: every key must be one the reader expects, and each value of the right kind.
struct MappingNode {
    let file: String
    let path: String
    let mark: Mark?
    private let pairs: [(key: String, keyMark: Mark?, value: Node)]

    init(_ node: Node, file: String, path: String, allowed: [String]) throws {
        guard case .mapping(let mapping) = node else {
            throw MappingError(file: file, line: node.mark?.line, key: path, message: "expected a mapping of keys")
        }
        self.file = file
        self.path = path
        self.mark = node.mark
        var pairs: [(String, Mark?, Node)] = []
        for (key, value) in mapping {
            guard let name = key.string else {
                throw MappingError(file: file, line: key.mark?.line, key: path, message: "keys must be text")
            }
            guard allowed.contains(name) else {
                let dotted = path.isEmpty ? name : "\(path).\(name)"
                throw MappingError(
                    file: file, line: key.mark?.line, key: dotted,
                    message: "unknown key '\(name)'; keys allowed here are: \(allowed.joined(separator: ", "))")
            }
            pairs.append((name, key.mark, value))
        }
        self.pairs = pairs
    }

    func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func node(_ name: String) -> Node? { pairs.first { $0.key == name }?.value }

    func error(_ name: String, _ message: String) -> MappingError {
        MappingError(file: file, line: (node(name)?.mark ?? mark)?.line, key: key(name), message: message)
    }

    func requiredNode(_ name: String) throws -> Node {
        guard let node = node(name) else {
            throw MappingError(file: file, line: mark?.line, key: key(name), message: "is required")
        }
        return node
    }

    func string(_ name: String) throws -> String? {
        guard let node = node(name) else { return nil }
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw error(name, "expected a text value")
        }
        return scalar.string
    }

    func requiredString(_ name: String) throws -> String {
        guard let value = try string(name) else { _ = try requiredNode(name); return "" }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let node = node(name) else { return nil }
        guard let value = node.bool else { throw error(name, "expected true or false") }
        return value
    }

    func int(_ name: String) throws -> Int? {
        guard let node = node(name) else { return nil }
        guard let value = node.int else { throw error(name, "expected a whole number") }
        return value
    }

    func double(_ name: String) throws -> Double? {
        guard let node = node(name) else { return nil }
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            throw error(name, "expected a number")
        }
        return value
    }

    func child(_ name: String, allowed: [String]) throws -> MappingNode? {
        guard let node = node(name) else { return nil }
        return try MappingNode(node, file: file, path: key(name), allowed: allowed)
    }

    /// The pairs of a free-form mapping (`category.map`, `attributes`) as text, in file order.
    func textPairs(_ name: String) throws -> [(key: String, value: String, line: Int?)] {
        guard let node = node(name) else { return [] }
        guard case .mapping(let mapping) = node else { throw error(name, "expected a mapping of text to text") }
        return try mapping.map { key, value in
            guard let keyText = key.string, case .scalar(let scalar) = value else {
                throw MappingError(
                    file: file, line: key.mark?.line, key: self.key(name), message: "expected text: text pairs")
            }
            return (keyText, scalar.string, key.mark?.line)
        }
    }

    func stringList(_ name: String) throws -> [String] {
        guard let node = node(name) else { return [] }
        guard case .sequence(let sequence) = node else { throw error(name, "expected a list such as [a, b]") }
        return try sequence.map { item in
            guard let text = item.string else { throw error(name, "expected a list of text values") }
            return text
        }
    }
}

extension MappingNode {
    func requiredChild(_ name: String, allowed: [String]) throws -> MappingNode {
        try MappingNode(try requiredNode(name), file: file, path: key(name), allowed: allowed)
    }
}
