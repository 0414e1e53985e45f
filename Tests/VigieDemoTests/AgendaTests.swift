import Foundation
import Testing
import VigieCore

@testable import VigieDemo

@Suite("Agenda of the demo city")
struct AgendaTests {
    private static let events = DemoFixture.city.plannedEvents(sourceID: 4)
    private static let horizon = DemoFixture.end.addingTimeInterval(60 * 86_400)

    @Test("the agenda covers the year and the 60 days after, with unique references and every kind")
    func coverage() {
        let events = Self.events
        #expect(events.allSatisfy { $0.sourceID == 4 && $0.endsAt > $0.startsAt && $0.organiser?.isEmpty == false })
        #expect(Set(events.map(\.sourceReference)).count == events.count)
        #expect(Set(events.map(\.kind)) == Set(PlannedEventKind.allCases))
        #expect(events.contains { $0.startsAt > DemoFixture.end.addingTimeInterval(45 * 86_400) })
        #expect(events.allSatisfy { $0.startsAt < Self.horizon })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.startsAt <= $1.startsAt })
        #expect(DemoCity.agendaSource.name == "public-space-agenda" && DemoCity.agendaSource.problems().isEmpty)
    }

    @Test("markets recur weekly on their own weekdays as polygons")
    func markets() {
        let plaine = Self.events.filter { $0.title == "Marché de la Plaine" }
        let weekdays = Set(plaine.map { DemoFixture.local(Int($0.startsAt.timeIntervalSince1970)).weekday })
        #expect(weekdays == [1, 3, 5])
        let starts = Set(plaine.map(\.startsAt))
        let followed = plaine.filter {
            starts.contains(DemoFixture.calendar.date(byAdding: .day, value: 7, to: $0.startsAt)!)
        }
        #expect(Double(followed.count) > 0.9 * Double(plaine.count))
        #expect(plaine.allSatisfy { if case .polygon = $0.geometry { true } else { false } })
    }

    @Test("OM home matches fill the Vélodrome every other weekend from August to May")
    func matches() {
        let matches = Self.events.filter { $0.organiser == "Olympique de Marseille" }
        #expect(matches.count >= 15)
        #expect(matches.allSatisfy { (45_000...65_000).contains($0.expectedAttendance ?? 0) })
        let months = Set(matches.map { DemoFixture.local(Int($0.startsAt.timeIntervalSince1970)).month })
        #expect(months.isDisjoint(with: [6, 7]))
        #expect(Self.events.contains { $0.title.hasPrefix("Fête de la musique") })
    }

    @Test("protests follow routes and roadworks occupy strips, some close to a match on the match day")
    func clashes() {
        let protests = Self.events.filter { $0.kind == .protest }
        #expect(protests.count >= 20)
        #expect(protests.allSatisfy { if case .line = $0.geometry { true } else { false } })
        let roadworks = Self.events.filter { $0.kind == .roadworks }
        #expect(roadworks.count >= 100)
        let matches = Self.events.filter { $0.organiser == "Olympique de Marseille" }
        let clashes = roadworks.filter { works in
            Self.distance(from: AgendaPlace.velodrome, to: works.geometry.points) <= 200
                && matches.contains { $0.startsAt < works.endsAt && $0.endsAt > works.startsAt }
        }
        #expect(!clashes.isEmpty)
    }

    @Test("means are planned for every item and deployed for past ones, some fewer than planned")
    func measures() {
        let saved = Self.events.enumerated().map { index, event in
            var event = event
            event.id = Int64(index + 1)
            return event
        }
        let measures = DemoFixture.city.measures(for: saved)
        let ends = Dictionary(uniqueKeysWithValues: saved.map { ($0.id!, $0.endsAt) })
        #expect(Set(measures.map(\.plannedEventID)).count == saved.count)
        #expect(measures.allSatisfy { $0.planned > 0 })
        #expect(measures.allSatisfy { ($0.deployed == nil) == (ends[$0.plannedEventID]! > DemoFixture.end) })
        let past = measures.filter { $0.deployed != nil }
        let short = past.filter { $0.deployed! < $0.planned * 8 / 10 }
        #expect(short.count > past.count / 20)
        #expect(DemoFixture.city.measures(for: Self.events).isEmpty)
    }

    /// Distance in metres from a point to the nearest edge of a ring.
    private static func distance(from point: GeoPoint, to ring: [GeoPoint]) -> Double {
        let projection = LocalProjection.marseille
        let p = projection.vector(point)
        return zip(ring, ring.dropFirst()).map { start, end in
            let a = projection.vector(start)
            let edge = projection.vector(end) - a
            let t = min(1, max(0, ((p - a) * edge).sum() / (edge * edge).sum()))
            let gap = p - (a + edge * t)
            return (gap * gap).sum().squareRoot()
        }.min() ?? .infinity
    }
}
