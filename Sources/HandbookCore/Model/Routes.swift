/// Where each page lives in the output, relative to the output root. Ids become escaped path
/// segments, so no id can name a parent folder or a hidden file.
public enum Routes {
    public static let home = "index.html"
    public static let notFound = "404.html"
    public static let data = "handbook.json"
    public static let stylesheet = "assets/style.css"
    public static let matrix = "matrix/index.html"
    public static let search = "search/index.html"
    /// Every role's training record as CSV rows, for HR's records system.
    public static let trainingPlan = "training/plan.csv"
    /// Indexes for readers: processes by category, departments in the organisation's tree,
    /// every checklist, and processes due for review.
    public static let processIndex = "processes/index.html"
    public static let departmentIndex = "departments/index.html"
    public static let trainingIndex = "training/index.html"
    public static let review = "review/index.html"

    public static func process(_ id: String) -> String { "processes/\(segment(id))/index.html" }
    /// A file beside the process page, not a folder of its own: one folder fewer per process
    /// (20,000 fewer inodes to make at 20,000 processes, and 4 KB of disk each).
    public static func feedbackForm(_ id: String) -> String { "processes/\(segment(id))/feedback.html" }
    /// Every comparison between a process's approved versions, on one page beside its page: a
    /// file per process, where a folder and a file per pair of versions made 28,000 inodes at
    /// 2,000 processes of 5 versions (creating them was most of the history's cost).
    public static func processChanges(_ id: String) -> String { "processes/\(segment(id))/changes.html" }
    /// One comparison's section on that page (`v1.0..2.0`): a version's characters other than
    /// letters, digits, `.`, `_` and `-` become `-`, so the id has no space and needs no escaping.
    private static func kept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }

    public static func comparisonAnchor(old: String, new: String) -> String {
        // A version is nearly always digits and dots: kept whole without walking its characters.
        func clean(_ version: String) -> String {
            if version.utf8.allSatisfy(kept) { return version }
            return String(version.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
        }
        return "v\(clean(old))..\(clean(new))"
    }
    public static func department(_ id: String) -> String { "departments/\(segment(id))/index.html" }
    public static func training(_ departmentID: String) -> String { "training/\(segment(departmentID))/index.html" }
    public static func training(_ departmentID: String, role: String) -> String {
        "training/\(segment(departmentID))/\(segment(role))/index.html"
    }
    /// A department's part of the responsibility matrix (the whole one would be megabytes), in
    /// a folder of its own: a department whose id is `index.html` would otherwise need a folder
    /// where the matrix's index is a file.
    public static func matrix(_ departmentID: String) -> String { "matrix/departments/\(segment(departmentID))/index.html" }
    /// The responsibility matrix as CSV, a row per step (README, "The site").
    public static let matrixCSV = "matrix/matrix.csv"
    /// A department's duties as CSV, beside its page.
    public static func departmentDutiesCSV(_ id: String) -> String { "departments/\(segment(id))/duties.csv" }
    /// A role's delta sheet: only the steps to retrain since the previous approved versions.
    public static func deltaSheet(_ departmentID: String, role: String) -> String {
        "training/\(segment(departmentID))/\(segment(role))/changes/index.html"
    }
    /// A role's page (its duties across all processes).
    public static func role(_ departmentID: String, role: String) -> String {
        "roles/\(segment(departmentID))/\(segment(role))/index.html"
    }
    public static func stepAnchor(_ stepID: String) -> String { "step-\(stepID)" }

    /// `guides/onboarding.md` → `guides/onboarding/index.html`; `index.md` files keep their folder.
    public static func page(_ contentPath: String) -> String {
        let stem = Self.stem(contentPath)
        let parts = stem.split(separator: "/").map { segment(String($0)) }
        if parts.last == "index" { return (parts.dropLast() + ["index.html"]).joined(separator: "/") }
        return (parts + ["index.html"]).joined(separator: "/")
    }

    /// A Markdown file's path without `.md` or `.markdown`.
    public static func stem(_ path: String) -> String {
        if path.hasSuffix(".md") { return String(path.dropLast(3)) }
        if path.hasSuffix(".markdown") { return String(path.dropLast(9)) }
        return path
    }

    /// A file-system-safe name for an id: letters and digits of any script, `-`, `_`, `.` kept,
    /// everything else (and a leading dot) percent-encoded.
    public static func segment(_ id: String) -> String {
        guard !id.isEmpty else { return "_" }
        // A folder named like the index file beside it (`departments/index.html/` next to the
        // departments index `departments/index.html`) cannot exist: its dot is escaped.
        if id == "index.html" { return "index%2Ehtml" }
        // Most ids are plain ASCII names (`dept-001`): nothing to escape, no copy.
        if id.utf8.first != UInt8(ascii: "."), id.utf8.allSatisfy({ isUnreserved($0) && $0 != UInt8(ascii: "~") }) { return id }
        var out = ""
        for (offset, scalar) in id.unicodeScalars.enumerated() {
            let keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar == "-" || scalar == "_" || (scalar == "." && offset > 0)
            if keep, scalar != "%" {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { out += "%" + hex(byte) }
            }
        }
        return out
    }

    /// The URL form of an output path or fragment: every byte outside ASCII letters, digits
    /// and `-._~/#` percent-encoded.
    public static func href(_ path: String) -> String {
        if path.utf8.allSatisfy({ isUnreserved($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "#") }) { return path }
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: "#"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + hex(byte)
            }
        }
        return out
    }

    /// `../` repeated once for each folder above the page.
    public static func rootPrefix(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    /// ASCII letters, digits and `-._~`.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

/// Site-root-relative links inside rendered HTML fragments carry this prefix until the page
/// they land on is known; the renderer replaces it with that page's `../` prefix.
public enum RootLink {
    public static let prefix = "hb-root:/"
    /// What `links(in:)` looks for: the prefix at the start of an attribute value.
    static let marker = Array(("\"" + prefix).utf8)

    public static func to(_ path: String, fragment: String? = nil) -> String {
        prefix + Routes.href(path) + (fragment.map { "#" + Routes.href($0) } ?? "")
    }

    /// Every attribute value starting with the prefix (`href`, `src`, `action`, `data-root`).
    /// Byte-level: this runs over every byte of the site.
    public static func relativize(_ html: String, root: String) -> String {
        let bytes = relativize(Array(html.utf8), root: root)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same over UTF-8 bytes, as the renderer makes them; the input back when there is no link.
    public static func relativize(_ bytes: [UInt8], root: String) -> [UInt8] {
        let replacement = Array(("\"" + root).utf8)
        return bytes.withUnsafeBytes { input -> [UInt8] in
            var out: [UInt8] = []
            var copied = 0
            for link in links(in: input) {
                if out.isEmpty { out.reserveCapacity(input.count) }
                out.append(contentsOf: input[copied..<link.lowerBound])
                out.append(contentsOf: replacement)
                copied = link.upperBound
            }
            if copied == 0 { return bytes }
            out.append(contentsOf: input[copied...])
            return out
        }
    }

    /// Where the root links' `"hb-root:/` prefixes are. libc's memchr (vectorised) jumps from
    /// colon to colon, rare in HTML but part of every root link; a byte-by-byte loop here was
    /// 2.5% of a build.
    static func links(in input: UnsafeRawBufferPointer) -> [Range<Int>] {
        let needle = marker
        let colonOffset = needle.firstIndex(of: UInt8(ascii: ":"))!
        guard let base = input.baseAddress else { return [] }
        var found: [Range<Int>] = []
        var from = colonOffset
        while from < input.count, let hit = memchr(base + from, Int32(UInt8(ascii: ":")), input.count - from) {
            let colon = base.distance(to: UnsafeRawPointer(hit))
            from = colon + 1
            let start = colon - colonOffset
            guard start >= (found.last?.upperBound ?? 0), start + needle.count <= input.count,
                  input[start..<(start + needle.count)].elementsEqual(needle) else { continue }
            found.append(start..<(start + needle.count))
            from = start + needle.count + colonOffset
        }
        return found
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif
