namespace DagSynth.Specs;

/// <summary>The order of the numbers of a <see cref="FullTableSpec"/>.</summary>
public enum TableOrder
{
    /// <summary>
    /// The canonical layout: row-major over (parent 1, ..., parent k, child), the child varying
    /// fastest, then the last parent (XMLBIF, Hugin NET, UAI, XDSL).
    /// </summary>
    ChildFastest,

    /// <summary>
    /// Row-major over (child, parent 1, ..., parent k): the child varying slowest, the last parent
    /// fastest (the <c>table</c> statement of BIF 0.15).
    /// </summary>
    ChildSlowest,
}
