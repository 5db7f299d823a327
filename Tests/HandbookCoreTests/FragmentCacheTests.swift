import Testing
@testable import HandbookCore

/// Checklist rows are rendered once and shared by every sheet that lists them; the cache is
/// asked from all cores at once.
@Suite("Fragment cache")
struct FragmentCacheTests {
    @Test("Concurrent askers get each key's own fragment, and a stored one is not made again")
    func concurrentLookups() async {
        // 2,100 steps, each asked for with two sets of letters (a step on a role's sheet and, with
        // other letters, on another's).
        let cache = FragmentCache(steps: 2_100)
        let keys = (0..<2_100).flatMap { step in [(step: step, letters: step % 16), (step: step, letters: 16 + step % 7)] }
        func fragment(_ key: (step: Int, letters: Int)) -> String { "row \(key.step) \(key.letters)" }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    // Each task walks the keys from a different place, as sheets of different departments do.
                    var wrong = 0
                    for offset in keys.indices {
                        let key = keys[(offset + task * 263) % keys.count]
                        if cache.value(step: key.step, letters: key.letters, make: { fragment(key) }) != fragment(key) { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        for key in keys {
            #expect(cache.value(step: key.step, letters: key.letters, make: { "made again" }) == fragment(key))
        }
    }

    @Test("A handbook without steps gets an empty cache; a step with three sets of letters keeps all three")
    func emptyAndCrowded() {
        _ = FragmentCache(steps: 0)
        let cache = FragmentCache(steps: 1)
        for letters in [3, 5, 9] {
            #expect(cache.value(step: 0, letters: letters, make: { "row \(letters)" }) == "row \(letters)")
        }
        for letters in [9, 3, 5] {
            #expect(cache.value(step: 0, letters: letters, make: { "made again" }) == "row \(letters)")
        }
    }
}
