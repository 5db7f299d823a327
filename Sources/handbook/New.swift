import ArgumentParser
import Foundation
import HandbookCore

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new process or department file from the format, ready to edit.")

    @Argument(help: "process or department.") var kind: Scaffold.Kind
    @Argument(help: "The process title or department name (Chinese allowed).") var name: String
    @Argument(help: "The handbook folder.") var root = "."
    @Option(help: "The id (default: derived from the name).") var id: String?
    @Option(name: .customLong("lang"), help: "Language of messages: zh-CN or en (default: `language` of handbook.yml).")
    var language: HandbookConfig.Language?

    func run() throws {
        let folder = try Console.root(root, in: language)
        let language = language ?? Scaffold.language(root: folder)
        do {
            let file = try Scaffold.create(kind, name: name, id: id, root: folder)
            print(language == .zhCN ? "已写出 \(file.path)" : "Wrote \(file.path)")
        } catch let failure as Scaffold.Failure {
            Console.error(Console.errorLine(language == .zhCN ? failure.phrase.zh : failure.phrase.en, in: language))
            throw ExitCode(2)
        }
    }
}

extension Scaffold.Kind: ExpressibleByArgument {}
extension HandbookConfig.Language: ExpressibleByArgument {}
