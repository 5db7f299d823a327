import Foundation
import HandbookMarkdown

/// What loading produced: the config, every document that could be read, and diagnostics.
struct LoadedHandbook: Sendable {
    var config: HandbookConfig
    var documents: [RawDocument]
    /// Non-Markdown files under content/, by content path.
    var assets: [String] = []
    var contentURL: URL?
    /// Markdown files (content paths) that are there but could not be read or parsed.
    var unreadable: Set<String> = []
    /// SVG and XML files (by asset path) holding something that could run script, and where.
    var activeMarkup: [String: ActiveMarkup.Finding] = [:]
    var diagnostics: [Diagnostic]
    var fileCount: Int
}

/// Finds and reads a handbook folder: `handbook.yml`, then every `.md` under the content
/// folder, read and parsed concurrently.
enum HandbookLoader {
    static let configName = "handbook.yml"
    static let configKeys = ["title", "organization", "language", "content", "output", "feedback_url", "unsafe_html", "training", "severity", "rules", "exclude", "ignore_keys", "links_relative_to", "content_language", "heading_ids"]

    static func load(root: URL, cache: DocumentCache? = nil) async -> LoadedHandbook {
        var (config, diagnostics) = loadConfig(root: root)
        let content = root.appendingPathComponent(config.contentFolder, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error("handbook.content.missing",
                Phrase("在 `\(root.path)` 里找不到内容文件夹 `\(config.contentFolder)`", en: "content folder `\(config.contentFolder)` not found in \(root.path)"),
                at: config.contentPosition ?? SourcePosition(path: config.contentFolder, line: 1, column: 1)))
            return LoadedHandbook(config: config, documents: [], diagnostics: diagnostics, fileCount: 0)
        }
        let (entries, assets, listing) = ContentScanner.scan(content: content, prefix: config.contentFolder,
                                                                   exclude: config.exclude.map(Glob.init))
        diagnostics += listing

