#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The target's body, set once by ``runFuzzer(_:)`` before libFuzzer starts.
nonisolated(unsafe) private var fuzzBody: (@convention(c) (UnsafePointer<UInt8>?, Int) -> Int32)?

/// The entry libFuzzer's driver refers to; it calls the target's body.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzBody?(data, size) ?? 0
}

/// Runs libFuzzer with this process's arguments (`-runs=N`, `-max_len=N`, a corpus folder...),
/// calling `body` with each input, and exits with its status. A target's `main.swift` calls it:
/// SwiftPM gives executables a `main` of their own, so libFuzzer's is not linked.
public func runFuzzer(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    fuzzBody = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
}

/// The input as a buffer (libFuzzer may pass a null pointer for an empty input).
public func input(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
    guard let data, size > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: data, count: size)
}
