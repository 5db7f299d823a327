import HandbookTemplate
import Testing

/// `TemplateKey` supplies its own hash to `Dictionary`: every name must still be found, and
/// only its own value.
struct TemplateKeyTests {
    @Test func everyNameOfALargeObjectIsFoundAndNoOther() {
        let names = (0..<5_000).map { "field\($0)" } + ["", "a", "ab", "ba", "名称", "名稱", "step-1", "step_1"]
        let object = Dictionary(uniqueKeysWithValues: names.map { (TemplateKey($0), TemplateValue.string($0)) })
        #expect(object.count == names.count)
        for name in names { #expect(object[TemplateKey(name)] == .string(name)) }
        for missing in ["field5000", "Field1", "field-1", "名", "b"] { #expect(object[TemplateKey(missing)] == nil) }
    }

    @Test func keysAreEqualExactlyWhenTheirNamesAre() {
        #expect(TemplateKey("title") == "title")
        #expect(TemplateKey("title") != "Title")
        #expect(TemplateKey("标题") == TemplateKey(["标", "题"].joined()))
        // Names match byte for byte, as template names are written (no Unicode normalisation).
        #expect(TemplateKey("caf\u{E9}") != TemplateKey("cafe\u{301}"))
        #expect(Set(["a", "b", "a"].map { TemplateKey($0) }).count == 2)
    }

    @Test func renderingFindsNamesMadeAtRunTime() throws {
        var fields: [TemplateKey: TemplateValue] = [:]
        for index in 0..<100 { fields[TemplateKey("name\(index)")] = .string("v\(index)") }
        let text = TemplateLibrary([:]).render(try Template("{{name0}} {{name99}} {{name100}}"), .object(fields))
        #expect(text == "v0 v99 ")
    }
}
