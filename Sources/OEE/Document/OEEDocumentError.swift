/// Why an OEE JSON document was rejected: `item` is the JSON path of the offending value
/// (for example `state_events[3]`), `message` what is wrong with it.
public struct OEEDocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// JSON path of the offending item, for example `shifts[1].breaks[0]`.
    public let item: String
    /// What is wrong.
    public let message: String

    public init(item: String, message: String) {
        self.item = item
        self.message = message
    }

    public var description: String { item.isEmpty ? message : "\(item): \(message)" }
}
