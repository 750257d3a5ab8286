import Historian
import TestSupport
import Testing

@testable import Ingest

@Suite struct IngesterFuzzTests {
    /// Mutated plant-like input through the whole write path never traps; every line is either
    /// stored or rejected with a reason, and what was stored reads back.
    @Test func mutatedInputIsStoredOrRejectedNeverTraps() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        var generator = SplitMix64(seed: 0xF022)
        let template = Array("plant,line=L01,machine=M001 state=1i,temp=70.7,ok=t,n=5u,s=\"x\" 1704067200000000000\n".utf8)
        let alphabet = Array(##" ,=\"#tTfFiu.eE-+0123456789"##.utf8) + [0x0a, 0x00, 0xff]
        var input: [UInt8] = []
        for line in 0..<2_000 {
            var bytes = template
            // A fresh timestamp per line, then a few random mutations.
            let stamp = Array(String(1_704_067_200_000_000_000 + Int64(line) * 1_000_000_000).utf8)
            bytes.replaceSubrange((bytes.count - 20)..<(bytes.count - 1), with: stamp)
            for _ in 0..<Int(generator.next() % 3) {
                let position = Int(generator.next() % UInt64(bytes.count - 1))
                bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            input += bytes
        }
        let ingester = LineProtocolIngester(historian: historian, defaultTimestamp: 0, batchSize: 500)
        var rejected: [RejectedLine] = []
        _ = try input.withUnsafeBytes { try ingester.ingest($0, isFinal: true) { rejected.append($0) } }
        try ingester.finish { rejected.append($0) }
        #expect(ingester.linesAccepted > 1_000)
        #expect(!rejected.isEmpty)
        #expect(rejected.allSatisfy { $0.line >= 1 && $0.line <= ingester.linesRead && !$0.reason.isEmpty })
        var stored = 0
        for series in historian.allSeries {
            stored += try historian.samples(series: series.id, from: .min, to: .max).count
        }
        #expect(stored > 0 && stored <= ingester.valuesWritten)
        try historian.flush()
        #expect(Historian.verify(directory: directory.path).faults.isEmpty)
    }
}
