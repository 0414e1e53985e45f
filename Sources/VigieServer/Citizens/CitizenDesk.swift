import Foundation
import Logging
import ServiceLifecycle
import VigieCore
import VigieIngest

/// What a citizen or a client sent, before it is checked: the fields of an Open311 POST, or of the public form.
struct CitizenSubmission: Sendable {
    var serviceCode: String?
    var latitude: String?
    var longitude: String?
    var address: String?
    var addressID: String?
    var description: String?
    var attributes: [String: [String]] = [:]
    var mediaURL: String?
    var email: String?
    var phone: String?
    var firstName: String?
    var lastName: String?
    var deviceID: String?
    var accountID: String?
    var photo: RequestPhoto?
    /// `web`, or the label of the Open311 key.
    var channel: String
}

/// Turns submissions into stored requests, and steps of handling into updates: the one place both the
/// Open311 endpoint and the public form go through.
struct CitizenDesk: Sendable {
    let store: any ServedStore
    let settings: CitizenSettings
    let pseudonymiser: Pseudonymiser?
    let locators = DistrictLocatorCache()
    /// The POST rate limits, per Open311 key and per web client.
    let limiter = RateLimiter()

    /// Checks a submission and stores it as a request and an incident of the citizen reports source. An
    /// unknown service is a 404; every other problem is listed in one 400.
    /// `problems` are those found before (a photo refused), listed with the others.
    func submit(_ submission: CitizenSubmission, problems earlier: [String] = [], now: Date = Date()) async throws -> CitizenRequest {
        guard let code = submission.serviceCode?.trimmingCharacters(in: .whitespaces), !code.isEmpty else {
            throw Open311Error(.badRequest, "service_code: is required")
        }
        guard let service = settings.catalogue.service(code) else {
            throw Open311Error(.notFound, "service_code: '\(code.prefix(40))' is not a service here; GET services.json lists them")
        }
        var problems = earlier
        let location = try locate(submission, problems: &problems)
        let address = submission.address?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if let address, address.unicodeScalars.count > 255 {
            problems.append("address_string: at most 255 characters, got \(address.unicodeScalars.count)")
        }
        if location == nil, address == nil, !problems.contains(where: { $0.hasPrefix("lat") || $0.hasPrefix("long") }) {
            problems.append(submission.addressID != nil
                ? "address_id: addresses are not known by id here; give lat and long, or address_string"
                : "location: give lat and long, or address_string")
        }
        let description = submission.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if description.unicodeScalars.count > CitizenService.maximumTextLength {
            problems.append("description: at most \(CitizenService.maximumTextLength) characters, got \(description.unicodeScalars.count)")
        }
        if let url = submission.mediaURL {
            if url.count > 2_048 || !(url.hasPrefix("https://") || url.hasPrefix("http://")) || URL(string: url)?.host == nil {
                problems.append("media_url: must be an http or https URL of at most 2048 characters")
            }
        }
        if let email = submission.email, email.unicodeScalars.count > 254 || !Self.looksLikeEmail(email) {
            problems.append("email: '\(email.prefix(40))' is not an e-mail address")
        }
        if let phone = submission.phone, phone.unicodeScalars.count > 32 || !phone.allSatisfy({ "0123456789+ .-()".contains($0) }) {
            problems.append("phone: '\(phone.prefix(40))' is not a phone number")
        }
        for (field, value) in [("first_name", submission.firstName), ("last_name", submission.lastName),
            ("device_id", submission.deviceID), ("account_id", submission.accountID)]
        {
            if let value, value.unicodeScalars.count > 128 { problems.append("\(field): at most 128 characters") }
        }
        var answers: [String: [String]] = [:]
        switch service.validate(submission.attributes) {
        case .success(let kept): answers = kept
        case .failure(let refused): problems += refused.messages
        }
        guard let source = try store.source(named: settings.sourceName), let sourceID = source.id else {
            problems.append("the register has no '\(settings.sourceName)' source: an administrator registers it (vigie sources add \(settings.sourceName) …) before requests are taken")
            throw Open311Error(.badRequest, descriptions: problems)
        }
        guard problems.isEmpty else { throw Open311Error(.badRequest, descriptions: problems) }

        let token = SessionStore.randomToken()
        var districts: [String: String] = [:]
        if let location { districts = await locators.codes(at: location, store: store) }
        var attributes = ["service": service.code, "channel": submission.channel]
        for (code, values) in answers { attributes["attribute." + code] = values.joined(separator: ", ") }
        let incident = Incident(
            // The incident's reference is not the tracking token: roles that read incidents must not be able
            // to open the reporter's tracking page.
            sourceID: sourceID, sourceReference: "request-" + SessionStore.randomToken().prefix(32), category: service.category, rawLabel: service.nameFR,
            occurredAt: now, timePrecision: .exact, location: location, locationPrecisionMeters: nil, attributes: attributes,
            districts: districts)
        let request = CitizenRequest(
            token: token, serviceCode: service.code, body: service.body, description: description,
            address: address, location: location, attributes: answers,
            mediaURL: submission.mediaURL, channel: submission.channel, requestedAt: now)
        let name = [submission.firstName, submission.lastName].compactMap { $0 }.joined(separator: " ")
        let contact = ReporterContact(
            email: submission.email, phone: submission.phone, name: name.isEmpty ? nil : name,
            devicePseudonym: submission.deviceID.flatMap { pseudonymiser?.pseudonym($0) },
            accountPseudonym: submission.accountID.flatMap { pseudonymiser?.pseudonym($0) },
            deleteAfter: now.addingTimeInterval(Double(settings.contactRetentionDays) * 86_400))
        return try store.submit(request, incident: incident, contact: contact, photo: submission.photo)
    }

