import CCrypto
import Foundation
import PillarLoad

/// What a set of input files holds: the path and bytes of each file, hashed with SHA-256
/// (OpenSSL's libcrypto from Debian's libssl-dev). Content, not timestamps: the same inputs give
/// the same fingerprints on every machine and checkout, so the build cache (which keeps them) is
/// part of a byte-identical site too.
///
/// A cryptographic hash, because the cache decides whether an answer file's pages are reused:
/// the 64-bit hash used before could be collided in about a second, so a changed answer file
/// (`[x]` turned into `[ ]` with a crafted title) kept its fingerprint and its old page.
final class Fingerprint {
  private let context: OpaquePointer

  init() {
    guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
      fatalError("libcrypto could not start a SHA-256 digest")  // only when out of memory
    }
    self.context = context
  }

  deinit { EVP_MD_CTX_free(context) }

  func add(_ text: String) {
    add(bytes: Array(text.utf8))
  }

  /// The length first, then the bytes: a prefix-free encoding, so ("ab", "c") and ("a", "bc")
  /// differ.
  func add(bytes: [UInt8]) {
    var length = UInt64(bytes.count).littleEndian
    withUnsafeBytes(of: &length) { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
    bytes.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
  }

  /// Every entry under `folder`, in sorted order.
  func addTree(_ folder: URL) {
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
  func addFile(_ path: String, root: URL) -> [UInt8]? {
    addFile(path, rootPath: root.path)
  }

  /// The same, under a root given as a path: made once by a caller that adds thousands of files
  /// (a URL's path is worked out anew on each use). The file is read first and its kind asked
  /// only when it cannot be (a `stat` per file, and a URL made for it, were a tenth of a
  /// one-change rebuild's CPU).
  @discardableResult
  func addFile(_ path: String, rootPath: String) -> [UInt8]? {
    add(path)
    let full = rootPath + "/" + path
    switch InputFile.read(full) {
    case .bytes(let bytes):
      add(bytes: bytes)
      return bytes
    case .tooLarge(let size): add("too large \(size)")
    case .unreadable:
      var status = stat()
      add(stat(full, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR ? "folder" : "absent")
    }
    return nil
  }

  /// A file of any size, read in chunks (evidence files run to hundreds of megabytes).
  func addStream(_ path: String) {
    add(path)
    guard let handle = FileHandle(forReadingAtPath: path) else {
      add("absent")
      return
    }
    defer { try? handle.close() }
    var total: UInt64 = 0
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      chunk.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
      total += UInt64(chunk.count)
    }
    add("\(total) bytes")
  }

  /// The digest so far, in hexadecimal; more may be added after.
  var value: String {
    guard let copy = EVP_MD_CTX_new() else { fatalError("libcrypto could not copy a digest") }
    defer { EVP_MD_CTX_free(copy) }
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_MD_CTX_copy_ex(copy, context) == 1, EVP_DigestFinal_ex(copy, &digest, &length) == 1 else {
      fatalError("libcrypto could not finish a digest")
    }
    let hex = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in digest.prefix(Int(length)) {
      text.append(hex[Int(byte >> 4)])
      text.append(hex[Int(byte & 0xF)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
