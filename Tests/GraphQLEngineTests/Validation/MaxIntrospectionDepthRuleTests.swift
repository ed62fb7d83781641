import Testing
@testable import GraphQLEngine

@Suite struct MaxIntrospectionDepthRuleTests {
    let rule: ValidationRuleFactory = { MaxIntrospectionDepthRule() }

    func tooDeep(_ locations: String...) -> ReportedError {
        ReportedError("Maximum introspection depth exceeded", locations)
    }

    /// The introspection query clients send, with every optional part (descriptions, specifiedByURL,
    /// isRepeatable, the schema description, deprecated input values).
    static let fullIntrospectionQuery = """
    query IntrospectionQuery {
      __schema {
        description
        queryType { name kind }
        mutationType { name kind }
        subscriptionType { name kind }
        types { ...FullType }
        directives {
          name
          description
          isRepeatable
          locations
          args(includeDeprecated: true) { ...InputValue }
        }
      }
    }
    fragment FullType on __Type {
      kind
      name
      description
      specifiedByURL
      fields(includeDeprecated: true) {
        name
        description
        args(includeDeprecated: true) { ...InputValue }
        type { ...TypeRef }
        isDeprecated
        deprecationReason
      }
      inputFields(includeDeprecated: true) { ...InputValue }
      interfaces { ...TypeRef }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
      possibleTypes { ...TypeRef }
    }
    fragment InputValue on __InputValue {
      name
      description
      type { ...TypeRef }
      defaultValue
      isDeprecated
      deprecationReason
    }
    fragment TypeRef on __Type {
      kind
      name
      ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType {
        kind name ofType { kind name ofType { kind name ofType { kind name } } }
      } } } } }
    }
    """

    @Test func theIntrospectionQueryIsAllowed() {
        expectValid(rule, Self.fullIntrospectionQuery)
    }

    @Test func listsSideBySideAreAllowed() {
        expectValid(rule, """
        {
          __type(name: "Query") {
            trueFields: fields(includeDeprecated: true) { name }
            falseFields: fields(includeDeprecated: false) { name }
            omittedFields: fields { name }
          }
        }
        """)
        expectValid(rule, """
        {
          __schema {
            types {
              fields {
                type {
                  oneFields: fields { name }
                  twoFields: fields { name }
                  threeFields: fields { name }
                }
              }
            }
          }
        }
        """)
        // Two levels are fine.
        expectValid(rule, "{ __schema { types { fields { type { fields { type { name } } } } } } }")
    }

    @Test func threeNestedListsOfOneKindAreReported() {
        expectErrors(rule, """
        {
          __schema {
            types {
              fields {
                type {
                  fields {
                    type {
                      fields {
                        name
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """, [tooDeep("2:3")])
        expectErrors(rule, "{ __schema { types { interfaces { interfaces { interfaces { name } } } } } }",
                     [tooDeep("1:3")])
        expectErrors(rule, "{ __schema { types { possibleTypes { possibleTypes { possibleTypes { name } } } } } }",
                     [tooDeep("1:3")])
        expectErrors(rule, """
        { __schema { types { inputFields { type { inputFields { type { inputFields { type { name } } } } } } } } }
        """, [tooDeep("1:3")])
    }

    @Test func listsOfDifferentKindsAddUp() {
        expectErrors(rule, "{ __schema { types { fields { type { interfaces { possibleTypes { name } } } } } } }",
                     [tooDeep("1:3")])
        expectErrors(rule, """
        {
          __schema {
            types {
              fields {
                type {
                  fields {
                    type {
                      ofType {
                        fields {
                          name
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """, [tooDeep("2:3")])
    }

    @Test func typeQueriesAreCheckedToo() {
        expectErrors(rule, """
        {
          __type(name: "Query") {
            fields { type { fields { type { fields { name } } } } }
          }
        }
        """, [tooDeep("2:3")])
    }

    @Test func eachIntrospectionFieldIsReported() {
        expectErrors(rule, """
        {
          one: __schema { types { fields { type { fields { type { fields { name } } } } } } }
          two: __type(name: "Query") { fields { type { fields { type { fields { name } } } } } }
          three: __schema { types { fields { type { fields { type { fields { name } } } } } } }
        }
        """, [tooDeep("2:3"), tooDeep("3:3"), tooDeep("4:3")])
    }

    @Test func inlineFragmentsAreFollowed() {
        expectErrors(rule, """
        query test {
          __schema {
            types {
              ... on __Type {
                fields {
                  type {
                    ... on __Type {
                      ofType {
                        fields {
                          type {
                            ... on __Type {
                              fields {
                                name
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """, [tooDeep("2:3")])
        expectErrors(rule, """
        {
          ... {
            __schema { types { fields { type { fields { type { fields { name } } } } } } }
          }
        }
        """, [tooDeep("3:5")])
    }

    @Test func fragmentSpreadsAreFollowed() {
        expectErrors(rule, """
        query test {
          __schema {
            types {
              ...One
            }
          }
        }
        fragment One on __Type {
          fields {
            type {
              ...Two
            }
          }
        }
        fragment Two on __Type {
          fields {
            type {
              ...Three
            }
          }
        }
        fragment Three on __Type {
          fields {
            name
          }
        }
        """, [tooDeep("2:3")])
    }

    @Test func anIntrospectionFieldInAFragmentIsReportedThere() {
        expectErrors(rule, """
        { ...Deep ...Deep }
        fragment Deep on QueryRoot {
          __schema { types { fields { type { fields { type { fields { name } } } } } } }
        }
        """, [tooDeep("3:3")])
    }

    @Test func missingAndCyclicFragmentsEnd() {
        expectValid(rule, "query test { __schema { types { ...Missing } } }")
        expectValid(rule, """
        query test { __schema { types { ...Cycle } } }
        fragment Cycle on __Type { ...Cycle }
        """)
        // A cycle through a list stops at the fragment already entered.
        expectValid(rule, """
        query test { __schema { types { ...A } } }
        fragment A on __Type { fields { type { ...B } } }
        fragment B on __Type { ofType { ...A } }
        """)
    }

    @Test func repeatedSpreadsValidateWithoutBlowUp() {
        // Each fragment spreads the next twice at the same depth: 2^40 paths, 41 fragments.
        var document = "{ __schema { types { ...T0 fields { type { ...T0 } } } } }\n"
        for i in 0..<40 {
            document += "fragment T\(i) on __Type { name ofType { ...T\(i + 1) } ...T\(i + 1) }\n"
        }
        document += "fragment T40 on __Type { kind }\n"
        let clock = ContinuousClock()
        let elapsed = clock.measure { expectValid(rule, document) }
        #expect(elapsed < .seconds(5), "took \(elapsed)")

        // The same chain ending in two more lists is too deep, found through the cached answers.
        let tooDeepDocument = document.replacingOccurrences(
            of: "fragment T40 on __Type { kind }", with: "fragment T40 on __Type { interfaces { possibleTypes { name } } }")
        expectErrors(rule, tooDeepDocument, [tooDeep("1:3")])
    }
}
