import Testing

@testable import OEE

@Suite struct StateTimelineTests {
    @Test func equalConsecutiveEventsFormOneInterval() {
        var timeline = StateTimeline(events: [run(10), run(20), down(30), down(40), run(50)])
        let first = timeline.interval(containing: 25)
        #expect((first.start, first.end, first.activity) == (10, 30, .run))
        let stop = timeline.interval(containing: 45)
        #expect((stop.start, stop.end, stop.activity) == (30, 50, .stopped(reason: "BREAKDOWN")))
        let last = timeline.interval(containing: 1_000)
        #expect((last.start, last.isOpen) == (50, true))
        let before = timeline.interval(containing: 5)
        #expect((before.start, before.end, before.activity) == (Int64.min, 10, nil))
        // A different reason splits the stop.
        timeline.insert(timestamp: 40, activity: .stopped(reason: "MATERIAL"))
        #expect(timeline.interval(containing: 35).end == 40)
    }

    @Test func aLaterEventWithTheSameTimestampReplaces() {
        var timeline = StateTimeline(events: [run(10), down(10)])
        #expect(timeline.timestamps == [10])
        #expect(timeline.interval(containing: 10).activity == .stopped(reason: "BREAKDOWN"))
        timeline.insert(timestamp: 10, activity: .run)
        #expect(timeline.interval(containing: 10).activity == .run)
    }

    @Test func affectedSpanCoversTheNeighbouringIntervals() {
        let timeline = StateTimeline(events: [run(10), down(30), run(50), down(70)])
        // An event at 40 can change the stop [30, 50) and merge with the run [50, 70).
        #expect(timeline.affectedSpan(forEventAt: 40) == TimeWindow(start: 30, end: 70))
        // An event replacing the one at 50 can merge with the stop before it.
        #expect(timeline.affectedSpan(forEventAt: 50) == TimeWindow(start: 30, end: Int64.max))
        #expect(timeline.affectedSpan(forEventAt: 5) == TimeWindow(start: Int64.min, end: 30))
    }
}
