extension AppDatabase {
  /// Named, append-only migrations, in order, for both engines: SQLite's DDL, translated for
  /// PostgreSQL where it differs only by types (``StoreMigration/postgresDDL(_:)``). Never edit one
  /// that has been released: add a new one. The identifiers are GRDB's bookkeeping of existing stores.
  static let migrations: [StoreMigration] = [
    StoreMigration("v1-imports", schemaV1),
    StoreMigration("v2-gradebook", schemaV2),
    StoreMigration("v3-review", schemaV3),
    StoreMigration(
      "v4-schema-validation",
      """
      CREATE TABLE gb_schema_problem (
        id INTEGER PRIMARY KEY,
        source_file_id INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
        uai TEXT NOT NULL, year INTEGER NOT NULL, line INTEGER,
        schema_version TEXT NOT NULL, message TEXT NOT NULL);
      CREATE INDEX gb_schema_problem_source ON gb_schema_problem(source_file_id);
      """),
    // The divisions and MEFs a decision was taken on, to tell when its scope changed.
    StoreMigration("v5-decision-scope", "ALTER TABLE review_decision ADD COLUMN scope TEXT"),
    // Where the imported file was read, to find a gradebook's LSU file again for its corrected export.
    StoreMigration("v6-source-path", "ALTER TABLE source_file ADD COLUMN source_path TEXT"),
    // The class average sent with grades, and the LSU class settings the school records.
    StoreMigration(
      "v7-class-settings",
      """
      ALTER TABLE gb_acquis ADD COLUMN moyenne_structure TEXT;
      CREATE TABLE class_setting (
        uai TEXT NOT NULL, year INTEGER NOT NULL, division TEXT NOT NULL,
        positioning TEXT NOT NULL CHECK (positioning IN ('notes', 'echelle', 'objectifs')),
        class_average INTEGER NOT NULL, updated_at TEXT NOT NULL,
        PRIMARY KEY (uai, year, division));
      """),
    // What the end-of-cycle checks read of a bilan de fin de cycle.
    StoreMigration(
      "v8-cycle-bilans",
      """
      ALTER TABLE gb_cycle_bilan ADD COLUMN socle TEXT;
      ALTER TABLE gb_cycle_bilan ADD COLUMN complement_code TEXT;
      ALTER TABLE gb_cycle_bilan ADD COLUMN complement_positionnement TEXT;
      CREATE INDEX gb_cycle_bilan_source ON gb_cycle_bilan(source_file_id);
      """),
    // The accounts of the académie mode (`raccord user`); see AppDatabase+Accounts.swift.
    StoreMigration("v9-accounts", accountSchema),
    // Programme rows are read and deleted by source file only (`programme_source`): the (uai, year)
    // index served no query, and kept up on every row it was a third of a nomenclature's writing.
    StoreMigration("v10-programme-index", "DROP INDEX programme_school"),
    // The same for every table whose rows are read and deleted by source file through an index
    // that starts with `source_file_id` (a UNIQUE constraint or `*_source`): one B-tree fewer to
    // keep up per row imported. The services of a gradebook's CSV get their source index instead.
    StoreMigration(
      "v11-school-indexes",
      """
      DROP INDEX mef_school;
      DROP INDEX matiere_school;
      DROP INDEX individu_school;
      DROP INDEX structure_school;
      DROP INDEX service_school;
      DROP INDEX eleve_school;
      DROP INDEX gb_discipline_school;
      DROP INDEX gb_teacher_school;
      DROP INDEX gb_pupil_school;
      DROP INDEX gb_bilan_school;
      DROP INDEX gb_service_school;
      CREATE INDEX gb_service_source ON gb_service(source_file_id);
      """),
    // Copies of imported gradebook files for stores without a folder beside them (PostgreSQL): the
    // corrected LSU export needs the file's bytes after an upload's temporary folder is gone. One
    // row per mebibyte, so that neither a write nor a read holds a whole file in memory.
    StoreMigration(
      "v12-file-copies",
      """
      CREATE TABLE file_copy_part (
        sha256 TEXT NOT NULL,
        part INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (sha256, part));
      """),
  ]

  private static let dataColumns = """
    id INTEGER PRIMARY KEY,
    source_file_id INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
    uai TEXT NOT NULL,
    year INTEGER NOT NULL,
    line INTEGER
    """

