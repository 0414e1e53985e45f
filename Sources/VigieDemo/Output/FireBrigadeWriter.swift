import VigieCore

/// The fire brigade's interventions: NDJSON with ISO 8601 local times and offsets, Lambert-93 coordinates.
struct FireBrigadeWriter: SourceFileWriter {
    /// The fire brigade source.
    let source = DemoSource.fireBrigade
    /// The export's name.
    let fileName = "fire-brigade.ndjson"

    /// Reads the export: NDJSON, ISO 8601 times, EPSG:2154 coordinates.
    var mapping: MappingFile {
        MappingFile(
            source: source.register,
            format: [("type", "ndjson"), ("encoding", "utf-8")],
            referenceColumn: "intervention",
            time: [("column", "debut"), ("format", "iso8601"), ("precision", "exact")],
            location: [("x", "x"), ("y", "y"), ("crs", "EPSG:2154"), ("precision_m", "20")],
            categoryColumn: "motif", labels: labels, attributes: [], personal: [])
    }

    /// The export's bytes.
    func data(of incidents: [SyntheticIncident], context: WritingContext) -> [UInt8] {
        var output = TextOutput()
        var year = 0
        var counter = 0
        for incident in incidents {
            let offset = context.clock.offset(utc: incident.utc)
            let time = Timestamp(seconds: incident.utc + offset)
            if time.date.year != year { (year, counter) = (time.date.year, 0) }
            counter += 1
            let planar = Lambert93.project(incident.position)
            output.append("{\"intervention\":\"BMP-")
            output.append(year, width: 4)
            output.append("-")
            output.append(counter, width: 6)
            output.append("\",\"debut\":\"")
            output.appendISODate(time)
            output.append("T")
            output.appendTime(time)
            output.appendOffset(seconds: offset)
            output.append("\",\"motif\":")
            output.appendJSON(source.kinds[incident.kind].label)
            output.append(",\"x\":")
            output.append(planar.x, decimals: 2)
            output.append(",\"y\":")
            output.append(planar.y, decimals: 2)
            output.append("}\n")
        }
        return output.bytes
    }
}
