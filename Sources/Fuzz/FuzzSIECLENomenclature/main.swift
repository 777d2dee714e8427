import Foundation
import FuzzSupport
import RaccordCore

// SIECLE Nomenclature.xml and Structures.xml (roots BEE_NOMENCLATURES, BEE_STRUCTURES) through XMLImport.

func fuzz(_ data: Data) {
  importXML(data, kinds: [.siecleNomenclature, .siecleStructures])
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzDriver.run(bytes, count, fuzz)
}

#if FUZZING
  @_cdecl("FuzzSIECLENomenclature_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, testOneInput)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