  private static let schemaV1 = """
    CREATE TABLE school (
      uai TEXT PRIMARY KEY NOT NULL CHECK (length(uai) = 8),
      name TEXT
    );
    CREATE TABLE source_file (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      size INTEGER NOT NULL,
      uai TEXT NOT NULL REFERENCES school(uai),
      year INTEGER NOT NULL,
      version TEXT,
      exported_at TEXT,
      imported_at TEXT NOT NULL,
      counts TEXT NOT NULL DEFAULT '{}',
      replaced_at TEXT,
      replaced_by INTEGER REFERENCES source_file(id)
    );
    CREATE UNIQUE INDEX source_file_current ON source_file(kind, uai, year) WHERE replaced_at IS NULL;
    CREATE INDEX source_file_sha ON source_file(sha256);

    CREATE TABLE mef (\(dataColumns),
      code TEXT NOT NULL, formation TEXT, libelle_long TEXT, libelle_edition TEXT, mef_stat TEXT,
      rattachement TEXT, nb_options_obligatoires INTEGER, selected INTEGER, date_ouverture TEXT, date_fermeture TEXT,
      UNIQUE (source_file_id, code));
    CREATE TABLE matiere (\(dataColumns),
      code TEXT NOT NULL, code_gestion TEXT, libelle_court TEXT, libelle_long TEXT, libelle_edition TEXT,
      code_national TEXT,
      UNIQUE (source_file_id, code));
    CREATE TABLE programme (\(dataColumns),
      mef_code TEXT NOT NULL, matiere_code TEXT NOT NULL, modalite TEXT, horaire TEXT);
    CREATE TABLE option_obligatoire (\(dataColumns),
      mef_code TEXT NOT NULL, matiere_code TEXT NOT NULL, rang INTEGER);
    CREATE TABLE modalite (\(dataColumns),
      kind TEXT NOT NULL CHECK (kind IN ('election', 'cours')), code TEXT NOT NULL,
      libelle_court TEXT, libelle_long TEXT, co_enseignement INTEGER,
      UNIQUE (source_file_id, kind, code));
    CREATE TABLE individu (\(dataColumns),
      sts_id TEXT NOT NULL, list TEXT NOT NULL CHECK (list IN ('individu', 'suppleant')), type TEXT,
      sexe TEXT, civilite TEXT, nom_usage TEXT, nom_patronymique TEXT, prenom TEXT, grade TEXT, fonction TEXT,
      UNIQUE (source_file_id, list, sts_id));
    CREATE TABLE individu_discipline (
      individu_id INTEGER NOT NULL REFERENCES individu(id) ON DELETE CASCADE,
      code TEXT NOT NULL, libelle_court TEXT, nb_heures TEXT);
    CREATE TABLE prof_principal (
      individu_id INTEGER NOT NULL REFERENCES individu(id) ON DELETE CASCADE,
      structure_code TEXT NOT NULL);
    CREATE TABLE structure (\(dataColumns),
      code TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('D', 'G')), libelle TEXT,
      UNIQUE (source_file_id, kind, code));
    CREATE TABLE structure_mef (
      structure_id INTEGER NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
      mef_code TEXT NOT NULL);
    CREATE TABLE structure_division (
      structure_id INTEGER NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
      division_code TEXT NOT NULL);
    CREATE TABLE service (\(dataColumns),
      structure_code TEXT NOT NULL, structure_kind TEXT NOT NULL CHECK (structure_kind IN ('D', 'G')),
      matiere_code TEXT NOT NULL, modalite_cours TEXT, heures TEXT, co_enseignement TEXT);
    CREATE TABLE service_teacher (
      service_id INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,
      position INTEGER NOT NULL, sts_id TEXT NOT NULL, type TEXT, heures TEXT);
    CREATE TABLE eleve (\(dataColumns),
      eleve_id TEXT NOT NULL, elenoet TEXT, nom TEXT, nom_usage TEXT, prenom TEXT, sexe TEXT, mef_code TEXT,
      statut TEXT, date_entree TEXT, date_sortie TEXT, motif_sortie TEXT,
      UNIQUE (source_file_id, eleve_id));
    CREATE TABLE eleve_option (\(dataColumns),
      eleve_id TEXT NOT NULL, rang INTEGER, modalite TEXT, matiere_code TEXT NOT NULL);
    CREATE TABLE eleve_structure (\(dataColumns),
      eleve_id TEXT NOT NULL, structure_code TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('D', 'G')));

    CREATE INDEX mef_school ON mef(uai, year);
    CREATE INDEX matiere_school ON matiere(uai, year);
    CREATE INDEX programme_school ON programme(uai, year);
    CREATE INDEX programme_source ON programme(source_file_id);
    CREATE INDEX option_obligatoire_source ON option_obligatoire(source_file_id);
    CREATE INDEX modalite_source ON modalite(source_file_id);
    CREATE INDEX individu_school ON individu(uai, year);
    CREATE INDEX individu_discipline_owner ON individu_discipline(individu_id);
    CREATE INDEX prof_principal_owner ON prof_principal(individu_id);
    CREATE INDEX structure_school ON structure(uai, year);
    CREATE INDEX structure_mef_owner ON structure_mef(structure_id);
    CREATE INDEX structure_division_owner ON structure_division(structure_id);
    CREATE INDEX service_school ON service(uai, year);
    CREATE INDEX service_source ON service(source_file_id);
    CREATE INDEX service_teacher_owner ON service_teacher(service_id);
    CREATE INDEX eleve_school ON eleve(uai, year);
    CREATE INDEX eleve_option_source ON eleve_option(source_file_id);
    CREATE INDEX eleve_structure_source ON eleve_structure(source_file_id);

    CREATE TABLE national_layer (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      fingerprint TEXT NOT NULL,
      loaded_at TEXT NOT NULL,
      matieres INTEGER NOT NULL,
      mefs INTEGER NOT NULL);
    CREATE TABLE national_matiere (
      code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 6),
      code_gestion TEXT, libelle_court TEXT, libelle_long TEXT, libelle_edition TEXT,
      date_ouverture TEXT, date_fermeture TEXT);
    CREATE TABLE national_mef (
      code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 11),
      code_bcn TEXT NOT NULL, dispositif_formation TEXT, formation_diplome TEXT, libelle_court TEXT,
      libelle_long TEXT, libelle_edition TEXT, mef_stat_11 TEXT, date_ouverture TEXT, date_fermeture TEXT,
      nb_options_obligatoires INTEGER);
    """

