/// The entry the libFuzzer target (`Fuzz/`) drives: bytes through decoding, frontmatter
/// splitting, YAML reading and model building, as each kind of document. Must never crash.
public enum FuzzEntry {
    public static func run(_ bytes: [UInt8]) {
        guard case .success(let text) = SourceFile.decode(bytes, path: "fuzz.md") else { return }
        var departments: [RawDepartment] = []
        var processes: [RawProcess] = []
        for (kind, path) in [(SourceFile.Kind.department, "departments/d.md"), (.process, "processes/p.md"), (.page, "p.md")] {
            let (document, _) = DocumentParser.parse(SourceFile(path: "content/" + path, contentPath: path, kind: kind, text: text))
            switch document {
            case .department(let value): departments.append(value)
            case .process(let value): processes.append(value)
            default: break
            }
        }
        var diagnostics: [Diagnostic] = []
        let directory = Directory(departments, diagnostics: &diagnostics)
        _ = OrganizationResolver.resolve(directory, diagnostics: &diagnostics)
        let resolver = ProcessResolver(directory: directory, links: LinkIndex(), unsafeHTML: false)
        for raw in processes {
            let process = resolver.resolve(raw, bodyHTML: "", diagnostics: &diagnostics)
            diagnostics += HandOverCheck.check(raw: raw, steps: process.steps)
            diagnostics += ApprovalCheck.check(raw, today: "2026-01-01")
        }
        _ = diagnostics.sortedByPosition().map(\.formatted)
    }
}
