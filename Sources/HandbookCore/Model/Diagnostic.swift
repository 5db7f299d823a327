/// One finding about the handbook, shaped to be printed as `path:line:col: error: message [rule]`.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Codable {
        case error, warning
    }

    public var severity: Severity
    public var position: SourcePosition
    public var rule: String
    /// The message in English (what tests and `--lang en` read).
    public var message: String
    /// Extra hints such as "did you mean 客服部?".
    public var notes: [String]
    /// The message and notes in Chinese, when the site that made it wrote them; `nil` until every
    /// rule has its Chinese text (then English is shown).
    public var chinese: Phrase?
    public var chineseNotes: [String] = []

    public init(_ severity: Severity, _ rule: String, _ message: String,
                at position: SourcePosition, notes: [String] = []) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.position = position
        self.notes = notes
    }

    /// A finding written in both languages: `.error(rule, Phrase("中文", en: "English"), at:)`.
    public init(_ severity: Severity, _ rule: String, _ message: Phrase, at position: SourcePosition,
                notes: [Phrase] = []) {
        self.init(severity, rule, message.en, at: position, notes: notes.map(\.en))
        chinese = message
        chineseNotes = notes.map(\.zh)
    }

    public static func error(_ rule: String, _ message: Phrase, at position: SourcePosition,
                             notes: [Phrase] = []) -> Diagnostic {
        Diagnostic(.error, rule, message, at: position, notes: notes)
    }

    public static func warning(_ rule: String, _ message: Phrase, at position: SourcePosition,
                               notes: [Phrase] = []) -> Diagnostic {
        Diagnostic(.warning, rule, message, at: position, notes: notes)
    }

    /// The message in `language`: Chinese where written, else English.
    public func message(in language: HandbookConfig.Language) -> String {
        language == .zhCN ? chinese?.zh ?? message : message
    }

    public func notes(in language: HandbookConfig.Language) -> [String] {
        language == .zhCN && chinese != nil ? chineseNotes : notes
    }

    public static func error(_ rule: String, _ message: String, at position: SourcePosition,
                             notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, rule, message, at: position, notes: notes)
    }

    public static func warning(_ rule: String, _ message: String, at position: SourcePosition,
                               notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, rule, message, at: position, notes: notes)
    }

    /// `path:line:col: severity: message [rule]`, notes appended after `;`.
    public var formatted: String { formatted(in: .en) }

    /// As `formatted`, in `language`; severity words stay `error`/`warning`, which editors and CI
    /// parse.
    public func formatted(in language: HandbookConfig.Language) -> String {
        let notes = notes(in: language)
        var text = "\(position.path):\(position.line):\(position.column): \(severity.rawValue): \(message(in: language))"
        if !notes.isEmpty { text += language == .zhCN ? "（" + notes.joined(separator: "；") + "）" : " (" + notes.joined(separator: "; ") + ")" }
        return text + " [\(rule)]"
    }
}

/// A diagnostic's text in the two languages the tool speaks. Written by hand, not translated word
/// by word: the Chinese says what a process owner would write in a review.
public struct Phrase: Sendable, Hashable {
    public var zh: String
    public var en: String

    public init(_ zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by path, line, column, then rule, so output is stable; exact repeats (one YAML
    /// alias used many times) are reported once.
    public func sortedByPosition() -> [Diagnostic] {
        let sorted = sorted { a, b in
            if a.position != b.position { return a.position < b.position }
            return (a.rule, a.message) < (b.rule, b.message)
        }
        return sorted.enumerated().filter { $0.offset == 0 || sorted[$0.offset - 1] != $0.element }.map(\.element)
    }

    /// Warnings at the level handbook.yml's `severity:` sets for their rule, else errors with
    /// `strict`. Errors stay errors: what stops a build is never lowered.
    public func leveled(strict: Bool, severity levels: [String: HandbookConfig.RuleLevel]) -> [Diagnostic] {
        guard strict || !levels.isEmpty else { return self }
        return compactMap { diagnostic in
            guard diagnostic.severity == .warning else { return diagnostic }
            var copy = diagnostic
            switch levels[diagnostic.rule] {
            case .off?: return nil
            case .warning?: return copy
            case .error?: copy.severity = .error
            case nil: if strict { copy.severity = .error }
            }
            return copy
        }
    }
}

extension Diagnostic: Error {}

/// JSON for `check --format json`: flat, one object per diagnostic.
extension Diagnostic: Codable {
    enum CodingKeys: String, CodingKey { case path, line, column, severity, rule, message, notes }

    /// `encoder.userInfo[Diagnostic.languageKey] = HandbookConfig.Language.zhCN`: JSON messages in Chinese.
    public static let languageKey = CodingUserInfoKey(rawValue: "handbook.language")!

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(position.path, forKey: .path)
        try container.encode(position.line, forKey: .line)
        try container.encode(position.column, forKey: .column)
        try container.encode(severity, forKey: .severity)
        try container.encode(rule, forKey: .rule)
        // In the language `languageKey` names (English without it); keys and rule ids stay.
        let language = encoder.userInfo[Self.languageKey] as? HandbookConfig.Language ?? .en
        try container.encode(message(in: language), forKey: .message)
        try container.encode(notes(in: language), forKey: .notes)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(Severity.self, forKey: .severity), try container.decode(String.self, forKey: .rule),
                  try container.decode(String.self, forKey: .message),
                  at: SourcePosition(path: try container.decode(String.self, forKey: .path),
                                     line: try container.decode(Int.self, forKey: .line),
                                     column: try container.decode(Int.self, forKey: .column)),
                  notes: try container.decodeIfPresent([String].self, forKey: .notes) ?? [])
    }
}
