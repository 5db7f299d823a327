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

    /// What the history reads of every version without its steps: whether it is one, and
    /// what its row in the version history says.
    struct Header: Sendable {
        var status: ProcessStatus
        var version: String?
        var effective: String?
        var approvedBy: String?
        var changes: [Process.Change]
    }

    /// The fields before the steps, read without the rest (a version's steps are read only
    /// when it is compared).
    static func header(_ bytes: UnsafeRawBufferPointer) -> Header? {
        var d = Decoder(bytes, path: "")
        guard let header = d.header() else { return nil }
        return d.bad ? nil : header.header
    }

    /// The process `encode` wrote, as the file `file` (path and content path; its text is
    /// not kept); nil when the bytes are not such a process.
    static func decode(_ bytes: UnsafeRawBufferPointer, file: SourceFile) -> RawProcess? {
        var d = Decoder(bytes, path: file.path)
        guard let (_, fields) = d.header() else { return nil }
        let steps = d.list { d in
            let position = d.position(), id = d.located(), name = d.located()
            let input = d.list { $0.located() }, responsible = d.list { $0.located() }, accountable = d.optional { $0.located() }
            let collaborators = d.list { $0.located() }, informed = d.list { $0.located() }, duties = d.optional { $0.located() }
            let deadline = d.optional { $0.string() }, outputs = d.list { $0.string() }, risk = d.optional { $0.string() }
            let kind = Step.Kind(rawValue: d.string()) ?? d.fail(.task)
            let next = d.optional { d in d.list { d -> RawBranch in
                let to = d.located()
                return RawBranch(to: to, when: d.optional { $0.string() })
            } }
            return RawStep(position: position, id: id, name: name, input: input, responsible: responsible,
                           accountable: accountable, collaborators: collaborators, informed: informed, duties: duties,
                           deadline: deadline, outputs: outputs, risk: risk, kind: kind, next: next)
        }
        let stepsPosition = d.optional { $0.position() }
        let bodyText = d.string()
        let body = MarkdownSource(text: bodyText, firstLine: d.int())
        let confirmations = d.list { d -> RawConfirmation in
            let position = d.position(), by = d.located(), date = d.located()
            return RawConfirmation(position: position, by: by, date: date, version: d.located())
        }
        let confirmationsKey = d.optional { $0.position() }
        guard !d.bad, d.reader.atEnd else { return nil }
        return RawProcess(file: file, id: fields.id, title: fields.title, owner: fields.owner, status: fields.status,
                          statusPosition: fields.statusPosition, version: fields.version, effective: fields.effective,
                          approvedBy: fields.approvedBy, reviewDue: fields.reviewDue, category: fields.category,
                          summary: fields.summary, goals: fields.goals, inputs: fields.inputs, changes: fields.changes,
                          steps: steps, stepsPosition: stepsPosition, body: body, confirmations: confirmations,
                          confirmationsKey: confirmationsKey)
    }

    /// The fields `encode` writes before the steps.
    struct Fields {
        var id, title, owner: Located<String>
        var status: ProcessStatus
        var statusPosition: SourcePosition
        var version, effective, approvedBy, reviewDue: Located<String>?
        var category, summary: String?
        var goals, inputs: [String]
        var changes: [Process.Change]
    }

    /// Reads in `encode`'s order. A failed read sets `bad` and gives a placeholder; the result is
    /// thrown away then.
    struct Decoder {
        var reader: ByteReader
        let path: String
        let size: Int
        var bad = false

        init(_ bytes: UnsafeRawBufferPointer, path: String) {
            reader = ByteReader(bytes)
            self.path = path
            size = bytes.count
        }

        mutating func fail<T>(_ placeholder: T) -> T {
            bad = true
            return placeholder
        }
        mutating func bool() -> Bool { reader.bool() ?? fail(false) }
        mutating func int() -> Int { reader.int() ?? fail(0) }
        mutating func string() -> String { reader.string() ?? fail("") }
        mutating func position() -> SourcePosition {
            let positionPath = bool() ? string() : path
            let line = int()
            return SourcePosition(path: positionPath, line: line, column: int())
        }
        mutating func located() -> Located<String> {
            let value = string()
            return Located(value, at: position())
        }
        mutating func optional<T>(_ read: (inout Decoder) -> T) -> T? { bool() ? read(&self) : nil }
        mutating func list<T>(_ read: (inout Decoder) -> T) -> [T] {
            let count = int()
            // A count no byte array of this size could hold is damage, not a list.
            guard !bad, count <= size else { return fail([]) }
            var result: [T] = []
            result.reserveCapacity(count)
            for _ in 0..<count { result.append(read(&self)) }
            return result
        }

        mutating func header() -> (header: Header, fields: Fields)? {
            let id = located(), title = located(), owner = located()
            guard let status = ProcessStatus(rawValue: string()) else { return nil }
            let statusPosition = position()
            let version = optional { $0.located() }, effective = optional { $0.located() }
            let approvedBy = optional { $0.located() }, reviewDue = optional { $0.located() }
            let category = optional { $0.string() }, summary = optional { $0.string() }
            let goals = list { $0.string() }, inputs = list { $0.string() }
            let changes = list { d -> Process.Change in
                let version = d.optional { $0.string() }, date = d.optional { $0.string() }, summary = d.string()
                return Process.Change(version: version, date: date, summary: summary, steps: d.optional { d in d.list { $0.string() } })
            }
            guard !bad else { return nil }
            let fields = Fields(id: id, title: title, owner: owner, status: status, statusPosition: statusPosition,
                                version: version, effective: effective, approvedBy: approvedBy, reviewDue: reviewDue,
                                category: category, summary: summary, goals: goals, inputs: inputs, changes: changes)
            return (Header(status: status, version: version?.value, effective: effective?.value,
                           approvedBy: approvedBy?.value, changes: changes), fields)
        }
    }
}
