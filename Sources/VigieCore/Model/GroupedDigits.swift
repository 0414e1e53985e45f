extension Int {
    /// The number with its digits grouped by three with a space, as people read counts (12 345).
    public var groupedDigits: String {
        let digits = String(magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += " " }
            grouped.append(character)
        }
        return (self < 0 ? "-" : "") + grouped
    }
}
