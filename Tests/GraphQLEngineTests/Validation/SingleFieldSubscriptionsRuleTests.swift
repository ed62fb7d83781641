import Testing
@testable import GraphQLEngine

@Suite struct SingleFieldSubscriptionsRuleTests {
    let rule: ValidationRuleFactory = { SingleFieldSubscriptionsRule() }

    /// graphql-js's schema for this rule: a subscription root with several list fields.
    static let schema = try! Schema.build(sdl: """
    type Message { body: String sender: String }
    type SubscriptionRoot {
      importantEmails: [String]
      notImportantEmails: [String]
      moreImportantEmails: [String]
      spamEmails: [String]
      deletedEmails: [String]
      newMessage: Message
    }
    type QueryRoot { dummy: String }
    schema { query: QueryRoot subscription: SubscriptionRoot }
    """)

    func valid(_ query: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectValid(rule, query, schema: Self.schema, sourceLocation: sourceLocation)
    }

    func errors(_ query: String, _ expected: [ReportedError], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectErrors(rule, query, expected, schema: Self.schema, sourceLocation: sourceLocation)
    }

    @Test func oneRootFieldIsValid() {
        valid("subscription ImportantEmails { importantEmails }")
        valid("""
        subscription sub { ...newMessageFields }
        fragment newMessageFields on SubscriptionRoot { newMessage { body sender } }
        """)
        // The same response name twice is one root field.
        valid("""
        subscription sub {
          newMessage { body }
          ...newMessageFields
        }
        fragment newMessageFields on SubscriptionRoot { newMessage { body sender } }
        """)
    }

    @Test func otherOperationsAreIgnored() {
        valid("query Q { dummy __typename } { dummy }")
    }

    @Test func extraRootFieldsAreReported() {
        errors("""
        subscription ImportantEmails {
          importantEmails
          notImportantEmails
        }
        """, [ReportedError("Subscription \"ImportantEmails\" must select only one top level field.", ["3:3"])])
        errors("""
        subscription ImportantEmails {
          importantEmails
          notImportantEmails
          spamEmails
        }
        """, [ReportedError("Subscription \"ImportantEmails\" must select only one top level field.", ["3:3", "4:3"])])
        errors("""
        subscription {
          importantEmails
          notImportantEmails
        }
        """, [ReportedError("Anonymous Subscription must select only one top level field.", ["3:3"])])
    }

    @Test func extraRootFieldsAreCollectedThroughFragments() {
        errors("""
        subscription ImportantEmails {
          importantEmails
          ... {
            more: moreImportantEmails
          }
          ...NotImportantEmails
        }
        fragment NotImportantEmails on SubscriptionRoot {
          notImportantEmails
          deleted: deletedEmails
          ...SpamEmails
        }
        fragment SpamEmails on SubscriptionRoot {
          spamEmails
        }
        """, [ReportedError("Subscription \"ImportantEmails\" must select only one top level field.",
                            ["4:5", "9:3", "10:3", "14:3"])])
    }

    @Test func fragmentsAreFollowedOnceAndUnknownOnesSkipped() {
        errors("""
        subscription {
          importantEmails
          ... {
            more: moreImportantEmails
            ...NotImportantEmails
          }
          ...NotImportantEmails
        }
        fragment NotImportantEmails on SubscriptionRoot {
          notImportantEmails
          deleted: deletedEmails
          ... {
            ... {
              archivedEmails
            }
          }
          ...SpamEmails
        }
        fragment SpamEmails on SubscriptionRoot {
          spamEmails
          ...NonExistentFragment
        }
        """, [ReportedError("Anonymous Subscription must select only one top level field.",
                            ["4:5", "10:3", "11:3", "14:7", "20:3"])])
        errors("""
        subscription NoInfiniteLoop { ...A }
        fragment A on SubscriptionRoot { ...A }
        """, [])
    }

