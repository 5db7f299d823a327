/// One entry of a process's `confirmations:` as written (see `Confirmation`).
struct RawConfirmation: Sendable {
    var position: SourcePosition
    var by: Located<String>
    var date: Located<String>
    var version: Located<String>
}

extension DocumentParser {
    static let confirmationKeys = ["by", "date", "version"]

    /// `confirmations:` — a list of `{by: 品保部/品保主管, date: 2026-03-01, version: "2.1"}`,
    /// each key required: a confirmation without its version would silently move on to the next one.
    static func confirmations(_ map: Fields, _ reader: inout YAMLReader) -> [RawConfirmation] {
        reader.mappings(map, "confirmations").compactMap { entry, position in
            reader.checkKeys(entry, known: confirmationKeys, in: "a confirmation")
            let by = reader.string(entry, "by", required: true, in: "a confirmation", at: position)
            let date = reader.string(entry, "date", required: true, in: "a confirmation", at: position)
            let version = reader.string(entry, "version", required: true, in: "a confirmation", at: position)
            guard let by, let date, let version else { return nil }
            return RawConfirmation(position: position, by: by, date: date, version: version)
        }
    }
}
