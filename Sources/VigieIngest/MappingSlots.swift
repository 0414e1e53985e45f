/// The slot number of each column a mapping reads, in the order of `Mapping.columnsRead`.
struct MappingSlots {
    var reference: Int?
    var time: Int
    var first: Int?
    var second: Int?
    var category: Int
    var attributes: [(name: String, slot: Int, personal: Bool)]

    init(_ mapping: Mapping) {
        var next = 0
        func take() -> Int {
            defer { next += 1 }
            return next
        }
        reference = mapping.referenceColumn == nil ? nil : take()
        time = take()
        if case .geometry = mapping.location {
            first = nil
            second = nil
        } else {
            first = take()
            second = take()
        }
        category = take()
        attributes = mapping.attributes.map { ($0.name, take(), mapping.personalAttributes.contains($0.name)) }
    }
}
