using System.Collections.Immutable;
using System.Runtime.InteropServices;
using DagSynth.Diagnostics;
using DagSynth.Specs;

namespace DagSynth.IO.Formats.Text;

/// <summary>Numbers read from a file with the line and column of each, turned into table specs without an object per number.</summary>
internal sealed class NumberList(string source)
{
    private readonly List<double> _values = [];
    private readonly List<int> _lines = [];
    private readonly List<int> _columns = [];

    /// <summary>How many numbers have been added.</summary>
    public int Count => _values.Count;

    /// <summary>Adds a number read at <paramref name="line"/>, <paramref name="column"/>.</summary>
    public void Add(double value, int line, int column)
    {
        _values.Add(value);
        _lines.Add(line);
        _columns.Add(column);
    }

    /// <summary>The numbers.</summary>
    public ImmutableArray<double> Values() => ImmutableCollectionsMarshal.AsImmutableArray(_values.ToArray());

    /// <summary>A whole table of these numbers, in <paramref name="order"/>, reporting a bad number at its own place.</summary>
    public FullTableSpec ToFullTable(SourceSpan span, TableOrder order)
    {
        var lines = _lines.ToArray();
        var columns = _columns.ToArray();
        return new FullTableSpec(span, Values(), order, i => new SourceSpan(source, lines[i], columns[i]));
    }
}
