import Foundation

/// The built-in theme: `Sources/HandbookTheme/templates/`, shipped as a resource bundle.
public enum DefaultTheme {
    static let bundleName = "handbook_HandbookTheme.resources"

    /// The folder holding the built-in templates and assets, or nil when it cannot be found
    /// (never a crash: SwiftPM's `Bundle.module` stops the program when its bundle is missing).
    public static var directory: URL? {
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName))
        if let resources = Bundle.main.resourceURL { candidates.append(resources.appendingPathComponent(bundleName)) }
        var folders = candidates.map { $0.appendingPathComponent("templates", isDirectory: true) }
        // Running from the source tree (tests, `swift run`): the theme's own folder.
        folders.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("templates", isDirectory: true))
        return folders.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("layout.mustache").path) }
    }
}
