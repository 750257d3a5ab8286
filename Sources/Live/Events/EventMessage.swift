/// One message of the event stream (`GET /api/v1/events/stream`): an episode opened or closed, late
/// data, a correction. Sequence numbers only grow, so a client resumes after the last one it saw.
public struct EventMessage: Sendable, Equatable {
    /// The message's place in the stream, from 1.
    public var sequence: Int64
    /// The event's kind (`spc_violation`, `late_data`, `corrected`).
    public var kind: String
    /// The event as it was when the message was sent (JSON).
    public var data: [UInt8]
}
