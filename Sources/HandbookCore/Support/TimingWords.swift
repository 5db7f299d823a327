/// What `--timings` and `serve`'s log call the stages and the kinds of file, in the
/// handbook's language. The English are the ids the core uses (`Report.timings`, `kindTimes`).
public enum TimingWords {
    static let zh: [String: String] = [
        // Stages
        "load": "读取", "check": "检查", "render and write": "渲染并写出", "plan": "规划页面",
        // Kinds of file: page templates, then the files made otherwise
        "index": "首页", "process": "流程页", "department": "部门页", "training": "培训清单", "page": "文档页",
        "notfound": "404 页", "matrix": "职责矩阵", "matrixIndex": "职责矩阵索引", "search": "搜索页",
        "feedback": "反馈表", "role": "岗位页", "processIndex": "流程索引", "departmentIndex": "部门索引",
        "trainingIndex": "培训索引", "review": "评审页", "versionCompare": "版本对比页", "deltaSheet": "再培训单",
        "search index": "搜索索引", "handbook.json": "handbook.json", "training plan": "培训计划表",
        "csv": "职责表 CSV", "redirect": "跳转页", "files copied": "复制的文件",
    ]

    /// A stage's or kind's name in `language` (an unknown one as it is).
    public static func name(_ id: String, in language: HandbookConfig.Language) -> String {
        language == .zhCN ? zh[id] ?? id : id
    }

    /// `load 22 ms, check 102 ms, …`, or `读取 22 ms，检查 102 ms，…`.
    public static func stages(_ timings: [(stage: String, duration: Duration)], in language: HandbookConfig.Language) -> String {
        list(timings.map { ($0.stage, $0.duration) }, in: language)
    }

    /// `build --timings`: the stages, then the CPU time of each kind of file.
    public static func lines(_ report: Pipeline.Report) -> [String] {
        let language = report.language
        let kinds = list(report.kindTimes.map { ($0.kind, $0.cpu) }, in: language)
        return [stages(report.timings, in: language),
                language == .zhCN ? "各类文件所用 CPU 时间：" + kinds : "CPU by kind of file: " + kinds]
    }

    private static func list(_ items: [(String, Duration)], in language: HandbookConfig.Language) -> String {
        items.map { "\(name($0.0, in: language)) \(Int($0.1 / .milliseconds(1))) ms" }
            .joined(separator: language == .zhCN ? "，" : ", ")
    }
}
