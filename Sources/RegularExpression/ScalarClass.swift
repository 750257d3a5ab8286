/// A set of Unicode scalars: sorted, disjoint ranges plus general categories (`\pL`), possibly negated.
struct ScalarClass: Sendable, Equatable {
    /// A Unicode general category test (`\p{Lu}`, `\PL`).
    struct Category: Sendable, Equatable {
        let members: [Unicode.GeneralCategory]
        let negated: Bool

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            members.contains(scalar.properties.generalCategory) != negated
        }
    }

    private(set) var ranges: [ClosedRange<UInt32>] = []
    private(set) var categories: [Category] = []
    var negated = false

    static let maximumScalar: UInt32 = 0x10FFFF

    init() {}

    init(ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        for range in ranges { add(range) }
        self.negated = negated
    }

    mutating func add(_ range: ClosedRange<UInt32>) {
        ranges.append(range)
        normalize()
    }

    mutating func add(_ category: Category) {
        categories.append(category)
    }

    /// Adds every member of `other`. A negated `other` holds ranges only (`\W`, `[:^alpha:]`): the
    /// parser negates categories one by one (`\PL`).
    mutating func formUnion(_ other: ScalarClass) {
        if other.negated {
            ranges.append(contentsOf: other.complementedRanges())
        } else {
            ranges.append(contentsOf: other.ranges)
            categories.append(contentsOf: other.categories)
        }
        normalize()
    }

    /// The one scalar of a class that holds exactly one, as an escape like `\x41` gives.
    var singleScalar: UInt32? {
        guard !negated, categories.isEmpty, ranges.count == 1, ranges[0].lowerBound == ranges[0].upperBound else { return nil }
        return ranges[0].lowerBound
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        containsUnnegated(scalar) != negated
    }

    /// Whether the class holds `scalar` or its lower- or uppercase form: the case is folded before
    /// the negation, so `(?i)[^a]` refuses both `a` and `A`, as in RE2.
    func contains(_ scalar: Unicode.Scalar, foldingCase: Bool) -> Bool {
        guard foldingCase else { return contains(scalar) }
        if containsUnnegated(scalar) { return !negated }
        for variant in Self.caseVariants(of: scalar) where containsUnnegated(variant) { return !negated }
        return negated
    }

    private func containsUnnegated(_ scalar: Unicode.Scalar) -> Bool {
        containsInRanges(scalar.value) || categories.contains { $0.contains(scalar) }
    }

    /// The single-scalar lower- and uppercase mappings of `scalar` that differ from it.
    private static func caseVariants(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar.isASCII {
            let value = scalar.value
            switch value {
            case 0x41...0x5A: return [Unicode.Scalar(UInt8(value + 0x20))]
            case 0x61...0x7A: return [Unicode.Scalar(UInt8(value - 0x20))]
            default: return []
            }
        }
        var variants: [Unicode.Scalar] = []
        for mapping in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping] {
            let mapped = mapping.unicodeScalars
            if mapped.count == 1, let first = mapped.first, first != scalar { variants.append(first) }
        }
        // K, s and the like: the Kelvin sign folds to k, long s to s.
        if scalar.value == 0x212A { variants.append("k") }
        if scalar.value == 0x017F { variants.append("s") }
        return variants
    }

    private func containsInRanges(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < value {
                low = middle + 1
            } else if ranges[middle].lowerBound > value {
                high = middle
            } else {
                return true
            }
        }
        return false
    }

    /// The ranges of scalars not in `ranges` (categories aside).
    private func complementedRanges() -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            if range.upperBound == Self.maximumScalar { return result }
            next = range.upperBound + 1
        }
        result.append(next...Self.maximumScalar)
        return result
    }

    private mutating func normalize() {
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        ranges = merged
    }
}

extension ScalarClass {
    /// `\d`, `\s`, `\w` and their negations: ASCII only, as in RE2.
    static func perl(_ letter: Character) -> ScalarClass? {
        switch letter {
        case "d", "D": ScalarClass(ranges: [0x30...0x39], negated: letter == "D")
        case "s", "S": ScalarClass(ranges: [0x09...0x0A, 0x0C...0x0D, 0x20...0x20], negated: letter == "S")
        case "w", "W": ScalarClass(ranges: wordRanges, negated: letter == "W")
        default: nil
        }
    }

    static let wordRanges: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]

    /// `[:alpha:]` and the other POSIX classes, ASCII only, as in RE2.
    static func posix(_ name: String) -> ScalarClass? {
        let ranges: [ClosedRange<UInt32>]
        switch name {
        case "alnum": ranges = [0x30...0x39, 0x41...0x5A, 0x61...0x7A]
        case "alpha": ranges = [0x41...0x5A, 0x61...0x7A]
        case "ascii": ranges = [0x00...0x7F]
        case "blank": ranges = [0x09...0x09, 0x20...0x20]
        case "cntrl": ranges = [0x00...0x1F, 0x7F...0x7F]
        case "digit": ranges = [0x30...0x39]
        case "graph": ranges = [0x21...0x7E]
        case "lower": ranges = [0x61...0x7A]
        case "print": ranges = [0x20...0x7E]
        case "punct": ranges = [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E]
        case "space": ranges = [0x09...0x0D, 0x20...0x20]
        case "upper": ranges = [0x41...0x5A]
        case "word": ranges = wordRanges
        case "xdigit": ranges = [0x30...0x39, 0x41...0x46, 0x61...0x66]
        default: return nil
        }
        return ScalarClass(ranges: ranges)
    }

    /// The general categories that `\p{name}` names (one or two letters, `Any`).
    static func categories(named name: String) -> [Unicode.GeneralCategory]? {
        let all: [(String, Unicode.GeneralCategory)] = [
            ("Lu", .uppercaseLetter), ("Ll", .lowercaseLetter), ("Lt", .titlecaseLetter), ("Lm", .modifierLetter),
            ("Lo", .otherLetter), ("Mn", .nonspacingMark), ("Mc", .spacingMark), ("Me", .enclosingMark),
            ("Nd", .decimalNumber), ("Nl", .letterNumber), ("No", .otherNumber), ("Pc", .connectorPunctuation),
            ("Pd", .dashPunctuation), ("Ps", .openPunctuation), ("Pe", .closePunctuation), ("Pi", .initialPunctuation),
            ("Pf", .finalPunctuation), ("Po", .otherPunctuation), ("Sm", .mathSymbol), ("Sc", .currencySymbol),
            ("Sk", .modifierSymbol), ("So", .otherSymbol), ("Zs", .spaceSeparator), ("Zl", .lineSeparator),
            ("Zp", .paragraphSeparator), ("Cc", .control), ("Cf", .format), ("Cs", .surrogate), ("Co", .privateUse),
            ("Cn", .unassigned),
        ]
        if name == "Any" { return all.map(\.1) }
        let members = all.filter { $0.0 == name || (name.count == 1 && $0.0.hasPrefix(name)) }.map(\.1)
        return members.isEmpty ? nil : members
    }
}
