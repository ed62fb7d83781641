import Testing
@testable import GraphQLEngine

@Suite struct DocumentCacheTests {
    @Test func parsesAndValidatesOncePerText() {
        let cache = DocumentCache(schema: ValidationHarness.schema, capacity: 2)
        let first = cache.document(for: "{ dog { name } }")
        #expect(first.document != nil && first.errors.isEmpty)
        let again = cache.document(for: "{ dog { name } }")
        // The same entry comes back: same parsed document, no new parse.
        #expect(again.document == first.document && cache.count == 1)
    }

    @Test func keepsErrorsOfBadDocuments() {
        let cache = DocumentCache(schema: ValidationHarness.schema)
        let syntax = cache.document(for: "{ dog { ")
        #expect(syntax.document == nil && syntax.errors.first?.message.hasPrefix("Syntax Error:") == true)
        let invalid = cache.document(for: "{ dog { name(surname: 1) } }")
        #expect(invalid.document != nil)
        #expect(invalid.errors.map(\.message)
                == ["Expected value of type \"Boolean\", found 1; Boolean cannot represent a non boolean value: 1"])
    }

    @Test func evictsTheLeastRecentlyUsed() {
        var lru = LRUCache<Int>(capacity: 2)
        lru.put("a", 1)
        lru.put("b", 2)
        #expect(lru.get("a") == 1) // a is now the most recent
        lru.put("c", 3)            // evicts b
        #expect(lru.get("b") == nil && lru.get("a") == 1 && lru.get("c") == 3 && lru.count == 2)
        lru.put("a", 10)
        lru.put("d", 4)            // evicts c
        #expect(lru.get("c") == nil && lru.get("a") == 10 && lru.get("d") == 4)
    }

    @Test func validationStopsAfterTheErrorLimit() {
        // 150 unknown fields: 100 errors, then one saying validation was aborted.
        let fields = (0..<150).map { "f\($0)" }.joined(separator: " ")
        let errors = Validator.validate("{ dog { \(fields) } }", schema: ValidationHarness.schema)
        #expect(errors.count == 101)
        #expect(errors.last?.message == "Too many validation errors, error limit reached. Validation aborted.")
    }
}
