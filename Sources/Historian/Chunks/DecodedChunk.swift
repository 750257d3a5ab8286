/// The columns of a decoded chunk, in time order.
struct DecodedChunk {
    var timestamps: [Int64]
    var bits: [UInt64]
    var qualities: [UInt8]
}
