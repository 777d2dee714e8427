import Foundation
import FuzzSupport
import RaccordCore

// SIECLE Nomenclature.xml and Structures.xml (roots BEE_NOMENCLATURES, BEE_STRUCTURES) through XMLImport.

func fuzz(_ data: Data) {
  importXML(data, kinds: [.siecleNomenclature, .siecleStructures])
}

#if FUZZING
  @_cdecl("FuzzSIECLENomenclature_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, fuzz)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
