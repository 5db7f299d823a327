import Foundation

/// Rendered fragments shared between pages: a checklist row (a step with the same RACI letters)
/// appears on every role's checklist and in the booklet, and is rendered once.
///
/// A slot per step in handbook order (`StepTable.index`), each holding the step's fragments by
/// letters (one or two). It was a hash map: at 20,000 processes its lookups grew 30 × for 10 ×
/// the steps, each a hash and a probe into buckets other pages had pushed out of the CPU's
/// caches; sheets read steps in handbook order, so neighbouring slots are read together.
/// Locks are striped by step: with one lock, a core that found it taken went to sleep in the
/// kernel and had to be woken.
final class FragmentCache: @unchecked Sendable {
    private static let stripeCount = 64
    private let locks: [NSLock] = (0..<FragmentCache.stripeCount).map { _ in NSLock() }
    /// Slot `i` is read and written only under `locks[i % stripeCount]`; its strings are immutable.
    private let slots: UnsafeMutablePointer<Slot>

    /// A step's first fragment is held in the slot itself (no array to follow to another
    /// cold line of memory); a step listed with other letters elsewhere adds to `more`.
    private struct Slot {
        var letters = -1
        var html = ""
        var more: [(letters: Int, html: String)] = []
    }
    let count: Int

    /// A slot for each of `steps` steps (global indices `0 ..< steps`).
    init(steps: Int) {
        count = steps
        slots = .allocate(capacity: max(steps, 1))
        slots.initialize(repeating: Slot(), count: max(steps, 1))
    }

    deinit {
        slots.deinitialize(count: max(count, 1))
        slots.deallocate()
    }

    /// The fragment of `step` (a global step index) with `letters`, or `make()`'s, stored. Two
    /// tasks may both make one; either result is the same.
    func value(step: Int, letters: Int, make: () -> String) -> String {
        precondition(step >= 0 && step < count, "step \(step) outside the cache's \(count) steps")
        // -1 marks an empty slot, so it cannot be a key.
        precondition(letters >= 0, "letters \(letters) is not a set of RACI letters")
        let lock = locks[step % Self.stripeCount]
        let hit: String? = lock.withLock {
            if slots[step].letters == letters { return slots[step].html }
            for entry in slots[step].more where entry.letters == letters { return entry.html }
            return nil
        }
        if let hit { return hit }
        let made = make()
        lock.withLock {
            if slots[step].letters == -1 {
                slots[step].letters = letters
                slots[step].html = made
            } else if slots[step].letters != letters, !slots[step].more.contains(where: { $0.letters == letters }) {
                slots[step].more.append((letters, made))
            }
        }
        return made
    }
}
