/// The reference data that `raccord` reads at run time, shipped beside the program.
///
/// This target holds no code: it exists so that SwiftPM copies `Nomenclatures/` (national BCN
/// tables, LSU schemas; the example school comes along, it is small) and `Mappings/` into the
/// resource bundle ``bundleName``, next to the built program. `DataDirectory` (RaccordKit) looks
/// for that bundle beside the running executable, so that a `raccord` copied elsewhere with its
/// bundle, or run from any folder, finds its data without `--data-dir`.
public enum RaccordData {
  /// The folder SwiftPM writes next to the executable on Linux.
  public static let bundleName = "Raccord_RaccordData.resources"
}
