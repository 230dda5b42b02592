import Foundation

/// What a set of input files holds: the path and bytes of each file, hashed (64-bit, FNV-1a's
/// prime over eight-byte words).
/// Content, not timestamps: the same inputs give the same fingerprints on every machine and
/// checkout, so the build cache (which keeps them) is part of a byte-identical site too.
struct Fingerprint {
  private var hash: UInt64 = 0xCBF2_9CE4_8422_2325

  mutating func add(_ text: String) {
    add(bytes: Array(text.utf8))
  }

  mutating func add(bytes: [UInt8]) {
    var hash = self.hash
    bytes.withUnsafeBytes { raw in
      // Eight bytes at a time (read as little-endian, so every machine agrees), each step
      // folding the high half back down so every input bit reaches every output bit.
      var offset = 0
      while offset + 8 <= raw.count {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        hash = (hash ^ word) &* Self.prime
        hash ^= hash >> 32
        offset += 8
      }
      while offset < raw.count {
        hash = (hash ^ UInt64(raw[offset])) &* Self.prime
        offset += 1
      }
    }
    // The length, then a separator, so ("ab", "c") and ("a", "bc") differ.
    hash = (hash ^ UInt64(bytes.count)) &* Self.prime
    self.hash = (hash ^ 0xFF) &* Self.prime
  }

  private static let prime: UInt64 = 0x0000_0100_0000_01B3

  /// Every entry under `folder`, in sorted order.
  mutating func addTree(_ folder: URL) {
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else {
      add("absent")
      return
    }
    var paths: [String] = []
    while let path = enumerator.nextObject() as? String { paths.append(path) }
    for path in paths.sorted() { addFile(path, root: folder) }
  }

  /// Adds a file's path and bytes, and returns the bytes (nil for a folder or a missing file) so
  /// a caller that also needs them reads the file once.
  @discardableResult
  mutating func addFile(_ path: String, root: URL) -> [UInt8]? {
    add(path)
    var isDirectory: ObjCBool = false
    let url = root.appendingPathComponent(path)
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
      add("folder")
    } else if let data = FileManager.default.contents(atPath: url.path) {
      let bytes = [UInt8](data)
      add(bytes: bytes)
      return bytes
    } else {
      add("absent")
    }
    return nil
  }

  var value: String { String(hash, radix: 16) }
}
