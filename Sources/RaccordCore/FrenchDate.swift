/// Dates as French users read them.
public enum FrenchDate {
  /// `2016-08-31` → `31/08/2016`; `2019-07-08T17:46:24` → `08/07/2019 17:46:24`;
  /// `2025-11-23T18:00:00Z` → `23/11/2025 18:00 UTC`. Anything else is returned as is.
  public static func text(_ iso: String) -> String {
    let day = iso.prefix(10).split(separator: "-")
    guard day.count == 3 else { return iso }
    var text = "\(day[2])/\(day[1])/\(day[0])"
    if iso.count > 11 {
      let time = iso.dropFirst(11).prefix(8)
      text += " " + (iso.hasSuffix("Z") ? String(time.prefix(5)) + " UTC" : String(time))
    }
    return text
  }
}
