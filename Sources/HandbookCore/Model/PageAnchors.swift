/// Ids the built-in page templates use, by page kind; body headings never take them, so every
/// id on a page is unique and `#step-1` always means the table row.
public enum PageAnchors {
    static let layout: Set<String> = ["main", "handbook-errors"]

    public static func reserved(for kind: SourceFile.Kind) -> Set<String> {
        switch kind {
        case .process: layout.union(["flowchart", "flow-title", "flow-desc", "goals", "steps", "raci", "changes"])
        case .department: layout.union(["roles", "owned", "duties", "handovers"])
        case .home: layout.union(["processes", "departments", "pages"])
        case .page: layout
        }
    }
}
