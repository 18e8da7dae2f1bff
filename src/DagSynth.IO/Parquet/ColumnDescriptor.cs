namespace DagSynth.IO.Parquet;

/// <summary>A flat column as declared in the file's schema.</summary>
internal sealed record ColumnDescriptor(string Name, PhysicalType Type, LogicalType Logical, bool Optional);
