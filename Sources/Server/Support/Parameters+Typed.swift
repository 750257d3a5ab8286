import Hummingbird

extension Parameters {
    /// The finite number of parameter `name`, nil when absent.
    /// - Throws: a 400 ``APIError`` naming the parameter when it is not a finite number.
    func finiteNumber(_ name: String) throws -> Double? {
        guard let text = get(name) else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw APIError.badRequest("\(name) '\(text)' is not a finite number")
        }
        return value
    }

    /// The positive integer of parameter `name`, nil when absent.
    /// - Throws: a 400 ``APIError`` naming the parameter when it is not a positive integer.
    func positiveInteger(_ name: String) throws -> Int? {
        guard let text = get(name) else { return nil }
        guard let value = Int(text), value > 0 else {
            throw APIError.badRequest("\(name) '\(text)' is not a positive integer")
        }
        return value
    }

    /// The flag `name`: absent is false; `true`, `1` or an empty value is true; `false`, `0` false.
    /// - Throws: a 400 ``APIError`` naming the parameter for any other value.
    func flag(_ name: String) throws -> Bool {
        guard let text = get(name) else { return false }
        switch text {
        case "", "true", "1": return true
        case "false", "0": return false
        default: throw APIError.badRequest("\(name) '\(text)' is not true or false")
        }
    }

    /// Fails when a parameter outside `known` was given, so that a misspelt option is not
    /// silently ignored.
    /// - Throws: a 400 ``APIError`` naming the unknown parameter.
    func requireKnown(_ known: Set<String>) throws {
        for (key, _) in self where !key.isEmpty && !known.contains(String(key)) {
            throw APIError.badRequest("unknown parameter '\(key)' (accepted: \(known.sorted().joined(separator: ", ")))")
        }
    }
}
