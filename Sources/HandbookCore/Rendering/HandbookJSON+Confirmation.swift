/// A process's department confirmations in `handbook.json` (issue #29): one entry per department
/// with a duty, `status` `confirmed`, `carried` (an older version's confirmation that carries
/// over) or `awaiting`; absent when the handbook records no confirmations.
extension HandbookJSON {
    static func confirmations(_ process: Process, in handbook: Handbook) -> JSONText {
        guard handbook.confirmationsInUse else { return .null }
        return .array(process.confirmations.departments.map { row in
            let by = row.confirmation.map { confirmation in
                confirmation.by.roleID.map { "\(confirmation.by.departmentID)/\($0)" } ?? confirmation.by.departmentID
            }
            return .object([
                "by": JSONText(by), "date": JSONText(row.confirmation?.date), "department": .string(row.departmentID),
                "status": .string(row.awaiting ? "awaiting" : row.carried ? "carried" : "confirmed"),
                "version": JSONText(row.confirmation?.version),
            ])
        })
    }
}
