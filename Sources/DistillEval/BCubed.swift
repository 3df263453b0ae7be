/// B-cubed precision and recall of a clustering against gold classes (Bagga & Baldwin, 1998).
///
/// For each item, precision is the share of its predicted cluster that shares its gold class,
/// and recall the share of its gold class that shares its predicted cluster; both are averaged
/// over items. Unlike pairwise measures, every item weighs the same, so one huge cluster cannot
/// hide many small mistakes.
///
///     BCubed.score(
///       predicted: ["a": "x", "b": "x", "c": "y"],
///       gold: ["a": "1", "b": "2", "c": "2"])
///     // precision (1/2 + 1/2 + 1) / 3 = 0.667, recall (1 + 1/2 + 1/2) / 3 = 0.667
///
/// - Complexity: O(n) in the number of items.
public enum BCubed {
  /// Scores `predicted` (item → cluster) against `gold` (item → class) over the gold items.
  /// A gold item missing from `predicted` counts as a cluster of its own; predicted items
  /// missing from `gold` are ignored. Returns precision = recall = 0 when `gold` is empty.
  public static func score<Item: Hashable, Cluster: Hashable, Label: Hashable>(
    predicted: [Item: Cluster], gold: [Item: Label]
  ) -> PrecisionRecall {
    guard !gold.isEmpty else { return PrecisionRecall(precision: 0, recall: 0) }
    func key(_ item: Item) -> ClusterKey<Item, Cluster> {
      predicted[item].map(ClusterKey.cluster) ?? .alone(item)
    }

    var clusterSize: [ClusterKey<Item, Cluster>: Int] = [:]
    var classSize: [Label: Int] = [:]
    var overlap: [Pair<ClusterKey<Item, Cluster>, Label>: Int] = [:]
    for (item, label) in gold {
      let cluster = key(item)
      clusterSize[cluster, default: 0] += 1
      classSize[label, default: 0] += 1
      overlap[Pair(cluster, label), default: 0] += 1
    }
    // Each of the `count` items in a (cluster, class) cell has the same precision and recall.
    var precision = 0.0
    var recall = 0.0
    for (cell, count) in overlap {
      let shared = Double(count)
      precision += shared * shared / Double(clusterSize[cell.first]!)
      recall += shared * shared / Double(classSize[cell.second]!)
    }
    let n = Double(gold.count)
    return PrecisionRecall(precision: precision / n, recall: recall / n)
  }

  /// A predicted cluster, or a singleton for an item the prediction left out.
  private enum ClusterKey<Item: Hashable, Cluster: Hashable>: Hashable {
    case cluster(Cluster)
    case alone(Item)
  }

  private struct Pair<A: Hashable, B: Hashable>: Hashable {
    var first: A
    var second: B
    init(_ first: A, _ second: B) {
      self.first = first
      self.second = second
    }
  }
}
