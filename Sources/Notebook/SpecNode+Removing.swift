// Removing entries from a parsed block body, so that decoding can go on past a problem and report
// the next one (`BlockSpecs` in the Executor: every problem of a block at once).

extension SpecNode {
  /// This mapping without its top-level entry `key` (the first one with that key); unchanged when
  /// it has none or is not a mapping. Positions of everything else are kept.
  public func removingEntry(_ key: String) -> SpecNode {
    guard case .mapping(var entries) = value, let i = entries.firstIndex(where: { $0.key == key }) else {
      return self
    }
    entries.remove(at: i)
    return SpecNode(.mapping(entries), at: position)
  }

  /// This value without the mapping entry whose key is written at `keyPosition`, searched at any
  /// depth (inside mappings and sequences), and that entry's key; nil when no key is written
  /// there. An unknown key found in a nested mapping is removed this way, so its siblings are
  /// still checked.
  public func removingEntry(atKey keyPosition: SourcePosition) -> (node: SpecNode, key: String)? {
    switch value {
    case .null, .scalar:
      return nil
    case .sequence(var elements):
      for (i, element) in elements.enumerated() {
        if let found = element.removingEntry(atKey: keyPosition) {
          elements[i] = found.node
          return (SpecNode(.sequence(elements), at: position), found.key)
        }
      }
      return nil
    case .mapping(var entries):
      if let i = entries.firstIndex(where: { $0.keyPosition == keyPosition }) {
        let key = entries.remove(at: i).key
        return (SpecNode(.mapping(entries), at: position), key)
      }
      for (i, entry) in entries.enumerated() {
        if let found = entry.value.removingEntry(atKey: keyPosition) {
          entries[i].value = found.node
          return (SpecNode(.mapping(entries), at: position), found.key)
        }
      }
      return nil
    }
  }

  /// The key of the top-level entry whose text holds `position`: the last entry (in position
  /// order) whose key is written at or before `position`. Nil when `position` comes before every
  /// key (for a block body: the opening fence, where "missing key" errors point) or this is not
  /// a mapping.
  public func entryKey(containing position: SourcePosition) -> String? {
    entries().filter { $0.keyPosition <= position }.max { $0.keyPosition < $1.keyPosition }?.key
  }
}

extension NotebookError {
  /// The key of a "missing key 'KEY'" error (`SpecNode.require`), nil for other errors.
  public var missingKey: String? {
    let prefix = "missing key '"
    guard message.hasPrefix(prefix), message.hasSuffix("'"), message.count > prefix.count + 1 else {
      return nil
    }
    return String(message.dropFirst(prefix.count).dropLast())
  }

  /// Whether this is an "unknown key 'KEY'" error (`SpecNode.rejectUnknownKeys`), which points
  /// at the key.
  public var isUnknownKey: Bool { message.hasPrefix("unknown key '") }
}
