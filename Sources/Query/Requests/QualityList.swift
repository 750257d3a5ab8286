import Historian

/// The text form of a set of qualities: names joined by commas, `good,uncertain`.
public enum QualityList {
    /// The qualities `text` names.
    /// - Throws: ``QueryArgumentError`` naming `argument` and the first name that is not a quality.
    public static func parse(_ text: String, argument: String) throws(QueryArgumentError) -> Set<Quality> {
        var qualities: Set<Quality> = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let quality = Quality.allCases.first(where: { $0.name == name }) else {
                throw QueryArgumentError(argument: argument, text: text, reason: "names '\(name)': qualities are good, uncertain and bad")
            }
            qualities.insert(quality)
        }
        return qualities
    }
}
