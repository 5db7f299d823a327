import Testing
@testable import HandbookCore

/// Frontmatter mappings read into fields: small ones searched key by key, large ones through an
/// index, both finding the same pairs and the same repeated keys.
@Suite("YAML reader")
struct YAMLReaderTests {
    /// `k0: v0` … one line per key; `repeat` appends `k<repeat>` again at the end.
    static func mapping(keys: Int, repeating: Int? = nil) -> String {
        var lines = (0..<keys).map { "k\($0): 值\($0)" }
        if let repeating { lines.append("k\(repeating): 又一次") }
        return lines.joined(separator: "\n")
    }

    @Test("Every key is found, in small and in large mappings", arguments: [1, 12, 24, 25, 60])
    func lookup(_ count: Int) throws {
        var reader = YAMLReader(path: "content/a.md", firstLine: 2)
        let parsed = reader.parseMapping(Self.mapping(keys: count))
        let fields = try #require(parsed)
        #expect(reader.diagnostics.isEmpty)
        for key in 0..<count {
            #expect(fields.pair("k\(key)")?.value.scalar?.string == "值\(key)")
        }
        #expect(fields.pair("k\(count)") == nil)
        #expect(fields.pair("") == nil)
    }

    @Test("A repeated key is an error where it is repeated, in small and in large mappings",
          arguments: [(5, 2), (23, 0), (24, 3), (40, 39)])
    func repeated(_ count: Int, _ key: Int) {
        var reader = YAMLReader(path: "content/a.md", firstLine: 2)
        let parsed = reader.parseMapping(Self.mapping(keys: count, repeating: key))
        #expect(parsed == nil)
        #expect(reader.diagnostics.map(\.rule) == ["handbook.yaml.duplicate-key"])
        // The repeated key is the mapping's last line, count + 1, below the `---` line.
        #expect(reader.diagnostics.first?.position == SourcePosition(path: "content/a.md", line: count + 2, column: 1))
    }

    @Test("An unclosed quote or bracket is reported where it opens, with where libyaml stopped as a note")
    func unclosed() {
        var reader = YAMLReader(path: "content/a.md", firstLine: 2)
        #expect(reader.parseMapping("title: x\nsteps:\n  - name: \"投诉转办\n    duties: 记录\n") == nil)
        let quote = reader.diagnostics.first
        #expect(quote?.position == SourcePosition(path: "content/a.md", line: 4, column: 11))
        #expect(quote?.message == "invalid YAML: found unexpected end of stream while scanning a quoted scalar, which starts here")
        #expect(quote?.notes == ["libyaml stopped reading at line 6, column 1"])

        var other = YAMLReader(path: "content/b.md", firstLine: 2)
        #expect(other.parseMapping("title: x\nowner: cs: y\n") == nil)
        #expect(other.diagnostics.first?.notes == [], "a mistake at the place libyaml stops gets no note")
    }

    @Test("Lines are sliced by their UTF-8 offsets, an empty last line included")
    func lineTable() {
        let lines = LineTable("标题: 甲\n\n  - 乙 🙂\n")
        #expect(lines.count == 4)
        #expect((0..<lines.count).map { lines[$0] } == ["标题: 甲", "", "  - 乙 🙂", ""])
        #expect(LineTable("").count == 1)
        #expect(LineTable("x")[0] == "x")
    }
}
