using System.Globalization;

namespace DagSynth.Sampling;

/// <summary>
/// One of <see cref="Count"/> contiguous slices of a dataset's rows: shard i holds rows
/// floor(i R / N) to floor((i + 1) R / N) - 1. Rows are keyed by their global index, so the shards,
/// generated anywhere and concatenated in order, are the dataset of a single run.
/// </summary>
/// <param name="Index">The shard, from 0.</param>
/// <param name="Count">The number of shards.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The environment variables a cluster scheduler sets to a task's index, read in place of I in <c>I/N</c>.</summary>
    public static readonly IReadOnlyList<string> IndexVariables = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"];

    /// <summary>The first row and the number of rows of this shard of <paramref name="totalRows"/>.</summary>
    public (long FirstRow, long Rows) RowsOf(long totalRows)
    {
        var first = (long)((Int128)totalRows * Index / Count);
        var next = (long)((Int128)totalRows * (Index + 1) / Count);
        return (first, next - first);
    }

    /// <summary>
    /// Parses <c>I/N</c>, where I is a number or the name of an environment variable that holds one
    /// (<c>JOB_COMPLETION_INDEX/8</c> in a Kubernetes Indexed Job, <c>SLURM_ARRAY_TASK_ID/8</c> in a
    /// Slurm job array).
    /// </summary>
    /// <param name="text">The text after <c>--shard</c>.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    public static (Shard? Shard, string? Problem) Parse(string text, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return (null, $"--shard takes I/N with N a whole number from 1, e.g. 0/4 or JOB_COMPLETION_INDEX/4, not '{text}'");
        }

        var indexText = text[..slash];
        if (!char.IsAsciiDigit(indexText[0]))
        {
            var value = environment(indexText);
            if (value is null)
            {
                return (null, $"--shard {text}: the environment variable {indexText} is not set");
            }

            indexText = value.Trim();
        }

        if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= count)
        {
            return (null, $"--shard {text}: the shard index must be a whole number from 0 to {count - 1}, not '{indexText}'");
        }

        return (new Shard(index, count), null);
    }
}
