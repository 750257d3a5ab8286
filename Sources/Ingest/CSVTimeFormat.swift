import Time

/// How the time cells of a CSV file are written, as `--time-format` names it: a strftime-style
/// pattern (`%d/%m/%Y %H:%M`), the spelled form (`dd/mm/yyyy hh:mm`: `mm` after `hh:` is minutes,
/// else the month) or `excel` (Excel serial days: days since 1899-12-30, a fraction for the time).
public enum CSVTimeFormat: Sendable, Equatable {
    /// One element of a pattern.
    public enum Element: Sendable, Equatable {
        case year, twoDigitYear, month, day, hour, minute, second, fraction, zone
        case literal(UInt8)
    }

    case pattern([Element])
    case excelSerialDays

    /// A date and time read from a cell: nanoseconds as if the local time were UTC, and the
    /// zone offset in seconds when the cell names one.
    public struct Reading: Sendable, Equatable {
        public var localNanoseconds: Int64
        public var offsetSeconds: Int64?
    }

    /// The format `text` names.
    /// - Throws: ``CSVImportError/invalidOption(_:_:)`` for an unknown `%` directive or a pattern
    ///   without a year, month and day.
    public init(_ text: String) throws(CSVImportError) {
        let lowered = text.lowercased()
        if lowered == "excel" || lowered == "excel-days" {
            self = .excelSerialDays
            return
        }
        var elements: [Element] = []
        let bytes = Array(text.utf8)
        var index = 0
        func starts(_ word: String) -> Bool {
            let word = Array(word.utf8)
            guard index + word.count <= bytes.count else { return false }
            return zip(bytes[index..<index + word.count], word).allSatisfy { $0.lowercased == $1 }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 1 < bytes.count else { throw .invalidOption("--time-format", "'\(text)' ends with a lone %") }
                switch bytes[index + 1] {
                case UInt8(ascii: "Y"): elements.append(.year)
                case UInt8(ascii: "y"): elements.append(.twoDigitYear)
                case UInt8(ascii: "m"): elements.append(.month)
                case UInt8(ascii: "d"), UInt8(ascii: "e"): elements.append(.day)
                case UInt8(ascii: "H"): elements.append(.hour)
                case UInt8(ascii: "M"): elements.append(.minute)
                case UInt8(ascii: "S"): elements.append(.second)
                case UInt8(ascii: "f"): elements.append(.fraction)
                case UInt8(ascii: "z"): elements.append(.zone)
                case UInt8(ascii: "F"): elements += [.year, .literal(UInt8(ascii: "-")), .month, .literal(UInt8(ascii: "-")), .day]
                case UInt8(ascii: "T"): elements += [.hour, .literal(UInt8(ascii: ":")), .minute, .literal(UInt8(ascii: ":")), .second]
                case UInt8(ascii: "%"): elements.append(.literal(UInt8(ascii: "%")))
                case let other:
                    throw .invalidOption(
                        "--time-format",
                        "'\(text)': %\(Character(Unicode.Scalar(other))) is not supported (use %Y %y %m %d %H %M %S %f %z %F %T, or dd/mm/yyyy hh:mm)"
                    )
                }
                index += 2
            } else if starts("yyyy") {
                elements.append(.year)
                index += 4
            } else if starts("yy") {
                elements.append(.twoDigitYear)
                index += 2
            } else if starts("dd") {
                elements.append(.day)
                index += 2
            } else if starts("hh") {
                elements.append(.hour)
                index += 2
            } else if starts("mm") {
                let afterHour = elements.count >= 2 && elements[elements.count - 2] == .hour && elements.last == .literal(UInt8(ascii: ":"))
                elements.append(afterHour ? .minute : .month)
                index += 2
            } else if starts("ss") {
                elements.append(.second)
                index += 2
            } else if starts("fff") {
                elements.append(.fraction)
                while index < bytes.count, bytes[index] == UInt8(ascii: "f") || bytes[index] == UInt8(ascii: "F") { index += 1 }
            } else {
                elements.append(.literal(byte))
                index += 1
            }
        }
        let hasYear = elements.contains(.year) || elements.contains(.twoDigitYear)
        guard hasYear, elements.contains(.month), elements.contains(.day) else {
            throw .invalidOption("--time-format", "'\(text)' needs a year, a month and a day (like %d/%m/%Y %H:%M or dd/mm/yyyy hh:mm), or excel")
        }
        self = .pattern(elements)
    }

    /// Reads `cell`; nil when it does not match the format or names no valid date.
    public func read(_ cell: UnsafeRawBufferPointer) -> Reading? {
        switch self {
        case .excelSerialDays:
            guard let days = Double(String(decoding: cell, as: UTF8.self)), days.isFinite, days >= 0, days < 2_958_466 else { return nil }
            // Day 25569 is 1970-01-01; rounded to the microsecond (a double of days holds no more).
            let microseconds = ((days - 25_569) * 86_400_000_000).rounded()
            return Reading(localNanoseconds: Int64(microseconds) * 1_000, offsetSeconds: nil)
        case .pattern(let elements):
            return Self.read(cell, elements)
        }
    }

    private static func read(_ cell: UnsafeRawBufferPointer, _ elements: [Element]) -> Reading? {
        var position = 0
        func number(maximumDigits: Int, exactly: Bool = false) -> Int64? {
            var value: Int64 = 0
            var digits = 0
            while digits < maximumDigits, position < cell.count, cell[position] >= 0x30, cell[position] <= 0x39 {
                value = value * 10 + Int64(cell[position] - 0x30)
                position += 1
                digits += 1
            }
            guard digits > 0, !exactly || digits == maximumDigits else { return nil }
            return value
        }
        var year: Int64 = 1970
        var month: Int64 = 1
        var day: Int64 = 1
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var fraction: Int64 = 0
        var offset: Int64?
        for element in elements {
            switch element {
            case .year: guard let value = number(maximumDigits: 4, exactly: true) else { return nil }; year = value
            case .twoDigitYear:
                guard let value = number(maximumDigits: 2, exactly: true) else { return nil }
                year = value < 69 ? 2000 + value : 1900 + value
            case .month: guard let value = number(maximumDigits: 2), (1...12).contains(value) else { return nil }; month = value
            case .day: guard let value = number(maximumDigits: 2), (1...31).contains(value) else { return nil }; day = value
            case .hour: guard let value = number(maximumDigits: 2), value < 24 else { return nil }; hour = value
            case .minute: guard let value = number(maximumDigits: 2), value < 60 else { return nil }; minute = value
            case .second: guard let value = number(maximumDigits: 2), value < 61 else { return nil }; second = min(value, 59)
            case .fraction:
                let start = position
                guard let value = number(maximumDigits: 9) else { return nil }
                fraction = value
                for _ in (position - start)..<9 { fraction *= 10 }
                while position < cell.count, cell[position] >= 0x30, cell[position] <= 0x39 { position += 1 }
            case .zone:
                guard position < cell.count else { return nil }
                if cell[position] == UInt8(ascii: "Z") || cell[position] == UInt8(ascii: "z") {
                    position += 1
                    offset = 0
                } else {
                    let sign: Int64 = cell[position] == UInt8(ascii: "-") ? -1 : 1
                    guard cell[position] == UInt8(ascii: "+") || cell[position] == UInt8(ascii: "-") else { return nil }
                    position += 1
                    guard let hours = number(maximumDigits: 2, exactly: true) else { return nil }
                    if position < cell.count, cell[position] == UInt8(ascii: ":") { position += 1 }
                    guard let minutes = number(maximumDigits: 2, exactly: true) else { return nil }
                    offset = sign * (hours * 3600 + minutes * 60)
                }
            case .literal(let byte):
                guard position < cell.count, cell[position] == byte else { return nil }
                position += 1
            }
        }
        guard position == cell.count, day <= daysIn(month: month, year: year) else { return nil }
        let seconds = RFC3339.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        return Reading(localNanoseconds: seconds * 1_000_000_000 + fraction, offsetSeconds: offset)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension UInt8 {
    /// The ASCII lower case of a letter, else itself.
    fileprivate var lowercased: UInt8 {
        self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self + 32 : self
    }
}
