import Foundation

/// Where alerts are kept, so that a scan run twice records each finding once and acknowledgements last.
public protocol AlertRepository: Sendable {
    /// Records the alerts not recorded yet (same kind, day, district and category) and returns them with
    /// their ids; those already recorded keep their state.
    func record(_ alerts: [Alert]) throws -> [Alert]
    /// Alerts, newest day first; acknowledged ones only when asked.
    func alerts(includeAcknowledged: Bool, limit: Int) throws -> [Alert]
    /// Marks an alert as seen by a person, with an optional note.
    func acknowledge(alertID: Int64, by person: String, note: String?, at date: Date) throws
}
