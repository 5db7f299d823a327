import Foundation
import HandbookTemplate
import Testing

/// The official Mustache spec (files in `Spec/`, see its README), run test by test.
struct SpecTests {
    static let files = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance",
    ]

    /// Spec tests this engine does not follow on purpose, keyed "file: test name", with why.
    /// Empty: every test in the vendored files passes.
    static let skipped: [String: String] = [:]

    static let cases: [SpecCase] = files.flatMap { file in
        (try? SpecCase.load(file)) ?? []
    }

    @Test func allSpecFilesLoad() throws {
        for file in Self.files {
            #expect(try !SpecCase.load(file).isEmpty, "\(file).json")
        }
        #expect(Self.cases.count > 100)
    }

    @Test(arguments: cases)
    func spec(_ test: SpecCase) throws {
        if Self.skipped[test.id] != nil { return }
        var templates: [String: Template] = [:]
        for (name, text) in test.partials {
            templates[name] = try Template(text)
        }
        let template = try Template(test.template)
        let rendered = TemplateLibrary(templates).render(template, test.data)
        #expect(rendered == test.expected, "\(test.description)")
    }
}

struct SpecCase: Sendable, CustomTestStringConvertible {
    var file: String
    var name: String
    var data: TemplateValue
    var template: String
    var partials: [String: String]
    var expected: String

    var id: String { "\(file): \(name)" }
    var testDescription: String { id }
    var description: String { "\(id)\ntemplate: \(template.debugDescription)\nexpected: \(expected.debugDescription)" }

    static func load(_ file: String) throws -> [SpecCase] {
        let directory = try #require(Bundle.module.url(forResource: "Spec", withExtension: nil))
        let data = try Data(contentsOf: directory.appendingPathComponent("\(file).json"))
        let spec = try JSONDecoder().decode(SpecFile.self, from: data)
        return spec.tests.map { test in
            SpecCase(file: file, name: test.name, data: test.data.value, template: test.template,
                     partials: test.partials ?? [:], expected: test.expected)
        }
    }
}

private struct SpecFile: Decodable {
    struct Test: Decodable {
        var name: String
        var data: JSONValue
        var template: String
        var partials: [String: String]?
        var expected: String
    }

    var tests: [Test]
}

/// JSON as a `TemplateValue`; numbers become their text ("85", "1.21").
private struct JSONValue: Decodable {
    var value: TemplateValue

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let flag = try? container.decode(Bool.self) {
            value = .bool(flag)
        } else if let integer = try? container.decode(Int.self) {
            value = .string(String(integer))
        } else if let number = try? container.decode(Double.self) {
            value = .string(String(number))
        } else if let text = try? container.decode(String.self) {
            value = .string(text)
        } else if let items = try? container.decode([JSONValue].self) {
            value = .list(items.map(\.value))
        } else {
            let fields = try container.decode([String: JSONValue].self)
            value = .object(Dictionary(uniqueKeysWithValues: fields.map { (TemplateKey($0.key), $0.value.value) }))
        }
    }
}
