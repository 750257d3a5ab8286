import Testing

@testable import OEE

/// Bad input is rejected with an error that names the item.
@Suite struct ValidationTests {
    @Test func unknownStateIsRejected() {
        #expect(throws: OEEError.unknownState("IDLE")) { try MachineState(code: "IDLE") }
        #expect(OEEError.unknownState("IDLE").description.contains("\"IDLE\""))
    }

    @Test func breakOutsideItsShiftIsRejected() throws {
        #expect(throws: OEEError.breakOutsideShift(shift: "Early", breakIndex: 1)) {
            try shift("Early", startHour: 6, lengthHours: 8, breaks: [(60, 10), (470, 20)])
        }
    }

    @Test func overlappingBreaksAreRejected() throws {
        #expect(throws: OEEError.breaksOverlap(shift: "Early", first: 0, second: 1)) {
            try shift("Early", startHour: 6, lengthHours: 8, breaks: [(60, 30), (80, 20)])
        }
    }

    @Test func overlappingShiftsAreRejected() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let late = try shift("Late", startHour: 13, lengthHours: 8)
        #expect(throws: OEEError.shiftsOverlap(first: "Early", second: "Late")) {
            try ShiftCalendar(shifts: [late, early])
        }
    }

    @Test func emptyShiftIsRejected() {
        #expect(throws: OEEError.emptyWindow(item: "shift X", start: 5, end: 5)) {
            try Shift(name: "X", window: TimeWindow(start: 5, end: 5))
        }
    }

    @Test func negativeCountsAreRejected() throws {
        let calendar = try ShiftCalendar(shifts: [shift("Early", startHour: 6, lengthHours: 8)])
        let configuration = try MachineConfiguration(idealCycleSeconds: 1.0)
        #expect(throws: OEEError.negativeCount(item: "count event 1", value: -3)) {
            try OEECalculator.batch(
                calendar: calendar, configuration: configuration, stateEvents: [],
                countEvents: [
                    CountEvent(timestamp: day0, good: 1, reject: 0), CountEvent(timestamp: day0, good: 2, reject: -3),
                ])
        }
        var calculator = OEECalculator(calendar: calendar, configuration: configuration)
        #expect(throws: OEEError.negativeCount(item: "count event at \(day0) ns", value: -1)) {
            try calculator.add(CountEvent(timestamp: day0, good: -1, reject: 0))
        }
        #expect(throws: OEEError.self) {
            try calculator.add(CounterSample(timestamp: day0, value: -1, kind: .good))
        }
    }

    @Test func invalidConfigurationIsRejected() {
        #expect(throws: OEEError.invalidIdealCycleTime(item: "ideal cycle time", seconds: 0)) {
            try MachineConfiguration(idealCycleSeconds: 0)
        }
        #expect(throws: OEEError.invalidMicroStopThreshold(seconds: -1)) {
            try MachineConfiguration(idealCycleSeconds: 1, microStopThresholdSeconds: -1)
        }
        #expect(throws: OEEError.invalidCounterModulus(0)) {
            try MachineConfiguration(idealCycleSeconds: 1, counterModulus: 0)
        }
    }
}
