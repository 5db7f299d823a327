/// What a template sees: text, flags, lists and objects, typed, so that rendering looks names up
/// without dynamic casts (the cost that dominated builds with `[String: Any]` view models).
public enum TemplateValue: Sendable {
    case string(String)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    case null

    /// Mustache truthiness as the theme relies on it: `false`, null and empty lists render a
    /// section's `{{^…}}` branch; any string (even empty) and any object render `{{#…}}`.
    public var isTruthy: Bool {
        switch self {
        case .bool(let flag): flag
        case .list(let items): !items.isEmpty
        case .null: false
        case .string, .object: true
        }
    }

    /// The value of `name` when this is an object.
    public subscript(name: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var listValue: [TemplateValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    public var objectValue: [String: TemplateValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension TemplateValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue: Equatable {}

extension TemplateValue {
    public init(_ text: String?) { self = text.map(TemplateValue.string) ?? .null }
    public init(_ strings: [String]) { self = .list(strings.map(TemplateValue.string)) }
    public init(_ fields: [String: String]) { self = .object(fields.mapValues(TemplateValue.string)) }
    public init(_ objects: [[String: TemplateValue]]) { self = .list(objects.map(TemplateValue.object)) }
}
