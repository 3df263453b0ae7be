@_exported import DistillModel

/// The Distill library facade: the pipeline that the CLI and server share.
public enum DistillVersion {
  public static let string = "0.1.0"
}
