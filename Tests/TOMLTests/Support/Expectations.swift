import TOML
import Testing

/// Parses `text`, recording an issue (with the error's description) if it does not parse.
func parsed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TOMLTable {
    do {
        return try TOMLParser.parse(text)
    } catch {
        Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// Checks that `text` is rejected at `line` and `column` (1-based), with a reason containing `reason`.
func expectInvalid(
    _ text: String, line: Int, column: Int, reason: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        let table = try TOMLParser.parse(text)
        Issue.record("expected an error, parsed \(table)", sourceLocation: sourceLocation)
    } catch {
        guard case .invalidDocument(let foundLine, let foundColumn, let foundReason) = error else {
            Issue.record("expected invalidDocument, got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(foundLine == line && foundColumn == column, "\(error)", sourceLocation: sourceLocation)
        #expect(foundReason.contains(reason), "\(error)", sourceLocation: sourceLocation)
    }
}