        // Files unchanged since `serve`'s last rebuild are taken from the cache here; only the
        // others become tasks, read and parsed on all cores.
        var results = [(document: RawDocument?, diagnostics: [Diagnostic])?](repeating: nil, count: entries.count)
        var missed: [(Int, DocumentCache.Stamp?)] = []
        for (index, entry) in entries.enumerated() {
            let stamp = cache == nil ? nil : DocumentCache.stamp(of: entry)
            if let cache, let hit = cache.lookup(entry, stamp) {
                results[index] = hit
            } else {
                missed.append((index, stamp))
            }
        }
        let made = await withTaskGroup(of: (Int, RawDocument?, [Diagnostic]).self) { group in
            for (index, stamp) in missed {
                let entry = entries[index]
                group.addTask {
                    let (document, found) = readAndParse(entry)
                    cache?.store(entry, stamp, document, found)
                    return (index, document, found)
                }
            }
            var collected = [(Int, RawDocument?, [Diagnostic])]()
            collected.reserveCapacity(missed.count)
            for await result in group { collected.append(result) }
            return collected
        }
        for (index, document, found) in made { results[index] = (document, found) }
        let documents = results.compactMap { $0?.document }
        let unreadable = Set(entries.indices.filter { results[$0]?.document == nil }.map { entries[$0].contentPath })
        diagnostics += results.flatMap { $0?.diagnostics ?? [] }
        let activeMarkup = config.unsafeHTML ? [:] : scanMarkup(assets, in: content)
        if let logo = TrainingRecordReader.checkLogo(config, assets: assets, withheld: Set(activeMarkup.keys)) { diagnostics.append(logo) }
        return LoadedHandbook(config: config, documents: documents, assets: assets, contentURL: content,
                              unreadable: unreadable, activeMarkup: activeMarkup,
                              diagnostics: diagnostics, fileCount: entries.count + (FileManager.default.fileExists(atPath: root.appendingPathComponent(configName).path) ? 1 : 0))
    }

    /// SVG and XML files are documents a browser runs script in when opened: each is read and
    /// checked (they are few and small next to the Markdown). One that cannot be read counts as active.
    private static func scanMarkup(_ assets: [String], in content: URL) -> [String: ActiveMarkup.Finding] {
        var found: [String: ActiveMarkup.Finding] = [:]
        for asset in assets {
            guard let ext = asset.split(separator: ".").last, asset.contains("."),
                  ActiveMarkup.scanned.contains(ext.lowercased()) else { continue }
            guard let data = FileManager.default.contents(atPath: content.appendingPathComponent(asset).path) else {
                found[asset] = ActiveMarkup.Finding(line: 1, column: 1, what: "a file that cannot be read")
                continue
            }
            if let finding = ActiveMarkup.find(in: [UInt8](data)) { found[asset] = finding }
        }
        return found
    }

    private static func readAndParse(_ entry: ContentScanner.Entry) -> (RawDocument?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: entry.fullPath) else {
            return (nil, [.error("handbook.file.unreadable", Phrase("无法读取这个文件", en: "cannot read file"),
                                 at: SourcePosition(path: entry.path, line: 1, column: 1))])
        }
        switch SourceFile.decode(Array(data), path: entry.path) {
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        case .success(let text):
            let file = SourceFile(path: entry.path, contentPath: entry.contentPath, kind: entry.kind, text: text)
            return DocumentParser.parse(file)
        }
    }

    static func loadConfig(root: URL) -> (HandbookConfig, [Diagnostic]) {
        var config = HandbookConfig()
        let url = root.appendingPathComponent(configName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return (config, []) }
        let text: String
        switch SourceFile.decode(Array(data), path: configName) {
        case .failure(let diagnostic): return (config, [diagnostic])
        case .success(let value): text = value
        }
        var reader = YAMLReader(path: configName, firstLine: 1)
        guard let map = reader.parseMapping(text) else { return (config, reader.diagnostics) }
        let start = SourcePosition(path: configName, line: 1, column: 1)
        reader.checkKeys(map, known: configKeys, in: configName)
        if let title = reader.string(map, "title", in: configName, at: start) { config.title = title.value }
        config.organization = reader.string(map, "organization", in: configName, at: start)?.value
        if let language = reader.string(map, "language", in: configName, at: start) {
            if let value = HandbookConfig.Language(rawValue: language.value) {
                config.language = value
            } else {
                // Documents in another language keep a UI the theme has and say their own.
                reader.report(.error("handbook.config.language", Phrase("不认识的语言 `\(language.value)`，请写 `zh-CN` 或 `en`", en: "unknown language `\(language.value)`; use zh-CN or en"),
                                     at: language.position,
                                     notes: !isLanguageTag(language.value) ? [] : [Phrase("`language` 是界面的语言；文档用别的语言写成时，另写 `content_language: \(language.value)`",
                                                    en: "`language` is the UI's; for documents written in another language, add `content_language: \(language.value)`")]))
            }
        }
        var folderPositions: [String: SourcePosition] = [:]
        for (key, keyPath) in [("content", \HandbookConfig.contentFolder), ("output", \HandbookConfig.outputFolder)] {
            guard let folder = reader.string(map, key, in: configName, at: start) else { continue }
            let normalized = folder.value.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            if normalized.isEmpty || folder.value.hasPrefix("/") || folder.value.split(separator: "/").contains("..") {
                reader.report(.error("handbook.config.folder", Phrase("`\(key)` 应是手册根目录里的文件夹", en: "`\(key)` must be a folder inside the handbook root"),
                                     at: folder.position))
            } else {
                config[keyPath: keyPath] = normalized
                folderPositions[key] = folder.position
            }
        }
        // The output is replaced whole on every build: it must never be, hold or sit in the content.
        if let overlap = OutputSafety.overlap(output: config.outputFolder, content: config.contentFolder) {
            reader.report(.error("handbook.config.folder", overlap,
                                 at: folderPositions["output"] ?? folderPositions["content"] ?? start))
            config.outputFolder = HandbookConfig().outputFolder == config.contentFolder ? "_site" : HandbookConfig().outputFolder
        } else if let overlap = OutputSafety.linkedOverlap(config, root: root) {
            // The same through symbolic links, which `build` would refuse or, for a folder not yet
            // made inside a link, write into the content: `check` says so first.
            reader.report(.error("handbook.config.folder", overlap, at: folderPositions["output"] ?? start))
            config.outputFolder = HandbookConfig().outputFolder == config.contentFolder ? "_site" : HandbookConfig().outputFolder
        }
        config.contentPosition = folderPositions["content"]
        config.feedbackURL = reader.string(map, "feedback_url", in: configName, at: start)?.value
        config.unsafeHTML = reader.bool(map, "unsafe_html") ?? false
        TrainingRecordReader.read(map, into: &config, reader: &reader)
        readSeverity(map, into: &config, reader: &reader)
        config.exclude = reader.strings(map, "exclude").map(\.value)
        config.ignoreKeys = Set(reader.strings(map, "ignore_keys").map(\.value))
        // A setting that is one of a few words; another word is an error at it, saying which.
        func choice<Value: RawRepresentable>(_ key: String, wrong: (String) -> Phrase) -> Value? where Value.RawValue == String {
            guard let written = reader.string(map, key, in: configName, at: start) else { return nil }
            if let value = Value(rawValue: written.value) { return value }
            reader.report(.error("handbook.config.value", wrong(written.value), at: written.position))
            return nil
        }
        if let value: HandbookConfig.LinkBase = choice("links_relative_to", wrong: {
            Phrase("`links_relative_to` 只能写 `page`（按页面发布后的地址读链接）或 `file`（按文件所在文件夹读），这里写的是 `\($0)`",
                   en: "`links_relative_to` is `page` (links read from the page's published address) or `file` (from the file's folder), not `\($0)`")
        }) { config.linksRelativeTo = value }
        if let value: Slug.Style = choice("heading_ids", wrong: {
            Phrase("`heading_ids` 只能写 `github`（GitHub、GitLab、Hugo 的标题锚点）或 `eleventy`（Eleventy 的写法），这里写的是 `\($0)`",
                   en: "`heading_ids` is `github` (GitHub's, GitLab's and Hugo's heading anchors) or `eleventy` (Eleventy's), not `\($0)`")
        }) { config.headingIDs = value }
        if let lang = reader.string(map, "content_language", in: configName, at: start) {
            if isLanguageTag(lang.value) {
                config.contentLanguage = lang.value
            } else {
                reader.report(.error("handbook.config.value",
                    Phrase("`content_language` 应是语言代码，例如 `ja`、`en`、`zh-Hant`，这里写的是 `\(lang.value)`",
                           en: "`content_language` is a language tag such as `ja`, `en` or `zh-Hant`, not `\(lang.value)`"),
                    at: lang.position))
            }
        }
        return (config, reader.diagnostics)
    }

    /// A language tag as `lang` takes it (`ja`, `pt-BR`, `zh-Hant`): ASCII letters, digits, `-`.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return !text.isEmpty && parts[0].allSatisfy(\.isLetter)
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// `rules: {handbook.process.review-overdue: warning, …}`: a level per rule id. `severity:`
    /// is its former name, still read (`rules:` wins where both name a rule).
    private static func readSeverity(_ map: Fields, into config: inout HandbookConfig, reader: inout YAMLReader) {
        for name in ["severity", "rules"] {
            guard let node = reader.value(map, name), let rules = reader.requireMapping(node, "`\(name)`") else { continue }
            readRuleLevels(rules, into: &config, reader: &reader)
        }
    }

    private static func readRuleLevels(_ rules: Fields, into config: inout HandbookConfig, reader: inout YAMLReader) {
        let levels = HandbookConfig.RuleLevel.allCases.map(\.rawValue)
        for (key, value) in rules.pairs {
            guard let rule = reader.scalar(key, "a rule id"), let level = reader.scalar(value, "`\(rule.value)`") else { continue }
            guard rule.value.hasPrefix("handbook."), rule.value.split(separator: ".").count >= 3 else {
                reader.report(.error("handbook.config.severity", Phrase("`\(rule.value)` 不是规则编号（形如 `handbook.process.review-overdue`）", en: "`\(rule.value)` is not a rule id such as handbook.process.review-overdue"),
                                     at: rule.position))
                continue
            }
            // Only rules that exist: a misspelt id would otherwise change nothing, silently.
            guard RuleCatalog.rule(rule.value) != nil else {
                reader.report(.error("handbook.config.severity",
                                     Phrase("没有规则 `\(rule.value)`，全部规则见 `handbook explain`", en: "no rule `\(rule.value)`; `handbook explain` lists them all"),
                                     at: rule.position, notes: Suggestion.note(for: rule.value, in: RuleCatalog.ids)))
                continue
            }
            guard let parsed = HandbookConfig.RuleLevel(rawValue: level.value) else {
                reader.report(.error("handbook.config.severity", Phrase("`\(level.value)` 不是级别，请写 `\(levels.joined(separator: "`、`"))`", en: "`\(level.value)` is not a level; use \(levels.joined(separator: ", "))"),
                                     at: level.position, notes: Suggestion.note(for: level.value, in: levels)))
                continue
            }
            config.severity[rule.value] = parsed
        }
    }
}
