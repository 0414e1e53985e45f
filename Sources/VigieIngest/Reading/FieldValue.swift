/// A mapped field of one record as read.
enum FieldValue: Equatable {
    /// The field is there with this text.
    case text(String)
    /// The record has no such field, or it is null.
    case absent
    /// The field is there but cannot be read as text.
    case unreadable(String)
}
