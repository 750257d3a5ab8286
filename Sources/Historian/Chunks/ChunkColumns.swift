/// The three encoded columns of a chunk, unframed.
struct ChunkColumns: Sendable {
    var timestamps: [UInt8]
    var values: [UInt8]
    var qualities: [UInt8]
}