    /// The position given, checked: both coordinates, numbers in range, inside the deployment's area.
    private func locate(_ submission: CitizenSubmission, problems: inout [String]) throws -> GeoPoint? {
        switch (submission.latitude, submission.longitude) {
        case (nil, nil):
            return nil
        case (.some, nil):
            problems.append("long: is required with lat")
        case (nil, .some):
            problems.append("lat: is required with long")
        case (.some(let latText), .some(let longText)):
            guard let latitude = Double(latText), latitude.isFinite, (-90...90).contains(latitude) else {
                problems.append("lat: '\(latText.prefix(40))' is not a latitude in degrees (-90 to 90)")
                return nil
            }
            guard let longitude = Double(longText), longitude.isFinite, (-180...180).contains(longitude) else {
                problems.append("long: '\(longText.prefix(40))' is not a longitude in degrees (-180 to 180)")
                return nil
            }
            let point = GeoPoint(latitude: latitude, longitude: longitude)
            if let area = try store.deployment().area, !area.contains(x: longitude, y: latitude) {
                problems.append("lat, long: \(latitude), \(longitude) is outside the area this city serves")
                return nil
            }
            return point
        }
        return nil
    }

    private static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }

    /// Records a step of handling of request `id`; returns the step and the request as it now stands.
    @discardableResult
    func update(
        id: Int64, status: CitizenRequestStatus, body: ResponsibleBody?, note: String?, expectedAt: Date? = nil, actor: String,
        now: Date = Date()
    ) throws -> (update: CitizenRequestUpdate, request: CitizenRequest) {
        guard let request = try store.citizenRequest(id: id) else {
            throw APIError(.notFound, "not-found", "there is no citizen request \(id)")
        }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let note, note.unicodeScalars.count > CitizenService.maximumTextLength {
            throw APIError(.badRequest, "bad-parameter", "note: at most \(CitizenService.maximumTextLength) characters")
        }
        let update = try store.addUpdate(CitizenRequestUpdate(
            requestID: id, status: status, body: body ?? request.body, note: note?.nilIfEmpty, actor: actor, at: now,
            expectedAt: expectedAt))
        return (update, try store.citizenRequest(id: id) ?? request)
    }
}

extension String {
    /// The string, or `nil` when it is empty.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// The district outlines, loaded once and again every few minutes, to give a request its districts.
actor DistrictLocatorCache {
    private var locator: DistrictLocator?
    private var loadedAt = Date.distantPast

    func codes(at point: GeoPoint, store: any ServedStore, now: Date = Date()) -> [String: String] {
        if locator == nil || now.timeIntervalSince(loadedAt) > 300 {
            locator = (try? store.districts(level: nil)).map { DistrictLocator(districts: $0) }
            loadedAt = now
        }
        return locator?.codes(at: point) ?? [:]
    }
}

/// Deletes reporters' contacts and photos whose date has passed, when the server starts and every hour:
/// their retention holds without a scheduled job (`vigie retention apply` does it too).
struct ReporterDataPurger: Service {
    let store: any ServedStore
    let logger: Logger
    static let interval: Duration = .seconds(3_600)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let purged = try store.purgeReporterData(now: Date())
                    if purged > 0 { logger.info("\(purged) citizen request(s) lost their reporter's contact or photo, past their date") }
                } catch {
                    logger.error("deleting reporters' contacts past their date failed: \(error)")
                }
                try await Task.sleep(for: Self.interval)
            }
        }
    }
}
