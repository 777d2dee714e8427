import Foundation
import FuzzSupport
import RaccordCore

// SIECLE ElevesSansAdresses.xml (root BEE_ELEVES) through XMLImport.

func fuzz(_ data: Data) {
  importXML(data, kinds: [.siecleEleves])
}

#if FUZZING
  @_cdecl("FuzzSIECLEEleves_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, fuzz)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
