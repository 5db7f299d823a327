import Testing
@testable import HandbookCore

/// Checklist rows are rendered once and shared by every sheet that lists them; the cache is
/// asked from all cores at once.
@Suite("Fragment cache")
struct FragmentCacheTests {
    @Test("Concurrent askers get each key's own fragment, and a stored one is not made again")
    func concurrentLookups() async {
        let cache = FragmentCache()
        let keys = (0..<300).flatMap { process in (0..<7).map { FragmentCache.Key(process: process, step: $0, letters: process % 16) } }
        func fragment(_ key: FragmentCache.Key) -> String { "row \(key.process).\(key.step) \(key.letters)" }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    // Each task walks the keys from a different place, as sheets of different departments do.
                    var wrong = 0
                    for offset in keys.indices {
                        let key = keys[(offset + task * 263) % keys.count]
                        if cache.value(for: key, make: { fragment(key) }) != fragment(key) { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        for key in keys {
            #expect(cache.value(for: key, make: { "made again" }) == fragment(key))
        }
    }
}
