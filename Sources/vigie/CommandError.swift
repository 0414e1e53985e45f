/// A command that cannot complete, with what to do about it; printed without the usage text, which is for
/// mistakes in the arguments themselves.
struct CommandError: Error, CustomStringConvertible {
    /// What went wrong and the way out.
    let description: String

    init(_ description: String) { self.description = description }
}
