import Testing
@testable import GraphQLEngine

@Suite struct UniqueDirectivesPerLocationRuleTests {
    let rule: ValidationRuleFactory = { UniqueDirectivesPerLocationRule() }

    /// The harness schema with `@directive` (not repeatable) on fields and fragment definitions,
    /// and `@nonRepeatable` on type-system locations.
    static let schema: Schema = {
        do {
            return try Schema.build(sdl: ValidationHarness.sdl + "\n" + """
            directive @directive on FIELD | FRAGMENT_DEFINITION
            directive @nonRepeatable on SCHEMA | SCALAR | OBJECT | INTERFACE | UNION | INPUT_OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | VARIABLE_DEFINITION | QUERY
            """)
        } catch {
            fatalError("\(error)")
        }
    }()

    @Test func distinctOrSeparatedDirectivesAreValid() {
        expectValid(rule, """
        fragment Test on Type {
          field
        }
        """, schema: Self.schema)

        expectValid(rule, """
        fragment Test on Type @directiveA {
          field @directiveB
        }
        """, schema: Self.schema)

        expectValid(rule, """
        fragment Test on Type @directiveA @directiveB {
          field @directiveA @directiveB
        }
        """, schema: Self.schema)

        expectValid(rule, """
        fragment Test on Type @directiveA {
          field @directiveA
        }
        """, schema: Self.schema)

        expectValid(rule, """
        fragment Test on Type {
          field @directive
          field @directive
        }
        """, schema: Self.schema)
    }

    @Test func repeatableAndUnknownDirectivesMayRepeat() {
        expectValid(rule, """
        {
          dog @repeatable @repeatable {
            ...F @repeatable @repeatable
          }
        }
        fragment F on Dog { name }
        """, schema: Self.schema)

        expectValid(rule, """
        fragment Test on Type {
          field @unknown @unknown
        }
        """, schema: Self.schema)

        expectValid(rule, """
        type Test @unknown @unknown {
          field: String! @unknown @unknown
        }

        extend type Test @unknown {
          anotherField: String!
        }
        """, schema: Self.schema)
    }

    @Test func aRepeatedDirectiveIsReportedWithItsFirstUse() {
        expectErrors(rule, """
        fragment Test on Type {
          field @directive @directive
        }
        """, [
            ReportedError(#"The directive "@directive" can only be used once at this location."#, ["2:9", "2:20"]),
        ], schema: Self.schema)

        expectErrors(rule, """
        fragment Test on Type {
          field @directive @directive @directive
        }
        """, [
            ReportedError(#"The directive "@directive" can only be used once at this location."#, ["2:9", "2:20"]),
            ReportedError(#"The directive "@directive" can only be used once at this location."#, ["2:9", "2:31"]),
        ], schema: Self.schema)

        expectErrors(rule, """
        fragment Test on Type {
          field @directiveA @directiveB @directiveA @directiveB
        }
        """, [
            ReportedError(#"The directive "@directiveA" can only be used once at this location."#, ["2:9", "2:33"]),
            ReportedError(#"The directive "@directiveB" can only be used once at this location."#, ["2:21", "2:45"]),
        ], schema: Self.schema)

        expectErrors(rule, """
        fragment Test on Type @directive @directive {
          field @directive @directive
        }
        """, [
            ReportedError(#"The directive "@directive" can only be used once at this location."#, ["1:23", "1:34"]),
            ReportedError(#"The directive "@directive" can only be used once at this location."#, ["2:9", "2:20"]),
        ], schema: Self.schema)

        expectErrors(rule, """
        query Q($v: Int @nonRepeatable @nonRepeatable) @nonRepeatable @nonRepeatable {
          dog { name }
        }
        """, [
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["1:48", "1:63"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["1:17", "1:32"]),
        ], schema: Self.schema)
    }

    @Test func repeatedDirectivesOnSDLDefinitionsAreReported() {
        expectErrors(rule, """
        schema @nonRepeatable @nonRepeatable { query: Dummy }

        scalar TestScalar @nonRepeatable @nonRepeatable
        type TestObject @nonRepeatable @nonRepeatable
        interface TestInterface @nonRepeatable @nonRepeatable
        union TestUnion @nonRepeatable @nonRepeatable
        input TestInput @nonRepeatable @nonRepeatable
        type TestFields {
          f(a: Int @nonRepeatable @nonRepeatable): Int @nonRepeatable @nonRepeatable
        }
        """, [
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["1:8", "1:23"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["3:19", "3:34"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["4:17", "4:32"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["5:25", "5:40"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["6:17", "6:32"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["7:17", "7:32"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["9:48", "9:63"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["9:12", "9:27"]),
        ], schema: Self.schema)

        expectErrors(rule, """
        extend schema @nonRepeatable @nonRepeatable

        extend scalar TestScalar @nonRepeatable @nonRepeatable
        extend type TestObject @nonRepeatable @nonRepeatable
        extend interface TestInterface @nonRepeatable @nonRepeatable
        extend union TestUnion @nonRepeatable @nonRepeatable
        extend input TestInput @nonRepeatable @nonRepeatable
        """, [
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["1:15", "1:30"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["3:26", "3:41"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["4:24", "4:39"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["5:32", "5:47"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["6:24", "6:39"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["7:24", "7:39"]),
        ], schema: Self.schema)
    }

    @Test func aDefinitionAndItsExtensionsAreOneLocation() {
        expectErrors(rule, """
        schema @nonRepeatable { query: Dummy }
        extend schema @nonRepeatable
        """, [
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["1:8", "2:15"]),
        ], schema: Self.schema)

        expectErrors(rule, """
        scalar TestScalar @nonRepeatable
        extend scalar TestScalar @nonRepeatable
        scalar TestScalar @nonRepeatable
        """, [
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["1:19", "2:26"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["1:19", "3:19"]),
        ], schema: Self.schema)

        expectErrors(rule, """
        extend type TestObject @nonRepeatable
        type TestObject @nonRepeatable
        extend type TestObject @nonRepeatable
        """, [
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["1:24", "2:17"]),
            ReportedError(#"The directive "@nonRepeatable" can only be used once at this location."#, ["1:24", "3:24"]),
        ], schema: Self.schema)
    }
}
