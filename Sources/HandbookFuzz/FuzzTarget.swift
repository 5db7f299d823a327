import HandbookCore

// libFuzzer entry over decoding, frontmatter splitting, YAML loading and model building.
// Built only with `-D FUZZING` and `-sanitize=fuzzer,address` (README, "Fuzzing"); a plain
// build gets a stub so `swift build` still links.
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzEntry.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

typealias Arguments = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<Arguments?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer.
@_cdecl("HandbookFuzz_main")
func fuzzMain(_ argc: Int32, _ argv: Arguments?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzOneInput)
}
#else
@main
enum FuzzStub {
    static func main() {
        print("Build with -D FUZZING and -sanitize=fuzzer,address; see the README, section Fuzzing.")
    }
}
#endif
