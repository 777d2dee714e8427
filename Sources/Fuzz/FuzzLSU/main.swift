import Foundation
import FuzzSupport
import RaccordCore

// The gradebook's LSU file (root lsun-bilans) through XMLImport.

func fuzz(_ data: Data) {
  importXML(data, kinds: [.lsuBilans])
}

#if FUZZING
  @_cdecl("FuzzLSU_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, fuzz)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
