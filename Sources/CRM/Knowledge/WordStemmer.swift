import Foundation

/// Word stems for full-text search in Russian and English, so that «счёта» finds «счёт» and
/// "invoices" finds "invoice". Suffix stripping only: Russian words by the Snowball Russian
/// stemmer, English words by the Porter stemmer; no dictionary, so suppletive forms («идти» —
/// «шёл», "go" — "went") and alternating stems («оплачивать» — «оплата») stay apart, and words in
/// other scripts are only lowercased. The same stems are indexed (SQL `sb_stems`) and looked for.
public enum WordStemmer {
    /// The stems of the words of `text`, separated by spaces.
    public static func stems(_ text: String) -> String {
        words(text).map(stem).joined(separator: " ")
    }

    /// The words of `text`: runs of letters and digits.
    public static func words(_ text: String) -> [Substring] {
        text.split { !isWordCharacter($0) }
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// The stem of one word: lowercased, `ё` as `е`, its ending stripped (Russian when it has a
    /// Cyrillic letter, English when it is ASCII letters only), diacritics removed.
    public static func stem(_ word: some StringProtocol) -> String {
        let lower = word.lowercased().replacingOccurrences(of: "ё", with: "е")
        let stripped = if lower.unicodeScalars.contains(where: { (0x0430...0x044F).contains($0.value) }) {
            RussianStemmer.stem(lower)
        } else if lower.utf8.allSatisfy({ (97...122).contains($0) }) {
            EnglishStemmer.stem(lower)
        } else {
            lower
        }
        return stripped.folding(options: .diacriticInsensitive, locale: nil)
    }
}

/// The Snowball Russian stemmer (snowballstem.org/algorithms/russian): endings are removed
/// within RV, the part after the first vowel; derivational `ост(ь)` only within R2.
enum RussianStemmer {
    /// Endings, each group with whether it must follow `а` or `я` (which stays).
    typealias Endings = [(suffixes: [String], afterAOrYa: Bool)]

    static let perfectiveGerund: Endings = [(["в", "вши", "вшись"], true), (["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"], false)]
    static let adjective: Endings = [(["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого",
                                       "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"], false)]
    static let participle: Endings = [(["ем", "нн", "вш", "ющ", "щ"], true), (["ивш", "ывш", "ующ"], false)]
    static let reflexive: Endings = [(["ся", "сь"], false)]
    static let verb: Endings = [
        (["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"], true),
        (["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило", "ыло", "ено", "ят",
          "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"], false),
    ]
    static let noun: Endings = [(["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й",
                                  "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия",
                                  "ья", "я"], false)]
    static let vowels: Set<Character> = ["а", "е", "и", "о", "у", "ы", "э", "ю", "я"]

    static func stem(_ word: String) -> String {
        var w = Array(word)
        guard let firstVowel = w.firstIndex(where: vowels.contains) else { return word }
        let rv = firstVowel + 1
        let r2 = region(w, from: region(w, from: 0))

        func ends(_ suffix: String, from limit: Int) -> Bool {
            let s = Array(suffix)
            return w.count - s.count >= limit && w.suffix(s.count).elementsEqual(s)
        }
        /// Removes the longest of `endings` found in RV, when its condition holds (Snowball's
        /// `among`: a shorter ending is not tried instead).
        func remove(_ endings: Endings) -> Bool {
            var best: (length: Int, afterAOrYa: Bool)?
            for group in endings {
                for suffix in group.suffixes where suffix.count > (best?.length ?? 0) && ends(suffix, from: rv) {
                    best = (suffix.count, group.afterAOrYa)
                }
            }
            guard let best else { return false }
            if best.afterAOrYa {
                let before = w.count - best.length - 1
                guard before >= rv, w[before] == "а" || w[before] == "я" else { return false }
            }
            w.removeLast(best.length)
            return true
        }

        // Step 1: a perfective gerund, or (after a reflexive ending) an adjectival, verb or noun ending.
        if !remove(perfectiveGerund) {
            _ = remove(reflexive)
            if remove(adjective) {
                _ = remove(participle)
            } else if !remove(verb) {
                _ = remove(noun)
            }
        }
        // Step 2: a final и.
        if ends("и", from: rv) { w.removeLast() }
        // Step 3: a derivational ending in R2.
        if ends("ость", from: r2) { w.removeLast(4) } else if ends("ост", from: r2) { w.removeLast(3) }
        // Step 4: a superlative ending and double н, or a soft sign.
        if ends("ейше", from: rv) { w.removeLast(4) } else if ends("ейш", from: rv) { w.removeLast(3) }
        if ends("нн", from: rv) { w.removeLast() } else if ends("ь", from: rv) { w.removeLast() }
        return String(w)
    }

