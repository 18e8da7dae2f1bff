namespace DagSynth.Models;

/// <summary>The node types a model file may name with <c>type:</c>.</summary>
public enum NodeType
{
    /// <summary><c>categorical</c>: levels with a table (the default when <c>levels</c> is given).</summary>
    Categorical,

    /// <summary><c>ordinal</c>: ordered levels with a table, or a cumulative-logit model.</summary>
    Ordinal,

    /// <summary><c>boolean</c>: false/true with a table.</summary>
    Boolean,

    /// <summary><c>logistic</c>: a boolean whose log-odds are linear in its terms.</summary>
    Logistic,

    /// <summary><c>multinomial</c>: levels with a baseline-category logit model.</summary>
    Multinomial,

    /// <summary><c>noisy_or</c>: a boolean caused independently by each of its causes, plus a leak.</summary>
    NoisyOr,

    /// <summary><c>normal</c>.</summary>
    Normal,

    /// <summary><c>lognormal</c>.</summary>
    LogNormal,

    /// <summary><c>gamma</c>.</summary>
    Gamma,

    /// <summary><c>beta</c>.</summary>
    Beta,

    /// <summary><c>uniform</c>.</summary>
    Uniform,

    /// <summary><c>truncated_normal</c>.</summary>
    TruncatedNormal,

    /// <summary><c>exponential</c>.</summary>
    Exponential,

    /// <summary><c>weibull</c>.</summary>
    Weibull,

    /// <summary><c>poisson</c>.</summary>
    Poisson,

    /// <summary><c>negative_binomial</c>.</summary>
    NegativeBinomial,

    /// <summary><c>binomial</c>.</summary>
    Binomial,

    /// <summary><c>derive</c>: a deterministic formula.</summary>
    Derive,

    /// <summary><c>date</c>: uniform between two dates, or a date formula.</summary>
    Date,

    /// <summary><c>id</c>: unique identifiers from a pattern.</summary>
    Identifier,

    /// <summary><c>fake</c>: names, addresses and other fake text.</summary>
    Fake,
}
