import Foundation
import Testing
import VigieCore
import VigieTestSupport

@testable import VigieIngest

@Suite("Agendas read through a mapping")
struct MappedAgendaTests {
    static let marseille = Deployment(
        name: "Marseille", timeZoneIdentifier: "Europe/Paris",
        area: BoundingBox(minX: 5.2, minY: 43.15, maxX: 5.6, maxY: 43.40))

    /// A CSV mapping whose location block is `location`.
    static func csvMapping(location: String = "latitude: lat\n  longitude: lon", format: String = "yyyy-MM-dd HH:mm") -> String {
        """
        source: agenda-ville
        format:
          type: csv
          delimiter: ";"
        reference:
          column: id
        title:
          column: libelle
        kind:
          column: type
          map:
            MARCHE: market
            TRAVAUX: roadworks
            MANIF: protest
        time:
          start: debut
          end: fin
          format: \(format)
        location:
          \(location)
        attendance:
          column: public
        organiser:
          column: organisateur
        """
    }

    /// Lives as long as the test: Swift Testing makes a suite instance per test.
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func read(_ file: URL, mapping yaml: String) throws -> MappedAgenda {
        let mapping = try AgendaMapping.parse(yaml: yaml, fileName: "agenda.yml")
        return try MappedAgendaReader.read(file, mapping: mapping, sourceID: 7, deployment: Self.marseille)
    }