    /// Where the region after the first non-vowel following a vowel (from `start`) begins.
    static func region(_ w: [Character], from start: Int) -> Int {
        var i = start
        while i + 1 < w.count {
            if vowels.contains(w[i]) && !vowels.contains(w[i + 1]) { return i + 2 }
            i += 1
        }
        return w.count
    }
}

/// The Porter stemmer (M. F. Porter, 1980, with the later `bli`/`logi` rules), on lowercase ASCII
/// words of three letters or more.
enum EnglishStemmer {
    typealias Rules = [(suffix: String, replacement: String)]

    static let step2: Rules = [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"), ("alli", "al"),
        ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"),
        ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ]
    static let step3: Rules = [("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", "")]
    static let step4: Rules = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
                               "iti", "ous", "ive", "ize"].map { ($0, "") }

    static func stem(_ word: String) -> String {
        var w = Array(word.utf8)
        guard w.count > 2 else { return word }
        // Step 1a: plurals.
        apply(&w, [("sses", "ss"), ("ies", "i"), ("ss", "ss"), ("s", "")]) { _, _ in true }
        // Step 1b: -eed, -ed, -ing.
        if ends(w, "eed") {
            if measure(w, w.count - 3) > 0 { w.removeLast() }
        } else if let suffix = ["ed", "ing"].first(where: { ends(w, $0) }), hasVowel(w, w.count - suffix.count) {
            w.removeLast(suffix.count)
            if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
                w.append(UInt8(ascii: "e"))
            } else if endsWithDoubleConsonant(w, w.count), let last = w.last, !"lsz".utf8.contains(last) {
                w.removeLast()
            } else if measure(w, w.count) == 1 && endsCVC(w, w.count) {
                w.append(UInt8(ascii: "e"))
            }
        }
        // Step 1c: y after a vowel-bearing stem.
        if ends(w, "y"), hasVowel(w, w.count - 1) { w[w.count - 1] = UInt8(ascii: "i") }
        apply(&w, step2) { w, end in measure(w, end) > 0 }
        apply(&w, step3) { w, end in measure(w, end) > 0 }
        apply(&w, step4) { w, end in
            // -ion only after s or t.
            measure(w, end) > 1 && (!ends(w, "ion") || (end > 0 && "st".utf8.contains(w[end - 1])))
        }
        // Step 5: a final e, a final double l.
        if ends(w, "e") {
            let m = measure(w, w.count - 1)
            if m > 1 || (m == 1 && !endsCVC(w, w.count - 1)) { w.removeLast() }
        }
        if measure(w, w.count) > 1, endsWithDoubleConsonant(w, w.count), w.last == UInt8(ascii: "l") { w.removeLast() }
        return String(decoding: w, as: UTF8.self)
    }

    /// Replaces the first of `rules` whose suffix ends the word when `condition` holds for the
    /// stem before it (the stem and where it ends); a rule that matches ends the step either way.
    static func apply(_ w: inout [UInt8], _ rules: Rules, when condition: ([UInt8], Int) -> Bool) {
        guard let rule = rules.first(where: { ends(w, $0.suffix) }) else { return }
        let end = w.count - rule.suffix.utf8.count
        if condition(w, end) { w.replaceSubrange(end..., with: Array(rule.replacement.utf8)) }
    }

    static func ends(_ w: [UInt8], _ suffix: String) -> Bool {
        let s = Array(suffix.utf8)
        return w.count >= s.count && w.suffix(s.count).elementsEqual(s)
    }

    static func isConsonant(_ w: [UInt8], _ i: Int) -> Bool {
        switch w[i] {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): false
        case UInt8(ascii: "y"): i == 0 || !isConsonant(w, i - 1)
        default: true
        }
    }

    /// The number of vowel–consonant sequences in `w[..<end]`.
    static func measure(_ w: [UInt8], _ end: Int) -> Int {
        var i = 0, m = 0
        while i < end && isConsonant(w, i) { i += 1 }
        while i < end {
            while i < end && !isConsonant(w, i) { i += 1 }
            guard i < end else { break }
            while i < end && isConsonant(w, i) { i += 1 }
            m += 1
        }
        return m
    }

    static func hasVowel(_ w: [UInt8], _ end: Int) -> Bool { (0..<end).contains { !isConsonant(w, $0) } }

    static func endsWithDoubleConsonant(_ w: [UInt8], _ end: Int) -> Bool {
        end >= 2 && w[end - 1] == w[end - 2] && isConsonant(w, end - 1)
    }

    /// Whether `w[..<end]` ends consonant–vowel–consonant, the last not w, x or y.
    static func endsCVC(_ w: [UInt8], _ end: Int) -> Bool {
        end >= 3 && isConsonant(w, end - 3) && !isConsonant(w, end - 2) && isConsonant(w, end - 1) && !"wxy".utf8.contains(w[end - 1])
    }
}
