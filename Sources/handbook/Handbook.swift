import ArgumentParser
import Foundation
import HandbookCore

@main
struct HandbookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handbook",
        abstract: "Builds and checks company process handbooks.",
        subcommands: [Build.self, Check.self, New.self, Serve.self, Explain.self, Import.self])

    /// ArgumentParser exits 64 on bad usage; the handbook's contract is 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code == .failure {
                self.exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
