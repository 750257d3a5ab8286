/// A pattern compiled for a Thompson NFA simulation: a list of instructions, run from index 0.
struct Program: Sendable {
    enum Instruction: Sendable {
        /// Reads one scalar of the class and goes on with the next instruction.
        case read(ScalarClass, foldCase: Bool)
        /// Goes on with both instructions.
        case split(Int, Int)
        case jump(Int)
        /// Goes on with the next instruction if the assertion holds here.
        case assert(PatternNode.Assertion)
        case match
    }

    private(set) var instructions: [Instruction] = []

    /// Compiles `node`.
    /// - Throws: ``RegularExpressionError`` when the program would exceed `limit` instructions
    ///   (the matcher's cost per scalar of text is proportional to it).
    init(_ node: PatternNode, pattern: String, limit: Int) throws(RegularExpressionError) {
        var compiler = Compiler(pattern: pattern, limit: limit)
        try compiler.emit(node)
        try compiler.append(.match)
        instructions = compiler.instructions
    }

    private struct Compiler {
        let pattern: String
        let limit: Int
        var instructions: [Instruction] = []

        mutating func append(_ instruction: Instruction) throws(RegularExpressionError) {
            guard instructions.count < limit else {
                throw RegularExpressionError(
                    pattern: pattern, offset: 0,
                    reason: "pattern too large: it compiles to more than \(limit) instructions (use fewer or smaller {n,m} repeats)")
            }
            instructions.append(instruction)
        }

        mutating func emit(_ node: PatternNode) throws(RegularExpressionError) {
            switch node {
            case .empty:
                break
            case .scalars(let scalars, let foldCase):
                try append(.read(scalars, foldCase: foldCase))
            case .assertion(let assertion):
                try append(.assert(assertion))
            case .concatenation(let items):
                for item in items { try emit(item) }
            case .alternation(let branches):
                var jumpsToEnd: [Int] = []
                for (index, branch) in branches.enumerated() {
                    if index == branches.count - 1 {
                        try emit(branch)
                    } else {
                        let split = instructions.count
                        try append(.split(split + 1, -1))
                        try emit(branch)
                        jumpsToEnd.append(instructions.count)
                        try append(.jump(-1))
                        instructions[split] = .split(split + 1, instructions.count)
                    }
                }
                for jump in jumpsToEnd { instructions[jump] = .jump(instructions.count) }
            case .repetition(let inner, let minimum, let maximum):
                for _ in 0..<minimum { try emit(inner) }
                if let maximum {
                    var splits: [Int] = []
                    for _ in minimum..<maximum {
                        splits.append(instructions.count)
                        try append(.split(instructions.count + 1, -1))
                        try emit(inner)
                    }
                    for split in splits { instructions[split] = .split(split + 1, instructions.count) }
                } else {
                    let loop = instructions.count
                    try append(.split(loop + 1, -1))
                    try emit(inner)
                    try append(.jump(loop))
                    instructions[loop] = .split(loop + 1, instructions.count)
                }
            }
        }
    }
}
