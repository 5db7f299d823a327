import Foundation
import Testing
@testable import HandbookCore

/// `JSONText`, the writer behind handbook.json and the search index.
@Suite("JSON text")
struct JSONTextTests {
    /// Arrays written item by item (`handbook.json`'s processes, made one at a time) come out
    /// byte for byte as a whole array would, pretty or compact.
    @Test func itemsWrittenOnDemandMatchAWholeArray() {
        let objects: [JSONText] = [
            .object(["b": .string("2"), "a": JSONText(["x", "\"y\"\n"]), "none": .null]), .array([]), .string("z"),
        ]
        for pretty in [true, false] {
            var whole: [UInt8] = [], onDemand: [UInt8] = []
            JSONText.object(["list": .array(objects)]).write(into: &whole, pretty: pretty)
            JSONText.object(["list": .items(count: objects.count) { objects[$0] }]).write(into: &onDemand, pretty: pretty)
            #expect(onDemand == whole)
        }
        var compact: [UInt8] = []
        JSONText.items(count: objects.count) { objects[$0] }.write(into: &compact, pretty: false)
        #expect(String(decoding: compact, as: UTF8.self) == #"[{"a":["x","\"y\"\n"],"b":"2"},[],"z"]"#)
    }

    /// Strings are copied in runs between the bytes JSON must escape: every kind of byte, at
    /// the start, the end and side by side, reads back as it was.
    @Test func stringsReadBackExactly() throws {
        let texts = ["", "投诉工单", "\"", "\\", "a\"b\\c", "\n\r\t\u{01}\u{1F}", "\"\"\\\\", "end\u{7}", "\u{0}start",
                     "👩‍👩‍👧 \u{3000}全角 /slash/ \u{7F}", String(repeating: "长文本", count: 500) + "\""]
        var out: [UInt8] = []
        JSONText(texts).write(into: &out, pretty: false)
        #expect(try JSONDecoder().decode([String].self, from: Data(out)) == texts)
        #expect(String(decoding: out, as: UTF8.self).contains(#""\n\r\t\u0001\u001f""#))
    }
}
