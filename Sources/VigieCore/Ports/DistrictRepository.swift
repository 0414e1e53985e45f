/// The city's divisions, any number of levels.
public protocol DistrictRepository: Sendable {
    /// Replaces every district of `level` and re-assigns that level's code to every located incident.
    /// Returns how many incidents were re-assigned.
    @discardableResult
    func replaceDistricts(level: String, with districts: [District]) throws -> Int
    /// Districts of one level, or of all levels, ordered by level then code.
    func districts(level: String?) throws -> [District]
}
