using System.Globalization;
using DagSynth.Models;
using DagSynth.Sampling;

namespace DagSynth.IO.Csv;

/// <summary>Formats numeric cells as text without allocating: the one definition every text writer uses.</summary>
public static class CellText
{
    /// <summary>
    /// Formats a numeric cell of <paramref name="variable"/> into <paramref name="buffer"/> (at least 256
    /// characters): continuous values in the shortest round-trip form, counts as whole numbers, dates as
    /// <c>yyyy-MM-dd</c>, identifiers by their pattern. NaN (a missing value) is empty.
    /// </summary>
    public static ReadOnlySpan<char> Format(Variable variable, double value, Span<char> buffer)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (double.IsNaN(value))
        {
            return [];
        }

        int written;
        switch (variable.Kind)
        {
            case VariableKind.Count:
                ((long)value).TryFormat(buffer, out written, default, CultureInfo.InvariantCulture);
                return buffer[..written];
            case VariableKind.Date:
                DataText.ToDate(value).TryFormat(buffer, out written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return buffer[..written];
            case VariableKind.Identifier when variable.Conditional is IdentifierConditional id:
                {
                    id.Prefix.AsSpan().CopyTo(buffer);
                    var at = id.Prefix.Length;
                    ((long)value).TryFormat(buffer[at..], out written, id.NumberFormat, CultureInfo.InvariantCulture);
                    at += written;
                    id.Suffix.AsSpan().CopyTo(buffer[at..]);
                    return buffer[..(at + id.Suffix.Length)];
                }

            default:
                value.TryFormat(buffer, out written, "R", CultureInfo.InvariantCulture);
                return buffer[..written];
        }
    }
}
