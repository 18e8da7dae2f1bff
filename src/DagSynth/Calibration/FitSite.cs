using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Calibration;

/// <summary>Where a fit token stands in a variable's definition.</summary>
internal enum FitSiteKind
{
    /// <summary>A cell of a root variable's <c>probs</c>.</summary>
    RootProbability,

    /// <summary>A cell of a table entry's probabilities.</summary>
    TableProbability,

    /// <summary>A value inside a type-specific setting (an intercept, an odds ratio, a distribution parameter...).</summary>
    Setting,
}

/// <summary>One fit token found in a model spec, in the fixed order <see cref="SpecRewriter"/> visits them.</summary>
/// <param name="Ordinal">The token's position in that order.</param>
/// <param name="Variable">The index of the variable (in the spec's order) whose definition holds it.</param>
/// <param name="Kind">Where in the definition.</param>
/// <param name="Entry">The table entry's index, for <see cref="FitSiteKind.TableProbability"/>; else -1.</param>
/// <param name="Cell">The position in its probability row or setting list, or -1.</param>
/// <param name="Level">The level named by a probability map (<c>{false: fit, true: fit}</c>), or null.</param>
/// <param name="Path">For settings: the keys from the setting down (list items as <c>[i]</c>).</param>
/// <param name="Text">The token as written.</param>
/// <param name="Span">Where it is written.</param>
internal sealed record FitSite(
    int Ordinal,
    int Variable,
    FitSiteKind Kind,
    int Entry,
    int Cell,
    string? Level,
    ImmutableArray<string> Path,
    string Text,
    SourceSpan Span);
