import HandbookTemplate
import Testing

/// The error a template fails with, or nil if it parses.
private func syntaxError(_ text: String) -> TemplateSyntaxError? {
    do {
        _ = try Template(text)
        return nil
    } catch {
        return error
    }
}

struct SyntaxErrorTests {
    @Test func unclosedSectionPointsAtItsOpeningTag() throws {
        let error = try #require(syntaxError("<ul>\n<li>x</li>\n    {{#items}}\n{{name}}\n</ul>\n"))
        #expect(error.line == 3)
        #expect(error.column == 5)
        #expect(error.message.contains("items"))
    }

    @Test func mismatchedClosePointsAtTheClose() throws {
        let error = try #require(syntaxError("{{#a}}\n  {{#b}}x{{/a}}\n{{/b}}"))
        #expect(error.line == 2)
        #expect(error.column == 10)
        #expect(error.message.contains("{{/a}}") && error.message.contains("{{#b}}"))
    }

    @Test(arguments: [
        // (template, line, column, words in the message)
        ("Hello {{name", 1, 7, "unclosed tag"),
        ("a\n{{{name}}", 2, 1, "unclosed tag"),
        ("{{}}", 1, 1, "empty"),
        ("x {{# }}{{/ }}", 1, 3, "empty"),
        ("{{/stray}}", 1, 1, "no opening tag"),
        ("line\n  {{=<%=}}", 2, 3, "delimiter"),
        ("{{=x=}}", 1, 1, "delimiter"),
        ("{{a b}}", 1, 1, "whitespace"),
        ("{{a..b}}", 1, 1, "invalid name"),
        ("{{>*dynamic}}", 1, 1, "dynamic"),
        ("{{<layout}}{{$content}}x{{/layout}}", 1, 25, "does not match"),
        ("{{<layout}}\n{{$content}}\n", 2, 1, "never closed"),
    ])
    func errorPositions(_ text: String, _ line: Int, _ column: Int, _ words: String) throws {
        let error = try #require(syntaxError(text))
        #expect(error.line == line, "\(error)")
        #expect(error.column == column, "\(error)")
        #expect(error.message.contains(words), "\(error)")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let error = try #require(syntaxError("标题：流程\n职责：{{#x}}🎉"))
        #expect(error.line == 2)
        #expect(error.column == 4)
    }

    @Test func errorsDescribeThemselves() throws {
        let error = try #require(syntaxError("\n{{#a}}"))
        #expect(error.description.hasPrefix("2:1: "))
    }
}
