import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Pipeline {
    /// Why the site could not be written, in both languages (`build` prints it in the
    /// handbook's); `description` is the English.
    public struct IOFailure: Error, CustomStringConvertible {
        public var phrase: Phrase
        public var description: String { phrase.en }

        init(_ phrase: Phrase) { self.phrase = phrase }

        public func message(in language: HandbookConfig.Language) -> String {
            language == .zhCN ? phrase.zh : phrase.en
        }

        /// Why `output` could not be written, as the system says it (`Permission denied`), with
        /// the path it was said of: not Foundation's error dump.
        static func writing(_ output: URL, _ error: Error) -> IOFailure {
            let reason = (error as? OutputWriter.Failure)?.phrase ?? systemReason(error)
            return IOFailure(Phrase("无法写出 \(output.path)：\(reason.zh)", en: "cannot write \(output.path): \(reason.en)"))
        }

        static func systemReason(_ error: Error) -> Phrase {
            let error = error as NSError
            let path = error.userInfo[NSFilePathErrorKey] as? String
            let posix = (error.userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
                .flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
                ?? (error.domain == NSPOSIXErrorDomain ? error.code : nil)
            var isFolder: ObjCBool = false
            if let path, let posix, posix == Int(EEXIST) || posix == Int(ENOTDIR),
               FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                return Phrase("\(path) 是文件，不是文件夹", en: "\(path) is a file, not a folder")
            }
            if let posix {
                let reason = OutputWriter.systemReason(Int32(posix))
                return Phrase(reason.zh + (path.map { "（\($0)）" } ?? ""), en: reason.en + (path.map { " (\($0))" } ?? ""))
            }
            return Phrase(error.localizedDescription, en: error.localizedDescription)
        }
    }
}

extension OutputWriter {
    /// A failure writing the site, in both languages; `description` is the English.
    struct Failure: Error, CustomStringConvertible {
        var phrase: Phrase
        var description: String { phrase.en }

        init(_ phrase: Phrase) { self.phrase = phrase }

        /// `cannot <verb> path: <the system's reason for errno>`.
        static func system(_ zhVerb: String, _ enVerb: String, _ path: String, errno code: Int32 = errno) -> Failure {
            let reason = systemReason(code)
            return Failure(Phrase("无法\(zhVerb) \(path)：\(reason.zh)", en: "cannot \(enVerb) \(path): \(reason.en)"))
        }
    }

    /// The system's reason (`strerror`), with the Chinese for those a build meets.
    static func systemReason(_ code: Int32) -> Phrase {
        let en = String(cString: strerror(code))
        let zh: [Int32: String] = [
            EACCES: "没有权限", EPERM: "不允许这样操作", ENOENT: "文件或文件夹不存在", ENOTDIR: "路径中有一项不是文件夹",
            EISDIR: "这是一个文件夹", EEXIST: "已经存在", ENOSPC: "磁盘空间不足", EDQUOT: "超出了磁盘配额",
            EROFS: "文件系统是只读的", ENAMETOOLONG: "文件名太长", EIO: "读写出错", ENOTEMPTY: "文件夹不是空的",
            EBUSY: "正被占用", ELOOP: "符号链接太多层", EMFILE: "打开的文件太多", ENFILE: "打开的文件太多",
        ]
        return Phrase(zh[code] ?? en, en: en)
    }
}
