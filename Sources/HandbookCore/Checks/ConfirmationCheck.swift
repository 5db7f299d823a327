/// `confirmations:` resolved against the process's duties, and the checks of issue #29: each
/// confirmation is by a role of a department with a duty, of a version the process had, dated
/// on or after that version took effect; an approved process awaits every department with a duty.
enum ConfirmationCheck {
    /// Per process (with its resolution, so `serve` keeps it with the process's other results).
    static func resolve(_ raw: RawProcess, steps: [Step], directory: Directory, dutyChanges: DutyChanges,
                        diagnostics: inout [Diagnostic]) -> ProcessConfirmations {
        var order: [String] = []
        var withDuty = Set<String>()
        for step in steps {
            for (party, _) in step.involvements where directory.departments[party.departmentID] != nil
                && withDuty.insert(party.departmentID).inserted {
                order.append(party.departmentID)
            }
        }
        func name(_ id: String) -> String { directory.departments[id]?.name.value ?? id }
        let current = raw.version?.value
        // Each version's start: the current one's `effective`, an older one's `changes:` date.
        var starts: [String: String] = [:]
        for change in raw.changes.reversed() {
            if let version = change.version, let date = change.date { starts[version] = date }
        }
        if let current { starts[current] = raw.effective?.value }
        let known = Set(raw.changes.compactMap(\.version) + [current].compactMap { $0 })

        var records: [Confirmation] = []
        for entry in raw.confirmations {
            var valid = true
            var party: Party?
            switch directory.party(entry.by) {
            case .success(let found): party = found
            case .failure(let problem):
                diagnostics.append(problem)
                valid = false
            }
            if let party, !withDuty.contains(party.departmentID) {
                let list = order.map(name)
                diagnostics.append(.error("handbook.confirmation.wrong-department", Phrase(
                    "「\(entry.by.value)」属于\(name(party.departmentID))，该部门在本流程中没有职责，不能代为确认；有职责的部门：\(list.joined(separator: "、"))",
                    en: "`\(entry.by.value)` belongs to \(name(party.departmentID)), which has no duty in this process; departments with duties: \(list.joined(separator: ", "))"),
                    at: entry.by.position))
                valid = false
            }
            let dated = ApprovalCheck.isDate(entry.date.value)
            if !dated {
                diagnostics.append(.error("handbook.yaml.type", ApprovalCheck.dateProblem("date", entry.date.value, example: "2026-03-01"),
                                          at: entry.date.position))
                valid = false
            }
            let version = entry.version.value
            if !known.contains(version) {
                let older = raw.changes.compactMap(\.version).filter { $0 != current }
                diagnostics.append(.error("handbook.confirmation.unknown-version", Phrase(
                    "确认的版本 \(version) 不是本流程的版本（当前版本：\(current ?? "未填写")" + (older.isEmpty ? "）" : "；变更记录中的版本：\(older.joined(separator: "、"))）"),
                    en: "confirms version \(version), which this process never had (current version: \(current ?? "none")" + (older.isEmpty ? ")" : "; in `changes:` \(older.joined(separator: ", ")))")),
                    at: entry.version.position))
                valid = false
            } else if dated, let start = starts[version], ApprovalCheck.isDate(start), entry.date.value < start {
                let since = version == current ? Phrase("生效日期", en: "effective date") : Phrase("变更日期", en: "date in `changes:`")
                diagnostics.append(.error("handbook.confirmation.before-effective", Phrase(
                    "确认日期 \(entry.date.value) 早于版本 \(version) 的\(since.zh) \(start)：确认的只能是已经定稿的版本",
                    en: "confirmed on \(entry.date.value), before version \(version)'s \(since.en) \(start): a confirmation is of a version as written"),
                    at: entry.date.position))
                valid = false
            }
            if valid, let party { records.append(Confirmation(by: party, date: entry.date.value, version: version)) }
        }

        // Older versions newest first, as `changes:` lists them.
        let rank = Dictionary(raw.changes.compactMap(\.version).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let departments = order.map { id -> DepartmentConfirmation in
            let mine = records.filter { $0.by.departmentID == id }
            if let now = mine.filter({ $0.version == current }).max(by: { $0.date < $1.date }) {
                return DepartmentConfirmation(departmentID: id, confirmation: now, carried: false, earlier: nil)
            }
            let older = mine.filter { $0.version != current }
                .sorted { (rank[$0.version] ?? .max, $1.date) < (rank[$1.version] ?? .max, $0.date) }
            for confirmation in older {
                let query = DutyChanges.Query(processID: raw.id.value, currentVersion: current, changes: raw.changes, steps: steps,
                                              departmentID: id, since: confirmation.version)
                if dutyChanges.changed(query) == false {
                    return DepartmentConfirmation(departmentID: id, confirmation: confirmation, carried: true, earlier: nil)
                }
            }
            return DepartmentConfirmation(departmentID: id, confirmation: nil, carried: false, earlier: older.first)
        }
        return ProcessConfirmations(records: records, departments: departments, written: raw.confirmationsKey != nil,
                                    anchor: raw.confirmationsKey ?? raw.version?.position)
    }

    /// Once any process of the handbook records confirmations, an approved process with a
    /// version awaits each department with a duty that has not confirmed it. (A handbook that
    /// never records them is not flooded with warnings on its first build with this rule.)
    static func missing(_ process: Process, names: (String) -> String) -> Diagnostic? {
        guard process.status == .approved, let version = process.version, let at = process.confirmations.anchor else { return nil }
        let awaiting = process.confirmations.departments.filter(\.awaiting)
        guard !awaiting.isEmpty else { return nil }
        let list = awaiting.map { names($0.departmentID) }
        let notes = awaiting.compactMap { department -> Phrase? in
            guard let earlier = department.earlier else { return nil }
            let who = names(department.departmentID)
            return Phrase("\(who)曾于 \(earlier.date) 确认版本 \(earlier.version)；此后的版本若未改动其职责，可在 `changes:` 中用 `steps:` 列出改动的步骤，原确认即可沿用",
                          en: "\(who) confirmed version \(earlier.version) on \(earlier.date); if the versions since did not change its duties, list their changed steps in `changes:` (`steps:`) and that confirmation carries over")
        }
        return .warning("handbook.confirmation.missing", Phrase(
            "已批准的流程版本 \(version) 尚待以下部门确认本部门职责：\(list.joined(separator: "、"))",
            en: "approved version \(version) awaits confirmation of their duties by \(list.joined(separator: ", "))"),
            at: at, notes: notes)
    }
}
