import HandbookTemplate

/// The review page: processes whose periodic review is overdue or near, by owning department,
/// and the processes changed last. "Today" is the build's printed date (SOURCE_DATE_EPOCH when
/// set), the date `ApprovalCheck` warns against, so the page and the warnings agree.
extension ViewModels {
    /// Days ahead of today that count as "due soon".
    static let reviewWindow = 90

    /// A process's review as of the printed date.
    enum ReviewState: Equatable {
        case overdue(days: Int)
        case dueSoon(days: Int)
        case later
    }

    func reviewState(_ process: Process) -> ReviewState? {
        guard let due = process.reviewDue, let dueDay = Self.dayNumber(due), let today = Self.dayNumber(printedDate) else { return nil }
        // Compared as the check compares them (a string before today's is overdue).
        if due < printedDate { return .overdue(days: today - dueDay) }
        return dueDay - today <= Self.reviewWindow ? .dueSoon(days: dueDay - today) : .later
    }

    /// The last change of a process up to today: its newest `changes:` entry, or its `effective`
    /// date when that is later (a version may take effect after it was written down).
    struct RecentChange {
        var process: Int
        var date: String
        var version: String?
        var summary: String?
    }

    func recentChanges(limit: Int) -> [RecentChange] {
        var found: [RecentChange] = []
        for (index, process) in handbook.processes.enumerated() {
            let dated = process.changes.filter { ($0.date.flatMap(Self.dayNumber)) != nil && $0.date! <= printedDate }
            let newest = dated.max { $0.date! < $1.date! }
            var change = newest.map { RecentChange(process: index, date: $0.date!, version: $0.version, summary: $0.summary) }
            if let effective = process.effective, effective <= printedDate, Self.dayNumber(effective) != nil,
               effective > (change?.date ?? "") {
                change = RecentChange(process: index, date: effective, version: process.version, summary: nil)
            }
            if let change { found.append(change) }
        }
        // Newest first; a process's title breaks ties, so the list does not depend on file order.
        let titles = handbook.processes.map(\.title)
        return Array(found.sorted { ($1.date, titles[$0.process]) < ($0.date, titles[$1.process]) }.prefix(limit))
    }

    func recentChangeModel(_ change: RecentChange, links: [Model]) -> Model {
        var item = links[change.process]
        item["changedOn"] = .string(change.date)
        item["changeVersion"] = change.version.map(TemplateValue.string) ?? false
        item["changeSummary"] = change.summary.map(TemplateValue.string) ?? false
        return item
    }

    func review() -> Model {
        var model = frame(title: strings["reviewTitle"]!, kind: "review")
        model["breadcrumbs"] = breadcrumbs([], current: strings["reviewNav"]!)
        model["intro"] = .string(strings["reviewIntro"]!.filling("{date}", with: printedDate))
        var overdue: [String: [(Int, Int)]] = [:], dueSoon: [String: [(Int, Int)]] = [:]
        for (index, process) in handbook.processes.enumerated() {
            switch reviewState(process) {
            case .overdue(let days): overdue[process.ownerID, default: []].append((index, days))
            case .dueSoon(let days): dueSoon[process.ownerID, default: []].append((index, days))
            default: break
            }
        }
        let links = processLinkTable
        // Departments in the handbook's order; in each, the most urgent first.
        func groups(_ byOwner: [String: [(Int, Int)]], words: String, urgentFirst: (Int, Int) -> Bool) -> TemplateValue {
            .list(handbook.departments.compactMap { department -> TemplateValue? in
                guard let entries = byOwner[department.id] else { return nil }
                return ["department": .object(departmentLink(department.id)),
                        "processes": .list(entries.sorted { urgentFirst($0.1, $1.1) }.map { index, days in
                            var item = links[index]
                            item["reviewDue"] = .string(handbook.processes[index].reviewDue ?? "")
                            item["days"] = .string(counted(words, days))
                            return .object(item)
                        })]
            })
        }
        model["overdue"] = groups(overdue, words: "daysOverdue", urgentFirst: >)
        model["hasOverdue"] = .bool(!overdue.isEmpty)
        model["dueSoon"] = groups(dueSoon, words: "daysLeft", urgentFirst: <)
        model["hasDueSoon"] = .bool(!dueSoon.isEmpty)
        let recent = recentChanges(limit: 20)
        model["recent"] = .list(recent.map { .object(recentChangeModel($0, links: links)) })
        model["hasRecent"] = .bool(!recent.isEmpty)
        model["awaiting"] = reviewAwaiting()
        return model
    }

    /// Days since 1970-01-01 of a `yyyy-MM-dd` date (the proleptic Gregorian calendar, as the
    /// check validates dates), or nil for anything else.
    static func dayNumber(_ date: String) -> Int? {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        // Howard Hinnant's days_from_civil.
        let year = m <= 2 ? y - 1 : y
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
