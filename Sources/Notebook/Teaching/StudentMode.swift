import Tensor

/// Which report `gradbook run` writes (contract section 11).
public enum ReportVariant: String, Sendable, CaseIterable {
  /// The full report (the default).
  case solution
  /// The student handout: `<out>/<name>-student/`.
  case student
}

/// What the student version shows of an executable block: its `student=` attribute (contract
/// section 11). One rule table, asked by the report plan and the student notebook alike.
///
/// | mode | source in the report | results | `expect:` values | `printed:` |
/// |---|---|---|---|---|
/// | `show` (default) | as written | shown | kept | kept |
/// | `question` | `expect:` values `?`, no `printed:` | not shown | `?` | removed |
/// | `hide` | not shown | not shown | removed | removed |
public enum StudentMode: String, Sendable, CaseIterable {
  case show, question, hide

  /// Whether the student sees the block's tables, figures, notes and checks.
  public var showsOutput: Bool { self == .show }
  /// Whether the student sees the block's source.
  public var showsSource: Bool { self != .hide }
  /// Whether `expect:` values are kept as written (else `?` for questions, removed when hidden).
  public var keepsExpectValues: Bool { self == .show }
  /// Whether `printed:` entries are kept.
  public var keepsPrinted: Bool { self == .show }
}

extension BlockSource {
  /// The block's `student=` mode: the header attribute (a top-level body key `student:` is read
  /// the same way by the executor). Absent: `show`. An invalid value reads as `hide` (fail
  /// closed: the executor reports the error at the value).
  public var studentMode: StudentMode {
    guard let attribute = attributes.first(where: { $0.key == "student" }) else { return .show }
    return StudentMode(rawValue: attribute.value) ?? .hide
  }

  /// The `student=` attribute's error, if its value is not `show`, `question` or `hide`.
  public var studentModeError: NotebookError? {
    guard let attribute = attributes.first(where: { $0.key == "student" }),
      StudentMode(rawValue: attribute.value) == nil
    else { return nil }
    return NotebookError(
      position: attribute.valuePosition,
      message: "student= must be show, question or hide, got '\(attribute.value)'",
      hint: NameSuggestion.hint(
        for: attribute.value, among: StudentMode.allCases.map(\.rawValue), noun: "modes"))
  }
}
