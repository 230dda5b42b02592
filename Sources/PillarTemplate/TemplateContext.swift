/// A template context: names to values, written as a dictionary literal.
///
/// Not a `Dictionary`: a page builds tens of thousands of small contexts (one per practice of
/// every scorecard) and the engine looks names up in them a thousand times a page, and hashing
/// every key on insert and on lookup was the largest cost of rendering. Here values are
/// converted to `TemplateValue` once, on insert, and a lookup compares packed key bytes
/// (`TemplateKey`) along a short array.
package struct TemplateContext: ExpressibleByDictionaryLiteral, TemplateRepresentable, Sendable {
  // Two arrays, not one of pairs: a lookup scans plain integers and copies (retains) only
  // the value it finds.
  private var keys: [TemplateKey]
  private var values: [TemplateValue]

  package init() {
    keys = []
    values = []
  }

  package init(dictionaryLiteral elements: (String, any TemplateRepresentable)...) {
    // One pass over the literal's storage, reading each pair in place: two `map`s copied every
    // (name, existential) pair out and destroyed it again, a tenth of a build's CPU.
    var keys: [TemplateKey] = []
    var values: [TemplateValue] = []
    keys.reserveCapacity(elements.count)
    values.reserveCapacity(elements.count)
    elements.withUnsafeBufferPointer { pairs in
      for index in pairs.indices {
        keys.append(TemplateKey(pairs[index].0))
        values.append(pairs[index].1.templateValue)
      }
    }
    self.keys = keys
    self.values = values
  }

  /// A context of `shape`'s names, in order, with these values: for the contexts a build makes
  /// most of (one per practice of every page). The names are turned into keys once, when the
  /// shape is made, and every context shares them; no existential is boxed or opened.
  package init(_ shape: TemplateShape, _ values: [TemplateValue]) {
    precondition(values.count == shape.keys.count, "a context needs one value per name of its shape")
    keys = shape.keys
    self.values = values
  }

  package var templateValue: TemplateValue { .object(self) }

  /// Setting a key replaces its value, or adds it; setting nil removes it.
  package subscript(name: String) -> (any TemplateRepresentable)? {
    get { self[TemplateKey(name)] }
    set {
      let key = TemplateKey(name)
      let index = keys.firstIndex(of: key)
      switch (index, newValue) {
      case (let index?, let value?): values[index] = value.templateValue
      case (let index?, nil):
        keys.remove(at: index)
        values.remove(at: index)
      case (nil, let value?):
        keys.append(key)
        values.append(value.templateValue)
      case (nil, nil): break
      }
    }
  }

  subscript(key: TemplateKey) -> TemplateValue? {
    keys.withUnsafeBufferPointer { keys in
      for index in 0..<keys.count where keys[index] == key { return values[index] }
      return nil
    }
  }
}

/// The names of a kind of context, made into keys once (see `TemplateContext.init(_:_:)`).
package struct TemplateShape: Sendable {
  fileprivate let keys: [TemplateKey]

  package init(_ names: String...) { keys = names.map(TemplateKey.init) }
}

/// A key as four integers, so comparing keys is comparing integers: its length, its first 16
/// UTF-8 bytes, and a 64-bit FNV-1a hash of the bytes after those (template keys are short
/// names; two of the same length and first 16 bytes whose tails collide are not a practical
/// concern).
struct TemplateKey: Equatable, Sendable {
  private var low: UInt64 = 0
  private var high: UInt64 = 0
  private var tail: UInt64 = 0
  private var count = 0

  init(_ name: String) {
    var name = name
    name.withUTF8 { bytes in
      count = bytes.count
      for index in 0..<bytes.count {
        let byte = UInt64(bytes[index])
        if index < 8 {
          low |= byte << (8 * UInt64(index))
        } else if index < 16 {
          high |= byte << (8 * UInt64(index - 8))
        } else {
          tail = (tail ^ byte) &* 0x0000_0100_0000_01B3
        }
      }
    }
  }
}
