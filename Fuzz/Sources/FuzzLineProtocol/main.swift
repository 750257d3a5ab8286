import FuzzSupport
import Ingest

// Parses the input as line protocol in two pieces, as a streamed body arrives.
runFuzzer { data, size in
    let bytes = input(data, size)
    var parser = LineProtocolParser(precision: .milliseconds)
    var names = 0
    let consumed = parser.parse(UnsafeRawBufferPointer(rebasing: bytes[..<(size / 2)]), isFinal: false) { line in
        names += line.validName(line.measurement)?.utf8.count ?? 0
    } onError: { _ in
    }
    _ = parser.parse(UnsafeRawBufferPointer(rebasing: bytes[consumed...]), isFinal: true) { line in
        for field in line.fields { names += line.name(field.key).utf8.count }
    } onError: { _ in
    }
    return names < 0 ? 1 : 0
}
