import TOML
import TestSupport
import Testing

/// Mutates valid documents (byte flips, overwrites, inserts of TOML's own punctuation, deletions,
/// truncation, duplicated lines) and checks that the parser returns or throws a well-formed error, never
/// traps; that text and bytes give the same outcome; and that what it returns prints as TOML that parses
/// back to the same text.
@Suite struct FuzzTests {
    static let iterationsPerDocument = 2500

    /// Bytes that steer mutations into the grammar's corners rather than only into invalid UTF-8.
    static let interestingBytes: [UInt8] = Array("[]{}=,.\"'\\#\n\r\t _-+:0123456789eExobTZuUinf".utf8) + [0x00, 0x7F, 0xC3, 0xA9, 0xFF]

    static func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var mutated = bytes
        let mutationCount = 1 + Int(generator.next() % 3)
        for _ in 0..<mutationCount {
            guard !mutated.isEmpty else { return [interestingBytes[Int(generator.next() % UInt64(interestingBytes.count))]] }
            let position = Int.random(in: 0..<mutated.count, using: &generator)
            let interesting = interestingBytes[Int(generator.next() % UInt64(interestingBytes.count))]
            switch generator.next() % 7 {
            case 0: mutated[position] ^= UInt8(1) << (generator.next() % 8)
            case 1: mutated[position] = interesting
            case 2: mutated.insert(interesting, at: position)
            case 3: mutated.remove(at: position)
            case 4: mutated.removeLast(mutated.count - position)
            case 5: mutated[position] = UInt8(truncatingIfNeeded: generator.next())
            default:
                // Repeat a stretch of the document somewhere else: redefinitions and duplicate keys.
                let length = min(mutated.count - position, 1 + Int(generator.next() % 40))
                let stretch = mutated[position..<(position + length)]
                mutated.insert(contentsOf: stretch, at: Int.random(in: 0...mutated.count, using: &generator))
            }
        }
        return mutated
    }

    @Test(arguments: SampleDocuments.all.indices)
    func mutatedDocumentsNeverTrap(documentIndex: Int) throws {
        let original = Array(SampleDocuments.all[documentIndex].utf8)
        #expect(throws: Never.self) { try TOMLParser.parse(original) }
        var generator = SplitMix64(seed: 0x70AA + UInt64(documentIndex))
        var parsedCount = 0
        for _ in 0..<Self.iterationsPerDocument {
            let mutated = Self.mutate(original, using: &generator)
            let lineCount = mutated.count { $0 == UInt8(ascii: "\n") } + 1
            if let text = String(validating: mutated, as: UTF8.self) {
                let fromText = outcome { () throws(TOMLError) in try TOMLParser.parse(text) }
                let fromBytes = outcome { () throws(TOMLError) in try TOMLParser.parse(mutated) }
                #expect(fromText == fromBytes)
            }
            do {
                let table = try TOMLParser.parse(mutated)
                parsedCount += 1
                expectReparses(table)
            } catch {
                guard case .invalidDocument(let line, let column, let reason) = error else {
                    Issue.record("parse threw \(error)")
                    continue
                }
                #expect((1...lineCount).contains(line) && column >= 1 && !reason.isEmpty, "\(error)")
            }
        }
        // The mutations must leave some documents valid, or the printing check above never runs.
        #expect(parsedCount > 0)
    }

    /// The printed table or the error, to compare the two entry points (text and bytes).
    private func outcome(_ parse: () throws(TOMLError) -> TOMLTable) -> String {
        do {
            return try parse().description
        } catch {
            return error.description
        }
    }

    private func expectReparses(_ table: TOMLTable) {
        do {
            let reparsed = try TOMLParser.parse("t = \(table)")
            #expect(try reparsed.table("t")?.description == table.description)
        } catch {
            // Printing as one inline table adds a level, which may cross the nesting limit.
            guard case .invalidDocument(_, _, let reason) = error, reason.contains("nested") else {
                Issue.record("\(table) does not parse back: \(error)")
                return
            }
        }
    }
}
