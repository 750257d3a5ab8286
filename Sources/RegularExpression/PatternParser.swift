/// Parses RE2 syntax (the syntax of Go's `regexp`, which InfluxDB uses) into a ``PatternNode``.
///
/// Supported: literals, `.`, `[...]` classes with ranges, negation, `[:alpha:]` POSIX classes,
/// `\d \s \w \D \S \W`, `\pL \p{Lu} \PL` general categories, escapes (`\n \t \x41 \x{263a} \101 \Q...\E`),
/// anchors `^ $ \A \z \b \B`, groups `(...)`, `(?:...)`, `(?P<name>...)`, `(?<name>...)`, flags
/// `(?imsU)` and `(?i:...)`, alternation, and the quantifiers `* + ? {n} {n,} {n,m}` (greedy or lazy,
/// which is the same for a yes/no match). Refused, because no linear-time matcher can run them:
/// backreferences and look-around.
struct PatternParser {
    /// RE2's limit on `{n,m}`.
    static let maximumRepeatCount = 1000
    /// Deeper nesting of groups is refused rather than recursed into.
    static let maximumNesting = 200

    private struct Flags {
        var foldCase = false
        var multiLine = false
        var dotMatchesNewline = false
    }

    private let pattern: String
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var flags = Flags()
    private var depth = 0

    static func parse(_ pattern: String) throws(RegularExpressionError) -> PatternNode {
        var parser = PatternParser(pattern: pattern)
        let node = try parser.alternation()
        if parser.position < parser.scalars.count {
            throw parser.error("unexpected ')'")
        }
        return node
    }

