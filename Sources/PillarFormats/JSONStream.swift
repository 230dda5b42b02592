import Foundation

/// Reads a file holding a JSON array of objects, or one object per line, an object at a time,
/// so a findings file of hundreds of megabytes never sits in memory whole: the file is read in
/// chunks and each top-level object is cut out by tracking nesting, strings and escapes, then
/// handed over as its own bytes.
package struct JSONStream {
  package enum Item {
    case object(Data)
    /// A value at the top level that is not an object, or an object the file ends inside.
    case malformed(offset: Int)
  }

  package static let chunkSize = 1 << 20
  /// An object larger than this is skipped as malformed: no finding is that large, and a file
  /// with one unclosed brace must not be buffered whole.
  package static let maximumObject = 16 << 20

  /// Calls `visit` with each object of the file in order; returns false when the file could not
  /// be opened.
  @discardableResult
  package static func forEach(path: String, _ visit: (Item) -> Void) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    var scanner = Scanner()
    while let chunk = try? handle.read(upToCount: chunkSize), !chunk.isEmpty {
      scanner.feed(chunk, visit)
    }
    scanner.finish(visit)
    return true
  }

  /// The state of the cut between chunks.
  struct Scanner {
    var depth = 0
    var inString = false
    var escaped = false
    var current = Data()
    var skipping = false
    var offset = 0
    var start = 0
    /// Depth of the outer array, when the file is one (0 for one object per line).
    var base = 0
    var sawFirst = false
    /// Inside a bare number, `true` or `null` at the top level (reported once).
    var inScalar = false

    mutating func feed(_ chunk: Data, _ visit: (Item) -> Void) {
      chunk.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
        var runStart: Int? = depth > base && !skipping ? 0 : nil
        for index in 0..<buffer.count {
          let byte = buffer[index]
          defer { offset += 1 }
          if inString {
            if escaped {
              escaped = false
            } else if byte == 0x5C {
              escaped = true
            } else if byte == 0x22 {
              inString = false
            }
            continue
          }
          switch byte {
          case 0x22:
            inString = true
            if depth == base {
              inScalar = false
              visit(.malformed(offset: offset))
            }
          case 0x7B, 0x5B:  // { [
            if !sawFirst {
              sawFirst = true
              if byte == 0x5B {
                base = 1
                depth = 1
                continue
              }
            }
            if depth == base {
              // A nested list is cut like an object; the reader finds it is not one.
              inScalar = false
              current.removeAll(keepingCapacity: true)
              skipping = false
              start = offset
              runStart = index
            }
            depth += 1
          case 0x7D, 0x5D:  // } ]
            if depth == base {
              if byte == 0x5D && base == 1 { base = 0 }  // the outer array closes
              depth = max(0, depth - 1)
              continue
            }
            depth -= 1
            if depth == base {
              if let run = runStart, !skipping {
                current.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[run...index]))
                visit(.object(current))
              } else {
                visit(.malformed(offset: start))
              }
              current.removeAll(keepingCapacity: true)
              runStart = nil
              skipping = false
            }
          default:
            // A bare number, true or null at the top level: not an object.
            if depth == base {
              if byte <= 0x20 || byte == 0x2C {
                inScalar = false
              } else if !inScalar {
                inScalar = true
                sawFirst = true
                visit(.malformed(offset: offset))
              }
            }
          }
        }
        if let run = runStart, depth > base, !skipping {
          current.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[run...]))
          if current.count > JSONStream.maximumObject {
            skipping = true
            current.removeAll()
          }
        }
      }
    }

    mutating func finish(_ visit: (Item) -> Void) {
      // The file ended inside an object: truncated.
      if depth > base { visit(.malformed(offset: start)) }
    }
  }
}
