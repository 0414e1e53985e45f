import ArgumentParser

/// The `vigie` command: the one composition root, which picks the store and runs a subcommand.
@main
struct Vigie: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigie",
        abstract: "Vigie, a public-tranquillity observatory for cities.",
        discussion: """
            Vigie gathers a city's public-safety data (police log, fire brigade, citizen reports, tickets, \
            agenda) in one store. It is place-based: it never scores or profiles people.
            """,
        version: "0.1.0",
        subcommands: [
            Ingest.self, Quarantine.self, Sources.self, Districts.self, DeploymentCommand.self, Status.self, Stats.self, Hotspots.self, Trends.self, Alerts.self, Evaluate.self, ForecastCommand.self, Patrol.self, Agenda.self, Clashes.self, Measures.self, Weather.self, Retention.self, Serve.self, Users.self, Tokens.self, Open311.self, Cameras.self, Video.self, Audit.self,
            Demo.self,
        ])
}
