import CMimalloc
import Foundation

/// The allocator the gateway runs on. Importing `CMimalloc` links mimalloc into the executable,
/// where it takes the place of glibc's malloc and free for the whole process (the Swift runtime
/// and Foundation included): the pipeline allocates on one core and frees on another, which
/// glibc's arenas serve with locks and slow frees (about a tenth of the pipeline's CPU time).
enum MemoryAllocator {
    /// What serves `malloc` in this process, as the benchmarks print it: mimalloc with its
    /// version when a block from `malloc` lies in mimalloc's heap, else the C library's.
    static var inUse: String {
        guard let block = malloc(64) else { return "unknown" }
        defer { free(block) }
        guard mi_is_in_heap_region(block) else { return "C library malloc (mimalloc linked but not in use)" }
        let version = Int(mi_version())
        return "mimalloc \(version / 100).\(version / 10 % 10).\(version % 10)"
    }
}
