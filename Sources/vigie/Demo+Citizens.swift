import Foundation
import VigieCore
import VigieIngest
import VigieServer
import VigieStore

extension Demo {
    /// The requests citizens sent over the last 30 days, at places their reports are made, each handled as
    /// far as its age allows: the triage page and the Open311 endpoint have something to show.
    static func citizenRequests(_ store: SQLiteStore, seed: UInt64, end: Date, count: Int) throws -> Int {
        guard let source = try store.source(named: "citizen-reports"), let sourceID = source.id else { return 0 }
        let places = try store.incidents(sourceID: sourceID, limit: 1_000_000).compactMap(\.location)
        guard !places.isEmpty else { return 0 }
        let locator = DistrictLocator(districts: try store.districts(level: nil))
        let catalogue = CitizenServiceCatalogue.standard
        var random = SeededGenerator(seed: seed, stream: 311)
        let texts: [String: [String]] = [
            "101": ["Sacs et cartons au pied du conteneur", "Matelas abandonné sur le trottoir", "Gravats devant l'immeuble"],
            "102": ["Tag sur la façade de l'école", "Graffitis sur l'abribus"],
            "103": ["Lampadaire éteint depuis trois soirs", "Deux lampadaires clignotent"],
            "104": ["Nid-de-poule dangereux pour les deux-roues", "Dalle descellée devant la pharmacie"],
            "105": ["Musique forte tous les soirs après minuit", "Travaux bruyants dès 6 h"],
            "106": ["Voitures garées sur le passage piéton", "Camion sur la piste cyclable"],
            "107": ["Voiture sans plaque immobile depuis un mois"],
            "108": ["Banc cassé sur la place", "Corbeille arrachée"],
            "109": ["Canapé et armoire à enlever"],
            "110": ["Plaque d'égout bruyante au passage des voitures"],
        ]
        let notes: [CitizenRequestStatus: String] = [
            .inProgress: "Votre signalement est transmis à l'équipe de secteur.",
            .actionScheduled: "Une intervention est programmée dans la semaine.",
            .fixed: "L'intervention a eu lieu : merci de votre signalement.",
            .duplicate: "Ce problème a déjà été signalé ; il est suivi sous un autre numéro.",
            .notResponsible: "Ce lieu relève d'un propriétaire privé, qui a été prévenu.",
        ]
        for index in 0..<count {
            let service = catalogue.services[random.below(catalogue.services.count)]
            let place = places[places.count - 1 - random.below(min(places.count, 5_000))]
            let requestedAt = end.addingTimeInterval(-Double(random.below(30 * 86_400)) - 3_600)
            var answers: [String: [String]] = [:]
            for attribute in service.attributes where attribute.variable && (attribute.required || random.unit() < 0.5) {
                switch attribute.datatype {
                case .singlevaluelist: answers[attribute.code] = [attribute.values[random.below(attribute.values.count)].key]
                case .multivaluelist: answers[attribute.code] = [attribute.values[random.below(attribute.values.count)].key]
                case .number: answers[attribute.code] = [String(1 + random.below(20))]
                case .datetime: answers[attribute.code] = [W3CDateTime.format(requestedAt.addingTimeInterval(-7_200), timeZone: .gmt)]
                case .string, .text: answers[attribute.code] = ["Voir la description"]
                }
            }
            let options = texts[service.code] ?? ["Problème constaté"]
            let token = String(format: "demo%012d%08x", index, random.next() & 0xffff_ffff)
            let stored = try store.submit(
                CitizenRequest(
                    token: token, serviceCode: service.code, body: service.body, description: options[random.below(options.count)],
                    address: nil, location: place, attributes: answers, channel: index % 3 == 0 ? "web" : "open311:appli-demo",
                    requestedAt: requestedAt),
                incident: Incident(
                    sourceID: sourceID, sourceReference: "request-" + token, category: service.category, rawLabel: service.nameFR,
                    occurredAt: requestedAt, timePrecision: .exact, location: place, locationPrecisionMeters: nil,
                    attributes: ["service": service.code], districts: locator.codes(at: place)),
                contact: nil, photo: nil)
            // Older requests have gone further: a day or two per step.
            let ageDays = end.timeIntervalSince(requestedAt) / 86_400
            let path: [CitizenRequestStatus] = switch random.below(10) {
            case 0: [.duplicate]
            case 1: [.notResponsible]
            case 2, 3: [.inProgress, .actionScheduled]
            default: [.inProgress, .actionScheduled, .fixed]
            }
            var at = requestedAt
            for (step, status) in path.enumerated() where Double(step + 1) * 2 < ageDays {
                at = at.addingTimeInterval(Double(1 + random.below(2)) * 86_400)
                _ = try store.addUpdate(CitizenRequestUpdate(
                    requestID: stored.id!, status: status, body: service.body, note: notes[status], actor: "operator", at: at))
            }
        }
        return count
    }
}
