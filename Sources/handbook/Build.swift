import ArgumentParser
import Foundation
import HandbookCore

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the handbook, then write the site atomically (nothing when there are errors).")

    @Argument(help: "The handbook folder.") var root = "."
    @Option(name: .long, help: "Output folder (default: `output` of handbook.yml, else public/).") var output: String?
    @Flag(help: "Also publish draft and review processes, marked as such.") var drafts = false
    @Flag(help: "Treat warnings as errors.") var strict = false
    @Flag(help: "Print the time each stage took, and the CPU time spent on each kind of file.") var timings = false
    @Flag(name: .customLong("no-spare"),
          help: "Keep no copy of the replaced output beside the new one (.NAME.spare, which the next build writes over instead of creating every file anew).")
    var noSpare = false
    @Option(name: .customLong("lang"), help: "Language of diagnostics and summaries: zh-CN or en (default: `language` of handbook.yml).")
    var language: HandbookConfig.Language?
    @Flag(name: .customLong("no-history"),
          help: "Do not read approved versions from git (no version history, comparison pages or version checks).")
    var noHistory = false

    func run() async throws {
        let start = ContinuousClock.now
        var options = Pipeline.Options(
            root: try Console.root(root, in: language), output: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
            drafts: drafts, strict: strict, date: Console.buildDate())
        options.keepSpare = !noSpare
        options.language = language
        options.leaveModelToExit = true
        options.history = !noHistory
        let report: Pipeline.Report
        do {
            report = try await Pipeline.build(options)
        } catch let failure as Pipeline.IOFailure {
            let language = options.language ?? Pipeline.language(root: options.root)
            Console.error(Console.errorLine(failure.message(in: language), in: language))
            throw ExitCode(2)
        } catch {
            Console.error(Console.errorLine("\(error)", in: options.language ?? Pipeline.language(root: options.root)))
            throw ExitCode(2)
        }
        let zh = report.language == .zhCN
        Console.print(report.diagnostics, in: report.language)
        Console.print(notices: [report.historyUnavailable].compactMap { $0 } + report.notices, in: report.language)
        guard report.published else {
            let counts = Console.counts(report.diagnostics, in: report.language)
            Console.error(zh ? "生成失败：\(counts)；没有发布任何内容。" : "Build failed: \(counts); nothing was published.")
            throw ExitCode(1)
        }
        let elapsed = start.duration(to: .now).components
        let ms = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        print(zh ? "已生成 \(report.pageCount) 页（读取 \(report.fileCount) 个文件），用时 \(ms) ms"
                 : "Built \(report.pageCount) pages from \(report.fileCount) files in \(ms) ms")
        if timings {
            for line in TimingWords.lines(report) { print(line) }
        }
    }
}
