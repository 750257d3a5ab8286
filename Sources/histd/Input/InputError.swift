/// Input a command cannot read, with the place it stopped: file, and line and column where known (1-based).
struct InputError: Error, CustomStringConvertible {
    var file: String
    var line: Int?
    var column: Int?
    var reason: String

    var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(reason)"
    }
}
