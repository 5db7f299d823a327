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
                    "approved process `\(raw.id.value)` has no `\(key)`", at: raw.statusPosition))
            }
        }
        if let due = raw.reviewDue, raw.status != .retired {
            if !isDate(due.value) {
                diagnostics.append(.error("handbook.yaml.type", "`review_due` must be a date such as 2027-01-01", at: due.position))
            } else if due.value < today {
                diagnostics.append(.warning("handbook.process.review-overdue",
                    "periodic review was due on \(due.value)", at: due.position))
            }
        }
        if let effective = raw.effective, !isDate(effective.value) {
            diagnostics.append(.error("handbook.yaml.type", "`effective` must be a date such as 2026-01-01", at: effective.position))
        }
        return diagnostics
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
