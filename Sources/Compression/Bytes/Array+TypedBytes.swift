extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws `CompressionError` (the standard one rethrows `any Error`).
    @inlinable
    func withCheckedBytes<Result>(
        _ body: (UnsafeRawBufferPointer) throws(CompressionError) -> Result
    ) throws(CompressionError) -> Result {
        let outcome: Swift.Result<Result, CompressionError> = withUnsafeBytes { buffer in
            do throws(CompressionError) {
                return .success(try body(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
