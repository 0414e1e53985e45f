import VigieCore

/// Residents' reports: a GeoJSON FeatureCollection of points, UTC times, the reporter's e-mail as personal data.
struct CitizenReportWriter: SourceFileWriter {
    /// The citizen reports source.
    let source = DemoSource.citizenReports
    /// The export's name.
    let fileName = "citizen-reports.geojson"

    /// Reads the export: GeoJSON points, ISO 8601 UTC times, e-mail pseudonymised.
    var mapping: MappingFile {
        MappingFile(
            source: source.register,
            format: [("type", "geojson"), ("encoding", "utf-8")],
            referenceColumn: "ref",
            time: [("column", "created"), ("format", "iso8601"), ("precision", "exact")],
            location: [("precision_m", "30")],
            categoryColumn: "type", labels: labels, attributes: [("reporter_email", "reporter_email")],
            personal: ["reporter_email"])
    }

    /// The export's bytes, one feature a line.
    func data(of incidents: [SyntheticIncident], context: WritingContext) -> [UInt8] {
        var random = SeededGenerator(seed: context.seed, stream: 103)
        let emails = ReporterEmails(using: &random)
        var output = TextOutput()
        output.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        for (index, incident) in incidents.enumerated() {
            let time = Timestamp(seconds: incident.utc)
            output.append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
            output.append(incident.position.longitude, decimals: 6)
            output.append(",")
            output.append(incident.position.latitude, decimals: 6)
            output.append("]},\"properties\":{\"ref\":\"CR-")
            output.append(index + 1, width: 7)
            output.append("\",\"created\":\"")
            output.appendISODate(time)
            output.append("T")
            output.appendTime(time)
            output.append("Z\",\"type\":")
            output.appendJSON(source.kinds[incident.kind].label)
            output.append(",\"reporter_email\":")
            output.appendJSON(emails.next(using: &random))
            output.append(index == incidents.count - 1 ? "}}\n" : "}},\n")
        }
        output.append("]}\n")
        return output.bytes
    }
}
