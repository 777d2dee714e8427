import Foundation
import FuzzSupport
import Importers

// The BCN national tables (matieres.csv, mefs.csv) through NationalTablesLoader: the bytes before the
// first NUL are matieres.csv, the rest mefs.csv.

func fuzz(_ data: Data) {
  let split = data.firstIndex(of: 0) ?? data.endIndex
  _ = Scratch.write(Data(data[..<split]), as: NationalTablesLoader.matieresFile)
  _ = Scratch.write(split < data.endIndex ? Data(data[(split + 1)...]) : Data(), as: NationalTablesLoader.mefsFile)
  do {
    _ = try NationalTablesLoader.load(from: Scratch.folder)
  } catch {
    expectReaderError(error)
  }
}

#if FUZZING
  @_cdecl("FuzzNationalTables_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, fuzz)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
