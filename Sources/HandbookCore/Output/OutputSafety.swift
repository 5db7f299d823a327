import Foundation

/// The output folder is replaced whole by every build, so it must never be the handbook, its
/// sources, or a folder someone else owns.
enum OutputSafety {
    /// The name of the file every build leaves in its output, so the next build knows the
    /// folder is its own to replace.
    static let marker = ".handbook-output"

    /// A reason when two folders (relative to the root, normalized) overlap.
    static func overlap(output: String, content: String) -> Phrase? {
        if output == content {
            return Phrase("输出文件夹 `\(output)` 就是内容文件夹，生成网站会把原稿覆盖掉",
                          en: "the output folder `\(output)` is the content folder; a build would replace the sources")
        }
        if output.hasPrefix(content + "/") {
            return Phrase("输出文件夹 `\(output)` 在内容文件夹 `\(content)` 里面", en: "the output folder `\(output)` is inside the content folder `\(content)`")
        }
        if content.hasPrefix(output + "/") {
            return Phrase("输出文件夹 `\(output)` 包含了内容文件夹 `\(content)`", en: "the output folder `\(output)` holds the content folder `\(content)`")
        }
        return nil
    }

    /// Refuses an output that is or holds the root or the content, or an existing folder with
    /// files in it that no build wrote (no marker).
    static func check(output: URL, root: URL, content: URL) -> Phrase? {
        let out = output.standardizedFileURL.resolvingSymlinksInPath().path
        for (name, folder, isContent) in [(Phrase("手册根目录", en: "handbook root"), root, false),
                                          (Phrase("内容文件夹", en: "content folder"), content, true)] {
            let path = folder.standardizedFileURL.resolvingSymlinksInPath().path
            if out == path || (path + "/").hasPrefix(out + "/") {
                return Phrase("不把网站写到 \(output.path)：它就是或包含\(name.zh)",
                              en: "refusing to write the site to \(output.path): it is or holds the \(name.en)")
            }
            if isContent, out.hasPrefix(path + "/") {
                return Phrase("不把网站写到 \(output.path)：它在内容文件夹里面",
                              en: "refusing to write the site to \(output.path): it is inside the content folder")
            }
        }
        // Dot-files count too: a folder holding only `.git` is someone's, not ours.
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).filter { $0 != marker }
        let marked = FileManager.default.fileExists(atPath: output.appendingPathComponent(marker).path)
        if !entries.isEmpty, !marked {
            return Phrase("不替换 \(output.path)：里面有不是 `handbook` 写的文件；请删掉它，或用 `--output` 换一个文件夹",
                          en: "refusing to replace \(output.path): it has files that handbook did not write; remove it or choose another --output")
        }
        return nil
    }

    /// The output folder, followed through symbolic links, is or holds the root or the content folder, or sits in the content.
    static func linkedOverlap(_ config: HandbookConfig, root: URL) -> Phrase? {
        // Foundation leaves a path alone when its last part does not exist: the nearest folder
        // that does is resolved, and the rest added back (`lnk/site` with `lnk` → content).
        func resolved(_ url: URL) -> String {
            var existing = url.standardizedFileURL
            var rest: [String] = []
            while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
                rest.insert(existing.lastPathComponent, at: 0)
                existing.deleteLastPathComponent()
            }
            return ([existing.resolvingSymlinksInPath().path] + rest).joined(separator: "/")
        }
        let output = resolved(root.appendingPathComponent(config.outputFolder))
        let content = resolved(root.appendingPathComponent(config.contentFolder))
        let top = resolved(root)
        if output == top || (top + "/").hasPrefix(output + "/") {
            return Phrase("输出文件夹 `\(config.outputFolder)` 经符号链接指向 `\(output)`，那里就是或包含手册根目录，生成网站会把它覆盖掉",
                          en: "the output folder `\(config.outputFolder)` leads through a symbolic link to \(output), which is or holds the handbook root; a build would replace it")
        }
        if let overlap = OutputSafety.overlap(output: output, content: content) {
            return Phrase(overlap.zh.replacingOccurrences(of: "`\(output)`", with: "`\(config.outputFolder)`（经符号链接指向 `\(output)`）"),
                          en: overlap.en.replacingOccurrences(of: "`\(output)`", with: "`\(config.outputFolder)` (\(output), through a symbolic link)"))
        }
        return nil
    }
}
