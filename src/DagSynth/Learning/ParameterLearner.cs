using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Learning;

/// <summary>
/// Parameter learning for a given DAG: every conditional probability table of a model whose variables
/// are all discrete tables is re-estimated from columns of level codes, under a Dirichlet prior (BDeu)
/// or by maximum likelihood. Missing cells are handled family by family (available-case): a row
/// counts for a table when the child and all its parents are observed in it. The learned model keeps
/// everything else of the given one (names, levels, parents, rules, missingness settings); when
/// the learned tables allow what one of its rules forbids (a cell the given model held at zero), no
/// model is returned and the rule is reported, as the validation gate would.
/// </summary>
public static class ParameterLearner
{
    /// <summary>The code of a missing cell in a column.</summary>
    public const ushort MissingCode = ushort.MaxValue;

    /// <summary>An error for every variable of <paramref name="model"/> that is not a discrete table (only tables can be learned); empty when all are.</summary>
    public static ImmutableArray<Diagnostic> Check(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.Variables.Where(v => v.Conditional is not CptConditional).Select(v => Diagnostic.Error(
            DiagnosticCodes.NotLearnable,
            v.Location,
            $"'{v.Name}' is a {NodeVocabulary.NameOf(v.Type)} node, not a discrete table; only tables can be learned",
            "learn a model whose variables all have levels and probability tables (derive categories from the others first)"))];
    }

    /// <summary>
    /// Learns every table of <paramref name="model"/> from <paramref name="columns"/> (one column of
    /// level codes per variable, by index, all of the same length).
    /// </summary>
    /// <exception cref="ArgumentException">The columns do not match the model, or the options are out of range.</exception>
    public static LearningResult Learn(Model model, IReadOnlyList<ReadOnlyMemory<ushort>> columns, LearningOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(columns);
        if (options.Prior == PriorKind.BDeu && !(options.EquivalentSampleSize > 0 && double.IsFinite(options.EquivalentSampleSize)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EquivalentSampleSize, "the equivalent sample size must be a positive number");
        }

        if (columns.Count != model.Variables.Length)
        {
            throw new ArgumentException($"one column per variable is needed ({model.Variables.Length}, not {columns.Count})", nameof(columns));
        }

        var rows = model.Variables.Length == 0 ? 0 : columns[0].Length;
        if (columns.Any(c => c.Length != rows))
        {
            throw new ArgumentException("every column must have the same number of rows", nameof(columns));
        }

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        diagnostics.AddRange(Check(model));
        if (diagnostics.Count > 0)
        {
            return new LearningResult(null, diagnostics.ToImmutable(), [], rows);
        }

        var counts = ImmutableArray.CreateBuilder<FamilyCounts>(model.Variables.Length);
        var learned = ImmutableArray.CreateBuilder<Variable>(model.Variables.Length);
        foreach (var v in model.Variables)
        {
            var given = ((CptConditional)v.Conditional).Table;
            var family = FamilyCounts.Count(
                columns[v.Index].Span,
                v.Cardinality,
                [.. v.Parents.Select(p => columns[p])],
                given.ParentCardinalities);
            counts.Add(family);
            var values = Estimate(family, options, options.KeepZeros ? given.Values : default);
            learned.Add(v.WithTable(new Cpt(given.ParentCardinalities, v.Cardinality, values)));
            if (options.Prior == PriorKind.None && family.UnseenConfigurations is > 0 and var unseen)
            {
                diagnostics.Add(Diagnostic.Warning(
                    DiagnosticCodes.UnseenConfiguration,
                    v.Location,
                    string.Create(CultureInfo.InvariantCulture, $"{unseen} of {family.ConfigurationCount} parent configurations of '{v.Name}' never occur in the data; their rows are uniform"),
                    "a prior (--prior bdeu) gives every configuration an estimate; more data, or fewer parent levels, give them counts"));
            }
        }

        var result = model.WithVariables(learned.MoveToImmutable());
        if (!model.Rules.IsEmpty)
        {
            // Estimates fill cells the given model left at zero; a rule that then can be broken makes the
            // learned model one the gate would refuse, so it is not returned.
            var broken = Inference.InferenceEngine.Create(result).ProveRules().Diagnostics.Where(d => d.IsError).ToList();
            diagnostics.AddRange(broken.Select(d => d with
            {
                Message = $"learned tables: {d.Message}",
                Hint = "keep the given model's structural zeros (--keep-zeros), or drop the rule from the model",
            }));
            if (broken.Count > 0)
            {
                return new LearningResult(null, diagnostics.ToImmutable(), counts.MoveToImmutable(), rows);
            }
        }

        return new LearningResult(result, diagnostics.ToImmutable(), counts.MoveToImmutable(), rows);
    }

    /// <summary>
    /// The table estimated from <paramref name="counts"/>, in the canonical layout. With BDeu each cell
    /// gets (n + a) / (N + r a), a = ESS / (q r); without a prior n / N, and a uniform row when N = 0.
    /// When <paramref name="zerosOf"/> is not empty, its zero cells stay zero and each row is
    /// renormalised over the others (a row with no usable count is uniform over them).
    /// </summary>
    /// <param name="counts">The family's counts.</param>
    /// <param name="options">The prior.</param>
    /// <param name="zerosOf">A table of the same layout whose zeros are kept, or empty.</param>
    public static double[] Estimate(FamilyCounts counts, LearningOptions options, ReadOnlySpan<double> zerosOf)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var r = counts.Cardinality;
        var q = counts.ConfigurationCount;
        if (!zerosOf.IsEmpty && zerosOf.Length != q * r)
        {
            throw new ArgumentException("the table of zeros must have the counts' layout", nameof(zerosOf));
        }

        var pseudo = options.Prior == PriorKind.BDeu ? options.EquivalentSampleSize / ((double)q * r) : 0;
        var values = new double[q * r];
        for (var j = 0; j < q; j++)
        {
            var row = counts.Row(j);
            var start = j * r;
            var sum = 0.0;
            for (var k = 0; k < r; k++)
            {
                var allowed = zerosOf.IsEmpty || zerosOf[start + k] != 0;
                values[start + k] = allowed ? row[k] + pseudo : 0;
                sum += values[start + k];
            }

            if (sum == 0)
            {
                // No usable count and no prior: uniform over the allowed cells.
                for (var k = 0; k < r; k++)
                {
                    values[start + k] = zerosOf.IsEmpty || zerosOf[start + k] != 0 ? 1 : 0;
                    sum += values[start + k];
                }
            }

            for (var k = 0; k < r; k++)
            {
                values[start + k] /= sum;
            }
        }

        return values;
    }
}
