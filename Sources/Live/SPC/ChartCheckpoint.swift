/// What a live chart has evaluated, stored with the events it produced in one transaction: after a
/// restart (kill -9 included) evaluation resumes exactly here, reading only the samples after
/// ``closedThrough`` again, so no event is lost or repeated.
struct ChartCheckpoint: Sendable, Codable {
    /// The revision whose limits the monitor holds.
    var revision: Int
    var monitor: LiveMonitor
    /// Every sample at or before this time (ns) is in a point fed to the monitor; later ones are
    /// in the open subgroup or not read yet.
    var closedThrough: Int64
    /// Points fed since the revision started.
    var points: Int
    /// The open episodes: event id by `panel/rule`.
    var openEpisodes: [String: String]
    /// Re-evaluations of the revision so far (late data); part of the ids of the episodes each
    /// finds, so that they never take the id of an earlier episode. Nil in checkpoints stored before.
    var generation: Int? = nil
}
