import Foundation
import Testing
import VigieTestSupport

@testable import VigieCore

/// The 111 quartiers of Marseille read from the shared GeoJSON, in file order.
fileprivate struct MarseilleQuartiers: Sendable {
    struct Quartier: Sendable {
        let name: String
        let arrondissement: String
        let polygon: Polygon
    }

    let quartiers: [Quartier]
    let byName: PolygonIndex<String>

    static let shared = Result { try MarseilleQuartiers() }

    init() throws {
        let url = ProjectFiles.sharedData("marseille_quartiers_111.geojson")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        let features = try #require((root as? [String: Any])?["features"] as? [[String: Any]])
        quartiers = try features.map { feature in
            let properties = try #require(feature["properties"] as? [String: Any])
            return Quartier(
                name: try #require(properties["nom_qua"] as? String),
                arrondissement: try #require(properties["depco"] as? String),
                polygon: try Polygon.fromGeoJSONGeometry(try #require(feature["geometry"]))
            )
        }
        byName = PolygonIndex(quartiers.map { (key: $0.name, polygon: $0.polygon) })
    }

    func arrondissement(of name: String) -> String? {
        quartiers.first { $0.name == name }?.arrondissement
    }

    func linearScan(x: Double, y: Double) -> String? {
        quartiers.first { $0.polygon.contains(x: x, y: y) }?.name
    }
}

@Suite("Marseille quartiers (real data)")
struct MarseilleQuartiersTests {
    /// For each quartier, shapely 2.2.0's `representative_point()` of its geometry (guaranteed inside),
    /// computed in Python from the same file with `shapely.geometry.shape(feature["geometry"])`;
    /// each was checked to lie in no other quartier. (nom_qua, depco, longitude, latitude).
    static let representativePoints: [(name: String, arrondissement: String, longitude: Double, latitude: Double)] = [
        ("SAINT-JEAN-DU-DESERT", "13212", 5.422385841754304, 43.29470197453932),
        ("SAINT-JULIEN", "13212", 5.44281131688364, 43.31338676263569),
        ("LES TROIS LUCS", "13212", 5.463875613134048, 43.31136629572854),
        ("LA CROIX ROUGE", "13213", 5.443881975742764, 43.33660733754504),
        ("LES MOURETS", "13213", 5.422454349663861, 43.3680538418654),
        ("BON-SECOURS", "13214", 5.385051312411971, 43.32179910446435),
        ("LA JOLIETTE", "13202", 5.3671687380642075, 43.30395231321313),
        ("CHUTES-LAVIE", "13204", 5.39680195257324, 43.31151719435538),
        ("SAINT-PIERRE", "13205", 5.408511276498257, 43.29316274651974),
        ("PALAIS-DE-JUSTICE", "13206", 5.374738322330733, 43.28899527169901),
        ("VAUBAN", "13206", 5.376084817309838, 43.28352464043538),
        ("BOMPARD", "13207", 5.361753304841653, 43.28020143560011),
        ("LE PHARO", "13207", 5.359051629540707, 43.291437080866146),
        ("LA PLAGE", "13208", 5.374993243536395, 43.26576453125763),
        ("LA TIMONE", "13210", 5.41523184105327, 43.28727231390079),
        ("LA BARASSE", "13211", 5.482061513848759, 43.27044216048346),
        ("SAINT-MARCEL", "13211", 5.465933033499673, 43.28030306614787),
        ("LES CAILLOLS", "13212", 5.4474959370567175, 43.30277874643606),
        ("CHATEAU-GOMBERT", "13213", 5.443353340686208, 43.3476133701938),
        ("LES OLIVES", "13213", 5.450314244482518, 43.32576456039607),
        ("LES ARNAVAUX", "13214", 5.376580588833226, 43.334408172220975),
        ("LE MERLAN", "13214", 5.408098985236283, 43.35474484672021),
        ("SAINTE MARTHE", "13214", 5.397758003404236, 43.3464186182435),
        ("LES AYGALADES", "13215", 5.373389185889721, 43.35945793626188),
        ("LES CROTTES", "13215", 5.367224280143383, 43.32315727519365),
        ("LA DELORME", "13215", 5.372221340443085, 43.3457462708009),
        ("SAINT-ANTOINE", "13215", 5.362366702583575, 43.37196867707805),
        ("VERDURON", "13215", 5.343730384259118, 43.3699667763333),
        ("LES RIAUX", "13216", 5.293530149560057, 43.37113800377294),
        ("BAILLE", "13205", 5.400017742114338, 43.28860060072164),
        ("LES GOUDES", "13208", 5.364347624607618, 43.217230936336755),
        ("LE CABOT", "13209", 5.416468761307161, 43.25691250690719),
        ("THIERS", "13201", 5.384237185632196, 43.29734155757626),
        ("ARENC", "13202", 5.361974099628789, 43.320926421893816),
        ("GRANDS-CARMES", "13202", 5.370932435367992, 43.302317769581265),
        ("LA CONCEPTION", "13205", 5.3933900283594145, 43.29077201698014),
        ("NOTRE-DAME-DU-MONT", "13206", 5.385826658226905, 43.292629742549295),
        ("PREFECTURE", "13206", 5.380586934234454, 43.29075547349619),
        ("ENDOUME", "13207", 5.353134760497911, 43.283373096849715),
        ("LES ILES", "13207", 5.305691671869067, 43.273943378402564),
        ("BONNEVEINE", "13208", 5.380292386581704, 43.255488459387365),
        ("PERIER", "13208", 5.381175465062613, 43.27539061950242),
        ("VIEILLE-CHAPELLE", "13208", 5.384254132461805, 43.245774608183005),
        ("LES BAUMETTES", "13209", 5.423954070345511, 43.22245771400327),
        ("MAZARGUES", "13209", 5.406036103979495, 43.250269483867626),
        ("SAINT-LOUP", "13210", 5.436948883344983, 43.275132304881225),
        ("SAINT-TRONC", "13210", 5.423831128734857, 43.26838624791),
        ("EOURES", "13211", 5.52352165004794, 43.30299104432443),
        ("LA POMME", "13211", 5.4357957838127975, 43.290869879302946),
        ("SAINT-BARNABE", "13212", 5.4167481707590515, 43.305031202521874),
        ("MALPASSE", "13213", 5.416542775181538, 43.32543738568272),
        ("LA ROSE", "13213", 5.427645513088233, 43.33033185455999),
        ("SAINT-MITRE", "13213", 5.424757002180628, 43.346922243171264),
        ("NOTRE-DAME-LIMITE", "13215", 5.363664718905708, 43.382660140436656),
        ("L'ESTAQUE", "13216", 5.3137109635283135, 43.368834366265844),
        ("SAINT-ANDRE", "13216", 5.344406500537245, 43.35289117425111),
        ("SAINT-HENRI", "13216", 5.332549331910467, 43.36011560311883),
        ("BELSUNCE", "13201", 5.376280093419462, 43.299265507215914),
        ("NOAILLES", "13201", 5.379590660673454, 43.295135402113615),
        ("BELLE-DE-MAI", "13203", 5.385381768108811, 43.31072502097268),
        ("SAINT-LAZARE", "13203", 5.377944748199782, 43.306313667960886),
        ("SAINT-MAURONT", "13203", 5.376592587321203, 43.3162480668819),
        ("LA VILLETTE", "13203", 5.373060507804006, 43.31062086632549),
        ("SAINT-VICTOR", "13207", 5.367971538701081, 43.288708851180246),
        ("MONTREDON", "13208", 5.365434420962974, 43.23200880322973),
        ("SAINT-GINIEZ", "13208", 5.39004149472512, 43.268919029169155),
        ("SAINTE ANNE", "13208", 5.391206176948333, 43.256780238003124),
        ("LA PANOUSE", "13209", 5.432987970426897, 43.25532217295678),
        ("LE REDON", "13209", 5.442383370679831, 43.23014365683643),
        ("LA CAPELETTE", "13210", 5.406900945453961, 43.280027718561485),
        ("MENPENTI", "13210", 5.3953776236393, 43.28178248017048),
        ("LES ACCATES", "13211", 5.495618421046498, 43.30437693975597),
        ("SAINT-MENET", "13211", 5.5019351222885815, 43.29038609209135),
        ("LE CHAPITRE", "13201", 5.384593016665164, 43.300483985526654),
        ("LA BLANCARDE", "13204", 5.4046911080433055, 43.302688091323375),
        ("LES CHARTREUX", "13204", 5.405260890280498, 43.311272906317626),
        ("CINQ-AVENUES", "13204", 5.397122916478333, 43.302986254604775),
        ("LES CAMOINS", "13211", 5.511557425996234, 43.30549858975157),
        ("LA VALENTINE", "13211", 5.4839418870980055, 43.30114525791681),
        ("LA FOURRAGERE", "13212", 5.430783718179946, 43.30279734135107),
        ("MONTOLIVET", "13212", 5.425425281853773, 43.3166260523046),
        ("LES MEDECINS", "13213", 5.454643685277713, 43.36409391142408),
        ("PALAMA", "13213", 5.440168187165547, 43.372314809837945),
        ("SAINT-JEROME", "13213", 5.415707258451418, 43.334429274488436),
        ("SAINT-JUST", "13213", 5.403763197688978, 43.321851605485506),
        ("LE CANET", "13214", 5.376193328195659, 43.32511242094267),
        ("SAINT-BARTHELEMY", "13214", 5.395031526548351, 43.32569204389546),
        ("SAINT-JOSEPH", "13214", 5.38377623524158, 43.35194074629827),
        ("LES BORELS", "13215", 5.367792010510227, 43.36505939974603),
        ("LA CABUCELLE", "13215", 5.361423147528122, 43.33371923395333),
        ("LA CALADE", "13215", 5.350437675505759, 43.343613946510544),
        ("SAINT-LOUIS", "13215", 5.3597915773133025, 43.34668621937125),
        ("LA VISTE", "13215", 5.354546800482963, 43.360726202825035),
        ("OPERA", "13201", 5.374856678384707, 43.29352062960555),
        ("SAINT-CHARLES", "13201", 5.387916181449913, 43.30488877549062),
        ("HOTEL DE VILLE", "13202", 5.368353667943511, 43.29705669691335),
        ("LE CAMAS", "13205", 5.3935633594429895, 43.29641987937441),
        ("CASTELLANE", "13206", 5.382757916197649, 43.28510134050008),
        ("LODI", "13206", 5.38806681692528, 43.28657358203904),
        ("ROUCAS-BLANC", "13207", 5.366758779908439, 43.275849838246316),
        ("SAINT-LAMBERT", "13207", 5.360645634705184, 43.28637578879258),
        ("POINTE ROUGE", "13208", 5.3815744983629, 43.23905133762496),
        ("LE ROUET", "13208", 5.393070314199795, 43.278120246575114),
        ("CARPIAGNE", "13209", 5.4931912880640175, 43.24946489174167),
        ("SORMIOU", "13209", 5.394258147300592, 43.224492902927366),
        ("SAINTE MARGUERITE", "13209", 5.405108709654257, 43.265699658265646),
        ("VAUFREGES", "13209", 5.483272117354533, 43.22745109906812),
        ("PONT-DE-VIVAUX", "13210", 5.420295779573044, 43.27964994011523),
        ("LA MILLIERE", "13211", 5.499624207652185, 43.27350864133028),
        ("LA TREILLE", "13211", 5.509779507808499, 43.31558504555659),
        ("LA VALBARELLE", "13211", 5.45167363651815, 43.28118293371232),
    ]

    /// Well-known places, with the quartier that shapely 2.2.0 (`geometry.contains(Point(lon, lat))`) finds
    /// for them in the same file, nil when no quartier contains them. Coordinates are approximate positions
    /// of the places; each is at least 3 m from any quartier boundary, so the answer does not hinge on rounding.
    static let places: [(place: String, longitude: Double, latitude: Double, name: String?, arrondissement: String?)] = [
        ("Gare Saint-Charles", 5.3806, 43.3026, "SAINT-CHARLES", "13201"),
        ("Vieux-Port, Quai des Belges", 5.3740, 43.2951, "OPERA", "13201"),
        ("Stade Vélodrome", 5.3959, 43.2698, "SAINT-GINIEZ", "13208"),
        ("Notre-Dame de la Garde", 5.3712, 43.2840, "VAUBAN", "13206"),
        ("Mucem", 5.3610, 43.2967, "LA JOLIETTE", "13202"),
        ("Château d'If", 5.3253, 43.2799, "LES ILES", "13207"),
        ("Hôtel de Ville", 5.3698, 43.2966, "HOTEL DE VILLE", "13202"),
        ("Palais Longchamp", 5.3947, 43.3046, "CINQ-AVENUES", "13204"),
        ("Parc Borély", 5.3826, 43.2597, "BONNEVEINE", "13208"),
        ("L'Estaque", 5.3158, 43.3633, "L'ESTAQUE", "13216"),
        ("Campus de Luminy", 5.4366, 43.2323, "LE REDON", "13209"),
        ("Hôpital de la Timone", 5.4007, 43.2897, "BAILLE", "13205"),
        ("Open sea off the Frioul islands", 5.25, 43.22, nil, nil),
        ("Aix-en-Provence", 5.4474, 43.5297, nil, nil),
        ("Allauch village", 5.4822, 43.3369, nil, nil),
        ("Cassis", 5.5378, 43.2148, nil, nil),
    ]

    @Test("the file holds 111 uniquely named quartiers in 16 arrondissements")
    func inventory() throws {
        let data = try MarseilleQuartiers.shared.get()
        #expect(data.quartiers.count == 111)
        #expect(Set(data.quartiers.map(\.name)).count == 111)
        #expect(Set(data.quartiers.map(\.arrondissement)) == Set((13201...13216).map(String.init)))
        #expect(data.byName.count == 111)
    }

    @Test("every representative point is found in its quartier and arrondissement, by the index and by a linear scan")
    func representativePointsAreFound() throws {
        let data = try MarseilleQuartiers.shared.get()
        #expect(Self.representativePoints.count == 111)
        for point in Self.representativePoints {
            let found = data.byName.locate(x: point.longitude, y: point.latitude)
            #expect(found == point.name)
            #expect(found.flatMap(data.arrondissement(of:)) == point.arrondissement)
            #expect(data.linearScan(x: point.longitude, y: point.latitude) == point.name)
        }
    }

    @Test("well-known places land in the quartier shapely finds", arguments: places)
    func place(place: (place: String, longitude: Double, latitude: Double, name: String?, arrondissement: String?)) throws {
        let data = try MarseilleQuartiers.shared.get()
        let found = data.byName.locate(x: place.longitude, y: place.latitude)
        #expect(found == place.name, "\(place.place)")
        #expect(found.flatMap(data.arrondissement(of:)) == place.arrondissement, "\(place.place)")
    }

    @Test("the index agrees with a linear scan on 20,000 points spread over the city's bounding box")
    func randomAgreement() throws {
        let data = try MarseilleQuartiers.shared.get()
        let box = try #require(data.quartiers.compactMap(\.polygon.boundingBox).reduce(nil as BoundingBox?) { $0?.union($1) ?? $1 })
        var located = 0
        for i in 1...20_000 {
            // The R2 low-discrepancy sequence spreads the points evenly without a random generator.
            let u = Double(i) * 0.754_877_666_246_692_7
            let v = Double(i) * 0.569_840_290_998_053_2
            let x = box.minX + (u - u.rounded(.down)) * box.width
            let y = box.minY + (v - v.rounded(.down)) * box.height
            let found = data.byName.locate(x: x, y: y)
            #expect(found == data.linearScan(x: x, y: y))
            if found != nil { located += 1 }
        }
        // Land covers roughly half of the bounding box (the rest is sea and neighbouring towns).
        #expect(located > 5_000 && located < 15_000)
    }

    @Test("dissolving quartiers by arrondissement gives 16 districts that locate the same places")
    func arrondissements() throws {
        let data = try MarseilleQuartiers.shared.get()
        var districts: [String: Polygon] = [:]
        for quartier in data.quartiers {
            districts[quartier.arrondissement] = districts[quartier.arrondissement].map { $0.merging(quartier.polygon) } ?? quartier.polygon
        }
        #expect(districts.count == 16)
        let index = PolygonIndex(districts.sorted { $0.key < $1.key }.map { (key: $0.key, polygon: $0.value) })
        for place in Self.places {
            #expect(index.locate(x: place.longitude, y: place.latitude) == place.arrondissement, "\(place.place)")
        }
    }

    @Test("the city's area, projected locally, matches the geodesic area within 0.1 %")
    func area() throws {
        let data = try MarseilleQuartiers.shared.get()
        let projection = LocalProjection(origin: GeoPoint(latitude: 43.2965, longitude: 5.3698))
        let squareMetres = data.quartiers.reduce(0.0) { total, quartier in
            total + quartier.polygon.mapped { projection.project(GeoPoint(latitude: $0.y, longitude: $0.x)) }.area
        }
        // 238.146 km²: sum of pyproj 3.7.2 `Geod(ellps="WGS84").geometry_area_perimeter` over the 111 geometries.
        #expect(abs(squareMetres / 1e6 - 238.146) / 238.146 < 1e-3, "got \(squareMetres / 1e6) km²")
    }
}
