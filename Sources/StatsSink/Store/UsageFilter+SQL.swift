import GRDB

extension UsageFilter {
    /// The filter as ` AND …` conditions on `node` and `user` columns, with their arguments.
    var sqlConditions: (sql: String, arguments: [any DatabaseValueConvertible]) {
        var sql = ""
        var arguments: [any DatabaseValueConvertible] = []
        if let node {
            sql += " AND node = ?"
            arguments.append(node)
        }
        if let user {
            sql += " AND user = ?"
            arguments.append(user)
        }
        return (sql, arguments)
    }
}
