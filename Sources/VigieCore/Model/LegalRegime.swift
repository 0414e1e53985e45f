/// The legal frame under which a source's data is processed.
public enum LegalRegime: String, Sendable, Codable, CaseIterable {
    /// The General Data Protection Regulation (EU 2016/679).
    case gdpr
    /// The police-justice directive (EU 2016/680), for data processed to prevent or detect offences.
    case policeJustice = "police-justice"

    /// A short human label.
    public var label: String {
        switch self {
        case .gdpr: "GDPR (EU 2016/679)"
        case .policeJustice: "Police-justice directive (EU 2016/680)"
        }
    }
}
