import Foundation

/// URL normalization for recognizing the same article under different links.
public enum CanonicalURL {
  /// Query parameters that track the reader, not the page.
  static let trackingParameters: Set<String> = [
    "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "ref_src", "cmpid", "ocid", "smid",
  ]

  /// The URL with lower-cased scheme and host, no fragment, no default port, no tracking
  /// parameters (`utm_*` and the like, the rest sorted) and no trailing slash; nil when it is
  /// not an absolute http(s) URL.
  ///
  ///     CanonicalURL.canonical("HTTPS://News.Example.com/a/b/?utm_source=x&id=2#top")
  ///     // "https://news.example.com/a/b?id=2"
  public static func canonical(_ string: String) -> String? {
    guard var parts = URLComponents(string: string.trimmingCharacters(in: .whitespaces)),
      let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
      let host = parts.host?.lowercased(), !host.isEmpty
    else { return nil }
    parts.scheme = scheme
    parts.host = host
    parts.fragment = nil
    if (scheme == "http" && parts.port == 80) || (scheme == "https" && parts.port == 443) {
      parts.port = nil
    }
    let kept = (parts.queryItems ?? []).filter { item in
      let name = item.name.lowercased()
      return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
    }
    parts.queryItems =
      kept.isEmpty
      ? nil : kept.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
    var path = parts.path
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    parts.path = path == "/" ? "" : path
    return parts.string
  }
}

/// A fixed 128-bit content hash (two FNV-1a 64 lanes with different offsets), hex-encoded.
/// Used to recognize identical content; not a security measure.
enum ContentHash {
  static func of(title: String, text: String) -> String {
    // Whitespace differences are not content differences.
    let normalized =
      title.split(whereSeparator: \.isWhitespace).joined(separator: " ") + "\u{1F}"
      + text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    var a: UInt64 = 0xcbf2_9ce4_8422_2325
    var b: UInt64 = 0x6c62_272e_07bb_0142
    for byte in normalized.utf8 {
      a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      b = (b << 7) | (b >> 57)
    }
    return hex(a) + hex(b)
  }

  private static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
