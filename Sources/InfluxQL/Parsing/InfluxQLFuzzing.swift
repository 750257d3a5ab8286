/// Entry point for the InfluxQL fuzz target under `Fuzz/` (SPI: not part of the public API).
@_spi(Fuzzing)
public enum InfluxQLFuzzing {
    /// Parses `text` as InfluxQL; returns the number of statements, nil when it is refused. Must never trap.
    public static func parse(_ text: String) -> Int? {
        try? InfluxQLParser.parse(text, now: 1_704_067_200_000_000_000).count
    }
}
