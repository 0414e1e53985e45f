import VigieCore

/// Electronic tickets: tab-separated UTF-8 with one local `yyyy-MM-dd HH:mm:ss` column and the plate number.
struct ElectronicTicketWriter: SourceFileWriter {
    /// The electronic tickets source.
    let source = DemoSource.electronicTickets
    /// The export's name.
    let fileName = "electronic-tickets.tsv"

    /// Reads the export: tab-separated, local times, plate pseudonymised.
    var mapping: MappingFile {
        MappingFile(
            source: source.register,
            format: [("type", "csv"), ("delimiter", "tab"), ("encoding", "utf-8")],
            referenceColumn: "numero_avis",
            time: [
                ("column", "horodatage"), ("format", "\"yyyy-MM-dd HH:mm:ss\""), ("time_zone", "Europe/Paris"),
                ("precision", "exact"),
            ],
            location: [("latitude", "latitude"), ("longitude", "longitude"), ("precision_m", "10")],
            categoryColumn: "infraction", labels: labels, attributes: [("immatriculation", "immatriculation")],
            personal: ["immatriculation"])
    }

    /// The export's bytes.
    func data(of incidents: [SyntheticIncident], context: WritingContext) -> [UInt8] {
        var random = SeededGenerator(seed: context.seed, stream: 104)
        let plates = LicencePlates(using: &random)
        var output = TextOutput()
        output.append("numero_avis\thorodatage\tinfraction\timmatriculation\tlatitude\tlongitude\n")
        var year = 0
        var counter = 0
        for incident in incidents {
            let time = Timestamp(seconds: context.clock.local(utc: incident.utc))
            if time.date.year != year { (year, counter) = (time.date.year, 0) }
            counter += 1
            output.append("13055")
            output.append(year % 100, width: 2)
            output.append(counter, width: 7)
            output.append("\t")
            output.appendISODate(time)
            output.append(" ")
            output.appendTime(time)
            output.append("\t")
            output.append(source.kinds[incident.kind].label)
            output.append("\t")
            output.append(plates.next(using: &random))
            output.append("\t")
            output.append(incident.position.latitude, decimals: 6)
            output.append("\t")
            output.append(incident.position.longitude, decimals: 6)
            output.append("\n")
        }
        return output.bytes
    }
}
