/// One finding about the handbook, shaped to be printed as `path:line:col: error: message [rule]`.
public struct Diagnostic: Sendable, Hashable, Codable {
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

    /// Sorted by path, line, column, then rule, so output is stable.
    public func sortedByPosition() -> [Diagnostic] {
        sorted { a, b in
            if a.position != b.position { return a.position < b.position }
            return (a.rule, a.message) < (b.rule, b.message)
        }
    }

    /// `--strict`: every warning becomes an error.
    public func escalatingWarnings() -> [Diagnostic] {
        map { var copy = $0; copy.severity = .error; return copy }
    }
}

extension Diagnostic: Error {}
