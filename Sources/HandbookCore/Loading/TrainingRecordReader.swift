/// Reads `training:` of handbook.yml: the sign-off block of printed training records.
enum TrainingRecordReader {
    static let keys = ["signers", "trainee_fields", "row_columns", "assessment", "document_number", "controlled_copy", "logo"]
    /// More hand-filled columns than this leave the duties column too narrow to read on A4 portrait.
    static let maxRowColumns = 4
    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp", "svg"]

    static func read(_ map: Fields, into config: inout HandbookConfig, reader: inout YAMLReader) {
        guard let node = reader.value(map, "training"), let fields = reader.requireMapping(node, "`training`") else { return }
        let context = "`training` of \(HandbookLoader.configName)"
        reader.checkKeys(fields, known: keys, in: context)
        var record = TrainingRecord()
        func list(_ key: String) -> [String]? {
            guard reader.value(fields, key) != nil || reader.keyNode(fields, key) != nil else { return nil }
            let items = reader.strings(fields, key)
            for item in items where item.value.isEmpty {
                reader.report(.error("handbook.config.training", Phrase("`\(key)` 里有一项是空的", en: "an item of `\(key)` is empty"), at: item.position))
            }
            return items.map(\.value).filter { !$0.isEmpty }
        }
        record.signers = list("signers")
        record.traineeFields = list("trainee_fields")
        record.rowColumns = list("row_columns")
        if let columns = record.rowColumns, columns.count > maxRowColumns, let node = reader.value(fields, "row_columns") {
            reader.report(.error("handbook.config.training",
                Phrase("`row_columns` 列了 \(columns.count) 栏，A4 纸上职责旁最多放得下 \(maxRowColumns) 栏",
                       en: "`row_columns` has \(columns.count) columns; at most \(maxRowColumns) fit beside a step's duties on an A4 page"),
                at: reader.position(node)))
            record.rowColumns = Array(columns.prefix(maxRowColumns))
        }
        if let node = reader.value(fields, "assessment"), let flag = node.bool {
            // `assessment: false` prints no assessment line; `true` the default outcomes.
            record.assessment = flag ? nil : []
        } else {
            record.assessment = list("assessment")
        }
        let start = reader.position(node)
        record.documentNumber = reader.string(fields, "document_number", in: context, at: start)?.value
        record.controlledCopy = reader.string(fields, "controlled_copy", in: context, at: start)?.value
        if let logo = reader.string(fields, "logo", in: context, at: start) {
            let path = logo.value.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if logo.value.hasPrefix("/") || path.split(separator: "/").contains("..") || path.isEmpty {
                reader.report(.error("handbook.config.training", Phrase("`logo` 应是内容文件夹里的图片，例如 `images/logo.png`", en: "`logo` must be an image inside the content folder, such as images/logo.png"),
                                     at: logo.position))
            } else if !imageExtensions.contains(ext) {
                reader.report(.error("handbook.config.training",
                    Phrase("`logo` 应是图片（`\(imageExtensions.sorted().joined(separator: "`、`"))`），而不是 `\(path)`",
                           en: "`logo` must be an image (\(imageExtensions.sorted().joined(separator: ", "))), not `\(path)`"), at: logo.position))
            } else {
                record.logo = path
                record.logoPosition = logo.position
            }
        }
        config.training = record
    }

    /// The logo names a file the site publishes: one under the content folder, not withheld.
    static func checkLogo(_ config: HandbookConfig, assets: [String], withheld: Set<String>) -> Diagnostic? {
        guard let logo = config.training.logo, let position = config.training.logoPosition else { return nil }
        if withheld.contains(logo) {
            return .error("handbook.config.training", Phrase("`logo` 指向的 `\(config.contentFolder)/\(logo)` 可能运行脚本，不会发布", en: "`logo` names \(config.contentFolder)/\(logo), which is not published: it can run script"),
                          at: position)
        }
        guard !assets.contains(logo) else { return nil }
        return .error("handbook.config.training", Phrase("`logo` 指向的 `\(config.contentFolder)/\(logo)` 不存在", en: "`logo` names \(config.contentFolder)/\(logo), which does not exist"),
                      at: position, notes: Suggestion.note(for: logo, in: assets.filter {
                          imageExtensions.contains($0.split(separator: ".").last.map { $0.lowercased() } ?? "")
                      }))
    }
}
