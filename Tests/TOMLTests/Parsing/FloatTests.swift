import TOML
import Testing

@Suite struct FloatTests {
    @Test func fractionsAndExponents() throws {
        let table = try parsed(
            """
            plus = +1.0
            pi = 3.1415
            negative = -0.01
            exponent = 5e+22
            bareExponent = 1e06
            upper = 1E6
            negativeExponent = -2E-2
            both = 6.626e-34
            underscores = 224_617.445_991_228
            leadingZerosInFraction = 0.000_1
            zero = 0.0
            plusZero = +0.0
            minusZero = -0.0
            zeroExponent = 0e0
            """)
        #expect(
            table == [
                "plus": 1.0, "pi": 3.1415, "negative": -0.01, "exponent": 5e22, "bareExponent": 1e6, "upper": 1e6,
                "negativeExponent": -0.02, "both": 6.626e-34, "underscores": 224617.445991228,
                "leadingZerosInFraction": 0.0001, "zero": 0.0, "plusZero": 0.0, "minusZero": -0.0, "zeroExponent": 0.0,
            ])
        #expect(try parsed("z = -0.0").double("z")?.sign == .minus)
    }

    @Test func roundingFollowsIEEE754() throws {
        // 0.1 is not exact in binary64; the parsed value must be the nearest double, the same one Swift's
        // literal gives, and 2^53 + 1 rounds to even (2^53).
        let table = try parsed("a = 0.1\nb = 9007199254740993.0\nc = 1.7976931348623157e308\nd = 5e-324")
        #expect(table == ["a": 0.1, "b": 9_007_199_254_740_992.0, "c": .float(.greatestFiniteMagnitude), "d": .float(.leastNonzeroMagnitude)])
    }

    @Test func infinityAndNotANumber() throws {
        let table = try parsed("a = inf\nb = +inf\nc = -inf\nd = nan\ne = +nan\nf = -nan")
        #expect(table["a"] == .float(.infinity))
        #expect(table["b"] == .float(.infinity))
        #expect(table["c"] == .float(-.infinity))
        for key in ["d", "e", "f"] {
            let value = try #require(try table.double(key))
            #expect(value.isNaN)
        }
    }

    @Test func malformedFloatsAreRejected() {
        expectInvalid("a = .7", line: 1, column: 5, reason: "expected a value, found '.'")
        expectInvalid("a = 7.", line: 1, column: 7, reason: "expected a digit after the decimal point, found its end")
        expectInvalid("a = 3.e+20", line: 1, column: 7, reason: "expected a digit after the decimal point, found 'e'")
        expectInvalid("a = 1e", line: 1, column: 7, reason: "expected a digit in the exponent, found its end")
        expectInvalid("a = 1e+", line: 1, column: 8, reason: "expected a digit in the exponent")
        expectInvalid("a = 1e_5", line: 1, column: 7, reason: "expected a digit in the exponent, found '_'")
        expectInvalid("a = 1.5_", line: 1, column: 8, reason: "an underscore must stand between two digits")
        expectInvalid("a = 1_.5", line: 1, column: 6, reason: "an underscore must stand between two digits")
        expectInvalid("a = 1._5", line: 1, column: 7, reason: "expected a digit after the decimal point, found '_'")
        expectInvalid("a = 03.14", line: 1, column: 5, reason: "leading zeros are not allowed")
        expectInvalid("a = 1.2.3", line: 1, column: 8, reason: "unexpected '.'")
        expectInvalid("a = 1e5.0", line: 1, column: 8, reason: "unexpected '.'")
        expectInvalid("a = infinity", line: 1, column: 5, reason: "expected a value, found 'infinity'")
        expectInvalid("a = NaN", line: 1, column: 5, reason: "expected a value, found 'NaN'")
        expectInvalid("a = 1e400", line: 1, column: 5, reason: "float '1e400' is out of the range of a 64-bit float")
        expectInvalid("a = -1.8e308", line: 1, column: 5, reason: "out of the range")
    }
}
