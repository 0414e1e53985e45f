import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieCore
import VigieServer
import VigieStore
import Yams

/// A small JSON Schema check of the parts the document uses: types (with null), required keys, enums,
/// items, references to components.
struct SchemaCheck {
    let components: [String: Any]

    func problems(_ value: Any?, _ schema: [String: Any], at path: String) -> [String] {
        if let reference = schema["$ref"] as? String {
            let name = String(reference.split(separator: "/").last!)
            guard let target = components[name] as? [String: Any] else { return ["\(path): unknown \(reference)"] }
            return problems(value, target, at: path)
        }
        let types: [String] = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if !types.isEmpty && !types.contains(where: { matches(value, $0) }) {
            return ["\(path): \(String(describing: value)) is not \(types.joined(separator: " or "))"]
        }
        if let options = schema["enum"] as? [Any], let text = value as? String,
            !options.contains(where: { ($0 as? String) == text })
        {
            return ["\(path): '\(text)' is not one of \(options)"]
        }
        var found: [String] = []
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(path): lacks '\(key)'")
            }
            for (key, sub) in schema["properties"] as? [String: [String: Any]] ?? [:] where object[key] != nil {
                found += problems(object[key], sub, at: "\(path).\(key)")
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.prefix(20).enumerated() { found += problems(element, items, at: "\(path)[\(index)]") }
        }
        return found
    }

    func matches(_ value: Any?, _ type: String) -> Bool {
        switch type {
        case "null": return value == nil || value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return value is Bool
        case "integer": return (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return value is NSNumber
        default: return true
        }
    }
}

@Suite("The OpenAPI document")
struct OpenAPITests {
    @Test("every operation it lists answers one of its documented statuses, with a body its schema accepts; every route is in it")
    func documentMatchesBehaviour() async throws {
        let store = try ServerTests.seeded()
        try await ServerTests.application(store).test(.router) { client in
            let text = try await client.execute(uri: "/api/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            let document = try #require(try Yams.load(yaml: text) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let components = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            let check = SchemaCheck(components: components)
            for route in ServerTests.routes {
                let path = String(route.uri.split(separator: "?")[0])
                #expect(paths[path]?["get"] != nil, "\(path) is served but not documented")
            }
            let (cookie, csrf) = try await ServerTests.login(client, .admin)
            for (path, operations) in paths.sorted(by: { $0.key < $1.key }) {
                for (method, operation) in operations.sorted(by: { $0.key < $1.key }) {
                    guard let operation = operation as? [String: Any], let responses = operation["responses"] as? [String: Any]
                    else { continue }
                    let httpMethod = HTTPRequest.Method(rawValue: method.uppercased())!
                    var headers: HTTPFields = [.cookie: cookie, .init("X-CSRF-Token")!: csrf]
                    var body: ByteBuffer?
                    if path == "/api/v1/session" && method == "post" {
                        headers = [.contentType: "application/json"]
                        body = ByteBuffer(string: #"{"name": "analyst", "password": "secret-analyst"}"#)
                    }
                    if path == "/api/v1/session" && method == "delete" {
                        // Logging out ends the session the other calls use: log in a second time for it.
                        let (other, otherToken) = try await ServerTests.login(client, .auditor)
                        headers = [.cookie: other, .init("X-CSRF-Token")!: otherToken]
                    }
                    // The live stream runs until told to stop.
                    let uri = path == "/api/v1/live" ? path + "?seconds=0.1" : path
                    try await client.execute(uri: uri, method: httpMethod, headers: headers, body: body) { response in
                        let status = String(response.status.code)
                        let documented = try #require(responses[status] as? [String: Any], "\(method) \(path) answered \(status), which is not documented")
                        let resolved: [String: Any]
                        if let reference = documented["$ref"] as? String {
                            let name = String(reference.split(separator: "/").last!)
                            resolved = ((document["components"] as? [String: Any])?["responses"] as? [String: Any])?[name] as? [String: Any] ?? [:]
                        } else {
                            resolved = documented
                        }
                        guard let schema = ((resolved["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
                        else { return }
                        let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body), options: [.fragmentsAllowed])
                        let problems = check.problems(json, schema, at: "\(method) \(path)")
                        #expect(problems.isEmpty, "\(problems.prefix(5))")
                    }
                }
            }
        }
    }
}
