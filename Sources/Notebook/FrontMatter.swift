import Tensor

/// The optional YAML front matter of a notebook: a first line `---`, YAML, and a line `---` or
/// `...` (trailing spaces allowed on both; a byte-order mark may precede the first `---`).
///
/// | key | meaning | default |
/// |---|---|---|
/// | `title` | report title (text) | first `#` heading, else the file name (caller) |
/// | `seed` | notebook seed, an unsigned 64-bit integer | `0` |
/// | `format` | any of `html`, `md`, `pdf`: a list, one name, or `"html, md"` | `nil`: html and md |
/// | `paper` | `a4` or `letter`, the PDF's paper | `a4` |
/// | `params` | parameter names and default values (see `readParameters`) | none |
///
/// Other keys are ignored. The first problem (bad YAML, a top level that is not a mapping, a bad
/// `seed`, an unknown format or paper) is kept in `error`, positioned in the notebook; the other keys are
/// still read.
public struct FrontMatter: Sendable {
  /// The `title`, if given.
  public var title: String?
  /// The `seed` (0 when absent or invalid).
  public var seed: UInt64
  /// The `format`s in the order given, lower-cased (`["html", "md"]`), or `nil` when absent.
  public var formats: [String]?
  /// The `paper` for the PDF report (`a4` when absent or invalid).
  public var paper: Paper = .a4
  /// The front matter as written, from the first `---` through the closing line and its line
  /// ending (without the byte-order mark); `nil` when there is no front matter.
  public var rawText: String?
  /// The first problem, if any.
  public var error: NotebookError?
  /// Number of lines the front matter occupies (delimiters included), 0 without front matter.
  public var lineCount: Int
  /// The `params:` declarations in order (section 13); empty when absent.
  public var parameters: [ParameterDeclaration] = []
  /// The `seed` when it uses a parameter (`seed: ${student}`); `seed` is then resolved by
  /// `NotebookDocument.applying(_:)`.
  public var seedTemplate: SpecNode?

  /// No front matter: no title, seed 0, both formats.
  public init(
    title: String? = nil, seed: UInt64 = 0, formats: [String]? = nil, rawText: String? = nil,
    error: NotebookError? = nil, lineCount: Int = 0
  ) {
    self.title = title
    self.seed = seed
    self.formats = formats
    self.rawText = rawText
    self.error = error
    self.lineCount = lineCount
  }

  /// The formats `format` may name.
  public static let knownFormats = ["html", "md", "pdf"]

  /// Finds and reads the front matter; returns it and the index of the first Markdown line.
  static func detect(in source: SourceLines) -> (FrontMatter, Int) {
    func isDelimiter(_ index: Int, _ marks: [String]) -> Bool {
      let text = String(decoding: Array(source.content(index)).trimmingSpacesAndTabs(), as: UTF8.self)
      let raw = source.content(index)
      return marks.contains(text) && raw.first != 0x20 && raw.first != 0x09
    }
    guard source.count > 0, isDelimiter(0, ["---"]) else { return (FrontMatter(), 0) }
    var close = 1
    while close < source.count && !isDelimiter(close, ["---", "..."]) { close += 1 }
    guard close < source.count else { return (FrontMatter(), 0) }

    var lines: [String] = []
    for i in 1..<close { lines.append(String(decoding: source.content(i), as: UTF8.self)) }
    var fm = FrontMatter()
    fm.rawText = source.text(source.spans[0].start..<source.spans[close].end)
    fm.lineCount = close + 1
    fm.read(yaml: lines.joined(separator: "\n"))
    return (fm, close + 1)
  }

  /// Reads the YAML between the delimiters (its first line is notebook line 2).
  private mutating func read(yaml: String) {
    let root: SpecNode
    do {
      root = try SpecNode.parseYAML(yaml, firstLine: 2, columnOffset: 0)
    } catch {
      self.error = error
      return
    }
    if root.isNull { return }
    guard root.isMapping else {
      error = root.error(
        "the front matter must be a YAML mapping (key: value lines), got \(root.describedValue)",
        hint: "Write e.g. 'title: My notebook' and 'seed: 42'.")
      return
    }
    func note(_ e: NotebookError) { if error == nil { error = e } }
    if let node = root["title"], !node.isNull {
      do { title = try node.string() } catch { note(error) }
    }
    if let node = root["params"], !node.isNull {
      do { parameters = try Self.readParameters(node) } catch { note(error) }
    }
    if let node = root["seed"], !node.isNull, node.scalarText?.contains("${") == true {
      seedTemplate = node
    } else if let node = root["seed"], !node.isNull {
      do {
        seed = try node.uint64()
      } catch {
        note(
          NotebookError(
            position: error.position, message: "seed must be an unsigned integer, got \(node.describedValue)",
            hint: "Write e.g. 'seed: 42' (0 to 18446744073709551615)."))
      }
    }
    if let node = root["format"], !node.isNull {
      do { formats = try Self.readFormats(node) } catch { note(error) }
    }
    if let node = root["paper"], !node.isNull {
      do { paper = try Paper.read(node) } catch { note(error) }
    }
  }

  private static func readFormats(_ node: SpecNode) throws(NotebookError) -> [String] {
    var items: [(String, SpecNode)] = []
    if node.isSequence {
      for element in try node.sequence() { items.append((try element.string(), element)) }
    } else {
      let text = try node.string()
      for part in text.split(separator: ",") { items.append((String(part), node)) }
    }
    var formats: [String] = []
    for (raw, element) in items {
      let name = raw.trimmingSpaces().lowercased()
      guard knownFormats.contains(name) else {
        throw element.error(
          "unknown format '\(raw.trimmingSpaces())'",
          hint: NameSuggestion.hint(for: name, among: knownFormats, noun: "formats"))
      }
      if !formats.contains(name) { formats.append(name) }
    }
    if formats.isEmpty {
      throw node.error("format names no output", hint: "Write 'format: [html, md]' or one of them.")
    }
    return formats
  }
}

/// The paper a PDF report is printed on (front matter `paper:`).
public enum Paper: String, Sendable, CaseIterable {
  /// ISO A4, 210 × 297 mm (the default).
  case a4
  /// US Letter, 8.5 × 11 in.
  case letter

  /// Reads `a4` or `letter` (any case); anything else is an error at the value with a
  /// did-you-mean hint.
  static func read(_ node: SpecNode) throws(NotebookError) -> Paper {
    let text = try node.string().trimmingSpaces()
    guard let paper = Paper(rawValue: text.lowercased()) else {
      let names = allCases.map(\.rawValue)
      throw node.error(
        "unknown paper '\(text)'",
        hint: NameSuggestion.hint(for: text.lowercased(), among: names, noun: "papers")
      )
    }
    return paper
  }
}
