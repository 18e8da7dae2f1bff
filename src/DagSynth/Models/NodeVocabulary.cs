using System.Collections.Frozen;
using System.Collections.Immutable;

namespace DagSynth.Models;

/// <summary>
/// The vocabulary of node types: the name written after <c>type:</c> and the keys each type takes.
/// Defined once here so that every reader checks keys the same way and "did you mean" knows them.
/// </summary>
public static class NodeVocabulary
{
    /// <summary>Keys every variable may have.</summary>
    public static readonly ImmutableArray<string> CommonKeys = ["type", "given", "label", "description", "unit", "missing"];

    /// <summary>The mechanisms a <c>missing:</c> setting names: <c>mcar</c> (a rate), <c>mar</c> and <c>mnar</c> (logistic models).</summary>
    public static readonly ImmutableArray<string> MissingnessKeys = ["mcar", "mar", "mnar"];

    /// <summary>The keys of a MAR or MNAR model: those of a logistic node.</summary>
    public static readonly ImmutableArray<string> MissingnessModelKeys = ["baseline", "intercept", "odds_ratios", "coefficients"];

    /// <summary>Keys of table-based discrete variables.</summary>
    public static readonly ImmutableArray<string> TableKeys = ["levels", "ordered", "probs", "table", "normalize"];

    /// <summary>Keys of the regression-style discrete nodes.</summary>
    public static readonly ImmutableArray<string> RegressionKeys = ["intercept", "baseline", "odds_ratios", "coefficients"];

    /// <summary>Keys that numeric nodes share: post-processing of the drawn value.</summary>
    public static readonly ImmutableArray<string> NumericKeys = ["clip", "round"];

    /// <summary>The type names, in documentation order.</summary>
    public static readonly FrozenDictionary<string, NodeType> Types = new Dictionary<string, NodeType>(StringComparer.Ordinal)
    {
        ["categorical"] = NodeType.Categorical,
        ["ordinal"] = NodeType.Ordinal,
        ["boolean"] = NodeType.Boolean,
        ["logistic"] = NodeType.Logistic,
        ["multinomial"] = NodeType.Multinomial,
        ["noisy_or"] = NodeType.NoisyOr,
        ["normal"] = NodeType.Normal,
        ["lognormal"] = NodeType.LogNormal,
        ["gamma"] = NodeType.Gamma,
        ["beta"] = NodeType.Beta,
        ["uniform"] = NodeType.Uniform,
        ["truncated_normal"] = NodeType.TruncatedNormal,
        ["exponential"] = NodeType.Exponential,
        ["weibull"] = NodeType.Weibull,
        ["poisson"] = NodeType.Poisson,
        ["negative_binomial"] = NodeType.NegativeBinomial,
        ["binomial"] = NodeType.Binomial,
        ["derive"] = NodeType.Derive,
        ["date"] = NodeType.Date,
        ["id"] = NodeType.Identifier,
        ["fake"] = NodeType.Fake,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The parameter sets a distribution accepts; exactly one set must be given. The first set is
    /// the distribution's canonical parameterisation.
    /// </summary>
    public static readonly FrozenDictionary<NodeType, ImmutableArray<ImmutableArray<string>>> ParameterSets =
        new Dictionary<NodeType, ImmutableArray<ImmutableArray<string>>>
        {
            [NodeType.Normal] = [["mean", "sd"]],
            [NodeType.LogNormal] = [["meanlog", "sdlog"], ["mean", "sd"], ["mean", "cv"]],
            [NodeType.Gamma] = [["shape", "rate"], ["shape", "scale"], ["mean", "sd"], ["mean", "cv"]],
            [NodeType.Beta] = [["shape1", "shape2"], ["mean", "sd"]],
            [NodeType.Uniform] = [["min", "max"]],
            [NodeType.TruncatedNormal] = [["mean", "sd", "min", "max"], ["mean", "sd", "min"], ["mean", "sd", "max"]],
            [NodeType.Exponential] = [["rate"], ["mean"]],
            [NodeType.Weibull] = [["shape", "scale"]],
            [NodeType.Poisson] = [["mean"]],
            [NodeType.NegativeBinomial] = [["mean", "dispersion"]],
            [NodeType.Binomial] = [["size", "prob"]],
        }.ToFrozenDictionary();

    /// <summary>The name of a node type as written in model files.</summary>
    public static string NameOf(NodeType type) => Types.First(t => t.Value == type).Key;

    /// <summary>Whether nodes of this type are distributions with parameters.</summary>
    public static bool IsDistribution(NodeType type) => ParameterSets.ContainsKey(type);

    /// <summary>The keys a variable of <paramref name="type"/> may have, beyond <see cref="CommonKeys"/>.</summary>
    public static ImmutableArray<string> KeysOf(NodeType type) => type switch
    {
        NodeType.Categorical or NodeType.Boolean => TableKeys,
        NodeType.Ordinal => [.. TableKeys, .. RegressionKeys, "thresholds"],
        NodeType.Logistic => RegressionKeys,
        NodeType.Multinomial => ["levels", "baseline", "intercepts", "odds_ratios", "coefficients"],
        NodeType.NoisyOr => ["leak", "causes"],
        NodeType.Derive => ["formula", "round"],
        NodeType.Date => ["min", "max", "formula"],
        NodeType.Identifier => ["pattern", "order"],
        NodeType.Fake => ["field", "locale", "sex"],
        _ => [.. ParameterSets[type].SelectMany(s => s).Distinct(), .. NumericKeys],
    };

    /// <summary>The fake-text fields a <c>fake</c> node may ask for.</summary>
    public static readonly ImmutableArray<string> FakeFields =
        ["first_name", "last_name", "full_name", "street_address", "city", "zip_code", "phone", "email"];
}
