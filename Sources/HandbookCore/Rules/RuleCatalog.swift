/// One rule `check` can report: its id, the severity it is reported at unless handbook.yml's
/// `rules:` says otherwise, a one-line summary, and what `handbook explain` prints.
public struct Rule: Sendable {
    public var id: String
    public var severity: Diagnostic.Severity
    public var summary: Phrase
    /// Why the rule exists and how to fix what it finds, with an example; the summary alone when nil.
    public var explanation: Phrase?

    public init(_ id: String, _ severity: Diagnostic.Severity, _ summary: Phrase, explanation: Phrase? = nil) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
    }
}

/// Every rule the code can report, one entry each (a new rule: one line in one of the lists,
/// `Rule(id, severity, Phrase(zh, en:))`; an explanation when there is more to say). A test
/// compares these ids with the rule ids written in Sources and with the README's table.
public enum RuleCatalog {
    public static let all: [Rule] = reading + references + flow + site + confirmations + history + imports

    private static let byID: [String: Rule] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    public static func rule(_ id: String) -> Rule? { byID[id] }

    public static var ids: [String] { all.map(\.id) }

    /// What `handbook explain RULE` prints: the id and severity, the summary, the explanation.
    public static func explanation(of rule: Rule, in language: HandbookConfig.Language) -> String {
        let zh = language == .zhCN
        let level = zh ? (rule.severity == .error ? "错误" : "警告") : rule.severity.rawValue
        var text = "\(rule.id) (\(level))\n\n\(zh ? rule.summary.zh : rule.summary.en)\n"
        if let explanation = rule.explanation { text += "\n" + (zh ? explanation.zh : explanation.en) + "\n" }
        if rule.severity == .warning {
            text += zh ? "\n在 handbook.yml 的 `rules:` 里可设为 `error`、`warning` 或 `off`。\n"
                       : "\nhandbook.yml's `rules:` can set it to error, warning or off.\n"
        }
        return text
    }

    /// The nearest rule id to a mistyped one, for "did you mean".
    public static func nearest(to id: String) -> String? {
        Suggestion.nearest(to: id, in: ids)
    }
}
