import Historian
import RegularExpression

/// The text form of a tag condition that HTTP parameters and command-line options share:
/// `key=value` (equal) or `key=~regex` (the whole value matches, RE2 syntax).
public enum TagCondition {
    /// The conditions of `texts` joined by AND; nil for none.
    /// - Throws: ``QueryArgumentError`` naming `argument` for a text that is not `key=value` or
    ///   `key=~regex`, or a pattern that does not compile (with its offset).
    public static func predicate(_ texts: [String], argument: String) throws(QueryArgumentError) -> SeriesPredicate? {
        guard !texts.isEmpty else { return nil }
        var parts: [SeriesPredicate] = []
        for text in texts {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw QueryArgumentError(argument: argument, text: text, reason: "is not key=value or key=~regex")
            }
            let key = String(text[..<equals])
            let rest = text[text.index(after: equals)...]
            guard rest.hasPrefix("~") else {
                parts.append(.tag(key, .equals(String(rest))))
                continue
            }
            let pattern = String(rest.dropFirst())
            do {
                parts.append(.tag(key, .matchesWhole(try RegularExpression(pattern))))
            } catch {
                throw QueryArgumentError(
                    argument: argument, text: text, reason: "has an invalid regular expression: \(error.reason) at offset \(error.offset)")
            }
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }
}
