import Foundation

/// Picks the reader by the file's extension. `.doc` and `.xls` (the binary formats before
/// 2007) are converted with LibreOffice when it is installed.
enum SourceReader {
    static let maxFileSize = 100 << 20

    static func read(_ url: URL, name: String) throws(ReadFailure) -> SourceDocument {
        let ext = url.pathExtension.lowercased()
        let data = try bytes(url, name: name)
        switch ext {
        case "csv", "tsv", "txt":
            guard let (text, _) = TextDecoding.decode(Array(data)) else {
                throw ReadFailure("不是文本文件：既不是 UTF-8 也不是 GB18030", en: "not a text file: neither UTF-8 nor GB18030", file: name)
            }
            // Excel's "Unicode text" is tab-separated whatever its name says.
            let delimiter: UnicodeScalar = ext == "tsv" || (ext == "txt" && text.contains("\t")) || (!text.contains(",") && text.contains("\t")) ? "\t" : ","
            return try DelimitedReader.read(text, name: name, delimiter: delimiter)
        case "md", "markdown":
            guard let (text, _) = TextDecoding.decode(Array(data)) else {
                throw ReadFailure("不是文本文件：既不是 UTF-8 也不是 GB18030", en: "not a text file: neither UTF-8 nor GB18030", file: name)
            }
            return MarkdownTableReader.read(text, name: name)
        case "xlsx", "xlsm": return try XLSXReader.read(data, name: name)
        case "docx", "docm": return try DOCXReader.read(data, name: name)
        case "doc", "xls":
            let converted = try LegacyConverter.convert(url, to: ext == "doc" ? "docx" : "xlsx", name: name)
            defer { try? FileManager.default.removeItem(at: converted.deletingLastPathComponent()) }
            let convertedData = try bytes(converted, name: name)
            return ext == "doc" ? try DOCXReader.read(convertedData, name: name) : try XLSXReader.read(convertedData, name: name)
        default:
            throw ReadFailure("不认识的文件类型 .\(ext)：支持 .docx、.xlsx、.csv、.tsv、.md（以及装有 LibreOffice 时的 .doc、.xls）",
                              en: "unknown kind of file .\(ext): .docx, .xlsx, .csv, .tsv and .md are read (.doc and .xls when LibreOffice is installed)",
                              file: name)
        }
    }

    static func bytes(_ url: URL, name: String) throws(ReadFailure) -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { throw ReadFailure("文件不存在或无法读取", en: "no such file, or it cannot be read", file: name) }
        guard size <= maxFileSize else {
            throw ReadFailure("文件大于 \(maxFileSize >> 20) MB，不读取", en: "the file is larger than \(maxFileSize >> 20) MB; not read", file: name)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReadFailure("无法读取文件", en: "the file cannot be read", file: name)
        }
        return data
    }
}

/// `libreoffice --headless --convert-to docx|xlsx`, into a temporary folder.
enum LegacyConverter {
    static func convert(_ url: URL, to format: String, name: String) throws(ReadFailure) -> URL {
        let command = "libreoffice --headless --convert-to \(format)"
        guard let program = ["libreoffice", "soffice"].lazy.compactMap(executable).first else {
            throw ReadFailure("读取 .\(url.pathExtension) 需要 LibreOffice：请安装（apt-get install libreoffice-writer libreoffice-calc），或先用 `\(command) \(url.lastPathComponent)` 转换",
                              en: "reading .\(url.pathExtension) needs LibreOffice: install it (apt-get install libreoffice-writer libreoffice-calc), or convert first with `\(command) \(url.lastPathComponent)`",
                              file: name)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handbook-import-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = program
        // Its own profile folder, so that a LibreOffice the user has open does not take the job.
        process.arguments = ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", format,
                             "--outdir", folder.path, url.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try process.run()
        } catch {
            throw ReadFailure("无法运行 \(program.path)：\(error)", en: "cannot run \(program.path): \(error)", file: name)
        }
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        let output = folder.appendingPathComponent(url.deletingPathExtension().lastPathComponent + "." + format)
        guard FileManager.default.fileExists(atPath: output.path) else {
            try? FileManager.default.removeItem(at: folder)
            throw ReadFailure("`\(command)` 没有转换出文件", en: "`\(command)` made no file", file: name)
        }
        return output
    }

    static func executable(_ name: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
