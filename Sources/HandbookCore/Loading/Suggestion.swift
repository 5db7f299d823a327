/// "Did you mean …?": the nearest candidate by edit distance over characters, so Chinese
/// names are compared character by character.
enum Suggestion {
    static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            // Ties go to the first candidate in code-point order, whatever order the candidates
            // came in (a set's order changes from run to run, and so did the suggestion).
            if let (name, least) = best, distance > least || (distance == least && candidate >= name) { continue }
            best = (candidate, distance)
        }
        guard let (name, distance) = best else { return nil }
        // Far-off suggestions mislead more than they help: at most a third of the word may
        // differ (one edit for short words), and something must be kept.
        let limit = max(1, (max(target.count, name.count) + 1) / 3)
        return distance <= limit && distance < target.count ? name : nil
    }

    static func note(for word: String, in candidates: some Sequence<String>) -> [String] {
        nearest(to: word, in: candidates).map { ["did you mean \($0)?"] } ?? []
    }

    /// The same note in both languages, for a diagnostic written with `Phrase`s.
    static func note(for word: String, in candidates: some Sequence<String>) -> [Phrase] {
        nearest(to: word, in: candidates).map { [Phrase("是否指“\($0)”？", en: "did you mean \($0)?")] } ?? []
    }

    /// Edits between two words, a swap of neighbours counting as one (`titel` → `title`).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
