using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Models;
using DagSynth.Randomness;
using DagSynth.Sampling;

namespace DagSynth.Outputs;

/// <summary>
/// A split of the rows into named parts (<c>train=0.8,test=0.2</c>), optionally stratified by a
/// discrete variable. Rows are dealt in blocks of <see cref="BlockSize"/>: each block holds every
/// part in its exact share, in an order shuffled from the block's own random stream, so the shares
/// are exact in every block (and, stratified, in every stratum's blocks).
/// </summary>
public sealed record DataSplit
{
    private DataSplit(ImmutableArray<string> names, ImmutableArray<double> fractions, int? stratify, ImmutableArray<int> counts)
    {
        Names = names;
        Fractions = fractions;
        Stratify = stratify;
        BlockCounts = counts;
    }

    /// <summary>The parts' names, in the order given.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The parts' shares, summing to 1.</summary>
    public ImmutableArray<double> Fractions { get; }

    /// <summary>The variable the split is stratified by, if any.</summary>
    public int? Stratify { get; }

    /// <summary>How many rows of each part a block holds.</summary>
    public ImmutableArray<int> BlockCounts { get; }

    /// <summary>The number of rows in a block: the smallest (up to 1000) in which every share is a whole number of rows, else 1000.</summary>
    public int BlockSize => BlockCounts.Sum();

    /// <summary>Parses <c>NAME=SHARE,NAME=SHARE...</c>; shares must be positive and sum to 1 (within 1e-9). Returns an error message on failure.</summary>
    public static (DataSplit? Split, string? Error) Parse(string text, Model model, string? stratify = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(model);
        var names = ImmutableArray.CreateBuilder<string>();
        var fractions = ImmutableArray.CreateBuilder<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || !(f > 0 && f <= 1))
            {
                return (null, $"'{part}' is not NAME=SHARE with a share above 0 and at most 1 (e.g. --split train=0.8,test=0.2)");
            }

            var name = part[..eq];
            if (name.Any(c => !(char.IsLetterOrDigit(c) || c is '-' or '_')))
            {
                return (null, $"the part name '{name}' may hold only letters, digits, '-' and '_' (it goes into file names)");
            }

            if (names.Contains(name))
            {
                return (null, $"the part '{name}' is named twice");
            }

            names.Add(name);
            fractions.Add(f);
        }

        if (names.Count < 2)
        {
            return (null, "a split needs at least two parts, e.g. --split train=0.8,test=0.2");
        }

        if (Math.Abs(fractions.Sum() - 1) > 1e-9)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"the shares sum to {fractions.Sum():0.######}, not 1"));
        }

        int? stratum = null;
        if (stratify is not null)
        {
            if (!model.TryGetVariable(stratify, out var v))
            {
                return (null, $"cannot stratify by '{stratify}': the model has no such variable");
            }

            if (!v.IsDiscrete)
            {
                return (null, $"cannot stratify by '{stratify}': it has no levels (derive a categorical variable with cut() first)");
            }

            stratum = v.Index;
        }

        return (new DataSplit(names.ToImmutable(), fractions.ToImmutable(), stratum, BlockCountsOf(fractions.ToImmutable())), null);
    }

    private static ImmutableArray<int> BlockCountsOf(ImmutableArray<double> fractions)
    {
        for (var size = 2; size <= 1000; size++)
        {
            if (fractions.All(f => Math.Abs((f * size) - Math.Round(f * size)) < 1e-9 && Math.Round(f * size) >= 1))
            {
                return [.. fractions.Select(f => (int)Math.Round(f * size))];
            }
        }

        // Largest remainders over 1000 rows.
        var counts = fractions.Select(f => (int)Math.Floor(f * 1000)).ToArray();
        foreach (var k in Enumerable.Range(0, fractions.Length).OrderByDescending(k => (fractions[k] * 1000) - counts[k]).ThenBy(k => k).Take(1000 - counts.Sum()))
        {
            counts[k]++;
        }

        return [.. counts];
    }

    /// <summary>A new assigner of rows to parts for one dataset generated with <paramref name="seed"/>.</summary>
    public SplitAssigner CreateAssigner(Model model, ulong seed) => new(this, model, seed);
}

/// <summary>
/// Deals rows to the parts of a <see cref="DataSplit"/>, in row order. Row k of a stratum (or of the
/// dataset, unstratified) takes position k mod B of block k / B, whose order is a Fisher-Yates shuffle
/// of the block's parts drawn from <c>CellDraws(VariableKey(seed, "\0split" + level), block)</c>
/// (level empty when unstratified). Unstratified, a row's part depends only on its global index,
/// so shards agree with a single run; stratified, it depends on the rows before it.
/// </summary>
public sealed class SplitAssigner
{
    private readonly DataSplit _split;
    private readonly ulong[] _keys;
    private readonly long[] _seen;
    private readonly long[] _block;
    private readonly int[][] _order;

    internal SplitAssigner(DataSplit split, Model model, ulong seed)
    {
        _split = split;
        var strata = split.Stratify is { } s ? model.Variables[s].Levels : [string.Empty];
        _keys = [.. strata.Select(level => CellRandom.VariableKey(seed, "\0split" + level))];
        _seen = new long[strata.Length];
        _block = [.. strata.Select(_ => -1L)];
        _order = [.. strata.Select(_ => new int[split.BlockSize])];
    }

    /// <summary>Writes the part (index into <see cref="DataSplit.Names"/>) of every row of <paramref name="batch"/>.</summary>
    public void Assign(SampleBatch batch, Span<int> parts)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var size = _split.BlockSize;
        var codes = _split.Stratify is { } s ? batch.Codes(s) : default;
        for (var i = 0; i < batch.Count; i++)
        {
            var stratum = _split.Stratify is null ? 0 : codes[i];
            var k = _split.Stratify is null ? batch.FirstRow + i : _seen[stratum]++;
            var block = k / size;
            if (_block[stratum] != block)
            {
                Shuffle(_order[stratum], _keys[stratum], block);
                _block[stratum] = block;
            }

            parts[i] = _order[stratum][(int)(k % size)];
        }
    }

    private void Shuffle(int[] order, ulong key, long block)
    {
        var at = 0;
        for (var p = 0; p < _split.BlockCounts.Length; p++)
        {
            for (var j = 0; j < _split.BlockCounts[p]; j++)
            {
                order[at++] = p;
            }
        }

        var draws = new CellDraws(key, block);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(draws.NextUnit() * (i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
