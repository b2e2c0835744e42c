/// Result slots that concurrent workers fill, each its own index, read once all are done.
final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Value) {
        storage[index] = value
    }

    /// The value at `index`, left empty; the caller knows it was set.
    func take(_ index: Int) -> Value {
        guard let value = storage[index] else { preconditionFailure("slot \(index) read before it was set") }
        storage[index] = nil
        return value
    }

    var values: [Value] {
        (0..<count).compactMap { storage[$0] }
    }
}
