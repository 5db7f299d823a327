import Foundation
import Testing
@testable import HandbookCore

/// Fixture text with the places diagnostics must point at marked in it, as swift-format's
/// `MarkedText` does: a keycap emoji `1️⃣` … `9️⃣` sits right before the character a caret
/// should point at. The markers are removed from `text`; `markers` says where each one was,
/// as an editor counts: 1-based lines, 1-based columns in `Character`s (one a CJK character),
/// a leading BOM not counted.
struct MarkedText {
    /// Line and column of a marker in the clean text.
    struct Location: Hashable, CustomStringConvertible {
        var line: Int
        var column: Int
        var description: String { "\(line):\(column)" }
    }

    /// The keycap emoji the helper recognises, `1️⃣` … `9️⃣`.
    static let markerNames: [String] = (1...9).map { "\($0)\u{FE0F}\u{20E3}" }

    /// The text without its markers.
    let text: String
    /// Each marker found (e.g. `"1️⃣"`) and where it pointed.
    let markers: [String: Location]

    init(_ marked: String, sourceLocation: SourceLocation = #_sourceLocation) {
        // Work on Unicode scalars: a marker is `digit U+FE0F U+20E3`, whatever its neighbours.
        let scalars = Array(marked.unicodeScalars)
        var clean = String.UnicodeScalarView()
        var offsets: [(String, Int)] = []  // marker and scalar offset into the clean text
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if index + 2 < scalars.count, ("1"..."9").contains(scalar),
               scalars[index + 1] == "\u{FE0F}", scalars[index + 2] == "\u{20E3}" {
                offsets.append((String(String.UnicodeScalarView(scalars[index...index + 2])), clean.count))
                index += 3
                continue
            }
            clean.append(scalar)
            index += 1
        }
        text = String(clean)
        var found: [String: Location] = [:]
        let cleanScalars = Array(clean)
        for (name, offset) in offsets {
            if found[name] != nil {
                Issue.record("marker \(name) appears twice", sourceLocation: sourceLocation)
            }
            found[name] = Self.location(ofScalarOffset: offset, in: cleanScalars)
        }
        markers = found
    }

    /// The marker's position, or a recorded issue (and 0:0) when the text has no such marker.
    subscript(_ name: String) -> Location {
        guard let location = markers[name] else {
            Issue.record("no marker \(name) in the text")
            return Location(line: 0, column: 0)
        }
        return location
    }

    private static func location(ofScalarOffset offset: Int, in scalars: [Unicode.Scalar]) -> Location {
        var lineStart = 0
        var line = 1
        for (position, scalar) in scalars[..<offset].enumerated() where scalar == "\n" {
            line += 1
            lineStart = position + 1
        }
        if line == 1, scalars.first == "\u{FEFF}" { lineStart = 1 }
        let before = String(String.UnicodeScalarView(scalars[lineStart..<offset]))
        return Location(line: line, column: before.count + 1)
    }
}

/// The files of a handbook, each a `MarkedText`; marker names are shared by all the files,
/// so `1️⃣` names one place in the whole handbook.
struct MarkedFiles {
    /// Path (relative to the handbook root) → text without markers.
    let files: [String: String]
    /// Marker → where it is.
    let positions: [String: SourcePosition]

    init(_ marked: [String: String], sourceLocation: SourceLocation = #_sourceLocation) {
        var files: [String: String] = [:]
        var positions: [String: SourcePosition] = [:]
        for (path, text) in marked.sorted(by: { $0.key < $1.key }) {
            let parsed = MarkedText(text, sourceLocation: sourceLocation)
            files[path] = parsed.text
            for (name, location) in parsed.markers {
                if let other = positions[name] {
                    Issue.record("marker \(name) is in both \(other.path) and \(path)", sourceLocation: sourceLocation)
                }
                positions[name] = SourcePosition(path: path, line: location.line, column: location.column)
            }
        }
        self.files = files
        self.positions = positions
    }

    /// Every text file of a fixture folder, read as `[path: text]` (markers still in).
    static func read(folder: URL) throws -> [String: String] {
        let base = folder.resolvingSymlinksInPath().pathComponents.count
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = url.resolvingSymlinksInPath().pathComponents.dropFirst(base).joined(separator: "/")
            result[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return result
    }
}
