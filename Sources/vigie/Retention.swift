import ArgumentParser
import Foundation
import VigieVideo
import VigieCore
import VigieStore

/// `vigie retention`: each source's records kept no longer than its register entry says.
struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enforce each source's retention: remove what is older than its register entry allows.",
        discussion: """
            A source's retention (`vigie sources`) is counted back from now: incidents that occurred before \
            the cutoff, rows quarantined before it, agenda items that ended before it and days of weather \
            before it are removed, and each source's purge is logged. Run `vigie retention apply` every day \
            (a cron job or a systemd timer); `vigie retention` alone shows what is due.
            """,
        subcommands: [Check.self, Apply.self, Log.self], defaultSubcommand: Check.self)

    static func print(_ purges: [RetentionPurge], verb: String) {
        Output.table(["source", "retention", "cutoff", "incidents", "quarantined", "agenda items", "weather days"],
            purges.map { purge in
                [purge.sourceName, "\(purge.retentionDays) d", CivilDate(purge.cutoff, in: TimeZone(identifier: "UTC")!).iso,
                    String(purge.incidents), String(purge.quarantined), String(purge.plannedEvents), String(purge.weatherDays)]
            })
        Swift.print("\(purges.reduce(0) { $0 + $1.total }) record(s) \(verb)")
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what each source holds past its retention.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let purges = try store.openExisting().enforceRetention(now: Date(), dryRun: true)
            if json { try Output.json(purges) } else { Retention.print(purges, verb: "past retention, to remove with `vigie retention apply`") }
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove what each source holds past its retention.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store = try store.openExisting()
            let purges = try store.enforceRetention(now: Date(), dryRun: false)
            let contacts = try store.purgeReporterData(now: Date())
            let video = try VideoRetention.apply(store: store, media: self.store.videoMedia, now: Date())
            if json { try Output.json(purges) } else {
                Retention.print(purges, verb: "removed")
                Swift.print("\(contacts) citizen request(s) lost their reporter's contact or photo, past their date")
                Swift.print("video past each camera's retention: \(video.segments) segments, \(video.tracks) tracks, \(video.changes) changes, \(video.events) events, \(video.recordings) recordings removed; \(video.files.count - video.undeleted.count) footage files and \(video.mediaFiles) thumbnails and clips deleted")
                for path in video.undeleted { Output.note("\(path) is past its retention but could not be deleted: see to it") }
            }
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The purges made, latest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Purges listed.") var limit = 50

        func run() async throws {
            let log = try store.openExisting().retentionLog(limit: limit)
            Output.table(["purged at", "source", "retention", "incidents", "quarantined", "agenda items", "weather days"],
                log.map { entry in
                    [entry.purgedAt.formatted(.iso8601), entry.purge.sourceName, "\(entry.purge.retentionDays) d",
                        String(entry.purge.incidents), String(entry.purge.quarantined), String(entry.purge.plannedEvents),
                        String(entry.purge.weatherDays)]
                })
        }
    }
}
