extension AppDatabase {
  /// The schema in engine-neutral lines, sorted: tables, columns (type as integer, real or text,
  /// nullability), primary keys, indexes (columns, unique, partial; the name of those made by
  /// `CREATE INDEX`) and foreign keys. Two stores of the same version describe themselves alike
  /// whatever their engine: what the test comparing the engines checks.
  public func schemaDescription() throws -> [String] {
    try engine.read { db in
      switch db.dialect {
      case .sqlite: try Self.sqliteSchema(db)
      case .postgres: try Self.postgresSchema(db)
      }
    }.sorted()
  }

  static func normalizedType(_ type: String) -> String {
    let type = type.lowercased()
    if type.contains("int") { return "integer" }
    if type.contains("real") || type.contains("double") || type.contains("float") { return "real" }
    if type.contains("blob") || type == "bytea" { return "blob" }
    return "text"
  }

  private static func sqliteSchema(_ db: any StoreConnection) throws -> [String] {
    var lines: [String] = []
    let tables = try db.fetchValues(
      String.self,
      sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        + "AND name <> 'grdb_migrations'")
    for table in tables {
      lines.append("table \(table)")
      var key: [(Int, String)] = []
      for column in try db.fetchAll(
        sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", arguments: [table])
      {
        let name: String = column["name"]
        let primary: Int = column["pk"]
        let notNull: Bool = column["notnull"]
        if primary > 0 { key.append((primary, name)) }
        lines.append(
          "column \(table).\(name) \(normalizedType(column["type"])) \(notNull || primary > 0 ? "not null" : "null")")
      }
      if !key.isEmpty {
        lines.append("primary key \(table) (\(key.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: ", ")))")
      }
      for index in try db.fetchAll(
        sql: "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?) WHERE origin <> 'pk'",
        arguments: [table])
      {
        let name: String = index["name"]
        let columns = try db.fetchValues(
          String.self, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [name])
        let origin: String = index["origin"]
        lines.append(
          indexLine(
            table: table, columns: columns, unique: index["unique"], partial: index["partial"],
            name: origin == "c" ? name : nil))
      }
      for key in try db.fetchAll(
        sql:
          "SELECT \"table\" AS parent, \"from\" AS child, \"to\" AS target, on_delete FROM pragma_foreign_key_list(?)",
        arguments: [table])
      {
        let parent: String = key["parent"]
        let child: String = key["child"]
        let target: String = key["target"]
        let onDelete: String = key["on_delete"]
        lines.append("foreign key \(table).\(child) -> \(parent).\(target) on delete \(onDelete.lowercased())")
      }
    }
    return lines
  }

  private static func postgresSchema(_ db: any StoreConnection) throws -> [String] {
    var lines: [String] = []
    for table in try db.fetchValues(
      String.self,
      sql: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        + "AND table_type = 'BASE TABLE' AND table_name <> 'grdb_migrations'")
    {
      lines.append("table \(table)")
    }
    for column in try db.fetchAll(
      sql: """
        SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> 'grdb_migrations'
        """)
    {
      let table: String = column["table_name"]
      let name: String = column["column_name"]
      let nullable: String = column["is_nullable"]
      lines.append(
        "column \(table).\(name) \(normalizedType(column["data_type"])) \(nullable == "YES" ? "null" : "not null")")
    }
    var keys: [String: [String]] = [:]
    for key in try db.fetchAll(
      sql: """
        SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage kcu
          ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name
        WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()
          AND tc.table_name <> 'grdb_migrations'
        ORDER BY kcu.ordinal_position
        """)
    {
      keys[key["table_name"], default: []].append(key["column_name"])
    }
    for (table, columns) in keys { lines.append("primary key \(table) (\(columns.joined(separator: ", ")))") }
    for index in try db.fetchAll(
      sql: """
        SELECT t.relname AS tbl, i.relname AS name, ix.indisunique AS uniq, ix.indpred IS NOT NULL AS partial,
          array_to_string(ARRAY(
            SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n), ',') AS cols,
          EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid) AS constrained
        FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND NOT ix.indisprimary AND t.relname <> 'grdb_migrations'
        """)
    {
      let columns: String = index["cols"]
      let constrained: Bool = index["constrained"]
      lines.append(
        indexLine(
          table: index["tbl"], columns: columns.split(separator: ",").map(String.init), unique: index["uniq"],
          partial: index["partial"], name: constrained ? nil : index["name"]))
    }
    for key in try db.fetchAll(
      sql: """
        SELECT c.conrelid::regclass::text AS child_table, a.attname AS child, c.confrelid::regclass::text AS parent,
          af.attname AS target, c.confdeltype::text AS on_delete
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
        """)
    {
      let table: String = key["child_table"]
      let child: String = key["child"]
      let parent: String = key["parent"]
      let target: String = key["target"]
      let onDelete: String = key["on_delete"]
      let action = ["c": "cascade", "a": "no action", "n": "set null", "r": "restrict", "d": "set default"]
      lines.append("foreign key \(table).\(child) -> \(parent).\(target) on delete \(action[onDelete] ?? onDelete)")
    }
    return lines
  }

  private static func indexLine(table: String, columns: [String], unique: Bool, partial: Bool, name: String?)
    -> String
  {
    var line = "index \(table) (\(columns.joined(separator: ", ")))"
    if unique { line += " unique" }
    if partial { line += " partial" }
    if let name { line += " \(name)" }
    return line
  }
}
