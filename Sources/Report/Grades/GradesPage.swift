import Grading
import Notebook

/// `grades.html`: the grade table (as `grades.csv`, each answer ✔, ✘ or blank, linking each
/// submission to its feedback page) and the class's per-question success rate, so an instructor
/// sees which step the class gets wrong.
public enum GradesPage {
  /// The page; `feedback[i]` is the feedback file name of row `i`.
  public static func render(_ sheet: GradeSheet, solution: String, feedback: [String]) -> String {
    var h = GradePageStyle.head(title: "Grades — " + solution)
    h += "<h1>Grades</h1>\n<p class=\"meta\">Solution <code>\(HTMLText.escape(solution))</code> · "
    h +=
      "\(sheet.rows.count) submission\(sheet.rows.count == 1 ? "" : "s") · \(sheet.questions.count) questions</p>\n"
    h += "<h2>Success rate per question</h2>\n<table class=\"results\"><thead><tr><th>Question</th>"
    h += "<th>Line</th><th>Tolerance</th><th>Right</th></tr></thead><tbody>\n"
    for (q, rate) in zip(sheet.questions, sheet.successRates) {
      h += "<tr><td><code>\(HTMLText.escape(q.label))</code></td><td class=\"num\">\(q.line)</td>"
      h += "<td>\(HTMLText.escape(GradePageStyle.tolerance(q)))</td>"
      h += "<td class=\"num\">\(Int((rate * 100).rounded())) %</td></tr>\n"
    }
    h += "</tbody></table>\n<h2>Submissions</h2>\n<table class=\"results\"><thead><tr><th>Submission</th>"
    h += sheet.questions.map { "<th><code>\(HTMLText.escape($0.label))</code></th>" }.joined()
    h += "<th>Score</th><th>Total</th><th>Flags</th></tr></thead><tbody>\n"
    for (row, page) in zip(sheet.rows, feedback) {
      h += "<tr><td><a href=\"feedback/\(HTMLText.escape(page))\">\(HTMLText.escape(row.path))</a></td>"
      for mark in row.marks {
        switch mark.verdict {
        case .right: h += "<td class=\"pass\">✔</td>"
        case .wrong: h += "<td class=\"fail\">✘</td>"
        case .unanswered: h += "<td></td>"
        }
      }
      h += "<td class=\"num\">\(row.score)</td><td class=\"num\">\(row.total)</td>"
      h += "<td>\(HTMLText.escape(row.flags.joined(separator: "; ")))</td></tr>\n"
    }
    return h + "</tbody></table>\n</main>\n</body>\n</html>\n"
  }
}

/// One submission's feedback page: each answer beside the right one, with the tolerance.
public enum FeedbackPage {
  public static func render(_ row: GradeRow) -> String {
    var h = GradePageStyle.head(title: "Feedback — " + row.path)
    h += "<h1>Feedback</h1>\n<p class=\"meta\"><code>\(HTMLText.escape(row.path))</code> · "
    h += "score \(row.score) of \(row.total)</p>\n"
    for flag in row.flags { h += "<p class=\"note\">\(HTMLText.escape(flag))</p>\n" }
    h += "<table class=\"results\"><thead><tr><th>Question</th><th>Your answer</th><th>Right answer</th>"
    h += "<th>Tolerance</th><th>Mark</th></tr></thead><tbody>\n"
    for mark in row.marks {
      h += "<tr><td><code>\(HTMLText.escape(mark.question.label))</code></td>"
      h += "<td>\(HTMLText.escape(mark.answerText.isEmpty ? "—" : mark.answerText))</td>"
      h += "<td class=\"num\">\(HTMLText.escape(GradeNumber.text(mark.computed)))</td>"
      h += "<td>\(HTMLText.escape(GradePageStyle.tolerance(mark.question)))</td>"
      switch mark.verdict {
      case .right: h += "<td class=\"pass\">✔ right</td>"
      case .wrong: h += "<td class=\"fail\">✘ wrong</td>"
      case .unanswered: h += "<td>unanswered</td>"
      }
      h += "</tr>\n"
    }
    return h + "</tbody></table>\n</main>\n</body>\n</html>\n"
  }
}

/// The head shared by the grade pages (the report stylesheet, no scripts).
enum GradePageStyle {
  static func head(title: String) -> String {
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(HTMLText.escape(title))</title>\n"
      + "<style>\n\(HTMLWeaver.stylesheet)</style>\n</head>\n<body>\n<main>\n"
  }

  /// `± 0.0001`, or `relative 1e-6` without a written tolerance.
  static func tolerance(_ q: Question) -> String {
    q.tolerance.map { "± \(NumberFormat(digits: 10).text($0))" } ?? "relative 1e-6"
  }
}
