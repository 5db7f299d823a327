/// Ids become references (`dept/role`) and URL segments: no `/`, not empty.
enum IdentifierCheck {
    static func check(_ id: Located<String>, kind: String) -> Diagnostic? {
        if id.value.isEmpty {
            return .error("handbook.id.invalid", "\(kind) id is empty", at: id.position)
        }
        if id.value.contains("/") {
            return .error("handbook.id.invalid", "\(kind) id `\(id.value)` contains `/`, which separates department and role",
                          at: id.position)
        }
        if id.value == "end", kind == "step" {
            return .error("handbook.id.invalid", "`end` is reserved for the end of the flow; choose another step id", at: id.position)
        }
        return nil
    }
}
