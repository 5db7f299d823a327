/// Ids become references (`dept/role`) and URL segments: no `/`, not empty.
enum IdentifierCheck {
    static func check(_ id: Located<String>, kind: String) -> Diagnostic? {
        if id.value.isEmpty {
            return .error("handbook.id.invalid", Phrase("\(ReaderWords.zh(kind))编号是空的", en: "\(kind) id is empty"), at: id.position)
        }
        if id.value.utf8.contains(UInt8(ascii: "/")) {
            return .error("handbook.id.invalid", Phrase("\(ReaderWords.zh(kind))编号 `\(id.value)` 里有 `/`，而 `/` 用来分隔部门和岗位", en: "\(kind) id `\(id.value)` contains `/`, which separates department and role"),
                          at: id.position)
        }
        // Ids become folder names, percent-encoded where needed; file systems stop at 255 bytes.
        // Percent-encoding at most triples a byte: short ids need not be encoded to know.
        if id.value.utf8.count > 66, Routes.segment(id.value).utf8.count > 200 {
            return .error("handbook.id.invalid", Phrase("\(ReaderWords.zh(kind))编号 `\(id.value.prefix(20))…` 太长，做不了文件夹名（岗位编号默认取岗位名称），请另写一个短些的 `id`",
                          en: "\(kind) id `\(id.value.prefix(20))…` is too long to be a folder name (ids of roles default to their name); give it a shorter `id`"),
                          at: id.position)
        }
        if id.value == "end", kind == "step" {
            return .error("handbook.id.invalid", Phrase("`end` 专指流程结束，请换一个步骤编号", en: "`end` is reserved for the end of the flow; choose another step id"), at: id.position)
        }
        return nil
    }
}