    private init(pattern: String) {
        self.pattern = pattern
        scalars = Array(pattern.unicodeScalars)
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func error(_ reason: String, at offset: Int? = nil) -> RegularExpressionError {
        RegularExpressionError(pattern: pattern, offset: offset ?? position, reason: reason)
    }

    private func peek(_ text: String) -> Bool {
        let wanted = Array(text.unicodeScalars)
        guard position + wanted.count <= scalars.count else { return false }
        return Array(scalars[position..<(position + wanted.count)]) == wanted
    }

    private mutating func alternation() throws(RegularExpressionError) -> PatternNode {
        var branches = [try concatenation()]
        while current == "|" {
            position += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func concatenation() throws(RegularExpressionError) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            let start = position
            guard let atom = try atom() else { continue }
            items.append(try quantified(atom, start: start))
        }
        return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concatenation(items)
    }

    private mutating func quantified(_ atom: PatternNode, start: Int) throws(RegularExpressionError) -> PatternNode {
        var node = atom
        var repeated = false
        while let scalar = current {
            let bounds: (Int, Int?)
            switch scalar {
            case "*": bounds = (0, nil); position += 1
            case "+": bounds = (1, nil); position += 1
            case "?": bounds = (0, 1); position += 1
            case "{":
                guard let counted = try repeatCount() else { return node }
                bounds = counted
            default: return node
            }
            if repeated { throw error("invalid nested repetition operator", at: position - 1) }
            if current == "?" { position += 1 }
            node = .repetition(node, minimum: bounds.0, maximum: bounds.1)
            repeated = true
        }
        return node
    }

    /// `{n}`, `{n,}` or `{n,m}` at the current position; nil (and nothing consumed) when the brace
    /// does not start one, so it is a literal, as in RE2.
    private mutating func repeatCount() throws(RegularExpressionError) -> (Int, Int?)? {
        let start = position
        position += 1
        func number(_ parser: inout PatternParser) -> Int? {
            var value: Int?
            while let scalar = parser.current, ("0"..."9").contains(scalar) {
                value = min((value ?? 0) * 10 + Int(scalar.value - 0x30), 1_000_000)
                parser.position += 1
            }
            return value
        }
        guard let minimum = number(&self) else {
            position = start
            return nil
        }
        var maximum: Int? = minimum
        if current == "," {
            position += 1
            maximum = current == "}" ? nil : number(&self)
            if maximum == nil && current != "}" {
                position = start
                return nil
            }
        }
        guard current == "}" else {
            position = start
            return nil
        }
        position += 1
        if minimum > Self.maximumRepeatCount || (maximum ?? 0) > Self.maximumRepeatCount || (maximum.map { $0 < minimum } ?? false) {
            throw error("invalid repeat count (at most \(Self.maximumRepeatCount), minimum not above maximum)", at: start)
        }
        return (minimum, maximum)
    }

    /// One atom; nil when what was read only changed the flags.
    private mutating func atom() throws(RegularExpressionError) -> PatternNode? {
        guard let scalar = current else { throw error("missing argument") }
        let start = position
        switch scalar {
        case "(":
            return try group()
        case "[":
            return .scalars(try bracketClass(), foldCase: flags.foldCase)
        case ".":
            position += 1
            var any = ScalarClass(ranges: [0...ScalarClass.maximumScalar])
            if !flags.dotMatchesNewline { any = ScalarClass(ranges: [0x0A...0x0A], negated: true) }
            return .scalars(any, foldCase: false)
        case "^":
            position += 1
            return .assertion(flags.multiLine ? .beginningOfLine : .beginningOfText)
        case "$":
            position += 1
            return .assertion(flags.multiLine ? .endOfLine : .endOfText)
        case "*", "+", "?":
            throw error("missing argument to repetition operator", at: start)
        case "\\":
            return try escape()
        default:
            position += 1
            return literal(scalar)
        }
    }

    private func literal(_ scalar: Unicode.Scalar) -> PatternNode {
        .scalars(ScalarClass(ranges: [scalar.value...scalar.value]), foldCase: flags.foldCase)
    }

    private mutating func group() throws(RegularExpressionError) -> PatternNode? {
        let start = position
        position += 1
        let saved = flags
        if current == "?" {
            position += 1
            if current == "=" || current == "!" || peek("<=") || peek("<!") {
                throw error("look-around is not supported (it cannot be matched in linear time)", at: start)
            } else if peek("P<") || peek("<") {
                if current == "P" { position += 1 }
                position += 1
                var name = ""
                while let scalar = current, scalar != ">" {
                    guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" else {
                        throw error("invalid named capture", at: start)
                    }
                    name.unicodeScalars.append(scalar)
                    position += 1
                }
                guard current == ">", !name.isEmpty else { throw error("invalid named capture", at: start) }
                position += 1
            } else {
                var enable = true
                var sawFlag = false
                while let scalar = current, scalar != ")", scalar != ":" {
                    switch scalar {
                    case "i": flags.foldCase = enable
                    case "m": flags.multiLine = enable
                    case "s": flags.dotMatchesNewline = enable
                    case "U": break
                    case "-":
                        guard enable else { throw error("invalid or unsupported Perl syntax", at: start) }
                        enable = false
                        sawFlag = false
                        position += 1
                        continue
                    default: throw error("invalid or unsupported Perl syntax", at: start)
                    }
                    sawFlag = true
                    position += 1
                }
                guard let end = current, sawFlag || enable else { throw error("missing closing )", at: start) }
                position += 1
                if end == ")" { return nil }
            }
        }
        depth += 1
        guard depth <= Self.maximumNesting else { throw error("groups nested deeper than \(Self.maximumNesting) levels", at: start) }
        let inner = try alternation()
        depth -= 1
        guard current == ")" else { throw error("missing closing )", at: start) }
        position += 1
        flags = saved
        return inner
    }

    private mutating func escape() throws(RegularExpressionError) -> PatternNode {
        let start = position
        position += 1
        guard let scalar = current else { throw error("trailing backslash at end of expression", at: start) }
        switch scalar {
        case "A":
            position += 1
            return .assertion(.beginningOfText)
        case "z":
            position += 1
            return .assertion(.endOfText)
        case "b":
            position += 1
            return .assertion(.wordBoundary)
        case "B":
            position += 1
            return .assertion(.notWordBoundary)
        case "Q":
            position += 1
            var items: [PatternNode] = []
            while let next = current, !peek("\\E") {
                items.append(literal(next))
                position += 1
            }
            if peek("\\E") { position += 2 }
            return items.isEmpty ? .empty : .concatenation(items)
        default:
            position = start
            return .scalars(try escapedClass(), foldCase: flags.foldCase)
        }
    }

