import Hummingbird

/// The pages' words, French first, with English; the language comes from `?lang=` (kept in a cookie) or the
/// cookie alone.
enum Language: String, Sendable, CaseIterable {
    case fr, en

    static func of(_ request: Request) -> Language {
        if let asked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return asked }
        return request.cookies["vigie_lang"].flatMap { Language(rawValue: $0.value) } ?? .fr
    }

    /// The French or the English text, as the page's language is: for words used on one page only.
    func pick(_ french: String, _ english: String) -> String { self == .fr ? french : english }

    /// The word for `key`; the key itself when none is known.
    subscript(_ key: String) -> String {
        (self == .fr ? Self.french : Self.english)[key] ?? key
    }

    static let french: [String: String] = [
        "title": "Vigie, observatoire de la tranquillité publique",
        "overview": "Vue d'ensemble", "triage": "Signalements", "video": "Vidéo", "map": "Carte", "agenda": "Agenda", "audit": "Journal d'audit",
        "logout": "Se déconnecter", "login": "Connexion", "name": "Identifiant", "password": "Mot de passe",
        "sign-in": "Se connecter", "other-language": "English",
        "last-28": "28 derniers jours", "previous-28": "28 jours précédents", "change": "Évolution",
        "category": "Catégorie", "incidents": "Faits", "open-alerts": "Alertes ouvertes",
        "period": "Période", "days-7": "7 jours", "days-28": "28 jours", "days-365": "1 an",
        "all-categories": "Toutes catégories", "density": "Densité", "live": "En direct",
        "districts": "Secteurs", "per-1000": "pour 1 000 habitants", "loading": "Chargement…",
        "place-based": "Vigie travaille sur les lieux, jamais sur les personnes.",
        "risk": "Risque", "clashes": "Conflits", "officers": "Agents", "day": "Jour", "item": "Événement",
        "trends": "Tendances", "all-sources": "Toutes sources", "forecast-layer": "Prévision (8 h)", "change-role": "Changer le rôle", "disable": "Désactiver", "add-account": "Ajouter un compte", "add": "Ajouter", "account-added": "compte ajouté", "account-disabled": "compte désactivé", "not-own-account": "Un administrateur ne modifie pas son propre compte ici : un autre administrateur ou « vigie users » le fait.", "note": "Note", "acknowledge": "Prendre en compte", "kind": "Type", "observed-expected": "Observé / attendu", "hotspots": "Points chauds (Gi*)", "no-data": "Aucun fait enregistré pour l'instant.", "all": "Ensemble",
        "as-of": "Au", "by-category": "Par catégorie", "by-district": "Par secteur", "district": "Secteur",
        "compstat-note": "entre parenthèses : période de référence et évolution ; ↑ ↓ marquent un écart significatif (test de Poisson exact, p ≤ 0,05)",
        "last-7": "7 derniers jours", "last-28-year-before": "28 jours, un an avant", "year-to-date": "Depuis le 1er janvier",
        "weekly-series": "Faits par semaine", "trend": "Tendance", "hour-of-week": "Heures de la semaine (52 dernières semaines)",
        "patrol": "Plan de patrouille", "units": "Unités", "start-hour": "Heure de début", "horizon": "Durée",
        "radius": "Rayon (m)", "plan": "Planifier", "of-risk": "du risque prévu couvert", "briefing": "Briefing imprimable",
        "unit": "Unité", "centre": "Centre (lat., long.)", "share": "Part du risque", "expected": "Faits attendus",
        "provenance": "Provenance de la prévision", "quarantine": "Quarantaine", "rows-quarantined": "lignes en quarantaine",
        "source": "Source", "file": "Fichier", "line": "Ligne", "field": "Champ", "reason": "Motif", "raw": "Contenu",
        "sources": "Registre des sources", "title-column": "Intitulé", "owner": "Responsable", "purpose": "Finalité",
        "legal-regime": "Régime juridique", "personal-data": "Données personnelles", "retention": "Conservation",
        "public": "Publique", "yes": "oui", "no": "non", "days": "jours", "users": "Comptes",
        "users-note": "Les comptes se gèrent ici ou avec « vigie users » (réinitialisation des mots de passe) ; chaque changement est inscrit au journal d'audit.",
        "role": "Rôle", "created": "Créé le", "state": "État", "disabled": "désactivé le", "active": "actif",
        "chain-intact": "La chaîne du journal est intacte", "chain-broken": "La chaîne du journal est rompue à l'entrée",
        "when": "Quand", "who": "Qui", "action": "Action", "target": "Objet", "detail": "Filtre",
        "report": "Rapport mensuel", "month": "Mois", "show": "Afficher", "print": "Imprimer",
        "report-note": "rapport aux élus : faits enregistrés par les sources du registre, par lieu et par période ; aucune donnée sur les personnes",
        "vs-previous-month": "par rapport au mois précédent", "vs-year-before": "par rapport au même mois un an avant",
        "alerts-raised": "alertes levées", "this-month": "Ce mois", "previous-month": "Mois précédent", "year-before": "Un an avant",
        "months-24": "Faits par mois, 24 derniers mois", "days-of-month": "Faits par jour du mois",
        "report-method": "↑ ↓ : écart significatif au seuil de 5 % (test de Poisson exact). Taux pour 1 000 habitants selon la population de chaque secteur.",
    ]

    static let english: [String: String] = [
        "title": "Vigie, public-tranquillity observatory",
        "overview": "Overview", "triage": "Citizen requests", "video": "Video", "map": "Map", "agenda": "Agenda", "audit": "Audit log",
        "logout": "Log out", "login": "Log in", "name": "Name", "password": "Password",
        "sign-in": "Log in", "other-language": "Français",
        "last-28": "Last 28 days", "previous-28": "28 days before", "change": "Change",
        "category": "Category", "incidents": "Incidents", "open-alerts": "Open alerts",
        "period": "Period", "days-7": "7 days", "days-28": "28 days", "days-365": "1 year",
        "all-categories": "All categories", "density": "Density", "live": "Live",
        "districts": "Districts", "per-1000": "per 1,000 inhabitants", "loading": "Loading…",
        "place-based": "Vigie works on places, never on people.",
        "risk": "Risk", "clashes": "Clashes", "officers": "Officers", "day": "Day", "item": "Item",
        "trends": "Trends", "all-sources": "All sources", "forecast-layer": "Forecast (8 h)", "change-role": "Change role", "disable": "Disable", "add-account": "Add an account", "add": "Add", "account-added": "account added", "account-disabled": "account disabled", "not-own-account": "An administrator does not change their own account here: another administrator or `vigie users` does.", "note": "Note", "acknowledge": "Acknowledge", "kind": "Kind", "observed-expected": "Observed / expected", "hotspots": "Hot spots (Gi*)", "no-data": "No incident recorded yet.", "all": "All",
        "as-of": "As of", "by-category": "By category", "by-district": "By district", "district": "District",
        "compstat-note": "in brackets: the reference period and the change; ↑ ↓ mark a significant difference (exact Poisson test, p ≤ 0.05)",
        "last-7": "Last 7 days", "last-28-year-before": "28 days, a year before", "year-to-date": "Year to date",
        "weekly-series": "Incidents per week", "trend": "Trend", "hour-of-week": "Hours of the week (last 52 weeks)",
        "patrol": "Patrol plan", "units": "Units", "start-hour": "Start hour", "horizon": "Length",
        "radius": "Radius (m)", "plan": "Plan", "of-risk": "of the forecast risk covered", "briefing": "Printable briefing",
        "unit": "Unit", "centre": "Centre (lat., long.)", "share": "Share of risk", "expected": "Expected incidents",
        "provenance": "Where the forecast comes from", "quarantine": "Quarantine", "rows-quarantined": "rows in quarantine",
        "source": "Source", "file": "File", "line": "Line", "field": "Field", "reason": "Reason", "raw": "Content",
        "sources": "Register of sources", "title-column": "Title", "owner": "Owner", "purpose": "Purpose",
        "legal-regime": "Legal regime", "personal-data": "Personal data", "retention": "Retention",
        "public": "Public", "yes": "yes", "no": "no", "days": "days", "users": "Accounts",
        "users-note": "Accounts are managed here or with `vigie users` (password resets); every change is written to the audit log.",
        "role": "Role", "created": "Created", "state": "State", "disabled": "disabled on", "active": "active",
        "chain-intact": "The audit chain is intact", "chain-broken": "The audit chain is broken at entry",
        "when": "When", "who": "Who", "action": "Action", "target": "Target", "detail": "Filter",
        "report": "Monthly report", "month": "Month", "show": "Show", "print": "Print",
        "report-note": "report to elected officials: incidents recorded by the register's sources, by place and period; no data about persons",
        "vs-previous-month": "against the month before", "vs-year-before": "against the same month a year before",
        "alerts-raised": "alerts raised", "this-month": "This month", "previous-month": "Month before", "year-before": "A year before",
        "months-24": "Incidents per month, last 24 months", "days-of-month": "Incidents per day of the month",
        "report-method": "↑ ↓: significant difference at 5 % (exact Poisson test). Rates per 1,000 inhabitants from each district's population.",
    ]
}
