import ArgumentParser
import Foundation
import HandbookCore
import HandbookImport

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn responsibility tables (.docx, .xlsx, .csv, .tsv, Markdown) into draft process files.",
        discussion: "The last argument is the handbook folder when it is a folder (default: the current one). Nothing is written when a file cannot be read or a file to write already exists.")

    @Argument(help: "The files to import, then optionally the handbook folder.") var paths: [String]
    @Option(help: "The process id (several tables: ID, ID-2, …; default: from the title).") var id: String?
    @Option(help: "The department that owns the processes (default: the one responsible for most steps).") var owner: String?
    @Flag(help: "Print what would be written; write nothing.") var dryRun = false
    @Flag(help: "Write a department file for each department a table names and the handbook lacks.") var createDepartments = false
    @Option(name: .customLong("lang"), help: "Language of messages: zh-CN or en (default: `language` of handbook.yml).")
    var language: HandbookConfig.Language?

    func run() async throws {
        var files = paths
        var root = "."
        var isFolder: ObjCBool = false
        if files.count > 1, let last = files.last, FileManager.default.fileExists(atPath: last, isDirectory: &isFolder), isFolder.boolValue {
            root = files.removeLast()
        }
        guard !files.isEmpty else { throw ValidationError("name at least one file to import") }
        let options = Importer.Options(files: files, root: try Console.root(root, in: language), id: id, owner: owner,
                                       dryRun: dryRun, createDepartments: createDepartments)
        let report = await Importer.run(options)
        let language = self.language ?? report.language
        let zh = language == .zhCN
        Console.print(report.diagnostics, in: language)
        if dryRun {
            for file in report.files {
                print("=== \(file.path)\(file.steps > 0 ? " (\(file.steps) steps)" : "")")
                print(file.text)
            }
            print(zh ? "试运行：将写入 \(report.files.count) 个文件，实际未写入。"
                     : "Dry run: \(report.files.count) file\(report.files.count == 1 ? "" : "s") would be written; nothing was.")
        } else if report.written {
            for file in report.files {
                print(zh ? "已写入 \(file.path)\(file.steps > 0 ? "（\(file.steps) 个步骤）" : "")"
                         : "Wrote \(file.path)\(file.steps > 0 ? " (\(file.steps) steps)" : "")")
            }
        } else {
            let counts = Console.counts(report.diagnostics, in: language)
            Console.error(zh ? "未写入任何文件：\(counts)。" : "Nothing was written: \(counts).")
        }
        if report.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
