import ArgumentParser
import Foundation
import HandbookCore

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Report every problem in the handbook; write nothing.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The handbook folder.") var root = "."
    @Option(help: "text or json.") var format = Format.text
    @Flag(help: "Treat warnings as errors.") var strict = false
    @Option(name: .customLong("lang"), help: "Language of messages (text and JSON): zh-CN or en (default: `language` of handbook.yml).")
    var language: HandbookConfig.Language?
    @Flag(name: .customLong("no-history"),
          help: "Do not read approved versions from git (no version history, comparison pages or version checks).")
    var noHistory = false

    func run() async throws {
        var options = Pipeline.Options(root: try Console.root(root, in: language), strict: strict, date: Console.buildDate())
        options.leaveModelToExit = true
        options.language = language
        options.history = !noHistory
        let report = await Pipeline.check(options)
        switch format {
        case .text:
            Console.print(report.diagnostics, in: report.language)
            Console.print(notices: report.notices, in: report.language)
            let counts = Console.counts(report.diagnostics, in: report.language)
            print(report.language == .zhCN ? "\(counts)，共 \(report.fileCount) 个文件"
                                           : "\(counts) in \(report.fileCount) file\(report.fileCount == 1 ? "" : "s")")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.userInfo[Diagnostic.languageKey] = report.language
            let data = try encoder.encode(report.diagnostics)
            print(String(decoding: data, as: UTF8.self))
        }
        if report.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
