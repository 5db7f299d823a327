/// A parsed process file as bytes, for `VersionCache`: every field the history reads of an old
/// version, positions included. Two things are left out, as no old version needs them: the
/// file's whole text (the body is kept) and where a step's duties' characters sit
/// (`dutiesSource`, for reporting a link in today's file). Hand-written rather than `Codable`:
/// decoding is on the build's path (8,000 versions at 2,000 processes), and a field-by-field
/// reader of one byte array does in milliseconds what a keyed container does per field.
enum RawProcessCodec {
    static func encode(_ raw: RawProcess) -> [UInt8] {
        var w = ByteWriter()
        let path = raw.file.path
        func position(_ position: SourcePosition) {
            // Nearly every position is in the file itself: its path is not repeated.
            if position.path == path {
                w.bool(false)
            } else {
                w.bool(true)
                w.string(position.path)
            }
            w.int(position.line)
            w.int(position.column)
        }
        func located(_ value: Located<String>) {
            w.string(value.value)
            position(value.position)
        }
        func optional<T>(_ value: T?, _ write: (T) -> Void) {
            w.bool(value != nil)
            if let value { write(value) }
        }
        func list<T>(_ values: [T], _ write: (T) -> Void) {
            w.int(values.count)
            values.forEach(write)
        }
        func string(_ value: String) { w.string(value) }

        located(raw.id)
        located(raw.title)
        located(raw.owner)
        string(raw.status.rawValue)
        position(raw.statusPosition)
        optional(raw.version, located)
        optional(raw.effective, located)
        optional(raw.approvedBy, located)
        optional(raw.reviewDue, located)
        optional(raw.category, string)
        optional(raw.summary, string)
        list(raw.goals, string)
        list(raw.inputs, string)
        list(raw.changes) { change in
            optional(change.version, string)
            optional(change.date, string)
            string(change.summary)
            optional(change.steps) { list($0, string) }
        }
        list(raw.steps) { step in
            position(step.position)
            located(step.id)
            located(step.name)
            list(step.input, located)
            list(step.responsible, located)
            optional(step.accountable, located)
            list(step.collaborators, located)
            list(step.informed, located)
            optional(step.duties, located)
            optional(step.deadline, string)
            list(step.outputs, string)
            optional(step.risk, string)
            string(step.kind.rawValue)
            optional(step.next) { branches in
                list(branches) { branch in
                    located(branch.to)
                    optional(branch.when, string)
                }
            }
        }
        optional(raw.stepsPosition, position)
        string(raw.body.text)
        w.int(raw.body.firstLine)
        list(raw.confirmations) { confirmation in
            position(confirmation.position)
            located(confirmation.by)
            located(confirmation.date)
            located(confirmation.version)
        }
        optional(raw.confirmationsKey, position)
        return w.bytes
    }

    /// The process `encode` wrote, as the file `file` (path and content path; its text is
    /// not kept); nil when the bytes are not such a process.
    static func decode(_ bytes: UnsafeRawBufferPointer, file: SourceFile) -> RawProcess? {
        var r = ByteReader(bytes)
        let path = file.path
        // A failed read sets `bad` and gives a placeholder; the result is thrown away then.
        var bad = false
        func fail<T>(_ placeholder: T) -> T {
            bad = true
            return placeholder
        }
        func bool() -> Bool { r.bool() ?? fail(false) }
        func int() -> Int { r.int() ?? fail(0) }
        func string() -> String { r.string() ?? fail("") }
        func position() -> SourcePosition {
            let elsewhere = bool()
            let positionPath = elsewhere ? string() : path
            return SourcePosition(path: positionPath, line: int(), column: int())
        }
        func located() -> Located<String> {
            let value = string()
            return Located(value, at: position())
        }
        func optional<T>(_ read: () -> T) -> T? { bool() ? read() : nil }
        func list<T>(_ read: () -> T) -> [T] {
            let count = int()
            // A count no byte array of this size could hold is damage, not a list.
            guard !bad, count <= bytes.count else { return fail([]) }
            return (0..<count).map { _ in read() }
        }

        let id = located(), title = located(), owner = located()
        guard let status = ProcessStatus(rawValue: string()) else { return nil }
        let statusPosition = position()
        let version = optional(located), effective = optional(located)
        let approvedBy = optional(located), reviewDue = optional(located)
        let category = optional(string), summary = optional(string)
        let goals = list(string), inputs = list(string)
        let changes = list { () -> Process.Change in
            let version = optional(string), date = optional(string), summary = string()
            return Process.Change(version: version, date: date, summary: summary, steps: optional { list(string) })
        }
        let steps = list { () -> RawStep in
            let position = position(), id = located(), name = located()
            let input = list(located), responsible = list(located), accountable = optional(located)
            let collaborators = list(located), informed = list(located), duties = optional(located)
            let deadline = optional(string), outputs = list(string), risk = optional(string)
            let kind = Step.Kind(rawValue: string()) ?? fail(.task)
            let next = optional { list { () -> RawBranch in
                let to = located()
                return RawBranch(to: to, when: optional(string))
            } }
            return RawStep(position: position, id: id, name: name, input: input, responsible: responsible,
                           accountable: accountable, collaborators: collaborators, informed: informed, duties: duties,
                           deadline: deadline, outputs: outputs, risk: risk, kind: kind, next: next)
        }
        let stepsPosition = optional(position)
        let bodyText = string()
        let body = MarkdownSource(text: bodyText, firstLine: int())
        let confirmations = list { () -> RawConfirmation in
            let position = position(), by = located(), date = located()
            return RawConfirmation(position: position, by: by, date: date, version: located())
        }
        let confirmationsKey = optional(position)
        guard !bad, r.atEnd else { return nil }
        return RawProcess(file: file, id: id, title: title, owner: owner, status: status, statusPosition: statusPosition,
                          version: version, effective: effective, approvedBy: approvedBy, reviewDue: reviewDue,
                          category: category, summary: summary, goals: goals, inputs: inputs, changes: changes,
                          steps: steps, stepsPosition: stepsPosition, body: body, confirmations: confirmations,
                          confirmationsKey: confirmationsKey)
    }
}
