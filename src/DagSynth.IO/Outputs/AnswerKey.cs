using System.Globalization;
using System.Text;
using System.Text.Json;
using DagSynth.Graphs;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Outputs;
using DagSynth.Sampling;

namespace DagSynth.IO.Outputs;

/// <summary>
/// The answer key of a generated dataset: the true DAG, the parameters, the implied marginals, the
/// exposure-outcome effects (crude and causal) and the missingness and dirty-data mechanisms. Marginals
/// and effects are exact (by inference) on the discrete part of the model; variables outside it get
/// Monte-Carlo estimates from a fixed-seed sample of <see cref="MonteCarloRows"/> rows, with 95%
/// confidence intervals, and each number says which it is.
/// </summary>
public sealed class AnswerKey
{
    /// <summary>The rows of the Monte-Carlo sample for variables outside the exact part.</summary>
    public const int MonteCarloRows = 20_000;

    private static readonly string[] EventNames = ["true", "yes", "present", "positive", "1", "case", "event"];
    private static readonly string[] ReferenceNames = ["false", "no", "absent", "negative", "0", "none", "never", "control", "unexposed"];

    private readonly Dictionary<string, object?> _document;

    private AnswerKey(Dictionary<string, object?> document) => _document = document;

    /// <summary>
    /// Computes the answer key of <paramref name="model"/>'s data generated with <paramref name="seed"/>.
    /// Effects are given for <paramref name="outcomes"/> (default: the discrete variables without
    /// children in the exact part, at most three) against every discrete ancestor.
    /// </summary>
    public static AnswerKey Compute(Model model, ulong seed, DirtyData? dirty, IFakeTextSource? fakeText, IReadOnlyList<string>? outcomes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var engine = InferenceEngine.Create(model);
        var part = engine.Part;
        var marginals = engine.Marginals();
        var monteCarlo = part.IsComplete ? null : MonteCarlo.Run(model, seed, fakeText);
        var variables = model.Variables.Select(v => new Dictionary<string, object?>
        {
            ["name"] = v.Name,
            ["type"] = NodeVocabulary.NameOf(v.Type),
            ["parents"] = v.Parents.Select(p => model.Variables[p].Name).ToArray(),
            ["derivation"] = Codebook.Derivation(model, v),
            ["table"] = TableOf(model, v),
            ["marginal"] = part.IsExact(v.Index) && marginals.Succeeded
                ? new Dictionary<string, object?> { ["method"] = "exact", ["probabilities"] = v.Levels.Zip(marginals.Marginals[v.Index]).ToDictionary(x => x.First, x => (object?)Round(x.Second)) }
                : monteCarlo?.Summary(v),
            ["missing"] = v.Missing is { } m ? new Dictionary<string, object?> { ["mechanism"] = m.Kind.ToString().ToUpperInvariant(), ["description"] = m.Describe(), ["reads"] = m.Inputs.Select(i => model.Variables[i].Name).ToArray() } : null,
        }).ToArray();

        var document = new Dictionary<string, object?>
        {
            ["model"] = model.Name,
            ["seed"] = seed,
            ["dag"] = new Dictionary<string, object?>
            {
                ["variables"] = model.Variables.Select(v => v.Name).ToArray(),
                ["edges"] = model.Variables.SelectMany(v => v.Parents.Select(p => new[] { model.Variables[p].Name, v.Name })).ToArray(),
            },
            ["parameters"] = model.Parameters.ToDictionary(p => p.Key, p => (object?)p.Value),
            ["rules"] = model.Rules.Select(r => r.Describe()).ToArray(),
            ["variables"] = variables,
            ["effects"] = Effects(model, engine, outcomes),
            ["missingness_order"] = "missingness is applied after every variable and rule is computed on complete values; a mechanism reads complete values",
            ["dirty_data"] = dirty is null ? null : new Dictionary<string, object?>
            {
                ["source"] = dirty.Source,
                ["kinds"] = dirty.Rules.Select(r => new Dictionary<string, object?>
                {
                    ["kind"] = DirtyData.NameOf(r.Kind),
                    ["rate"] = r.Rate,
                    ["variables"] = r.Variables.Select(i => model.Variables[i].Name).ToArray(),
                    ["conversions"] = r.Conversions.IsEmpty ? null : r.Conversions.Select(c => c.Describe()).ToArray(),
                }).ToArray(),
                ["log"] = "every planted error is listed in BASE.dirty-log.csv (row, clean_row, column, kind, original, dirty)",
            },
        };
        return new AnswerKey(document);
    }

