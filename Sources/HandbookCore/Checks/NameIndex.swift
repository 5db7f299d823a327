/// Documents and files by name, to name the one a broken link most likely meant: a file moved to
/// another folder keeps its name; a misspelt one is a letter or two off. Made once per check
/// (a tree of thousands of pages can have thousands of broken links), never per link.
struct NameIndex: Sendable {
    /// A lower-cased name (a document's file name without `.md`, its folder's for an index
    /// file; a file's whole name) → the content paths that have it, with their paths as
    /// segments for comparing.
    private var byName: [String: [(path: String, segments: [Substring])]] = [:]
    /// Each name with one character left out → the names it came from: two names one edit apart
    /// share an entry (or one is the other's), so near names are found without comparing all.
    private var byDeletion: [String: [String]] = [:]

    init(documents: some Sequence<String>, assets: some Sequence<String>) {
        for path in documents {
            if let key = Self.key(path) { byName[key.name, default: []].append((path, key.segments)) }
        }
        for path in assets {
            let segments = path.split(separator: "/")
            if let name = segments.last { byName[name.lowercased(), default: []].append((path, segments)) }
        }
        for name in byName.keys {
            for deletion in Self.deletions(of: name) { byDeletion[deletion, default: []].append(name) }
        }
    }

    /// The document or file nearest to a missing path (`guides/onboardng.md`, an address
    /// `guides/onboardng`, `img/logo.png`): first by name, then by how many folders differ (at most half).
    func nearest(to missing: String) -> String? {
        guard let key = Self.key(missing) else { return nil }
        var names = byName[key.name] == nil ? [] : [key.name]
        if names.isEmpty {
            var near: Set<String> = []
            for deletion in [key.name] + Self.deletions(of: key.name) {
                if byName[deletion] != nil { near.insert(deletion) }
                near.formUnion(byDeletion[deletion] ?? [])
            }
            guard let best = Suggestion.nearest(to: key.name, in: near.sorted()) else { return nil }
            names = [best]
        }
        var found: (path: String, distance: Int)?
        for name in names {
            for candidate in byName[name] ?? [] {
                let distance = Self.distance(key.segments, candidate.segments)
                // The same name with most of its folders elsewhere is another document.
                guard distance * 2 <= max(key.segments.count, candidate.segments.count) else { continue }
                if let (path, least) = found, distance > least || (distance == least && candidate.path >= path) { continue }
                found = (candidate.path, distance)
            }
        }
        return found?.path
    }

    /// The name a path is looked up by, and its segments: `a/b.md` → b, `a/b/index.md` and
    /// `a/b/` (a generated folder page) → b, an address `a/b` → b, `img/x.png` → x.png.
    private static func key(_ path: String) -> (name: String, segments: [Substring])? {
        var segments = path.split(separator: "/")
        guard var last = segments.last else { return nil }
        for suffix in [".md", ".markdown"] where last.lowercased().hasSuffix(suffix) {
            last = last.dropLast(suffix.count)
            if ["index", "_index", "readme"].contains(last.lowercased()) {
                segments.removeLast()
                guard let folder = segments.last else { return nil }
                last = folder
            } else {
                segments[segments.count - 1] = last
            }
            break
        }
        return (last.lowercased(), segments)
    }

    private static func deletions(of name: String) -> [String] {
        let characters = Array(name)
        guard characters.count > 1 else { return [] }
        return characters.indices.map { index in
            var copy = characters
            copy.remove(at: index)
            return String(copy)
        }
    }

    /// Edits between two paths counted in folders, not characters: cheap, and what tells
    /// `docs/guides/a` from `archive/guides/a`.
    private static func distance(_ a: [Substring], _ b: [Substring]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Held by `LinkIndex`, made the first time a broken link asks for it. Equal to any other
    /// slot: it is made from the targets and assets, which `LinkIndex` compares.
    struct Slot: Sendable, Equatable {
        private var lazy: Lazy<NameIndex>?

        init() {}

        init(documents: [String], assets: [String]) {
            lazy = Lazy { NameIndex(documents: documents, assets: assets) }
        }

        func nearest(to missing: String) -> String? { lazy?.value.nearest(to: missing) }

        static func == (_: Slot, _: Slot) -> Bool { true }
    }
}

extension LinkIndex {
    /// Makes the name index's slot from the targets and assets as they are now (final once the
    /// aliases and generated folder pages are in).
    mutating func indexNames() {
        names = NameIndex.Slot(documents: Array(targets.keys), assets: Array(assets))
    }
}
