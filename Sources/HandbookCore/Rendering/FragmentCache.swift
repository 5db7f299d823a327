import Foundation

/// Rendered fragments shared between pages: a checklist row (a step with the same RACI letters)
/// appears on every role's checklist and in the booklet, and is rendered once.
///
/// A slot per step in handbook order (`StepTable.index`), each holding the step's fragments by
/// letters (one or two). It was a hash map: at 20,000 processes its lookups grew 30 × for 10 ×
/// the steps, each a hash and a probe into buckets other pages had pushed out of the CPU's
/// caches; sheets read steps in handbook order, so neighbouring slots are read together.
/// Locks are striped: with one lock, a core that found it taken went to sleep in the kernel and
/// had to be woken. A stripe holds a run of neighbouring steps, so reading in handbook order
/// stays in one array.
final class FragmentCache: Sendable {
    private static let stripeCount = 64
    /// Stripe `i` holds the slots of steps `i * perStripe ..< (i + 1) * perStripe`.
    private let stripes: [Locked<[Slot]>]
    private let perStripe: Int

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
        let perStripe = max(1, (steps + Self.stripeCount - 1) / Self.stripeCount)
        self.perStripe = perStripe
        let stripeCount = (steps + perStripe - 1) / perStripe
        stripes = (0..<max(stripeCount, 1)).map { stripe in
            Locked(Array(repeating: Slot(), count: max(0, min(perStripe, steps - stripe * perStripe))))
        }
    }

    /// The fragment of `step` (a global step index) with `letters`, or `make()`'s, stored. Two
    /// tasks may both make one; either result is the same.
    func value(step: Int, letters: Int, make: () -> String) -> String {
        precondition(step >= 0 && step < count, "step \(step) outside the cache's \(count) steps")
        // -1 marks an empty slot, so it cannot be a key.
        precondition(letters >= 0, "letters \(letters) is not a set of RACI letters")
        let stripe = stripes[step / perStripe], index = step % perStripe
        let hit: String? = stripe.withLock { slots in
            if slots[index].letters == letters { return slots[index].html }
            for entry in slots[index].more where entry.letters == letters { return entry.html }
            return nil
        }
        if let hit { return hit }
        let made = make()
        stripe.withLock { slots in
            if slots[index].letters == -1 {
                slots[index].letters = letters
                slots[index].html = made
            } else if slots[index].letters != letters, !slots[index].more.contains(where: { $0.letters == letters }) {
                slots[index].more.append((letters, made))
            }
        }
        return made
    }
}
