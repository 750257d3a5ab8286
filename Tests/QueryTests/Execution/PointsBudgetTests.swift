import Testing

@testable import Query

@Suite struct PointsBudgetTests {
    @Test func spendsUntilTheLimitAndRefusesWithoutTakingAnything() throws {
        var budget = PointsBudget(limit: 100)
        try budget.spend(60)
        #expect(throws: PointsBudget.Exceeded(points: 41, remaining: 40, limit: 100)) { try budget.spend(41) }
        #expect(budget.remaining == 40)
        try budget.spend(4, each: 10)
        #expect(budget.remaining == 0)
        #expect(throws: PointsBudget.Exceeded(points: 1, remaining: 0, limit: 100)) { try budget.spend(1) }
    }

    @Test func productsThatOverflowAreRefused() {
        var budget = PointsBudget(limit: .max)
        #expect(throws: PointsBudget.Exceeded(points: nil, remaining: .max, limit: .max)) { try budget.spend(.max, each: 2) }
    }
}