    /// An escape that stands for scalars, inside or outside brackets; `position` is on the backslash.
    private mutating func escapedClass() throws(RegularExpressionError) -> ScalarClass {
        let start = position
        position += 1
        guard let scalar = current else { throw error("trailing backslash at end of expression", at: start) }
        position += 1
        let single: UInt32
        switch scalar {
        case "d", "D", "s", "S", "w", "W":
            return ScalarClass.perl(Character(scalar)) ?? ScalarClass()
        case "p", "P":
            return try unicodeClass(negated: scalar == "P", start: start)
        case "a": single = 0x07
        case "f": single = 0x0C
        case "t": single = 0x09
        case "n": single = 0x0A
        case "r": single = 0x0D
        case "v": single = 0x0B
        case "x": single = try hexadecimal(start: start)
        case "0"..."7":
            if scalar != "0", !(current.map { ("0"..."7").contains($0) } ?? false) {
                throw error("backreferences are not supported (they cannot be matched in linear time)", at: start)
            }
            var value = scalar.value - 0x30
            for _ in 0..<2 {
                guard let digit = current, ("0"..."7").contains(digit) else { break }
                value = value * 8 + digit.value - 0x30
                position += 1
            }
            single = value
        case "8", "9":
            throw error("backreferences are not supported (they cannot be matched in linear time)", at: start)
        default:
            guard scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else {
                throw error("invalid escape sequence \\\(scalar)", at: start)
            }
            single = scalar.value
        }
        return ScalarClass(ranges: [single...single])
    }

    private mutating func hexadecimal(start: Int) throws(RegularExpressionError) -> UInt32 {
        func digit(_ scalar: Unicode.Scalar?) -> UInt32? {
            guard let scalar, scalar.isASCII, let value = UInt32(String(scalar), radix: 16) else { return nil }
            return value
        }
        if current == "{" {
            position += 1
            var value: UInt32 = 0
            var count = 0
            while let next = digit(current) {
                value = value * 16 + next
                count += 1
                position += 1
                guard value <= ScalarClass.maximumScalar else { throw error("invalid escape sequence (above U+10FFFF)", at: start) }
            }
            guard count > 0, current == "}" else { throw error("invalid escape sequence", at: start) }
            position += 1
            return value
        }
        guard let high = digit(current) else { throw error("invalid escape sequence", at: start) }
        position += 1
        guard let low = digit(current) else { throw error("invalid escape sequence", at: start) }
        position += 1
        return high * 16 + low
    }

    /// `\pL`, `\p{Lu}`, `\p{^L}`, after the `p` or `P`.
    private mutating func unicodeClass(negated: Bool, start: Int) throws(RegularExpressionError) -> ScalarClass {
        var name = ""
        var negated = negated
        if current == "{" {
            position += 1
            if current == "^" {
                negated.toggle()
                position += 1
            }
            while let scalar = current, scalar != "}" {
                name.unicodeScalars.append(scalar)
                position += 1
            }
            guard current == "}" else { throw error("invalid character class range", at: start) }
            position += 1
        } else if let scalar = current {
            name.unicodeScalars.append(scalar)
            position += 1
        }
        guard let members = ScalarClass.categories(named: name) else {
            throw error("unknown Unicode class \\p{\(name)} (general categories such as L, Lu, N, Nd, P, S, Z are supported)", at: start)
        }
        var result = ScalarClass()
        result.add(ScalarClass.Category(members: members, negated: negated))
        return result
    }

    /// `[...]`; `position` is on the opening bracket.
    private mutating func bracketClass() throws(RegularExpressionError) -> ScalarClass {
        let start = position
        position += 1
        var result = ScalarClass()
        if current == "^" {
            result.negated = true
            position += 1
        }
        var first = true
        while true {
            guard let scalar = current else { throw error("missing closing ]", at: start) }
            if scalar == "]" && !first { break }
            first = false
            if scalar == "[", peek("[:") {
                let nameStart = position
                position += 2
                var negatedPosix = false
                if current == "^" {
                    negatedPosix = true
                    position += 1
                }
                var name = ""
                while let next = current, next != ":" {
                    name.unicodeScalars.append(next)
                    position += 1
                }
                guard peek(":]"), var posix = ScalarClass.posix(name) else {
                    throw error("invalid character class range", at: nameStart)
                }
                position += 2
                posix.negated = negatedPosix
                result.formUnion(posix)
                continue
            }
            let low: UInt32
            if scalar == "\\" {
                let escaped = try escapedClass()
                guard let single = escaped.singleScalar else {
                    result.formUnion(escaped)
                    continue
                }
                low = single
            } else {
                low = scalar.value
                position += 1
            }
            var high = low
            if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                guard let upper = current else { throw error("missing closing ]", at: start) }
                if upper == "\\" {
                    guard let single = try escapedClass().singleScalar else {
                        throw error("invalid character class range", at: position)
                    }
                    high = single
                } else {
                    high = upper.value
                    position += 1
                }
                guard low <= high else { throw error("invalid character class range", at: position - 1) }
            }
            result.add(low...high)
        }
        position += 1
        return result
    }
}
