import VigieCore

/// The police log: a `;`-separated, Latin-1, CRLF export with local times to the minute and street names.
struct PoliceLogWriter: SourceFileWriter {
    /// The police log source.
    let source = DemoSource.policeLog
    /// The export's name.
    let fileName = "municipal-police-log.csv"

    /// Reads the export: Latin-1 CSV, local `dd/MM/yyyy HH:mm`, WGS84 columns.
    var mapping: MappingFile {
        MappingFile(
            source: source.register,
            format: [("type", "csv"), ("delimiter", "\";\""), ("encoding", "latin1")],
            referenceColumn: "num_fiche",
            time: [
                ("column", "date_heure"), ("format", "\"dd/MM/yyyy HH:mm\""), ("time_zone", "Europe/Paris"),
                ("precision", "exact"),
            ],
            location: [("latitude", "lat"), ("longitude", "lon"), ("precision_m", "10")],
            categoryColumn: "nature", labels: labels, attributes: [("voie", "voie")], personal: [])
    }

    /// The export's bytes.
    func data(of incidents: [SyntheticIncident], context: WritingContext) -> [UInt8] {
        var random = SeededGenerator(seed: context.seed, stream: 101)
        let streets = Arrondissement.all.map { $0.streets.map { $0.uppercased() } }
        var output = TextOutput(encoding: .latin1)
        output.append("num_fiche;date_heure;nature;voie;lat;lon\r\n")
        var year = 0
        var counter = 0
        for incident in incidents {
            let time = Timestamp(seconds: context.clock.local(utc: incident.utc))
            if time.date.year != year { (year, counter) = (time.date.year, 0) }
            counter += 1
            output.append("MC")
            output.append(year % 100, width: 2)
            output.append("-")
            output.append(counter, width: 6)
            output.append(";")
            output.append(time.date.day, width: 2)
            output.append("/")
            output.append(time.date.month, width: 2)
            output.append("/")
            output.append(time.date.year, width: 4)
            output.append(" ")
            output.appendTime(time, seconds: false)
            output.append(";")
            output.append(source.kinds[incident.kind].label)
            output.append(";")
            // The street only: a house number beside a neighbours' dispute would point at a household.
            output.append(random.element(of: streets[context.map.district(of: incident.position)]))
            output.append(";")
            output.append(incident.position.latitude, decimals: 6)
            output.append(";")
            output.append(incident.position.longitude, decimals: 6)
            output.append("\r\n")
        }
        return output.bytes
    }
}
