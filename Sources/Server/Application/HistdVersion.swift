/// The one version of histd: `histd --version`, `/health` and the `X-Histd-Version` header of every answer read it.
public enum HistdVersion {
    /// The release, as `major.minor.patch`.
    public static let number = "0.19.0"
    /// The source commit of the build, for `/health`'s `commit`: builds are not stamped, so it says so.
    public static let commit = "unknown"
    /// The InfluxDB version histd answers as in `X-Influxdb-Version`: clients parse it (a `1.` prefix
    /// makes them speak the 1.x protocol).
    public static let influxDBCompatibility = "1.8-histd"
}
