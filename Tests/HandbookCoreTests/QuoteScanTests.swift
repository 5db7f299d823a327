import Testing
@testable import HandbookCore

/// Where a quote that libyaml read across lines opened, for the note on a syntax error.
@Suite("Quote left open")
struct QuoteScanTests {
    static func opening(_ text: String, closingOn line: Int) -> String? {
        QuoteScan.opening(closingOn: line - 1, in: LineTable(text)).map { "\($0.line + 1):\($0.column)" }
    }

    @Test("A value's quote closed lines later is found; one closed on its own line, or inside a text, is not")
    func cases() {
        let open = "title: x\nsummary: \"受理投诉\nsteps:\n  - deadline: \"3 天\"\n"
        #expect(Self.opening(open, closingOn: 4) == "2:10")
        #expect(Self.opening(open, closingOn: 3) == nil, "not closed on line 3")
        #expect(Self.opening("a: \"x\"\nb: \"y\"\n", closingOn: 2) == nil, "each closed on its own line")
        #expect(Self.opening("a: 他说\"好\nb: 对\"\n", closingOn: 2) == nil, "a quote inside a plain text opens nothing")
        #expect(Self.opening("a: 'it''s\nb: x'\n", closingOn: 2) == "1:4", "'' is a quote inside single quotes")
        #expect(Self.opening("a: x # \"note\nb: \"y\"\n", closingOn: 2) == nil, "quotes in a comment")
        #expect(Self.opening("- [\"a,\n  b\"]\n", closingOn: 2) == "1:4")
    }
}
