import Foundation

extension ProcessInfo {
    /// The cores beside the one that applies a batch (at least one): how many workers parse
    /// and render alongside it.
    var spareCores: Int { max(1, activeProcessorCount - 1) }
}
