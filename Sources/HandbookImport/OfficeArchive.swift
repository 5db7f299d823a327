import Foundation
import SWXMLHash
import ZIPFoundation

/// The zip container of `.xlsx` and `.docx`, read through ZIPFoundation with limits: a part
/// is inflated chunk by chunk and given up past `partLimit` bytes, all parts together past
/// `totalLimit`, whatever sizes the zip's directory claims (a zip bomb lies about them).
/// XML parts go to SWXMLHash, but never one with a document type declaration: OOXML has none,
/// and a DTD is how external entities (a file of this machine read into a cell) and entity
/// bombs get in. FoundationXML on Linux does not load external entities either (its
/// `shouldResolveExternalEntities` is false; `ImportHostileTests` proves both).
final class OfficeArchive {
    static let partLimit = 50 << 20
    static let totalLimit = 200 << 20

    let name: String
    private let archive: Archive
    private var inflated = 0
    private let partLimit: Int
    private let totalLimit: Int

    init(data: Data, name: String, partLimit: Int = OfficeArchive.partLimit, totalLimit: Int = OfficeArchive.totalLimit) throws(ReadFailure) {
        self.name = name
        self.partLimit = partLimit
        self.totalLimit = totalLimit
        guard data.starts(with: [0x50, 0x4B]), let archive = try? Archive(data: data, accessMode: .read) else {
            throw ReadFailure("不是有效的 Office 文件（不是 zip 压缩包），请用 Word 或 Excel 另存为 .docx / .xlsx",
                              en: "not an Office file (not a zip archive); save it from Word or Excel as .docx or .xlsx", file: name)
        }
        self.archive = archive
    }

    func has(_ path: String) -> Bool { archive[path] != nil }

    /// The part's bytes, or nil when it is not there.
    func part(_ path: String) throws(ReadFailure) -> Data? {
        guard let entry = archive[path], entry.type == .file else { return nil }
        var data = Data()
        let partLimit = self.partLimit, room = totalLimit - inflated
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= partLimit, data.count + chunk.count <= room else { throw Oversized() }
                data.append(chunk)
            }
        } catch is Oversized {
            throw ReadFailure("\(path) 解压后超过 \(min(partLimit, room) >> 20) MB，不再读取（可能是压缩炸弹）",
                              en: "\(path) inflates past \(min(partLimit, room) >> 20) MB; not read (a zip bomb?)", file: name)
        } catch {
            throw ReadFailure("无法解压 \(path)：\(error)", en: "cannot inflate \(path): \(error)", file: name)
        }
        inflated += data.count
        return data
    }

    /// The part parsed as XML, or nil when it is not there.
    func xml(_ path: String) throws(ReadFailure) -> XMLIndexer? {
        guard let data = try part(path) else { return nil }
        return try Self.parse(data, part: path, file: name)
    }

    static func parse(_ data: Data, part: String, file: String) throws(ReadFailure) -> XMLIndexer {
        // `<!DOCTYPE` may only come before the root element; looking at the bytes up to it is enough.
        let head = data.prefix(4096)
        if head.range(of: Data("<!DOCTYPE".utf8)) != nil || head.range(of: Data("<!ENTITY".utf8)) != nil {
            throw ReadFailure("\(part) 含有文档类型声明（DTD），Office 文件不会有；为安全起见不读取（外部实体可能读取本机文件）",
                              en: "\(part) has a document type declaration, which Office files never have; not read (external entities could read this machine's files)",
                              file: file)
        }
        let xml = XMLHash.config { $0.detectParsingErrors = true }.parse(data)
        if case .parsingError(let error) = xml {
            throw ReadFailure("\(part) 不是有效的 XML（第 \(error.line) 行）", en: "\(part) is not well-formed XML (line \(error.line))", file: file)
        }
        return xml
    }

    private struct Oversized: Error {}
}
