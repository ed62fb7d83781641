/// " Did you mean "a", "b", or "c"?" — at most five quoted suggestions, or "" when there are none,
/// worded as graphql-js words it. `subMessage` goes between "mean" and the list.
public func didYouMean(_ suggestions: [String], subMessage: String? = nil) -> String {
    guard !suggestions.isEmpty else { return "" }
    var message = " Did you mean "
    if let subMessage { message += subMessage + " " }
    let quoted = suggestions.prefix(5).map { "\"\($0)\"" }
    switch quoted.count {
    case 1: return message + quoted[0] + "?"
    case 2: return message + quoted[0] + " or " + quoted[1] + "?"
    default: return message + quoted.dropLast().joined(separator: ", ") + ", or " + quoted[quoted.count - 1] + "?"
    }
}

/// The options close enough to `input` to suggest, nearest first: Damerau–Levenshtein distance
/// (ignoring case) within 40% of the input's length plus one, ties in natural order.
public func suggestionList(_ input: String, options: [String]) -> [String] {
    let threshold = input.count * 4 / 10 + 1
    let inputLower = Array(input.lowercased().unicodeScalars)
    var scored: [(String, Int)] = []
    for option in options {
        let distance: Int?
        if option == input {
            distance = 0
        } else {
            let optionLower = Array(option.lowercased().unicodeScalars)
            if optionLower == inputLower {
                distance = 1
            } else {
                distance = lexicalDistance(inputLower, optionLower, threshold: threshold)
            }
        }
        if let distance { scored.append((option, distance)) }
    }
    scored.sort { a, b in a.1 != b.1 ? a.1 < b.1 : naturalLess(a.0, b.0) }
    return scored.map(\.0)
}

/// Optimal string alignment distance, or nil when it exceeds `threshold`.
private func lexicalDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], threshold: Int) -> Int? {
    if abs(a.count - b.count) > threshold { return nil }
    var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: 3)
    for j in 0...b.count { rows[0][j] = j }
    for i in 1...max(a.count, 1) where a.count > 0 {
        let current = i % 3, previous = (i - 1) % 3
        rows[current][0] = i
        var smallest = i
        for j in 1...max(b.count, 1) where b.count > 0 {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(rows[previous][j] + 1, rows[current][j - 1] + 1, rows[previous][j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = min(value, rows[(i - 2) % 3][j - 2] + 1)
            }
            smallest = min(smallest, value)
            rows[current][j] = value
        }
        if smallest > threshold { return nil }
    }
    let distance = rows[a.count % 3][b.count]
    return distance <= threshold ? distance : nil
}

/// Compares strings with runs of digits compared as numbers ("a2" < "a10").
func naturalLess(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var i = 0, j = 0
    while i < x.count && j < y.count {
        if isDigit(x[i]) && isDigit(y[j]) {
            var ni = 0, nj = 0
            while i < x.count && isDigit(x[i]) { ni = ni &* 10 &+ Int(x[i] - 0x30); i += 1 }
            while j < y.count && isDigit(y[j]) { nj = nj &* 10 &+ Int(y[j] - 0x30); j += 1 }
            if ni != nj { return ni < nj }
        } else {
            if x[i] != y[j] { return x[i] < y[j] }
            i += 1
            j += 1
        }
    }
    return x.count - i < y.count - j
}
