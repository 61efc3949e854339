import Executor
import Grading

/// `grades.csv` (contract section 12): a header row `submission, question…, score, total, flags`,
/// then one row per submission in the order given: its path as given, `1` right / `0` wrong /
/// empty unanswered per question, the number right, the number of questions, and the flags
/// joined with `; `. Fields holding `,`, `"` or a line break are quoted (RFC 4180); lines end
/// with `\n`.
public enum GradesCSV {
  public static func render(_ sheet: GradeSheet) -> String {
    var lines = [(["submission"] + sheet.questions.map(\.label) + ["score", "total", "flags"]).map(field)]
    for row in sheet.rows {
      let marks = row.marks.map { mark -> String in
        switch mark.verdict {
        case .right: return "1"
        case .wrong: return "0"
        case .unanswered: return row.readable ? "" : "0"
        }
      }
      lines.append(
        ([row.path] + marks + [String(row.score), String(row.total), row.flags.joined(separator: "; ")]).map(
          field))
    }
    return lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  static func field(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// Numbers on the grade pages: up to 10 significant digits, shortest form.
enum GradeNumber {
  static func text(_ value: ResultValue?) -> String {
    guard let value else { return "—" }
    return value.text(number: { NumberFormat(digits: 10).text($0) })
  }
}