    /// <summary>The answer key as JSON.</summary>
    public string Json() => JsonSerializer.Serialize(_document, JsonOptions.Indented) + "\n";

    /// <summary>The answer key as a Markdown page.</summary>
    public string Markdown()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"# Answer key: {_document["model"]}\n\nSeed {_document["seed"]}. Exact values come from exact inference on the model; values marked Monte Carlo are estimates from a fixed-seed sample of {MonteCarloRows:N0} rows with 95% confidence intervals.\n\n");
        text.Append("## The DAG\n\n");
        foreach (var edge in (string[][])((Dictionary<string, object?>)_document["dag"]!)["edges"]!)
        {
            text.Append(c, $"- {edge[0]} → {edge[1]}\n");
        }

        if (((string[])_document["rules"]!).Length > 0)
        {
            text.Append("\nRules: ").Append(string.Join("; ", (string[])_document["rules"]!)).Append('\n');
        }

        text.Append("\n## Variables, parameters and implied marginals\n\n");
        foreach (var v in (Dictionary<string, object?>[])_document["variables"]!)
        {
            text.Append(c, $"### {v["name"]}\n\n{v["type"]}; {v["derivation"]}\n\n");
            if (v["table"] is List<Dictionary<string, object?>> table)
            {
                foreach (var row in table)
                {
                    text.Append(c, $"- {row["given"]}: {string.Join(", ", ((Dictionary<string, double>)row["probabilities"]!).Select(p => $"{p.Key} {p.Value.ToString("0.######", c)}"))}\n");
                }

                text.Append('\n');
            }

            if (v["marginal"] is Dictionary<string, object?> marginal)
            {
                text.Append(c, $"Marginal ({marginal["method"]}): ");
                if (marginal.TryGetValue("probabilities", out var probabilities) && probabilities is Dictionary<string, object?> p)
                {
                    text.Append(string.Join(", ", p.Select(kv => kv.Value is Dictionary<string, object?> est
                        ? string.Create(c, $"{kv.Key} {est["estimate"]} (95% CI {est["ci_low"]} to {est["ci_high"]})")
                        : string.Create(c, $"{kv.Key} {kv.Value}"))));
                }
                else
                {
                    text.Append(string.Join(", ", marginal.Where(kv => kv.Key != "method").Select(kv => $"{kv.Key} {kv.Value}")));
                }

                text.Append("\n\n");
            }

            if (v["missing"] is Dictionary<string, object?> missing)
            {
                text.Append(c, $"Missing: {missing["description"]}\n\n");
            }
        }

        text.Append("## Effects (exact)\n\n");
        if (_document["effects"] is List<Dictionary<string, object?>> { Count: > 0 } effects)
        {
            text.Append("| outcome | exposure | contrast | crude OR | crude RR | crude RD | causal OR | causal RR | causal RD | back-door path |\n|---|---|---|---|---|---|---|---|---|---|\n");
            foreach (var e in effects)
            {
                text.Append(c, $"| {e["outcome"]} | {e["exposure"]} | {e["contrast"]} | {e["crude_or"]} | {e["crude_rr"]} | {e["crude_rd"]} | {e["causal_or"]} | {e["causal_rr"]} | {e["causal_rd"]} | {e["backdoor_path"]} |\n");
            }
        }
        else
        {
            text.Append("No discrete outcome in the exact part of the model.\n");
        }

        text.Append(c, $"\n## Missingness\n\n{_document["missingness_order"]}.\n");
        if (_document["dirty_data"] is Dictionary<string, object?> dirty)
        {
            text.Append(c, $"\n## Dirty data ({dirty["source"]})\n\n");
            foreach (var k in (Dictionary<string, object?>[])dirty["kinds"]!)
            {
                var on = ((string[])k["variables"]!).Length > 0 ? $" on {string.Join(", ", (string[])k["variables"]!)}" : string.Empty;
                var conversions = k["conversions"] is string[] conv ? $" ({string.Join("; ", conv)})" : string.Empty;
                text.Append(c, $"- {k["kind"]}: rate {k["rate"]}{on}{conversions}\n");
            }

            text.Append(c, $"\n{dirty["log"]}.\n");
        }

        return text.ToString();
    }

    private static List<Dictionary<string, object?>>? TableOf(Model model, Variable v)
    {
        if (v.Conditional is not CptConditional cpt || cpt.Table.RowCount > 256)
        {
            return null;
        }

        var rows = new List<Dictionary<string, object?>>();
        var levels = new int[v.Parents.Length];
        for (var r = 0; r < cpt.Table.RowCount; r++)
        {
            cpt.Table.LevelsOf(r, levels);
            var given = v.Parents.IsEmpty ? "(no parents)" : string.Join(", ", v.Parents.Select((p, i) => $"{model.Variables[p].Name}={model.Variables[p].Levels[levels[i]]}"));
            var row = cpt.Table.Row(r).ToArray();
            rows.Add(new Dictionary<string, object?> { ["given"] = given, ["probabilities"] = v.Levels.Zip(row).ToDictionary(x => x.First, x => Round(x.Second)) });
        }

        return rows;
    }

    private static List<Dictionary<string, object?>> Effects(Model model, InferenceEngine engine, IReadOnlyList<string>? outcomeNames)
    {
        var part = engine.Part;
        var outcomes = outcomeNames is { Count: > 0 }
            ? outcomeNames.Select(n => model.IndexOf(n)).Where(i => i >= 0 && part.IsExact(i) && model.Variables[i].IsDiscrete).ToList()
            : [.. model.Variables.Where(v => v.IsDiscrete && part.IsExact(v.Index) && model.Children[v.Index].IsEmpty && !DagAnalysis.Ancestors(model, v.Index).IsEmpty).Select(v => v.Index).TakeLast(3)];
        var result = new List<Dictionary<string, object?>>();
        foreach (var y in outcomes)
        {
            var outcome = new LevelAssignment(y, Preferred(model.Variables[y], EventNames, last: true));
            var exposures = DagAnalysis.Ancestors(model, y).Where(a => part.IsExact(a) && model.Variables[a].IsDiscrete)
                .Select(a => new LevelAssignment(a, Preferred(model.Variables[a], ReferenceNames, last: false))).ToList();
            if (exposures.Count == 0)
            {
                continue;
            }

            var report = engine.Associations(outcome, exposures);
            foreach (var exposure in report.Exposures)
            {
                var x = model.Variables[exposure.Exposure];
                foreach (var level in exposure.Levels)
                {
                    result.Add(new Dictionary<string, object?>
                    {
                        ["outcome"] = outcome.Describe(model),
                        ["exposure"] = x.Name,
                        ["contrast"] = $"{x.Levels[level.Level]} vs {x.Levels[exposure.ReferenceLevel]}",
                        ["p_exposure_level"] = Round(level.Probability),
                        ["crude_or"] = Finite(level.Crude?.OddsRatio),
                        ["crude_rr"] = Finite(level.Crude?.RiskRatio),
                        ["crude_rd"] = Finite(level.Crude?.RiskDifference),
                        ["causal_or"] = Finite(level.Causal.OddsRatio),
                        ["causal_rr"] = Finite(level.Causal.RiskRatio),
                        ["causal_rd"] = Finite(level.Causal.RiskDifference),
                        ["backdoor_path"] = exposure.HasBackdoorPath,
                    });
                }
            }
        }

        return result;
    }

    private static int Preferred(Variable variable, string[] names, bool last)
    {
        foreach (var name in names)
        {
            var k = variable.Levels.IndexOf(variable.Levels.FirstOrDefault(l => string.Equals(l, name, StringComparison.OrdinalIgnoreCase))!);
            if (k >= 0)
            {
                return k;
            }
        }

        return last ? variable.Cardinality - 1 : 0;
    }

    private static double Round(double x) => Math.Round(x, 6);

    private static double? Finite(double? x) => x is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null;

    /// <summary>Monte-Carlo summaries of every variable, from a fixed-seed sample of complete values.</summary>
    private sealed class MonteCarlo : IBatchSink
    {
        private readonly Model _model;
        private readonly long[][] _counts;
        private readonly double[] _sum;
        private readonly double[] _sumSquares;
        private readonly double[] _min;
        private readonly double[] _max;
        private long _rows;

        private MonteCarlo(Model model)
        {
            _model = model;
            _counts = [.. model.Variables.Select(v => new long[Math.Max(1, v.Cardinality)])];
            _sum = new double[model.Variables.Length];
            _sumSquares = new double[model.Variables.Length];
            _min = [.. model.Variables.Select(_ => double.PositiveInfinity)];
            _max = [.. model.Variables.Select(_ => double.NegativeInfinity)];
        }

        public static MonteCarlo? Run(Model model, ulong seed, IFakeTextSource? fakeText)
        {
            var sink = new MonteCarlo(model);
            var plan = SamplingPlan.Compile(model, fakeText);
            var result = Generator.Run(plan, new GenerationOptions { Rows = MonteCarloRows, Seed = seed, Threads = 1 }, sink);
            return result.Succeeded ? sink : null;
        }

        public void Write(SampleBatch batch)
        {
            foreach (var v in _model.Variables)
            {
                if (v.IsDiscrete)
                {
                    foreach (var code in batch.Codes(v.Index))
                    {
                        _counts[v.Index][code]++;
                    }
                }
                else if (v.Kind is not VariableKind.Text)
                {
                    foreach (var x in batch.Values(v.Index))
                    {
                        _sum[v.Index] += x;
                        _sumSquares[v.Index] += x * x;
                        _min[v.Index] = Math.Min(_min[v.Index], x);
                        _max[v.Index] = Math.Max(_max[v.Index], x);
                    }
                }
            }

            _rows += batch.Count;
        }

        public Dictionary<string, object?>? Summary(Variable v)
        {
            var n = (double)_rows;
            if (v.IsDiscrete)
            {
                return new Dictionary<string, object?>
                {
                    ["method"] = $"Monte Carlo, {_rows} rows",
                    ["probabilities"] = v.Levels.Select((l, k) => (l, p: _counts[v.Index][k] / n)).ToDictionary(
                        x => x.l,
                        x => (object?)new Dictionary<string, object?> { ["estimate"] = Round(x.p), ["ci_low"] = Round(Wilson(x.p, n, -1)), ["ci_high"] = Round(Wilson(x.p, n, 1)) }),
                };
            }

            if (v.Kind is VariableKind.Text or VariableKind.Identifier)
            {
                return null;
            }

            var mean = _sum[v.Index] / n;
            var sd = Math.Sqrt(Math.Max(0, (_sumSquares[v.Index] - (n * mean * mean)) / (n - 1)));
            var half = 1.959964 * sd / Math.Sqrt(n);
            return v.Kind == VariableKind.Date
                ? new Dictionary<string, object?> { ["method"] = $"Monte Carlo, {_rows} rows", ["mean"] = DataText.Date(Math.Round(mean)), ["min"] = DataText.Date(_min[v.Index]), ["max"] = DataText.Date(_max[v.Index]) }
                : new Dictionary<string, object?> { ["method"] = $"Monte Carlo, {_rows} rows", ["mean"] = Round(mean), ["mean_ci_low"] = Round(mean - half), ["mean_ci_high"] = Round(mean + half), ["sd"] = Round(sd), ["min"] = _min[v.Index], ["max"] = _max[v.Index] };
        }

        private static double Wilson(double p, double n, int side)
        {
            const double Z = 1.959964;
            var centre = (p + (Z * Z / (2 * n))) / (1 + (Z * Z / n));
            var half = Z * Math.Sqrt((p * (1 - p) / n) + (Z * Z / (4 * n * n))) / (1 + (Z * Z / n));
            return centre + (side * half);
        }
    }
}
