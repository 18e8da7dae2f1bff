namespace DagSynth.IO.Formats.Export;

/// <summary>What a format can hold of a model, beyond its tables.</summary>
internal sealed record FormatCapabilities
{
    /// <summary>The format's name for messages.</summary>
    public required string Name { get; init; }

    /// <summary>Declared rules (<c>never: ...</c>).</summary>
    public bool Rules { get; init; }

    /// <summary>The model's default seed.</summary>
    public bool Seed { get; init; }

    /// <summary>Variable types (boolean, ordinal) beyond categorical levels.</summary>
    public bool Kinds { get; init; }

    /// <summary>Variables' labels.</summary>
    public bool Labels { get; init; }

    /// <summary>Descriptions of the model and of variables.</summary>
    public bool Descriptions { get; init; }

    /// <summary>Named parameters (their values stay in the tables either way).</summary>
    public bool Parameters { get; init; }

    /// <summary>Declared outcomes (<c>outcomes:</c>), a report's metadata.</summary>
    public bool Outcomes { get; init; }

    /// <summary>Whether every node type (numbers, formulas, regression nodes, dates...) can be written, not just tables.</summary>
    public bool AllNodeTypes { get; init; }

    /// <summary>Whether the format keeps free parameters (<c>fit</c>) and calibration targets.</summary>
    public bool Calibration { get; init; }
}
