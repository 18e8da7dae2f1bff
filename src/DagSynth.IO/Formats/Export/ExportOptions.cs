namespace DagSynth.IO.Formats.Export;

/// <summary>How a model is written to a file format.</summary>
public readonly record struct ExportOptions
{
    /// <summary>Creates the default options: refuse to lose anything.</summary>
    public ExportOptions()
    {
    }

    /// <summary>
    /// Whether to write the model even when the format cannot express all of it (rules, the default
    /// seed, names it cannot hold): the losses are then warnings, and names are made writable.
    /// </summary>
    public bool Lossy { get; init; }

    /// <summary>The name diagnostics give the output (its path).</summary>
    public string Target { get; init; } = string.Empty;
}
