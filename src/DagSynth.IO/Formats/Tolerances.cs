namespace DagSynth.IO.Formats;

/// <summary>The tolerances the interchange readers use (documented in <c>docs/formats.md</c>).</summary>
internal static class Tolerances
{
    /// <summary>
    /// Rows of interchange files are rescaled silently when they sum to 1 within this distance:
    /// real files print 4 to 7 significant digits (bnlearn writes 7, so a row of three thirds sums to
    /// 0.9999999; Hugin writes 6), and rows of many levels add those rounding errors up. 1e-3 accepts
    /// every correctly rounded table of up to a thousand levels and still rejects the real mistakes
    /// found in the corpus (rows summing to 0.9 or 0.8). bnlearn accepts 1e-2.
    /// </summary>
    public const double RoundedRows = 1e-3;
}
