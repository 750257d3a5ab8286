import Testing

@testable import Server

@Suite struct NumberTextTests {
    private static func shortest(_ value: Double) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer -> String? in
            guard let start = buffer.baseAddress, let end = NumberText.putShortestDecimal(value, at: start) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
    }

    /// The digits of the standard library's shortest round-trip form, for random bit patterns from
    /// 10^-4 to 10^15, means of readings, values next to powers of two and ten, and short decimals.
    @Test func shortestDecimalMatchesTheStandardLibrary() throws {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0.1 + 0.2, 1e-4, 0.000_123_456_789_012_345_67, 999_999_999_999_999.9, 123_456_789_012_345.67,
            1.0 / 3, 2.0 / 3, 65.4321, 1, 2, 0.5, 1_024, 4_503_599_627_370_496, 0.1, 100, 1e14,
        ]
        var power = 1e-4
        while power < 1e15 {
            values += [power, power.nextUp, power.nextDown]
            power *= 10
        }
        for exponent in -13...49 {
            let twoPower = Double(sign: .plus, exponent: exponent, significand: 1)
            values += [twoPower, twoPower.nextUp, twoPower.nextDown]
        }
        for _ in 0..<200_000 {
            let exponent = Int.random(in: -14...49, using: &generator)
            let fraction = UInt64.random(in: 0..<(1 << 52), using: &generator)
            let value = Double(
                sign: Bool.random(using: &generator) ? .minus : .plus, exponentBitPattern: UInt(1023 + exponent), significandBitPattern: fraction)
            values.append(value)
            values.append(Double(Int.random(in: 1...9_999_999, using: &generator)) / Double(Int.random(in: 1...1_000, using: &generator)))
            values.append(Double(Int.random(in: -99_999...99_999, using: &generator)) / 1_000)
        }
        var checked = 0
        for value in values {
            guard let text = Self.shortest(value) else {
                #expect(value.magnitude < 1e-4 || value.magnitude >= 1e15, "\(value) refused")
                continue
            }
            #expect(Double(text)?.bitPattern == value.bitPattern, "\(value) written as \(text)")
            #expect(text == Self.plain(value.description), "\(value) written as \(text)")
            checked += 1
        }
        #expect(checked > 500_000)
    }

    @Test func shortestDecimalLayout() {
        #expect(Self.shortest(0.000_123_456_789_012_345_67) == "0.00012345678901234567")
        #expect(Self.shortest(-0.30000000000000004) == "-0.30000000000000004")
        #expect(Self.shortest(123_456_789_012_345.67) == "123456789012345.67")
        #expect(Self.shortest(1e14) == "100000000000000")
        #expect(Self.shortest(1e15) == nil)
        #expect(Self.shortest(9.876e-05) == nil)
        #expect(Self.shortest(.nan) == nil)
        #expect(Self.shortest(-.infinity) == nil)
    }

    /// Timestamps in nanoseconds of whole seconds, milliseconds and odd nanoseconds, across the
    /// 10^12 boundaries where the shared high digits change, print like `String(value)`.
    @Test func groupedIntegersPrintEveryDigit() {
        var values: [Int64] = [0, 999_999_999_999, 1_000_000_000_000, 1_000_000_000_001]
        var time: Int64 = 1_704_067_199_000_000_000
        for step: Int64 in [1_000_000_000, 1_000_000, 1, 999_999_999_937] {
            for _ in 0..<2_000 {
                values.append(time)
                time += step
            }
        }
        var printer = NumberText.GroupedIntegerPrinter()
        var text = ""
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            guard let start = buffer.baseAddress else { return }
            for value in values {
                let end = printer.put(value, at: start)
                text += String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self) + " "
            }
        }
        #expect(text == values.map(String.init).joined(separator: " ") + " ")
    }

    /// Every digit printer writes its text and not one byte beyond, whatever zeros the value ends in.
    @Test func digitsStayWithinTheirText() {
        var values: [UInt64] = [0, 7, 1_000_000_000_000, 18_446_744_000_001_000_000, 18_446_744_000_000_000_000, .max]
        var power: UInt64 = 1
        for _ in 0..<19 {
            power *= 10
            values += [power, power - 1, power + 1, power / 1_000 * 1_001]
        }
        let sentinel: UInt8 = 0xAA
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            guard let start = buffer.baseAddress else { return }
            var printer = NumberText.GroupedIntegerPrinter()
            for value in values {
                buffer.initialize(repeating: sentinel)
                let end = NumberText.putDigits(value, at: start)
                #expect(String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self) == String(value))
                #expect(buffer[(end - start)...].allSatisfy { $0 == sentinel }, "\(value) wrote past its digits")
                guard let signed = Int64(exactly: value) else { continue }
                buffer.initialize(repeating: sentinel)
                let groupedEnd = printer.put(signed, at: start)
                #expect(String(decoding: UnsafeBufferPointer(start: start, count: groupedEnd - start), as: UTF8.self) == String(value))
                #expect(buffer[(groupedEnd - start)...].allSatisfy { $0 == sentinel }, "\(value) wrote past its digits")
            }
            for value in [0.000_123_456_789_012_345_67, -123_456_789_012_345.67, 65.4321, -0.001] {
                buffer.initialize(repeating: sentinel)
                guard let end = NumberText.putDouble(value, at: start) else {
                    Issue.record("\(value) not written")
                    continue
                }
                #expect(buffer[(end - start)...].allSatisfy { $0 == sentinel }, "\(value) wrote past its text")
            }
        }
    }

    /// `description` without the ".0" of integral values (the writer prints those like JavaScript).
    private static func plain(_ description: String) -> String {
        description.hasSuffix(".0") ? String(description.dropLast(2)) : description
    }
}
