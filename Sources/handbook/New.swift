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

    func run() throws {
        do {
            let file = try Scaffold.create(kind, name: name, id: id, root: try Console.root(root))
            print("Wrote \(file.path)")
        } catch let failure as Scaffold.Failure {
            Console.error("error: \(failure.description)")
            throw ExitCode(2)
        }
    }
}

extension Scaffold.Kind: ExpressibleByArgument {}
extension HandbookConfig.Language: ExpressibleByArgument {}
