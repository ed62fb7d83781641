/// The JSON text of records' list fields (tags, phones, e-mails, messengers), as stored and as
/// recorded in the history.
public enum RecordJSON {
    public static func tags(_ tags: [String]) -> String {
        "[" + tags.map(FieldEdit.jsonString).joined(separator: ",") + "]"
    }

    public static func phones(_ phones: [PhoneEntry]) -> String {
        "[" + phones.map { "{\"number\":\(FieldEdit.jsonString($0.number)),\"kind\":\(FieldEdit.jsonString($0.kind)),\"primary\":\($0.primary)}" }
            .joined(separator: ",") + "]"
    }

    public static func emails(_ emails: [EmailEntry]) -> String {
        "[" + emails.map { "{\"address\":\(FieldEdit.jsonString($0.address)),\"kind\":\(FieldEdit.jsonString($0.kind)),\"primary\":\($0.primary)}" }
            .joined(separator: ",") + "]"
    }

    public static func messengers(_ messengers: [MessengerEntry]) -> String {
        "[" + messengers.map { "{\"messenger\":\(FieldEdit.jsonString($0.messenger)),\"handle\":\(FieldEdit.jsonString($0.handle))}" }
            .joined(separator: ",") + "]"
    }
}

