import Foundation

/// The built-in theme: the repository's `templates/` folder, shipped as a resource.
public enum DefaultTheme {
    /// The folder holding the built-in templates and assets.
    public static var directory: URL? {
        Bundle.module.url(forResource: "templates", withExtension: nil)
    }
}
