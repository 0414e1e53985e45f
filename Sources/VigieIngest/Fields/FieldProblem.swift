/// Why a field's value cannot be used.
struct FieldProblem: Error, Equatable {
    var message: String

    init(_ message: String) { self.message = message }
}
