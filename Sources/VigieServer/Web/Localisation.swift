import Hummingbird

/// The pages' words, French first, with English; the language comes from `?lang=` (kept in a cookie) or the
/// cookie alone.
enum Language: String, Sendable, CaseIterable {
    case fr, en

    static func of(_ request: Request) -> Language {
        if let asked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return asked }
        return request.cookies["vigie_lang"].flatMap { Language(rawValue: $0.value) } ?? .fr
    }

    /// The word for `key`; the key itself when none is known.
    subscript(_ key: String) -> String {
        (self == .fr ? Self.french : Self.english)[key] ?? key
    }

    static let french: [String: String] = [
        "title": "Vigie, observatoire de la tranquillité publique",
        "overview": "Vue d'ensemble", "map": "Carte", "agenda": "Agenda", "audit": "Journal d'audit",
        "logout": "Se déconnecter", "login": "Connexion", "name": "Identifiant", "password": "Mot de passe",
        "sign-in": "Se connecter", "other-language": "English",
        "last-28": "28 derniers jours", "previous-28": "28 jours précédents", "change": "Évolution",
        "category": "Catégorie", "incidents": "Faits", "open-alerts": "Alertes ouvertes",
        "period": "Période", "days-7": "7 jours", "days-28": "28 jours", "days-365": "1 an",
        "all-categories": "Toutes catégories", "density": "Densité", "live": "En direct",
        "districts": "Secteurs", "per-1000": "pour 1 000 habitants", "loading": "Chargement…",
        "place-based": "Vigie travaille sur les lieux, jamais sur les personnes.",
        "risk": "Risque", "clashes": "Conflits", "officers": "Agents", "day": "Jour", "item": "Événement",
    ]

    static let english: [String: String] = [
        "title": "Vigie, public-tranquillity observatory",
        "overview": "Overview", "map": "Map", "agenda": "Agenda", "audit": "Audit log",
        "logout": "Log out", "login": "Log in", "name": "Name", "password": "Password",
        "sign-in": "Log in", "other-language": "Français",
        "last-28": "Last 28 days", "previous-28": "28 days before", "change": "Change",
        "category": "Category", "incidents": "Incidents", "open-alerts": "Open alerts",
        "period": "Period", "days-7": "7 days", "days-28": "28 days", "days-365": "1 year",
        "all-categories": "All categories", "density": "Density", "live": "Live",
        "districts": "Districts", "per-1000": "per 1,000 inhabitants", "loading": "Loading…",
        "place-based": "Vigie works on places, never on people.",
        "risk": "Risk", "clashes": "Clashes", "officers": "Officers", "day": "Day", "item": "Item",
    ]
}
