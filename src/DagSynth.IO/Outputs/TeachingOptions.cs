using DagSynth.Models;
using DagSynth.Outputs;

namespace DagSynth.IO.Outputs;

/// <summary>What to write beside the observed data of each dataset.</summary>
public sealed record TeachingOptions
{
    /// <summary>Also write the complete data (before missingness): <c>BASE.complete.EXT</c>.</summary>
    public bool Complete { get; init; }

    /// <summary>Also write the missingness mask: <c>BASE.mask.EXT</c>, a boolean column per variable with missingness, true where missing.</summary>
    public bool Mask { get; init; }

    /// <summary>Plant dirty data in the data file; the clean data goes to <c>BASE.clean.EXT</c> and the log to <c>BASE.dirty-log.csv</c>.</summary>
    public DirtyData? Dirty { get; init; }

    /// <summary>Split the rows into parts, each its own dataset.</summary>
    public DataSplit? Split { get; init; }
}
