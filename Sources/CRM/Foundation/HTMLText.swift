/// Text made safe to place in HTML (search highlights and snippets).
public enum HTMLText {
    /// `text` with `&`, `<`, `>` and `"` written as character references.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
