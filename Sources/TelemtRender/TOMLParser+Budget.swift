/// A bound on what one document may build, proportional to its size: every value, array and table
/// is charged, so input crafted to be cheap to write and expensive to hold (`a = [{},{},{},…]`)
/// fails with its position instead of taking gigabytes. Tables and arrays cost far more memory than
/// scalars and get a budget of their own.
struct TOMLParseBudget: Sendable, Equatable {
    /// Most values, arrays and tables together.
    let maximumNodes: Int
    /// Most arrays and tables (headers, inline tables and tables implied by dotted keys).
    let maximumContainers: Int

    /// The budget for a source of `size` bytes: a fixed allowance for small documents plus one node
    /// per 4 bytes and one container per 64 bytes (a 100k-user telemt config needs about one node per
    /// 12 bytes and a few dozen containers).
    init(sourceSize size: Int) {
        maximumNodes = 65_536 + size / 4
        maximumContainers = 4_096 + size / 64
    }

    init(maximumNodes: Int, maximumContainers: Int) {
        self.maximumNodes = maximumNodes
        self.maximumContainers = maximumContainers
    }
}

extension TOMLParser {
    /// Charges one node (and a container when `container`) built at `offset`; throws past the budget.
    mutating func charge(container: Bool = false, at offset: Int) throws(TOMLParseError) {
        nodeCount += 1
        if container { containerCount += 1 }
        if nodeCount > budget.maximumNodes {
            throw overBudget(at: offset, "more than \(budget.maximumNodes) values for a document of \(bytes.count) bytes")
        }
        try checkContainers(at: offset)
    }

    /// Checks the tables created so far (dotted keys and headers create them implicitly).
    func checkContainers(at offset: Int) throws(TOMLParseError) {
        guard containerCount + builder.tables.count > budget.maximumContainers else { return }
        throw overBudget(at: offset, "more than \(budget.maximumContainers) tables and arrays for a document of \(bytes.count) bytes")
    }

    private func overBudget(at offset: Int, _ message: String) -> TOMLParseError {
        error(.tooManyNodes, at: offset, message,
              "a telemt config needs far fewer; remove the repeated values or tables")
    }
}
