import GraphQLEngine
import Secrets
import Synchronization

/// Automatic persisted queries (Apollo's `extensions.persistedQuery` protocol): a client sends the
/// SHA-256 hash of its query instead of the text; on a miss it sends both once and the server
/// remembers the pair. Bounded: least recently used hashes are forgotten.
public final class PersistedQueries: Sendable {
    private let store: Mutex<LRUCache<String>>

    public init(capacity: Int = 10_000) {
        store = Mutex(LRUCache(capacity: capacity))
    }

    /// The query registered under `hash`, if any.
    func query(for hash: String) -> String? {
        store.withLock { $0.get(hash.lowercased()) }
    }

    /// Registers `query` under `hash` after checking that the hash is the query's.
    func register(_ query: String, hash: String) -> Bool {
        guard Digest.sha256Hex(query) == hash.lowercased() else { return false }
        store.withLock { $0.put(hash.lowercased(), query) }
        return true
    }
}
