import TOML
import Testing

@Suite struct IntegerTests {
    @Test func decimalIntegers() throws {
        let table = try parsed(
            """
            plain = 99
            plus = +42
            zero = 0
            plusZero = +0
            minusZero = -0
            negative = -17
            thousands = 1_000
            groups = 5_349_221
            indian = 53_49_221
            digits = 1_2_3_4_5
            """)
        #expect(
            table == [
                "plain": 99, "plus": 42, "zero": 0, "plusZero": 0, "minusZero": 0, "negative": -17,
                "thousands": 1000, "groups": 5_349_221, "indian": 5_349_221, "digits": 12345,
            ])
    }

    @Test func hexadecimalOctalAndBinaryIntegers() throws {
        let table = try parsed(
            """
            hexLower = 0xdeadbeef
            hexUpper = 0xDEADBEEF
            hexMixed = 0xdead_BEEF
            hexLeadingZeros = 0x00ff
            octal = 0o01234567
            permissions = 0o755
            binary = 0b11010110
            binaryZero = 0b0
            """)
        // 0xdeadbeef = 3735928559; 0o01234567 = 1·8^6 + 2·8^5 + 3·8^4 + 4·8^3 + 5·8^2 + 6·8 + 7 = 342391;
        // 0o755 = 7·64 + 5·8 + 5 = 493; 0b11010110 = 128 + 64 + 16 + 4 + 2 = 214.
        #expect(
            table == [
                "hexLower": 3_735_928_559, "hexUpper": 3_735_928_559, "hexMixed": 3_735_928_559, "hexLeadingZeros": 255,
                "octal": 342_391, "permissions": 493, "binary": 214, "binaryZero": 0,
            ])
    }

    @Test func int64LimitsAreAcceptedAndOverflowIsAnError() throws {
        let table = try parsed(
            """
            max = 9_223_372_036_854_775_807
            min = -9223372036854775808
            hexMax = 0x7FFFFFFFFFFFFFFF
            binaryMax = 0b111111111111111111111111111111111111111111111111111111111111111
            """)
        #expect(table == ["max": .integer(.max), "min": .integer(.min), "hexMax": .integer(.max), "binaryMax": .integer(.max)])
        expectInvalid("a = 9223372036854775808", line: 1, column: 5, reason: "integer '9223372036854775808' does not fit in 64 bits")
        expectInvalid("a = -9223372036854775809", line: 1, column: 5, reason: "does not fit in 64 bits")
        expectInvalid("a = 0x8000000000000000", line: 1, column: 5, reason: "does not fit in 64 bits")
        expectInvalid("a = 0xFFFFFFFFFFFFFFFFFF", line: 1, column: 5, reason: "does not fit in 64 bits")
        expectInvalid("a = 99999999999999999999999", line: 1, column: 5, reason: "does not fit in 64 bits")
    }

    @Test func malformedIntegersAreRejected() {
        expectInvalid("a = 012", line: 1, column: 5, reason: "invalid number '012': leading zeros are not allowed")
        expectInvalid("a = -012", line: 1, column: 6, reason: "leading zeros are not allowed")
        expectInvalid("a = 00", line: 1, column: 5, reason: "leading zeros are not allowed")
        expectInvalid("a = 1__000", line: 1, column: 6, reason: "an underscore must stand between two digits")
        expectInvalid("a = 1000_", line: 1, column: 9, reason: "an underscore must stand between two digits")
        expectInvalid("a = _1000", line: 1, column: 5, reason: "expected a value, found '_1000'")
        expectInvalid("a = +_1", line: 1, column: 6, reason: "expected a digit, found '_'")
        expectInvalid("a = 0x", line: 1, column: 7, reason: "expected a hexadecimal digit, found its end")
        expectInvalid("a = 0x_1", line: 1, column: 7, reason: "expected a hexadecimal digit, found '_'")
        expectInvalid("a = 0xG", line: 1, column: 7, reason: "expected a hexadecimal digit, found 'G'")
        expectInvalid("a = 0o8", line: 1, column: 7, reason: "expected an octal digit, found '8'")
        expectInvalid("a = 0b102", line: 1, column: 9, reason: "invalid number '0b102': unexpected '2'")
        expectInvalid("a = 0X1F", line: 1, column: 6, reason: "invalid number '0X1F': unexpected 'X'")
        expectInvalid("a = +0x1F", line: 1, column: 5, reason: "hexadecimal, octal and binary integers take no sign")
        expectInvalid("a = -0b1", line: 1, column: 5, reason: "take no sign")
        expectInvalid("a = +", line: 1, column: 6, reason: "expected a digit, found its end")
        expectInvalid("a = 1 000", line: 1, column: 7, reason: "expected a newline or a comment after the value of a, found '0'")
        expectInvalid("a = 1-2", line: 1, column: 6, reason: "invalid number '1-2': unexpected '-'")
    }
}
