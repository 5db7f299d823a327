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

    func run() async throws {
        var files = paths
        var root = "."
        var isFolder: ObjCBool = false
        if files.count > 1, let last = files.last, FileManager.default.fileExists(atPath: last, isDirectory: &isFolder), isFolder.boolValue {
            root = files.removeLast()
        }
        guard !files.isEmpty else { throw ValidationError("name at least one file to import") }
        let options = Importer.Options(files: files, root: try Console.root(root), id: id, owner: owner,
                                       dryRun: dryRun, createDepartments: createDepartments)
        let report = await Importer.run(options)
        Console.print(report.diagnostics)
        if dryRun {
            for file in report.files {
                print("=== \(file.path)\(file.steps > 0 ? " (\(file.steps) steps)" : "")")
                print(file.text)
            }
            print("Dry run: \(report.files.count) file\(report.files.count == 1 ? "" : "s") would be written; nothing was.")
        } else if report.written {
            for file in report.files { print("Wrote \(file.path)\(file.steps > 0 ? " (\(file.steps) steps)" : "")") }
        } else {
            Console.error("Nothing was written: \(Console.counts(report.diagnostics)).")
        }
        if report.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
