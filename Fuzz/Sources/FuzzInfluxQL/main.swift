import FuzzSupport
@_spi(Fuzzing) import InfluxQL

// Parses the input as InfluxQL.
runFuzzer { data, size in
    (InfluxQLFuzzing.parse(String(decoding: input(data, size), as: UTF8.self)) ?? 0) < 0 ? 1 : 0
}
