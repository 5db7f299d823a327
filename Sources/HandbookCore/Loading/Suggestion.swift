/// "Did you mean …?": the nearest candidate by edit distance over characters, so Chinese
/// names are compared character by character.
enum Suggestion {
    static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            // Far-off suggestions mislead more than they help: at most a third of the word may
            // differ (one edit for short words), and something must be kept. A candidate past
            // its own limit, or past the best so far, is given up as soon as that shows: a page
            // with a mistyped anchor is compared with every heading id of the page it names.
            var cutoff = min(max(1, (max(target.count, other.count) + 1) / 3), target.count - 1)
            if let (_, least) = best { cutoff = min(cutoff, least) }
            guard cutoff >= 0, abs(target.count - other.count) <= cutoff,
                  let distance = editDistance(target, other, atMost: cutoff) else { continue }
            // Ties go to the first candidate in code-point order, whatever order the candidates
            // came in (a set's order changes from run to run, and so did the suggestion).
            if let (name, least) = best, distance > least || (distance == least && candidate >= name) { continue }
            best = (candidate, distance)
        }
        return best?.0
    }

    static func note(for word: String, in candidates: some Sequence<String>) -> [String] {
        nearest(to: word, in: candidates).map { ["did you mean \($0)?"] } ?? []
    }

    /// The same note in both languages, for a diagnostic written with `Phrase`s.
    static func note(for word: String, in candidates: some Sequence<String>) -> [Phrase] {
        nearest(to: word, in: candidates).map { [Phrase("是否指“\($0)”？", en: "did you mean \($0)?")] } ?? []
    }

    /// `editDistance` over scalars, nil as soon as every way through costs more than `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int? {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var before = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            var least = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                least = min(least, value)
            }
            // A row's least cost never falls in the rows below (a swap reaches back two rows,
            // so the row before counts too).
            if least > limit, previous.min()! > limit { return nil }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
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
