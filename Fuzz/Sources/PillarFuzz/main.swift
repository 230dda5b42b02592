// The libFuzzer driver: `PillarFuzz <target> [libFuzzer options] [corpus folders]`.
// Calling LLVMFuzzerRunDriver from main (rather than -parse-as-library) is what links on Linux.
import PillarFuzzTargets

#if canImport(Glibc)
  import Glibc
#endif

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) var selected = ""

var arguments = CommandLine.arguments
guard arguments.count >= 2, FuzzTargets.names.contains(arguments[1]) else {
  print("usage: PillarFuzz <\(FuzzTargets.names.joined(separator: "|"))> [libFuzzer options] [corpus…]")
  exit(2)
}
selected = arguments.remove(at: 1)
var argc = Int32(arguments.count)
var cStrings = arguments.map { strdup($0) } + [nil]
cStrings.withUnsafeMutableBufferPointer { buffer in
  var argv = buffer.baseAddress
  _ = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTargets.run(selected, bytes)
    return 0
  }
}