  /// The gradebook's files: its LSU file and its services CSV.
  private static let schemaV2 = """
    CREATE TABLE gb_discipline (\(dataColumns),
      discipline_id TEXT NOT NULL, code TEXT, code_national TEXT, modalite TEXT, libelle TEXT,
      UNIQUE (source_file_id, discipline_id));
    CREATE TABLE gb_teacher (\(dataColumns),
      teacher_id TEXT NOT NULL, type TEXT, id_sts TEXT, civilite TEXT, nom TEXT, prenom TEXT,
      UNIQUE (source_file_id, teacher_id));
    CREATE TABLE gb_pupil (\(dataColumns),
      pupil_id TEXT NOT NULL, id_be TEXT, nom TEXT, prenom TEXT, code_division TEXT,
      UNIQUE (source_file_id, pupil_id));
    CREATE TABLE gb_period (\(dataColumns),
      period_id TEXT NOT NULL, millesime TEXT, indice INTEGER, nb_periodes INTEGER);
    CREATE TABLE gb_bilan (\(dataColumns),
      pupil_ref TEXT NOT NULL, period_ref TEXT NOT NULL, date_conseil TEXT, date_scolarite TEXT,
      prof_princ_refs TEXT, has_council_appraisal INTEGER NOT NULL, has_school_life INTEGER NOT NULL);
    CREATE TABLE gb_acquis (
      id INTEGER PRIMARY KEY,
      bilan_id INTEGER NOT NULL REFERENCES gb_bilan(id) ON DELETE CASCADE,
      line INTEGER, discipline_ref TEXT NOT NULL, teacher_refs TEXT NOT NULL, element_programme_refs TEXT NOT NULL,
      has_appraisal INTEGER NOT NULL, moyenne TEXT, positionnement TEXT, statut_evaluation TEXT,
      non_note INTEGER NOT NULL);
    CREATE TABLE gb_cycle_bilan (\(dataColumns),
      pupil_ref TEXT NOT NULL, cycle TEXT, millesime TEXT, domains INTEGER NOT NULL, has_synthesis INTEGER NOT NULL);
    CREATE TABLE gb_service (\(dataColumns),
      structure TEXT NOT NULL, subject_label TEXT NOT NULL, subject_code TEXT, teacher_nom TEXT,
      teacher_prenom TEXT, teacher_sts_id TEXT, co_teaching INTEGER);
    CREATE INDEX gb_discipline_school ON gb_discipline(uai, year);
    CREATE INDEX gb_teacher_school ON gb_teacher(uai, year);
    CREATE INDEX gb_pupil_school ON gb_pupil(uai, year);
    CREATE INDEX gb_bilan_school ON gb_bilan(uai, year);
    CREATE INDEX gb_bilan_source ON gb_bilan(source_file_id);
    CREATE INDEX gb_acquis_owner ON gb_acquis(bilan_id);
    CREATE INDEX gb_service_school ON gb_service(uai, year);
    """

  /// Review decisions: kept apart from imports, keyed by stable keys, never touched by an import.
  private static let schemaV3 = """
    CREATE TABLE review_decision (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      uai TEXT NOT NULL,
      year INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('subject', 'teacher')),
      item_key TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'choose')),
      chosen_code TEXT,
      chosen_modalite TEXT,
      note TEXT,
      author TEXT,
      decided_at TEXT NOT NULL,
      UNIQUE (uai, year, kind, item_key));
    """

  /// Tables whose rows belong to one imported file.
  static let fileDataTables = [
    "mef", "matiere", "programme", "option_obligatoire", "modalite", "individu", "structure", "service", "eleve",
    "eleve_option", "eleve_structure", "gb_discipline", "gb_teacher", "gb_pupil", "gb_period", "gb_bilan",
    "gb_cycle_bilan", "gb_service", "gb_schema_problem",
  ]
}
