/// Bad input to `histd spc`: the file, the row or the option at fault, and why.
struct SPCInputError: Error, CustomStringConvertible {
    /// What is at fault: "FILE row 3 (line 4)", or an option such as "--phase1".
    var item: String
    var message: String

    var description: String { "\(item): \(message)" }
}
