/// One finding about the handbook, shaped to be printed as `path:line:col: error: message [rule]`.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Codable {
        case error, warning
    }

    public var severity: Severity
    public var position: SourcePosition
    public var rule: String
    public var message: String
    /// Extra hints such as "did you mean 客服部?".
    public var notes: [String]

    public init(_ severity: Severity, _ rule: String, _ message: String,
                at position: SourcePosition, notes: [String] = []) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.position = position
        self.notes = notes
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
    public var formatted: String {
        var text = "\(position.path):\(position.line):\(position.column): \(severity.rawValue): \(message)"
        if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        return text + " [\(rule)]"
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

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(position.path, forKey: .path)
        try container.encode(position.line, forKey: .line)
        try container.encode(position.column, forKey: .column)
        try container.encode(severity, forKey: .severity)
        try container.encode(rule, forKey: .rule)
        try container.encode(message, forKey: .message)
        try container.encode(notes, forKey: .notes)
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
