import Foundation
import VigieCore
import VigieIngest

/// An agenda file read for `vigie agenda import`, before anything is written.
struct ImportedAgenda {
    /// The register name of the source the items go to.
    var source: String
    /// Its identifier.
    var sourceID: Int64
    /// Whether the source was registered from the mapping's register block.
    var registered: Bool
    /// The items read.
    var events: [PlannedEvent]
    /// The occurrences or records that cannot be items.
    var refused: [AgendaImport.Refusal]
    /// Occurrences or records read.
    var read: Int
}