    @Test func fragmentsThatDoNotApplyToTheRootTypeAreSkipped() {
        valid("""
        subscription S {
          importantEmails
          ... on QueryRoot { dummy }
          ...OnMessage
        }
        fragment OnMessage on Message { body }
        """)
    }

    @Test func introspectionRootFieldIsReported() {
        errors("""
        subscription ImportantEmails {
          __typename
        }
        """, [ReportedError("Subscription \"ImportantEmails\" must not select an introspection top level field.", ["2:3"])])
        errors("""
        subscription {
          __typename
        }
        """, [ReportedError("Anonymous Subscription must not select an introspection top level field.", ["2:3"])])
    }

    @Test func introspectionBesideAnotherRootFieldIsReportedTwice() {
        errors("""
        subscription ImportantEmails {
          importantEmails
          __typename
        }
        """, [
            ReportedError("Subscription \"ImportantEmails\" must select only one top level field.", ["3:3"]),
            ReportedError("Subscription \"ImportantEmails\" must not select an introspection top level field.", ["3:3"]),
        ])
        errors("""
        subscription ImportantEmails {
          importantEmails
          ...Introspection
        }
        fragment Introspection on SubscriptionRoot {
          typename: __typename
        }
        """, [
            ReportedError("Subscription \"ImportantEmails\" must select only one top level field.", ["6:3"]),
            ReportedError("Subscription \"ImportantEmails\" must not select an introspection top level field.", ["6:3"]),
        ])
    }

    @Test func skipAndIncludeAtTheTopLevelAreReportedAlone() {
        errors("""
        subscription RequiredRuntimeValidation($bool: Boolean!) {
          newMessage @include(if: $bool) {
            body
            sender
          }
          disallowedSecondRootField @skip(if: $bool)
        }
        """, [ReportedError("Subscription \"RequiredRuntimeValidation\" must not use `@skip` or `@include` directives in the top level selection.",
                            ["2:14", "6:29"])])
        errors("""
        subscription ($bool: Boolean!) {
          newMessage @include(if: $bool) {
            body
            sender
          }
          disallowedSecondRootField @skip(if: $bool)
        }
        """, [ReportedError("Anonymous Subscription must not use `@skip` or `@include` directives in the top level selection.",
                            ["2:14", "6:29"])])
    }

    @Test func skipAndIncludeAreForbiddenEvenWithConstantConditions() {
        errors("subscription S { importantEmails @skip(if: false) }", [
            ReportedError("Subscription \"S\" must not use `@skip` or `@include` directives in the top level selection.", ["1:34"]),
        ])
    }

    @Test func onlySkipIsReportedWhenASelectionHasBoth() {
        errors("subscription S { importantEmails @include(if: true) @skip(if: false) }", [
            ReportedError("Subscription \"S\" must not use `@skip` or `@include` directives in the top level selection.", ["1:53"]),
        ])
    }

    @Test func skipAndIncludeInsideTopLevelFragmentsAreReported() {
        errors("""
        subscription S {
          ... @include(if: true) { importantEmails }
          ...Fields
        }
        fragment Fields on SubscriptionRoot {
          newMessage @skip(if: false) { body }
        }
        """, [ReportedError("Subscription \"S\" must not use `@skip` or `@include` directives in the top level selection.",
                            ["2:7", "6:14"])])
        errors("subscription S { ...Fields @skip(if: false) } fragment Fields on SubscriptionRoot { newMessage { body } }", [
            ReportedError("Subscription \"S\" must not use `@skip` or `@include` directives in the top level selection.", ["1:28"]),
        ])
    }

    @Test func skipAndIncludeBelowTheTopLevelAreAllowed() {
        valid("subscription S { newMessage { body @skip(if: true) sender @include(if: false) } }")
    }

    @Test func schemaWithoutSubscriptionTypeIsLeftToKnownOperationTypes() {
        expectValid(rule, "subscription { __typename a b }", schema: ValidationHarness.queryOnlySchema)
    }
}
