import ArgumentParser
import Foundation
import HandbookCore

/// `handbook explain RULE`: what a rule checks, why, and how to fix what it finds (as `rustc
/// --explain`); without a rule, every rule with its severity and summary.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a rule of check (handbook.step.no-responsible, or step.no-responsible); list every rule without one.")

    @Argument(help: "The rule id, with or without `handbook.`.") var rule: String?
    @Option(name: .customLong("lang"), help: "zh-CN or en (default: `language` of handbook.yml in --root, else zh-CN).")
    var language: HandbookConfig.Language?
    @Option(help: "The handbook folder whose language to use.") var root = "."

    func run() throws {
        let language = language ?? Pipeline.language(root: URL(fileURLWithPath: root, isDirectory: true))
        let zh = language == .zhCN
        guard let rule else {
            let width = RuleCatalog.ids.map(\.count).max() ?? 0
            for rule in RuleCatalog.all {
                let level = zh ? (rule.severity == .error ? "错误" : "警告") : rule.severity.rawValue
                print(rule.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + level + "  " + (zh ? rule.summary.zh : rule.summary.en))
            }
            return
        }
        let id = rule.hasPrefix("handbook.") ? rule : "handbook." + rule
        guard let found = RuleCatalog.rule(id) else {
            let near = RuleCatalog.nearest(to: id)
            Console.error(zh ? "error: 没有规则 `\(rule)`" + (near.map { "（是否指 \($0)？）" } ?? "") + "；`handbook explain` 列出全部规则"
                             : "error: no rule `\(rule)`" + (near.map { " (did you mean \($0)?)" } ?? "") + "; `handbook explain` lists them all")
            throw ExitCode(2)
        }
        print(RuleCatalog.explanation(of: found, in: language), terminator: "")
    }
}
