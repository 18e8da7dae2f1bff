namespace DagSynth.Expressions;

/// <summary>Read access to the columns of a batch of rows, for the vector evaluator.</summary>
public interface IColumnReader
{
    /// <summary>The number of rows.</summary>
    int Count { get; }

    /// <summary>The level codes of a discrete variable.</summary>
    ReadOnlySpan<ushort> Codes(int variable);

    /// <summary>The values of a numeric variable.</summary>
    ReadOnlySpan<double> Values(int variable);
}
