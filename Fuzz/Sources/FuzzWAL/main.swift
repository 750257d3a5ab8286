import FuzzSupport
@_spi(Fuzzing) import Historian

// Reads the input as a WAL segment every way recovery and verify do.
runFuzzer { data, size in
    WriteAheadLogFuzzing.readSegment(Array(input(data, size))) < 0 ? 1 : 0
}
