/// What a template sees: text, flags, lists and objects, typed, so that rendering looks names up
/// without dynamic casts (the cost that dominated builds with `[String: Any]` view models).
public enum TemplateValue: Sendable {
    case string(String)
    case bool(Bool)
    case list([TemplateValue])
    case object([TemplateKey: TemplateValue])
    /// A list whose items are made one at a time as a section reaches them, and dropped once
    /// rendered: a page of thousands of rows never holds every row's model at once, so the
    /// model being rendered stays in the CPU's caches however large the handbook grows.
    case items(Items)
    case null

    /// `count` items, item `i` made by `make(i)` each time it is needed.
    public struct Items: Sendable {
        public let count: Int
        let make: @Sendable (Int) -> TemplateValue

        public init(count: Int, _ make: @escaping @Sendable (Int) -> TemplateValue) {
            self.count = count
            self.make = make
        }

        public subscript(index: Int) -> TemplateValue { make(index) }
    }

    /// Mustache truthiness as the theme relies on it: `false`, null and empty lists render a
    /// section's `{{^…}}` branch; any string (even empty) and any object render `{{#…}}`.
    public var isTruthy: Bool {
        switch self {
        case .bool(let flag): flag
        case .list(let items): !items.isEmpty
        case .items(let items): items.count > 0
        case .null: false
        case .string, .object: true
        }
    }

    /// The value of `name` when this is an object.
    public subscript(name: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[TemplateKey(name)] }
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

    /// The items of a list, made now if they are made on demand.
    public var listValue: [TemplateValue]? {
        switch self {
        case .list(let items): items
        case .items(let items): (0..<items.count).map { items[$0] }
        default: nil
        }
    }

    public var objectValue: [TemplateKey: TemplateValue]? {
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
    /// A repeated key keeps its last value. Inserted one by one into a dictionary sized for
    /// them all: `Dictionary(_:uniquingKeysWith:)` went through its general merge, and view
    /// models make hundreds of thousands of these literals.
    public init(dictionaryLiteral elements: (TemplateKey, TemplateValue)...) {
        var fields = [TemplateKey: TemplateValue](minimumCapacity: elements.count)
        for (key, value) in elements { fields[key] = value }
        self = .object(fields)
    }
}

extension TemplateValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue.Items: Equatable {
    /// Equal when every item is: compares what a template would see.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count && (0..<lhs.count).allSatisfy { lhs[$0] == rhs[$0] }
    }
}

extension TemplateValue: Equatable {}

extension TemplateValue {
    public init(_ text: String?) { self = text.map(TemplateValue.string) ?? .null }
    public init(_ strings: [String]) { self = .list(strings.map(TemplateValue.string)) }
    public init(_ fields: [String: String]) {
        self = .object(Dictionary(uniqueKeysWithValues: fields.map { (TemplateKey($0.key), TemplateValue.string($0.value)) }))
    }
    public init(_ objects: [[TemplateKey: TemplateValue]]) { self = .list(objects.map(TemplateValue.object)) }
}
