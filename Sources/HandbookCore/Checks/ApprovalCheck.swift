/// An approved process says which version, since when and by whom; its review is not overdue.
enum ApprovalCheck {
    /// `today` is `yyyy-MM-dd` (from SOURCE_DATE_EPOCH when set).
    static func check(_ raw: RawProcess, today: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if raw.status == .approved {
            let fields: [(String, Located<String>?)] = [("version", raw.version), ("effective", raw.effective),
                                                        ("approved_by", raw.approvedBy)]
            for (key, value) in fields where value == nil {
                diagnostics.append(.warning("handbook.process.approval-incomplete",
                    Phrase("已批准的流程 `\(raw.id.value)` 缺少 `\(key)`（\(ApprovalCheck.fieldNames[key] ?? key)）", en: "approved process `\(raw.id.value)` has no `\(key)`"), at: raw.statusPosition))
            }
        }
        if let due = raw.reviewDue, raw.status != .retired {
            if !isDate(due.value) {
                diagnostics.append(.error("handbook.yaml.type", datePhrase("review_due", due.value, example: "2027-01-01"), at: due.position))
            } else if due.value < today {
                diagnostics.append(.warning("handbook.process.review-overdue",
                    Phrase("定期评审应在 \(due.value) 前完成，已过期", en: "periodic review was due on \(due.value)"), at: due.position))
            }
        }
        if let effective = raw.effective, !isDate(effective.value) {
            diagnostics.append(.error("handbook.yaml.type", datePhrase("effective", effective.value, example: "2026-01-01"), at: effective.position))
        }
        // A review cannot fall due before the version it reviews takes effect: one of the two is mistyped.
        if let due = raw.reviewDue, let effective = raw.effective, isDate(due.value), isDate(effective.value), due.value < effective.value {
            diagnostics.append(.error("handbook.process.review-before-effective",
                Phrase("评审到期日 `review_due`（\(due.value)）早于生效日 `effective`（\(effective.value)）：这一版还没生效就该评审了，两个日期应有一个写错",
                       en: "`review_due` \(due.value) is before `effective` \(effective.value): the review would fall due before this version takes effect"),
                at: due.position))
        }
        return diagnostics
    }

    /// Written like a date but not one (2026-02-31) says so; anything else shows the form.
    static func dateProblem(_ key: String, _ value: String, example: String) -> String {
        datePhrase(key, value, example: example).en
    }

    static func datePhrase(_ key: String, _ value: String, example: String) -> Phrase {
        if value.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil {
            return Phrase("`\(key)`：日历上没有 \(value) 这一天", en: "`\(key)`: \(value) is not a day of the calendar")
        }
        return Phrase("`\(key)` 应是日期，写成 \(example) 的样子", en: "`\(key)` must be a date such as \(example)")
    }

    static let fieldNames = ["version": "版本", "effective": "生效日期", "approved_by": "批准人"]

    /// A calendar date written `yyyy-MM-dd`: a day the month has (2026-02-31 is not one), year 1 on.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 1, (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