    /// Text as Latin-1 bytes, as a Windows export writes it.
    static func latin1(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8($0.value) } }

    @Test("a Latin-1 CSV separated by ';' gives items with their accents, kind, times, place, attendance and organiser")
    func latin1CSV() throws {
        let file = try directory.write("agenda.csv", Self.latin1("""
            id;libelle;type;debut;fin;lat;lon;public;organisateur
            M1;Marché des Capucins;MARCHE;2026-03-03 07:00;2026-03-03 13:00;43,2966;5,3794;1 500;Ville de Marseille
            T1;Travaux réseau d'eau;travaux;2026-03-30 08:00;2026-04-02 17:30;43.2890;5.3830;;Société des Eaux de Marseille

            """))
        let agenda = try read(file, mapping: Self.csvMapping())
        #expect(agenda.encoding == .latin1)
        #expect(agenda.refused.isEmpty, "\(agenda.refused)")
        #expect(agenda.read == 2)
        let market = try #require(agenda.events.first)
        #expect(market.title == "Marché des Capucins" && market.sourceReference == "M1" && market.sourceID == 7)
        #expect(market.kind == .market && !market.isAllDay)
        #expect(market.startsAt == Date(timeIntervalSince1970: 1_772_517_600))  // 2026-03-03T06:00Z
        #expect(market.endsAt.timeIntervalSince(market.startsAt) == 6 * 3_600)
        #expect(market.geometry == .point(GeoPoint(latitude: 43.2966, longitude: 5.3794)))
        #expect(market.expectedAttendance == 1_500 && market.organiser == "Ville de Marseille")
        let works = agenda.events[1]
        #expect(works.kind == .roadworks, "labels are matched without case")
        #expect(works.title == "Travaux réseau d'eau" && works.expectedAttendance == nil)
        // Clocks go forward on 29 March 2026: 08:00 is 06:00 UTC from then on.
        #expect(works.startsAt == Date(timeIntervalSince1970: 1_774_850_400))  // 2026-03-30T06:00Z
    }

    @Test("Lambert-93 x and y become a position in the city")
    func lambert93() throws {
        let vieuxPort = GeoPoint(latitude: 43.2951, longitude: 5.3740)
        let projected = Lambert93.project(vieuxPort)
        let file = try directory.write("agenda.csv", text: """
            id;libelle;type;debut;fin;X;Y;public;organisateur
            V1;Visite officielle;MANIF;2026-05-12 10:00;2026-05-12 12:00;\(projected.x);\(projected.y);;Préfecture

            """)
        let agenda = try read(file, mapping: Self.csvMapping(location: "x: X\n  y: Y\n  crs: EPSG:2154"))
        guard case .point(let point)? = agenda.events.first?.geometry else {
            Issue.record("no point: \(agenda.refused)")
            return
        }
        #expect(abs(point.latitude - vieuxPort.latitude) < 1e-7 && abs(point.longitude - vieuxPort.longitude) < 1e-7)
    }

    @Test("a route comes from a geometry column as WKT or as GeoJSON text, an area as a WKT polygon")
    func geometryColumn() throws {
        let file = try directory.write("agenda.csv", text: """
            id;libelle;type;debut;fin;geo;public;organisateur
            P1;Défilé;MANIF;2026-05-01 10:00;2026-05-01 12:00;LINESTRING (5.3770 43.2960, 5.3810 43.2990, 5.3850 43.3010);3 000;Intersyndicale
            P2;Cortège;MANIF;2026-05-01 14:00;2026-05-01 16:00;"{""type"": ""LineString"", ""coordinates"": [[5.3770, 43.2960], [5.3850, 43.3010]]}";;
            T1;Chantier;TRAVAUX;2026-05-04 08:00;2026-05-29 17:00;"SRID=4326;POLYGON ((5.38 43.29, 5.39 43.29, 5.39 43.30, 5.38 43.29), (5.385 43.292, 5.386 43.292, 5.386 43.293, 5.385 43.292))";;

            """)
        let agenda = try read(file, mapping: Self.csvMapping(location: "geometry: geo"))
        #expect(agenda.refused.isEmpty, "\(agenda.refused)")
        #expect(agenda.events.map(\.geometry) == [
            .line([
                GeoPoint(latitude: 43.2960, longitude: 5.3770), GeoPoint(latitude: 43.2990, longitude: 5.3810),
                GeoPoint(latitude: 43.3010, longitude: 5.3850),
            ]),
            .line([GeoPoint(latitude: 43.2960, longitude: 5.3770), GeoPoint(latitude: 43.3010, longitude: 5.3850)]),
            .polygon([
                GeoPoint(latitude: 43.29, longitude: 5.38), GeoPoint(latitude: 43.29, longitude: 5.39),
                GeoPoint(latitude: 43.30, longitude: 5.39),
            ]),
        ])
        #expect(agenda.events[0].expectedAttendance == 3_000 && agenda.events[1].organiser == nil)
    }

    @Test("a GeoJSON FeatureCollection places its items at their features' points, routes and areas")
    func geoJSONFeatures() throws {
        let file = try directory.write("agenda.geojson", text: """
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.3794, 43.2966]},
             "properties": {"id": 1, "nom": "Marché", "categorie": "market", "debut": "2026-06-02T07:00:00+02:00", "fin": "2026-06-02T13:00:00+02:00", "public": 1500.0}},
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[5.37, 43.29], [5.38, 43.30]]},
             "properties": {"id": 2, "nom": "Semi-marathon", "categorie": "event", "debut": "2026-06-07T08:00", "fin": "2026-06-07T12:00"}},
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[5.38, 43.29], [5.39, 43.29], [5.39, 43.30], [5.38, 43.29]]]},
             "properties": {"id": 3, "nom": "Tournage", "categorie": "film-shoot", "debut": "2026-06-10T06:00Z", "fin": "2026-06-10T20:00Z"}},
            {"type": "Feature", "geometry": {"type": "MultiLineString", "coordinates": [[[5.37, 43.29], [5.38, 43.30]], [[5.38, 43.30], [5.39, 43.31]]]},
             "properties": {"id": 4, "nom": "Procession", "categorie": "event", "debut": "2026-08-15T18:00", "fin": "2026-08-15T20:00"}},
            {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [[[[5.38, 43.29], [5.39, 43.29], [5.39, 43.30], [5.38, 43.29]]], [[[5.30, 43.25], [5.31, 43.25], [5.31, 43.26], [5.30, 43.25]]]]},
             "properties": {"id": 5, "nom": "Travaux en deux lieux", "categorie": "roadworks", "debut": "2026-09-01T08:00", "fin": "2026-09-02T17:00"}}
            ]}
            """)
        let agenda = try read(file, mapping: """
            source: agenda-ville
            format: {type: geojson}
            reference: {column: id}
            title: {column: nom}
            kind: {column: categorie}
            time: {start: debut, end: fin, format: iso8601}
            attendance: {column: public}
            """)
        #expect(agenda.events.map(\.title) == ["Marché", "Semi-marathon", "Tournage", "Procession"])
        #expect(agenda.events.map(\.kind) == [.market, .event, .filmShoot, .event], "a label that is a kind's name needs no map")
        #expect(agenda.events[0].startsAt == Date(timeIntervalSince1970: 1_780_376_400))  // 2026-06-02T05:00Z
        #expect(agenda.events[0].expectedAttendance == 1_500, "a JSON number with a zero fraction is whole")
        #expect(agenda.events[1].geometry == .line([
            GeoPoint(latitude: 43.29, longitude: 5.37), GeoPoint(latitude: 43.30, longitude: 5.38),
        ]))
        guard case .polygon(let ring) = agenda.events[2].geometry else {
            Issue.record("not an area: \(agenda.events[2].geometry)")
            return
        }
        #expect(ring.count == 3 && ring.first != ring.last, "the ring is held open")
        #expect(agenda.events[3].geometry.points.count == 3, "parts that join end to start are one route")
        let refusal = try #require(agenda.refused.first)
        #expect(refusal.line == 10 && refusal.field == "geometry")
        #expect(refusal.reason == "feature 5: geometry: a MultiPolygon of 2 separate areas is not one area: give one row per area")
    }

    @Test("an NDJSON geometry may be an object, as Opendatasoft exports geo_shape")
    func ndjsonGeometryObject() throws {
        let file = try directory.write("agenda.ndjson", text: """
            {"id": "a", "libelle": "Braderie", "type": "MARCHE", "debut": "2026-09-05 08:00", "fin": "2026-09-05 18:00", "geo": {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[5.37, 43.29], [5.38, 43.30]]}, "properties": {}}, "public": 20000}
            {"id": "b", "libelle": "Vide-grenier", "type": "MARCHE", "debut": "2026-09-06 08:00", "fin": "2026-09-06 18:00", "geo": "POINT (5.3794 43.2966)"}

            """)
        let yaml = Self.csvMapping(location: "geometry: geo").replacingOccurrences(
            of: "  type: csv\n  delimiter: \";\"", with: "  type: ndjson")
        let agenda = try read(file, mapping: yaml)
        #expect(agenda.refused.isEmpty, "\(agenda.refused)")
        #expect(agenda.events.map(\.geometry.points.count) == [2, 1])
        #expect(agenda.events[0].expectedAttendance == 20_000)
    }

    @Test("dates alone make all-day items that end after their last day, or after their one day without an end")
    func allDay() throws {
        let file = try directory.write("agenda.csv", text: """
            id;libelle;type;debut;fin;lat;lon;public;organisateur
            F1;Fête nationale;MANIF;14/07/2026;15/07/2026;43.2951;5.3740;;
            F2;Braderie;MARCHE;05/09/2026;;43.2951;5.3740;;
            F3;Foire aux santons;MARCHE;28/11/2026;28/11/2026;43.2951;5.3740;;

            """)
        let agenda = try read(file, mapping: Self.csvMapping(format: "dd/MM/yyyy"))
        #expect(agenda.refused.isEmpty, "\(agenda.refused)")
        #expect(agenda.events.allSatisfy { $0.isAllDay })
        let feast = agenda.events[0]
        #expect(feast.startsAt == Date(timeIntervalSince1970: 1_783_980_000))  // 2026-07-13T22:00Z, midnight in Paris
        #expect(feast.endsAt == Date(timeIntervalSince1970: 1_784_152_800), "the end date is the last day, inclusive")
        #expect(agenda.events[1].endsAt.timeIntervalSince(agenda.events[1].startsAt) == 86_400)
        // 28 November is in winter time: midnight in Paris is 23:00 UTC the day before.
        #expect(agenda.events[2].startsAt == Date(timeIntervalSince1970: 1_795_820_400))
        #expect(agenda.events[2].endsAt.timeIntervalSince(agenda.events[2].startsAt) == 86_400)
    }

    static let header = "id;libelle;type;debut;fin;lat;lon;public;organisateur\n"
    static let goodRow = "OK;Marché;MARCHE;2026-03-03 07:00;2026-03-03 13:00;43.2966;5.3794;;Ville de Marseille\n"

    @Test("every refusal names its line, its field and a reason a person can act on", arguments: [
        ("X;Concert;MANIF;2026-02-30 20:00;2026-02-30 23:00;43.2966;5.3794;;", "debut",
            "time.start (debut): 2026-02-30T20:00:00 is not a real date and time: day 30 does not exist"),
        ("X;Concert;MANIF;20h30;2026-03-01 23:00;43.2966;5.3794;;", "debut",
            "time.start (debut): '20h30' does not match the format 'yyyy-MM-dd HH:mm'"),
        ("X;Concert;MANIF;2026-03-01 20:00;2026-03-01 19:00;43.2966;5.3794;;", "fin",
            "time.end (fin): ends at '2026-03-01 19:00', before it starts at '2026-03-01 20:00'"),
        ("X;Concert;MANIF;2026-03-01 20:00;2026-03-01 20:00;43.2966;5.3794;;", "fin",
            "time.end (fin): ends when it starts: an item needs a length"),
        ("X;Concert;MANIF;2026-03-01 20:00;;43.2966;5.3794;;", "fin",
            "time.end (fin): is empty: an item with an hour needs its end"),
        ("X;Concert;MANIF;2026-03-01 20:00;9999-12-31 00:00;43.2966;5.3794;;", "fin",
            "time.end (fin): '9999-12-31 00:00' lies after 2100: a placeholder"),
        ("X;Concert;CONCERT;2026-03-01 20:00;2026-03-01 23:00;43.2966;5.3794;;", "type",
            "kind.column (type): label 'CONCERT' is not mapped; add it under kind.map in agenda.yml, or set kind.default"),
        ("X;Concert;MANIF;2026-03-01 20:00;2026-03-01 23:00;43.2966;5.3794;12,000;", "public",
            "attendance.column (public): '12,000' is ambiguous: a comma or a point may separate thousands or decimals"),
        ("X;Concert;MANIF;2026-03-01 20:00;2026-03-01 23:00;43.2966;5.3794;-5;", "public",
            "attendance.column (public): '-5' is negative"),
        ("X;Concert;MANIF;2026-03-01 20:00;2026-03-01 23:00;43.2966;5.3794;beaucoup;", "public",
            "attendance.column (public): 'beaucoup' is not a whole number of people"),
        ("X;Concert;MANIF;2026-03-01 20:00;2026-03-01 23:00;43.2966;5.3794;;jean.dupont@example.org", "organisateur",
            "organiser.column (organisateur): holds what looks like an e-mail address: give the organising body's name, not a contact"),
        ("X;Concert;MANIF;2026-03-01 20:00;2026-03-01 23:00;43.2966;5.3794;;M. Dupont 06 12 34 56 78", "organisateur",
            "organiser.column (organisateur): holds what looks like a phone number: give the organising body's name, not a contact"),
        ("X;Concert;MANIF;2026-03-01 20:00;2026-03-01 23:00;48.8566;2.3522;;", "lat",
            "location.latitude (lat): latitude 48.8566, longitude 2.3522 lies outside the deployment's area"),
        ("X;Concert;MANIF;2026-03-01 20:00;2026-03-01 23:00;5.3794;43.2966;;", "lat",
            "latitude and longitude look swapped"),
        ("X;Concert;MANIF;2026-03-01 20:00;2026-03-01 23:00;;;;", "lat", "location.latitude (lat): no position given"),
        ("X;;MANIF;2026-03-01 20:00;2026-03-01 23:00;43.2966;5.3794;;", "libelle", "title.column (libelle): is empty"),
        ("OK;Concert;MANIF;2026-03-01 20:00;2026-03-01 23:00;43.2966;5.3794;;", "id",
            "reference.column (id): 'OK' is already the reference of line 2; each item needs its own"),
    ])
    func refusals(row: String, field: String, reason: String) throws {
        let file = try directory.write("agenda.csv", text: Self.header + Self.goodRow + row + "\n")
        let agenda = try read(file, mapping: Self.csvMapping())
        #expect(agenda.events.map(\.sourceReference) == ["OK"])
        let refusal = try #require(agenda.refused.first)
        #expect(refusal.line == 3)
        #expect(refusal.recordNumber == 2)
        #expect(refusal.field == field)
        #expect(refusal.reason.contains(reason), "\(refusal.reason)")
        #expect(refusal.reference == row, "the record is kept as written")
    }

    @Test("a position of a route outside the area is named by its rank, and a date with a time where dates are expected is refused")
    func routeOutsideAndMixedTimes() throws {
        let file = try directory.write("agenda.csv", text: """
            id;libelle;type;debut;fin;geo;public;organisateur
            R1;Course;MANIF;2026-05-01 10:00;2026-05-01 12:00;LINESTRING (5.37 43.29, 5.38 43.30, 2.35 48.85);;
            R2;Course;MANIF;2026-05-01 10:00;2026-05-01 12:00;MULTILINESTRING ((5.37 43.29, 5.38 43.30), (5.39 43.31, 5.40 43.32));;
            R3;Course;MANIF;2026-05-01 10:00;2026-05-01 12:00;CIRCLE (5.37 43.29, 100);;

            """)
        let agenda = try read(file, mapping: Self.csvMapping(location: "geometry: geo"))
        #expect(agenda.events.isEmpty)
        #expect(agenda.refused.map(\.line) == [2, 3, 4])
        #expect(agenda.refused.allSatisfy { $0.field == "geo" })
        #expect(agenda.refused[0].reason.hasPrefix("location.geometry (geo): position 3 of 3: latitude 48.85, longitude 2.35 lies outside"))
        #expect(agenda.refused[1].reason.contains("do not each start where the previous one ends is not one route: give one row per part"))
        #expect(agenda.refused[2].reason.contains("is neither GeoJSON"))
    }

    @Test("a start given as a date and an end with a time are refused as written differently")
    func mixedTimes() throws {
        let file = try directory.write("agenda.csv", text: Self.header + """
            X;Concert;MANIF;2026-03-01;2026-03-01T23:00;43.2966;5.3794;;

            """)
        let agenda = try read(file, mapping: Self.csvMapping(format: "iso8601"))
        let refusal = try #require(agenda.refused.first)
        #expect(refusal.line == 2 && refusal.field == "fin")
        #expect(refusal.reason == "time.end (fin): gives a date and time while time.start gives a date alone: write both the same way")
    }

    @Test("a mapped column the CSV lacks stops the reading, naming the mapping key and the columns there are")
    func missingColumn() throws {
        let file = try directory.write("agenda.csv", text: "id;titre\nA;Marché\n")
        #expect {
            _ = try read(file, mapping: Self.csvMapping())
        } throws: { error in
            "\(error)".contains("column 'libelle' (title.column in agenda.yml) is not in the file; its columns are: 'id', 'titre'")
        }
    }

    @Test("attendance accepts digits, grouped by three with spaces, and refuses ambiguous separators", arguments: [
        ("12000", 12_000), ("12 000", 12_000), ("12\u{00A0}000", 12_000), ("1\u{202F}200\u{202F}000", 1_200_000),
        ("0", 0), ("", nil),
    ] as [(String, Int?)])
    func attendanceAccepted(text: String, expected: Int?) throws {
        #expect(try Attendance.read(text).get() == expected)
    }

    @Test("attendance refuses what is not a whole number of people", arguments: [
        "12,000", "12.000", "12 00", "1 2000", "-3", "3e4", "20000000", "environ 300",
    ])
    func attendanceRefused(text: String) {
        #expect(throws: FieldProblem.self) { try Attendance.read(text).get() }
    }

    @Test("an organiser is a body's name; e-mail addresses and phone numbers are refused", arguments: [
        ("Ville de Marseille", true), ("Association 1901 des commerçants", true), ("Comité des fêtes @ Noailles", true),
        ("contact@mairie-marseille.fr", false), ("Mairie <fetes@marseille.fr>", false), ("04 91 55 11 11", false),
        ("+33 (0)4.91.55.11.11", false), ("Mme Martin — 0612345678", false),
    ])
    func organisers(text: String, accepted: Bool) throws {
        let result = Organiser.read(text)
        if accepted {
            #expect(try result.get() == text)
        } else {
            #expect(throws: FieldProblem.self) { try result.get() }
        }
    }
}
