#if canImport(Glibc)
import Glibc
#endif

/// Messages and progress lines on stderr.
enum StandardError {
    /// Writes `text` and a newline.
    static func line(_ text: String) {
        write(text + "\n")
    }

    /// Writes `text` without a newline: a progress line that the next one overwrites.
    static func progress(_ text: String) {
        write(text)
    }

    private static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let written = Glibc.write(STDERR_FILENO, bytes.baseAddress.map { $0 + done }, bytes.count - done)
                if written <= 0 { return }
                done += written
            }
        }
    }

    /// `value` with three decimals, e.g. `1.250`.
    static func threeDecimals(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
