import ArgumentParser
import Foundation
import HandbookCore

/// Printing and environment for the commands; the core never prints or reads the environment.
enum Console {
    static func print(_ diagnostics: [Diagnostic], in language: HandbookConfig.Language) {
        for diagnostic in diagnostics { error(diagnostic.formatted(in: language)) }
    }

    /// What the build could not find (no git, a shallow clone), said once each.
    static func print(notices: [Phrase], in language: HandbookConfig.Language) {
        for notice in notices { error(language == .zhCN ? "提示：\(notice.zh)" : "note: \(notice.en)") }
    }

    /// `error: text`, or `错误：text`.
    static func errorLine(_ text: String, in language: HandbookConfig.Language) -> String {
        language == .zhCN ? "错误：\(text)" : "error: \(text)"
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func counts(_ diagnostics: [Diagnostic], in language: HandbookConfig.Language) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if language == .zhCN { return "\(errors) 个错误，\(warnings) 个警告" }
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    /// The handbook folder. Said before any handbook.yml is read: in `--lang`, else in the
    /// default language of handbooks (zh-CN).
    static func root(_ path: String, in language: HandbookConfig.Language? = nil) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let language = language ?? HandbookConfig().language
            error(errorLine(language == .zhCN ? "\(path) 不是文件夹" : "\(path) is not a folder", in: language))
            throw ExitCode(2)
        }
        return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    /// SOURCE_DATE_EPOCH, for reproducible builds, else now.
    static func buildDate() -> Date {
        if let value = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(value) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }
}
